"""Counts of commitments per pillar and status at past moments, without replaying the whole
history on every request.

`StatusTally` keeps, for each past (non-cancelled) meeting, the counts just before it began,
for every commitment and for each lead organisation's. `counts_at` answers "how many stood in
each status just before T" for any moments T: from a tally where there is one, else from the
nearest known counts (a tally, or today's statuses) plus or minus the status changes made in
between — one aggregate over those updates only. `take_tallies` stores the missing tallies of
past meetings (Celery beat runs it; load_demo and the benchmark call it too).

A count just before T includes the updates made before T. History is append-only and each
update's old status is the status it replaced, so adding the changes made from A to B to
the counts just before A gives the counts just before B, and subtracting goes back."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from meetings.models import Meeting
from workplan.models import Commitment, CommitmentLead, Organization, StatusUpdate, WorkPlan

from .models import PlanRevision, StatusTally

# Counts per pillar id, then per status.
PillarCounts = dict[int, Counter]


def period_of(boundaries: list[datetime.datetime]) -> Case:
    """0 before the first boundary, i for [boundaries[i-1], boundaries[i]), len at the end."""
    return Case(
        *[
            When(created_at__gte=moment, then=Value(index + 1))
            for index, moment in reversed(list(enumerate(boundaries)))
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


def led_by(organization_id: int, commitment: str = "pk") -> Exists:
    """The commitment (`commitment` names its id in the outer query) is led by the org."""
    leads = CommitmentLead.objects.filter(
        commitment=OuterRef(commitment), organization_id=organization_id
    )
    return Exists(leads)


def updates_in_scope(
    plan: WorkPlan, pillar_id: int | None, organization_id: int | None
) -> QuerySet[StatusUpdate]:
    updates = StatusUpdate.objects.filter(commitment__pillar__plan=plan)
    if pillar_id is not None:
        updates = updates.filter(commitment__pillar_id=pillar_id)
    if organization_id is not None:
        updates = updates.filter(led_by(organization_id, "commitment_id"))
    return updates.order_by()


def read_tallies(
    plan: WorkPlan,
    moments: Iterable[datetime.datetime],
    pillar_id: int | None,
    organization_id: int | None,
    *,
    by_pillar: Iterable[datetime.datetime] = (),
) -> dict[datetime.datetime, PillarCounts]:
    """The stored tallies at `moments`, for the scope, summed over the pillars (under the
    key None) except at the `by_pillar` moments; a moment without a tally is left out."""
    moments, by_pillar = list(moments), list(by_pillar)
    tallies = StatusTally.objects.filter(plan=plan, moment__in=moments)
    if pillar_id is not None:
        tallies = tallies.filter(pillar_id=pillar_id)
    if organization_id is None:
        tallies = tallies.filter(organization__isnull=True)
    else:
        tallies = tallies.filter(organization_id=organization_id)
    pillar = Case(
        When(moment__in=by_pillar, then=F("pillar_id")) if by_pillar else When(pk=None, then=0),
        default=None,
        output_field=IntegerField(),
    )
    rows = (
        tallies.order_by()
        .annotate(part=pillar)
        .values_list("moment", "part", "status")
        .annotate(total=Sum("count"))
    )
    found: dict[datetime.datetime, PillarCounts] = defaultdict(lambda: defaultdict(Counter))
    for moment, part, status, count in rows:
        found[moment][part][status] += count
    return found


def copy_counts(counts: PillarCounts) -> PillarCounts:
    return defaultdict(Counter, {pillar: Counter(c) for pillar, c in counts.items()})


def counts_at(
    plan: WorkPlan,
    targets: Iterable[datetime.datetime],
    *,
    live: PillarCounts,
    known: dict[datetime.datetime, PillarCounts],
    pillar_id: int | None = None,
    organization_id: int | None = None,
    by_pillar: Iterable[datetime.datetime] = (),
) -> dict[datetime.datetime, PillarCounts]:
    """Counts per pillar just before each target, for the scope: from `known` counts (e.g.
    stored tallies) where there are, else from the nearest known counts — before the target
    if any, else after it, else today's (`live`) — and the changes in between: at most one
    aggregate query, none when every target is known. Known counts summed over the pillars
    (key None) cannot anchor a target wanted `by_pillar`."""
    wanted = sorted(set(targets))
    result = {t: known[t] for t in wanted if t in known}
    missing = [t for t in wanted if t not in known]
    if not missing:
        return result
    detailed = set(by_pillar)
    anchor_of: dict[datetime.datetime, datetime.datetime | None] = {}
    for target in missing:
        anchors = sorted(a for a in known if target not in detailed or None not in known[a])
        before = [a for a in anchors if a < target]
        after = [a for a in anchors if a > target]
        anchor_of[target] = before[-1] if before else (after[0] if after else None)
    points = sorted({*missing, *(a for a in anchor_of.values() if a is not None)})
    to_now = any(a is None for a in anchor_of.values())
    updates = updates_in_scope(plan, pillar_id, organization_id).filter(created_at__gte=points[0])
    if not to_now:
        updates = updates.filter(created_at__lt=points[-1])
    # An update that kept the status moves no count: leave it out of the aggregate.
    updates = updates.exclude(old_status=F("new_status"))
    flows = (
        updates.annotate(period=period_of(points))
        .values_list("period", "commitment__pillar_id", "old_status", "new_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    # Period k (1-based) holds the updates from points[k-1] to points[k] (or to now).
    net: dict[int, PillarCounts] = defaultdict(lambda: defaultdict(Counter))
    for period, pillar, old, new, count in flows:
        net[period][pillar][new] += count
        net[period][pillar][old] -= count
    position = {point: index for index, point in enumerate(points)}
    for target in missing:
        anchor = anchor_of[target]
        counts = copy_counts(live if anchor is None else known[anchor])
        if anchor is not None and anchor < target:
            periods, sign = range(position[anchor] + 1, position[target] + 1), 1
        else:
            end = len(points) if anchor is None else position[anchor]
            periods, sign = range(position[target] + 1, end + 1), -1
        for period in periods:
            for pillar, change in net.get(period, {}).items():
                for status, count in change.items():
                    counts[pillar][status] += sign * count
        result[target] = counts
    return result


# Before any update: the anchor of the counts that take_tallies stores.
BEGINNING = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


def initial_counts(plan: WorkPlan, organization_id: int | None = None) -> PillarCounts:
    """Counts per pillar of each commitment's status before its first update (today's
    when it has none)."""
    commitments = Commitment.objects.filter(pillar__plan=plan).with_initial_status()
    if organization_id is not None:
        commitments = commitments.filter(led_by(organization_id))
    counts: PillarCounts = defaultdict(Counter)
    rows = commitments.order_by().values_list("pillar_id", "initial_status").annotate(n=Count("pk"))
    for pillar, status, n in rows:
        counts[pillar][status] += n
    return counts


def take_tallies(plan: WorkPlan, now: datetime.datetime | None = None) -> int:
    """Store the tallies of the plan's past meetings that have none; the number of rows.

    One transaction holding the plan's revision row: a writer who would make these counts
    stale (a commitment added, a lead changed, a backdated update) waits for it in its
    trigger before it forgets the plan's tallies, so it cannot slip in between counting
    and storing and leave wrong tallies behind for good. Other plans' writers go on."""
    with transaction.atomic():
        PlanRevision.objects.lock(plan)
        return _take_tallies(plan, now or timezone.now())


def _take_tallies(plan: WorkPlan, now: datetime.datetime) -> int:
    moments = set(
        Meeting.objects.filter(plan=plan)
        .not_cancelled()
        .filter(starts_at__lte=now)
        .values_list("starts_at", flat=True)
    )
    moments -= set(StatusTally.objects.filter(plan=plan).values_list("moment", flat=True))
    if not moments:
        return 0
    leaders = Organization.objects.filter(
        Exists(
            CommitmentLead.objects.filter(
                organization=OuterRef("pk"), commitment__pillar__plan=plan
            )
        )
    ).values_list("pk", flat=True)
    rows = []
    for organization_id in [None, *leaders]:
        # Forwards from each commitment's first status (what the history says it was before
        # its first update), so that the tallies follow the history alone.
        first = initial_counts(plan, organization_id)
        if not first:
            continue
        found = counts_at(
            plan,
            moments,
            live=first,
            known={BEGINNING: first},
            organization_id=organization_id,
        )
        for moment, counts in found.items():
            for pillar, by_status in counts.items():
                for status, count in by_status.items():
                    if count > 0:
                        rows.append(
                            StatusTally(
                                plan=plan,
                                moment=moment,
                                pillar_id=pillar,
                                organization_id=organization_id,
                                status=status,
                                count=count,
                            )
                        )
    StatusTally.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return len(rows)


def take_all_tallies(now: datetime.datetime | None = None) -> int:
    return sum(take_tallies(plan, now) for plan in WorkPlan.objects.order_by("pk"))
