"""The dashboard's queries: a fixed number whatever the plan's size."""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, JSONObject

from dashboard.tallies import led_by, updates_in_scope
from workplan.language import both, localized
from workplan.models import (
    Commitment,
    CommitmentLead,
    Organization,
    StatusUpdate,
    WorkPlan,
    _newest_updates,
)
from workplan.quarters import Quarter
from workplan.status import StatusStyle

from .filters import Filters
from .rows import Item, Note, Org, PillarInfo, Row


def load_items(
    plan: WorkPlan, cutoff: datetime.datetime, *, replaying: bool, text: bool = False
) -> list[Item]:
    """Every commitment of the plan (the exports), with the id of each one's latest update at
    `cutoff`, and their lead organisations: two queries."""
    fields = ["pk", "pillar_id", "pillar__position", *both("pillar__title"), "position"]
    fields += [*both("short_title", "text" if text else "short_title")]
    fields += ["status", "latest_update_id"]
    query = Commitment.objects.filter(pillar__plan=plan).with_latest_update_id(cutoff)
    if replaying:
        query = query.with_initial_status()
        fields.append("initial_status")
    pillars: dict[int, PillarInfo] = {}
    items: dict[int, Item] = {}
    rows = query.order_by("pillar__position", "position", "pk").values_list(*fields)
    for (
        pk,
        pillar_id,
        pillar_position,
        pillar_title,
        pillar_title_fr,
        position,
        title,
        title_fr,
        body,
        body_fr,
        status,
        *rest,
    ) in rows:
        pillar = pillars.get(pillar_id)
        if pillar is None:
            pillar = pillars[pillar_id] = PillarInfo(
                pillar_id, pillar_position, localized(pillar_title, pillar_title_fr)
            )
        latest_id = rest[0]
        initial = rest[1] if replaying else status
        short_title = localized(title, title_fr)
        body = localized(body, body_fr) if text else short_title
        items[pk] = Item(pk, pillar, position, short_title, body, status, initial, latest_id)
    leads = (
        CommitmentLead.objects.filter(commitment__pillar__plan=plan)
        .order_by("organization__country_code", "organization__name", "pk")
        .values_list(
            "commitment_id",
            "organization_id",
            "organization__short_name",
            "organization__name",
            "organization__country_code",
        )
    )
    orgs: dict[int, Org] = {}
    for commitment_id, org_id, short_name, name, country in leads:
        org = orgs.get(org_id)
        if org is None:
            org = orgs[org_id] = Org(org_id, short_name, name, country)
        if commitment_id in items:
            items[commitment_id].leads.append(org)
    return list(items.values())


NOTE_FIELDS = [
    "pk",
    "commitment_id",
    "created_at",
    "old_status",
    "new_status",
    "note",
    "author__first_name",
    "author__last_name",
    "author__username",
    "organization__short_name",
]


def notes(rows: Iterable[tuple]) -> list[Note]:
    """Notes from rows of NOTE_FIELDS."""
    found = []
    for pk, commitment_id, at, old, new, note, first, last, username, org in rows:
        name = f"{first} {last}".strip() or username
        found.append(Note(pk, commitment_id, at, old, new, note, name, org or ""))
    return found


# The dashboard and the briefing: a fixed number of queries whatever the plan's size —
# meetings, lead organisations, counts per pillar and status, the quarter's updates (light
# rows), the rows shown with their notes, the first stale rows and, for the trend and counts
# as of a date, the stored tallies plus at most one aggregate of the updates they lack.


def lead_organizations(plan: WorkPlan) -> list[Org]:
    """The organisations that lead at least one of the plan's commitments."""
    leads = CommitmentLead.objects.filter(
        organization=OuterRef("pk"), commitment__pillar__plan=plan
    )
    rows = (
        Organization.objects.filter(Exists(leads))
        .order_by("country_code", "name", "pk")
        .values_list("pk", "short_name", "name", "country_code")
    )
    return [Org(*row) for row in rows]


def census(
    plan: WorkPlan, organization: Org | None
) -> tuple[list[PillarInfo], list[tuple[int, str, int, int]]]:
    """The pillars that have commitments, and (pillar id, status, count, count led by the
    organisation) for every status held today: one GROUP BY query."""
    matching = Count("pk", filter=Q(led_by(organization.pk))) if organization else Count("pk")
    rows = (
        Commitment.objects.filter(pillar__plan=plan)
        .order_by()
        .values_list("pillar_id", "pillar__position", *both("pillar__title"), "status")
        .annotate(count=Count("pk"), matching=matching)
    )
    pillars: dict[int, PillarInfo] = {}
    counts = []
    for pillar_id, position, title, title_fr, status, count, led in rows:
        if pillar_id not in pillars:
            pillars[pillar_id] = PillarInfo(pillar_id, position, localized(title, title_fr))
        counts.append((pillar_id, status, count, led))
    return sorted(pillars.values(), key=lambda p: (p.position, p.pk)), counts


def commitments_in(plan: WorkPlan, filters: Filters) -> QuerySet[Commitment]:
    commitments = Commitment.objects.filter(pillar__plan=plan)
    if filters.pillar is not None:
        commitments = commitments.filter(pillar_id=filters.pillar.pk)
    if filters.organization is not None:
        commitments = commitments.filter(led_by(filters.organization.pk))
    return commitments


@dataclass(slots=True)
class Activity:
    """A commitment's updates from the quarter's start to the cutoff, in brief."""

    pillar_id: int
    position: int
    # Its status before the first of these updates, and as of the cutoff (the last one's).
    opening: str = ""
    status: str = ""
    # Within the quarter's window (start ≤ created_at < window end).
    first_old: str | None = None
    last_new: str | None = None

    @property
    def updated(self) -> bool:
        return self.first_old is not None

    @property
    def changed(self) -> bool:
        return self.updated and self.first_old != self.last_new


def quarter_activity(
    plan: WorkPlan, filters: Filters, quarter: Quarter, cutoff: datetime.datetime
) -> dict[int, Activity]:
    """What each commitment in scope did from the quarter's start to the cutoff: one query
    over those updates only (the created_at index), a few values each."""
    updates = (
        updates_in_scope(
            plan,
            filters.pillar.pk if filters.pillar else None,
            filters.organization.pk if filters.organization else None,
        )
        .filter(created_at__gte=quarter.start, created_at__lte=cutoff)
        .order_by("commitment_id", "created_at", "pk")
        # As of a meeting's day, what was said after the meeting started is next quarter's.
        .annotate(in_window=Q(created_at__lt=quarter.window_end(cutoff)))
        .values_list(
            "commitment_id",
            "commitment__pillar_id",
            "commitment__position",
            "in_window",
            "old_status",
            "new_status",
        )
    )
    found: dict[int, Activity] = {}
    for commitment_id, pillar_id, position, in_window, old, new in updates:
        activity = found.get(commitment_id)
        if activity is None:
            activity = found[commitment_id] = Activity(pillar_id, position, opening=old)
        activity.status = new
        if in_window:
            if activity.first_old is None:
                activity.first_old = old
            activity.last_new = new
    return found


def status_as_of(cutoff: datetime.datetime | None) -> F | Coalesce:
    """A commitment's status at the cutoff (today's when None): its latest update's then,
    else its first update's old status, else today's."""
    if cutoff is None:
        return F("status")
    newest = _newest_updates(cutoff)
    first = StatusUpdate.objects.filter(commitment=OuterRef("pk")).order_by("created_at", "id")
    return Coalesce(
        Subquery(newest.values("new_status")[:1]),
        Subquery(first.values("old_status")[:1]),
        F("status"),
    )


def lead_ids() -> Subquery:
    """The commitment's lead organisations' ids, comma-separated."""
    leads = (
        CommitmentLead.objects.filter(commitment=OuterRef("pk"))
        .order_by()
        .values("commitment")
        .annotate(ids=StringAgg(Cast("organization_id", CharField()), Value(",")))
        .values("ids")
    )
    return Subquery(leads, output_field=CharField())


def with_row_data(
    commitments: QuerySet[Commitment], cutoff: datetime.datetime, *, replaying: bool
) -> QuerySet[Commitment]:
    """What a row prints: status at the cutoff, leads and the latest update (one subquery
    for its id, date and note, as JSON)."""
    newest = _newest_updates(cutoff).values(json=JSONObject(id="pk", at="created_at", note="note"))[
        :1
    ]
    return commitments.annotate(
        status_then=status_as_of(cutoff if replaying else None),
        lead_ids=lead_ids(),
        last=Subquery(newest, output_field=JSONField()),
    )


ROW_FIELDS = [
    "pk",
    "pillar_id",
    "position",
    *both("short_title"),
    "status_then",
    "lead_ids",
    "last",
]
FETCHED = [*ROW_FIELDS, "change", "pillar_position", "kind"]
# The parts of the rows query: the first of each pillar, the first changed, the first stale.
SHOWN, CHANGED, STALE = 0, 1, 2


def with_change(
    commitments: QuerySet[Commitment],
    changed: Q,
    quarter: Quarter,
    cutoff: datetime.datetime,
) -> QuerySet[Commitment]:
    """For the changed commitments only (a CASE, so no other row pays for it): the quarter's
    last update, the one that says what changed, as JSON."""
    in_window = (
        StatusUpdate.objects.filter(
            commitment=OuterRef("pk"),
            created_at__gte=quarter.start,
            created_at__lt=quarter.window_end(cutoff),
        )
        .order_by("-created_at", "-id")
        .values(
            json=JSONObject(
                id="pk",
                at="created_at",
                note="note",
                first="author__first_name",
                last="author__last_name",
                username="author__username",
                org="organization__short_name",
            )
        )[:1]
    )
    change = Case(When(changed, then=Subquery(in_window)), default=None, output_field=JSONField())
    return commitments.annotate(change=change)


def row_data(
    commitments: QuerySet[Commitment],
    cutoff: datetime.datetime,
    quarter: Quarter,
    *,
    replaying: bool,
    changed: Q | None = None,
) -> QuerySet[Commitment]:
    """Rows with ROW_FIELDS and `change` (empty unless `changed`), the same columns in the
    same order so that several can be one UNION."""
    rows = with_row_data(commitments, cutoff, replaying=replaying)
    if changed is None:
        rows = rows.annotate(change=Value(None, output_field=JSONField()))
    else:
        rows = with_change(rows, changed, quarter, cutoff)
    return rows.annotate(pillar_position=F("pillar__position"))


def moved(start: dict[int, Counter], activity: Iterable[Activity]) -> dict[int, Counter]:
    """Counts per pillar at the start of the fetched updates, moved by what they changed."""
    counts = defaultdict(Counter, {pillar: Counter(c) for pillar, c in start.items()})
    for act in activity:
        if act.opening != act.status:
            counts[act.pillar_id][act.status] += 1
            counts[act.pillar_id][act.opening] -= 1
    return counts


@dataclass
class Reading:
    """What the queries found, before it becomes rows."""

    pillars: dict[int, PillarInfo]
    organizations: dict[int, Org]
    activity: dict[int, Activity]
    styles: dict[str, StatusStyle]


def from_json(value: object) -> dict | None:
    """A JSON column: a dict through the ORM, text through a raw cursor."""
    if value is None or isinstance(value, dict):
        return value
    return json.loads(value)


def json_moment(value: str) -> datetime.datetime:
    """A moment inside JSON: ISO text, in UTC when it names no offset (SQLite)."""
    moment = datetime.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def make_row(values: tuple | list, reading: Reading, *, with_change: bool) -> Row:
    pk, pillar_id, position, title, title_fr, status, leads, last, change = values
    org_ids = [int(part) for part in leads.split(",")] if leads else []
    orgs = [reading.organizations[i] for i in org_ids if i in reading.organizations]
    orgs.sort(key=lambda org: (org.country_code, org.name, org.pk))
    pillar = reading.pillars[pillar_id]
    last = from_json(last)
    title = localized(title, title_fr)
    item = Item(pk, pillar, position, title, title, status, status, last and last["id"], orgs)
    note = None
    if last:
        note = Note(last["id"], pk, json_moment(last["at"]), note=last["note"] or "")
    activity = reading.activity.get(pk)
    row = Row(
        commitment=item,
        status=reading.styles[status],
        last_update=note,
        updated_this_quarter=activity is not None and activity.updated,
    )
    change = from_json(change)
    if with_change and change and activity is not None and activity.changed:
        row.changed_from = reading.styles[activity.first_old]
        row.change = Note(
            change["id"],
            pk,
            json_moment(change["at"]),
            activity.first_old,
            activity.last_new,
            change["note"] or "",
            f"{change['first'] or ''} {change['last'] or ''}".strip() or change["username"],
            change["org"] or "",
        )
    return row


def order_key(row: Row) -> tuple[int, int, int, int]:
    item = row.commitment
    return (item.pillar.position, item.pillar.pk, item.position, item.pk)
