"""The quarterly dashboard's arithmetic: which quarter, each commitment's status as of a date,
what changed, what is stale and the trend — plain functions over a fixed number of queries.

Quarters and "stale" are workplan/quarters.py's. Without `as_of` the dashboard shows the
current quarter, live. With `as_of` it replays the history up to the end of that day (in
settings.TIME_ZONE) and shows the quarter the next meeting closes — on a meeting's own day,
the quarter that meeting reviews, so that picking a past meeting shows what was reported
for it.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboard.tallies import counts_at, read_tallies
from meetings.models import Meeting, tally_of_meeting
from workplan.models import (
    Commitment,
    StatusUpdate,
    WorkPlan,
)
from workplan.quarters import Quarter
from workplan.status import CLOSED_STATUSES, all_styles

from .filters import Filters, local_date, parse_date, validate_filters
from .joint import with_quarter_stamps
from .queries import (
    CHANGED,
    FETCHED,
    ROW_FIELDS,
    SHOWN,
    Reading,
    census,
    commitments_in,
    lead_organizations,
    make_row,
    moved,
    order_key,
    quarter_activity,
    row_data,
)
from .rows import Org, PillarInfo, PillarView, Row, Tally, TrendPoint

# On a large plan the dashboard shows the first rows of each list (by position) with the
# true totals, and links to the rest: a pillar's own view, the commitments page, the
# briefing (which prints every row) and the exports. The counts, bars and trend always
# cover every commitment. Admin's changelist shows 100 rows a page; so does a pillar's view.
PILLAR_ROWS = 5
ONE_PILLAR_ROWS = 100
LIST_ROWS = 25
# As of a past date, the stale list is the open ones among the first this many commitments
# not updated in the quarter (in order): the first LIST_ROWS of them unless most are closed.
STALE_CANDIDATES = 400


@dataclass
class Board:
    plan: WorkPlan
    filters: Filters
    now: datetime.datetime
    cutoff: datetime.datetime
    quarter: Quarter
    meetings: list[Meeting]
    pillars: list[PillarView]
    organizations: list[Org]
    all_pillars: list[PillarInfo]
    trend: list[TrendPoint] = field(default_factory=list)
    # The rows shown under the pillars (all of them in the briefing).
    rows: list[Row] = field(default_factory=list)
    tally: Tally = field(default_factory=lambda: Tally.of([]))
    # The first rows of each list (all of them in the briefing) and the true totals.
    changed: list[Row] = field(default_factory=list)
    changed_total: int = 0
    stale: list[Row] = field(default_factory=list)
    stale_total: int = 0
    # Links to every row of a list cut short: the briefing, and the commitments page's
    # "not updated since the last meeting" filter (live view only).
    briefing_query: str = ""
    stale_page_query: str = ""
    # The actions decided at the meeting that began the quarter: total, open, overdue.
    actions: dict[str, int] | None = None

    @property
    def as_of_date(self) -> datetime.date:
        return self.filters.as_of or local_date(self.now)

    @property
    def changed_hidden(self) -> int:
        return self.changed_total - len(self.changed)

    @property
    def stale_hidden(self) -> int:
        return self.stale_total - len(self.stale)

    @property
    def party_views(self) -> list[dict[str, object]]:
        """Links to each lead organisation's view, keeping the other filters."""
        views: list[dict[str, object]] = [
            {
                "label": _("All organisations"),
                "query": self.filters.query(org=None),
                "current": self.filters.organization is None,
            }
        ]
        for org in self.organizations:
            views.append(
                {
                    "label": _("%(org)s's commitments") % {"org": org.short_name},
                    "query": self.filters.query(org=org.short_name),
                    "current": org == self.filters.organization,
                }
            )
        return views

    @property
    def past_meetings(self) -> list[Meeting]:
        return [m for m in self.meetings if m.starts_at <= self.now]

    @property
    def meeting_choices(self) -> list[dict[str, object]]:
        """The picker's past meetings, newest first. Values are the meeting's date in the
        site's time zone (what `as_of` means), whatever time zone the reader sees."""
        return [
            {
                "value": local_date(meeting.starts_at).isoformat(),
                "meeting": meeting,
                "selected": local_date(meeting.starts_at) == self.filters.as_of,
            }
            for meeting in reversed(self.past_meetings)
        ]

    @property
    def as_of_is_a_meeting(self) -> bool:
        return any(choice["selected"] for choice in self.meeting_choices)


def build_board(
    plan: WorkPlan,
    params: QueryDict,
    *,
    full: bool = False,
    trend: bool = True,
    now: datetime.datetime | None = None,
) -> Board:
    """Everything the dashboard shows — or, with `full`, the briefing: every row rather than
    the first of each list — in a fixed number of queries whatever the plan's size."""
    now = now or timezone.now()
    filters, cutoff = parse_date(params, now)
    replaying = filters.as_of is not None
    # With each one's signatures and record versions (the joint quarter reads them, joint.py)
    # and how its actions stood at the moment shown.
    meetings = list(
        with_quarter_stamps(plan.meetings.not_cancelled().order_by("starts_at", "pk")).annotate(
            **tally_of_meeting(cutoff if replaying else now)
        )
    )
    organizations = lead_organizations(plan)
    validate_filters(params, filters, organizations, None)
    all_pillars, today = census(plan, filters.organization)
    validate_filters(params, filters, None, all_pillars)
    if filters.as_of is None:
        quarter = Quarter.current(plan, now, meetings)
    else:
        quarter = Quarter.of_day(plan, filters.as_of, meetings)
    pillar_id = filters.pillar.pk if filters.pillar else None
    org_id = filters.organization.pk if filters.organization else None

    # Today's counts in scope.
    live: dict[int, Counter] = defaultdict(Counter)
    for pillar, status, _count, led in today:
        if led and (pillar_id is None or pillar == pillar_id):
            live[pillar][status] += led
    total = sum(sum(counts.values()) for counts in live.values())

    activity = quarter_activity(plan, filters, quarter, cutoff)
    reading = Reading(
        pillars={pillar.pk: pillar for pillar in all_pillars},
        organizations={org.pk: org for org in organizations},
        activity=activity,
        styles={style.key: style for style in all_styles()},
    )
    changed_ids = [pk for pk, act in activity.items() if act.changed]
    scope = commitments_in(plan, filters)
    board = Board(
        plan=plan,
        filters=filters,
        now=now,
        cutoff=cutoff,
        quarter=quarter,
        meetings=meetings,
        pillars=[],
        organizations=organizations,
        all_pillars=all_pillars,
    )
    board.briefing_query = filters.query()
    if (previous := quarter.previous) is not None:
        board.actions = {
            "total": previous.actions_total,
            "open": previous.actions_open,
            "overdue": previous.actions_overdue,
        }

    if full:
        # The briefing prints every row: counts and lists come from the rows themselves.
        values = (
            row_data(scope, cutoff, quarter, replaying=replaying, changed=Q(pk__in=changed_ids))
            .order_by("pillar__position", "pillar_id", "position", "pk")
            .values_list(*ROW_FIELDS, "change")
        )
        rows = [make_row(v, reading, with_change=True) for v in values]
        by_pillar: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            by_pillar[row.commitment.pillar.pk].append(row)
        counts = {pk: Counter(r.status.key for r in group) for pk, group in by_pillar.items()}
        board.rows = rows
        board.changed = [row for row in rows if row.changed_from is not None]
        board.stale = [row for row in rows if row.is_stale]
        board.changed_total, board.stale_total = len(board.changed), len(board.stale)
        board.pillars = [
            PillarView(reading.pillars[pk], Tally.of_counts(counts[pk]), group)
            for pk, group in by_pillar.items()
        ]
        board.tally = Tally.of([row.status.key for row in rows])
        return board

    # Counts as of the cutoff, and just before each past meeting for the trend.
    moments = [m.starts_at for m in meetings if m.starts_at <= cutoff]
    targets = list(moments) if trend else []
    as_of_point = cutoff + datetime.timedelta(microseconds=1)
    if replaying:
        targets.append(as_of_point)
    found: dict[datetime.datetime, dict[int, Counter]] = {}
    if targets and total:
        # A tally after the cutoff can anchor a date before the first meeting. Counts per
        # pillar are needed at the cutoff only: from the tallies that can anchor it.
        nearby = moments + [m.starts_at for m in meetings if cutoff < m.starts_at <= now][:1]
        anchors = [m for m in nearby if m >= quarter.start] if replaying else []
        known = read_tallies(plan, nearby, pillar_id, org_id, by_pillar=anchors)
        if replaying and quarter.start in known:
            # The quarter's updates are at hand: its start's tally plus what they changed.
            known[as_of_point] = moved(known[quarter.start], activity.values())
        found = counts_at(
            plan,
            targets,
            live=live,
            known=known,
            pillar_id=pillar_id,
            organization_id=org_id,
            by_pillar=[as_of_point],
        )
    counts = found[as_of_point] if replaying and total else live
    views = {
        pk: PillarView(reading.pillars[pk], Tally.of_counts(counts.get(pk, Counter()), n))
        for pk in sorted(live, key=lambda pk: order_key_of(reading.pillars[pk]))
        if (n := sum(live[pk].values()))
    }
    board.tally = Tally.of_counts(
        sum((Counter(counts.get(pk, Counter())) for pk in views), Counter()), total
    )
    if trend and total:
        board.trend = [
            TrendPoint(moment, True, Tally.of_counts(summed(found[moment]), total))
            for moment in moments
        ]
        last = board.trend[-1] if board.trend else None
        # Looking back to a meeting's own day, that meeting's column already says it all
        # unless the rest of the day changed something.
        if not (
            replaying
            and last is not None
            and local_date(last.moment) == filters.as_of
            and last.tally == board.tally
        ):
            board.trend.append(TrendPoint(cutoff, False, board.tally))

    # The rows shown: the first of each pillar, and the first changed ones (the quarter's
    # activity says which, and in what order).
    cap = ONE_PILLAR_ROWS if filters.pillar is not None else PILLAR_ROWS
    ranked = (
        scope.annotate(
            rank=Window(
                RowNumber(), partition_by=[F("pillar_id")], order_by=[F("position"), F("pk")]
            )
        )
        .filter(rank__lte=cap)
        .values("pk")
    )
    changed_order = sorted(
        changed_ids,
        key=lambda pk: (
            order_key_of(reading.pillars[activity[pk].pillar_id]),
            activity[pk].position,
            pk,
        ),
    )
    changed_shown = changed_order[:LIST_ROWS]
    pillar_rows = row_data(
        Commitment.objects.filter(pk__in=ranked), cutoff, quarter, replaying=replaying
    )
    changed_rows = row_data(
        Commitment.objects.filter(pk__in=changed_shown),
        cutoff,
        quarter,
        replaying=replaying,
        changed=Q(pk__in=changed_shown),
    )
    # The first stale ones: open at the cutoff and not updated in the quarter. In order of
    # position, so that the database can stop after the first few.
    updated = StatusUpdate.objects.filter(
        commitment=OuterRef("pk"),
        created_at__gte=quarter.start,
        created_at__lt=quarter.window_end(cutoff),
    )
    in_order = ["pillar__position", "pillar_id", "position", "pk"]
    candidates = scope.exclude(Exists(updated)).order_by(*in_order).values("pk")
    stale_rows = (
        row_data(
            # Their status at a past cutoff is a lookup each: bound how many pay for it.
            Commitment.objects.filter(pk__in=candidates[:STALE_CANDIDATES])
            if replaying
            else candidates,
            cutoff,
            quarter,
            replaying=replaying,
        )
        .exclude(status_then__in=[str(status) for status in CLOSED_STATUSES])
        .order_by("pillar_position", "pillar_id", "position", "pk")
    )[:LIST_ROWS]
    parts = [
        rows.annotate(kind=Value(kind)).values_list(*FETCHED)
        for kind, rows in enumerate([pillar_rows.order_by(), changed_rows.order_by(), stale_rows])
    ]
    fetched = [row for part in parts for row in part]
    shown, changed, stale = {}, {}, []
    for *values_row, _pillar_position, kind in fetched:
        row = make_row(values_row, reading, with_change=kind == CHANGED)
        if kind == SHOWN:
            shown[row.commitment.pk] = row
        elif kind == CHANGED:
            changed[row.commitment.pk] = row
        else:
            stale.append(row)
    # The total of stale ones without reading them all: those open at the cutoff, less
    # those of them updated in the quarter (whose status at the cutoff the activity has).
    open_then = sum(
        count
        for by_status in counts.values()
        for status, count in by_status.items()
        if status not in CLOSED_STATUSES
    )
    board.stale_total = open_then - sum(
        1 for act in activity.values() if act.updated and act.status not in CLOSED_STATUSES
    )
    stale_rows = sorted(stale, key=order_key)

    for view in views.values():
        # The first `cap` by position: the ranked ones (a changed row further down sorts last).
        view.rows = sorted(
            (row for row in shown.values() if row.commitment.pillar.pk == view.pillar.pk),
            key=order_key,
        )[:cap]
        view.query = filters.query(pillar=view.pillar.position)
        if view.hidden and filters.pillar is not None and not replaying:
            view.see_all = commitments_page_query(filters, pillar=view.pillar)
    board.pillars = list(views.values())
    board.rows = [row for view in board.pillars for row in view.rows]
    board.changed = [changed[pk] for pk in changed_shown if pk in changed]
    board.changed_total = len(changed_ids)
    board.stale = stale_rows
    if not replaying:
        board.stale_page_query = commitments_page_query(filters, stale=True)
    return board


def order_key_of(pillar: PillarInfo) -> tuple[int, int]:
    return (pillar.position, pillar.pk)


def summed(counts: dict[int, Counter]) -> Counter:
    total: Counter = Counter()
    for by_status in counts.values():
        total.update(by_status)
    return total


def commitments_page_query(
    filters: Filters, *, pillar: PillarInfo | None = None, stale: bool = False
) -> str:
    """The query string of the commitments page (workplan.forms.CommitmentFilterForm) that
    lists what the dashboard cut short: by pillar and lead organisation, ids not numbers."""
    params = QueryDict(mutable=True)
    pillar = pillar or filters.pillar
    if pillar is not None:
        params["pillar"] = str(pillar.pk)
    if filters.organization is not None:
        params["lead"] = str(filters.organization.pk)
    if stale:
        params["stale"] = "on"
    return f"?{params.urlencode()}"
