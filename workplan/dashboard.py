"""The quarterly dashboard's arithmetic: which quarter, each commitment's status as of a date,
what changed, what is stale and the trend — plain functions over a fixed number of queries.

A quarter runs from one (non-cancelled) meeting's start to the next one's, start included: an
update made exactly when a meeting starts belongs to the quarter that opens there.

Without `as_of` the dashboard shows the current quarter, live. With `as_of` it replays the
history up to the end of that day (in settings.TIME_ZONE) and shows the quarter the next
meeting closes — on a meeting's own day, the quarter that meeting reviews, so that picking a
past meeting shows what was reported for it.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connections
from django.db.models import Case, Count, F, Func, IntegerField, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting

from .models import Commitment, CommitmentLead, StatusUpdate, WorkPlan
from .status import CLOSED_STATUSES, Status, StatusStyle, all_styles

# On a large plan the dashboard shows the first rows of each list and links to the rest
# (a pillar's own view, the briefing, the exports), so the page stays quick to send and read.
PILLAR_ROWS_UNFILTERED = 5
LIST_ROWS = 25


def site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(site_zone()).date()


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last instant of `day` in the site's time zone (DST-safe)."""
    next_midnight = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=site_zone()
    )
    return next_midnight - datetime.timedelta(microseconds=1)


# Light rows, not model instances: a 5,000-commitment plan builds tens of thousands of them,
# and Django model instances cost far more to create than these.


@dataclass(frozen=True, slots=True)
class Org:
    pk: int
    short_name: str
    name: str
    country_code: str


@dataclass(frozen=True, slots=True)
class PillarInfo:
    pk: int
    position: int
    title: str


@dataclass(slots=True)
class Item:
    """A commitment: what the dashboard, briefing and exports print of it."""

    pk: int
    pillar: PillarInfo
    position: int
    short_title: str
    text: str
    status: str
    initial_status: str
    latest_update_id: int | None
    leads: list[Org] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return f"{self.pillar.position}.{self.position}"


@dataclass(frozen=True, slots=True)
class Note:
    """A status update."""

    pk: int
    commitment_id: int
    created_at: datetime.datetime
    old_status: str
    new_status: str
    note: str
    author_name: str
    organization: str


@dataclass
class Filters:
    """What the reader asked for, validated; `errors` name the field and what to do."""

    as_of: datetime.date | None = None
    organization: Org | None = None
    pillar: PillarInfo | None = None
    errors: list[str] = field(default_factory=list)

    def query(self, **changes: object) -> str:
        """The query string of these filters, with `changes` applied (None drops a key)."""
        values: dict[str, object] = {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "org": self.organization.short_name if self.organization else None,
            "pillar": self.pillar.position if self.pillar else None,
        }
        values.update(changes)
        params = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                params[key] = str(value)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""


def parse_as_of(params: QueryDict, today: datetime.date) -> tuple[datetime.date | None, str]:
    raw = params.get("as_of", "").strip()
    if not raw:
        return None, ""
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None, _(
            "The date “%(value)s” is not a date: give it as YYYY-MM-DD, e.g. 2026-08-03. "
            "Showing the current quarter instead."
        ) % {"value": raw[:40]}
    if day > today:
        return None, _(
            "The date %(value)s is in the future: choose today or an earlier date. "
            "Showing the current quarter instead."
        ) % {"value": day.isoformat()}
    if day == today:
        # Today's end has not happened yet: that is the live view.
        return None, ""
    return day, ""


@dataclass
class Quarter:
    start: datetime.datetime
    # Updates count towards the quarter while start <= created_at < window_end.
    window_end: datetime.datetime
    previous: Meeting | None
    next: Meeting | None


def quarter_for(
    plan: WorkPlan,
    meetings: list[Meeting],
    *,
    now: datetime.datetime,
    as_of: datetime.date | None,
    cutoff: datetime.datetime,
) -> Quarter:
    if as_of is None:
        upcoming = [m for m in meetings if m.starts_at > now]
    else:
        upcoming = [m for m in meetings if local_date(m.starts_at) >= as_of]
    next_meeting = upcoming[0] if upcoming else None
    before = [m for m in meetings if next_meeting is None or m.starts_at < next_meeting.starts_at]
    previous = before[-1] if before else None
    # As Meeting.quarter_start: the first quarter begins when the plan does.
    start = previous.starts_at if previous is not None else plan.starts_at
    window_end = cutoff + datetime.timedelta(microseconds=1)
    if next_meeting is not None:
        window_end = min(window_end, next_meeting.starts_at)
    return Quarter(start=start, window_end=window_end, previous=previous, next=next_meeting)


@dataclass(slots=True)
class Row:
    """One commitment as of the date shown."""

    commitment: Item
    status: StatusStyle
    last_update: Note | None
    changed_from: StatusStyle | None = None
    change: Note | None = None
    updated_this_quarter: bool = False

    @property
    def leads(self) -> list[Org]:
        return self.commitment.leads

    @property
    def is_closed(self) -> bool:
        return self.status.key in CLOSED_STATUSES

    @property
    def is_stale(self) -> bool:
        # As CommitmentQuerySet.stale_for: closed commitments are not chased.
        return not self.updated_this_quarter and not self.is_closed

    @property
    def lead_names(self) -> str:
        return ", ".join(org.short_name for org in self.commitment.leads)


@dataclass
class Segment:
    style: StatusStyle
    count: int
    # Pre-formatted with a dot: SVG attributes must not follow the reader's locale.
    x: str
    width: str
    middle: str

    @property
    def shows_symbol(self) -> bool:
        return float(self.width) >= 28


# The bars' SVG viewBox is 1000 × 28 user units.
BAR_WIDTH = 1000


@dataclass
class Tally:
    counts: dict[str, int]
    total: int

    @classmethod
    def of(cls, statuses: list[str]) -> Tally:
        counter = Counter(statuses)
        return cls({s.value: counter.get(s.value, 0) for s in Status}, len(statuses))

    @cached_property
    def items(self) -> list[tuple[StatusStyle, int]]:
        return [(style, self.counts[style.key]) for style in all_styles()]

    @cached_property
    def segments(self) -> list[Segment]:
        segments, x = [], 0.0
        for style, count in self.items:
            if not count:
                continue
            width = BAR_WIDTH * count / self.total
            middle = x + width / 2
            segments.append(Segment(style, count, f"{x:.2f}", f"{width:.2f}", f"{middle:.2f}"))
            x += width
        return segments

    @property
    def closed(self) -> int:
        return sum(self.counts[key] for key in CLOSED_STATUSES)


@dataclass
class PillarView:
    pillar: PillarInfo
    rows: list[Row]
    shown_rows: list[Row] = field(default_factory=list)
    # The query string of this pillar's own view, where every row shows.
    query: str = ""

    @cached_property
    def tally(self) -> Tally:
        return Tally.of([row.status.key for row in self.rows])

    @property
    def bar_id(self) -> str:
        return f"bar-pillar-{self.pillar.pk}"

    @property
    def hidden(self) -> int:
        return len(self.rows) - len(self.shown_rows)


@dataclass
class TrendPoint:
    # A meeting's start (counts just before it) or, for the last point, the cutoff.
    moment: datetime.datetime
    is_meeting: bool
    tally: Tally


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
    rows: list[Row] = field(default_factory=list)
    tally: Tally = field(default_factory=lambda: Tally.of([]))
    changed: list[Row] = field(default_factory=list)
    stale: list[Row] = field(default_factory=list)

    @property
    def as_of_date(self) -> datetime.date:
        return self.filters.as_of or local_date(self.now)

    @property
    def changed_shown(self) -> list[Row]:
        return self.changed[:LIST_ROWS]

    @property
    def stale_shown(self) -> list[Row]:
        return self.stale[:LIST_ROWS]

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


def load_items(
    plan: WorkPlan, cutoff: datetime.datetime, *, replaying: bool, text: bool = False
) -> list[Item]:
    """The plan's commitments, with the id of each one's latest update at `cutoff`, and
    their lead organisations: two queries."""
    fields = ["pk", "pillar_id", "pillar__position", "pillar__title", "position", "short_title"]
    fields += ["text" if text else "short_title", "status", "latest_update_id"]
    query = Commitment.objects.filter(pillar__plan=plan).with_latest_update_id(cutoff)
    if replaying:
        query = query.with_initial_status()
        fields.append("initial_status")
    pillars: dict[int, PillarInfo] = {}
    items: dict[int, Item] = {}
    rows = query.order_by("pillar__position", "position", "pk").values_list(*fields)
    for pk, pillar_id, pillar_position, pillar_title, position, title, body, status, *rest in rows:
        pillar = pillars.get(pillar_id)
        if pillar is None:
            pillar = pillars[pillar_id] = PillarInfo(pillar_id, pillar_position, pillar_title)
        latest_id = rest[0]
        initial = rest[1] if replaying else status
        items[pk] = Item(pk, pillar, position, title, body, status, initial, latest_id)
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


def lead_organizations(items: list[Item]) -> list[Org]:
    seen: dict[int, Org] = {}
    for item in items:
        for org in item.leads:
            seen.setdefault(org.pk, org)
    return sorted(seen.values(), key=lambda org: (org.country_code, org.name))


def pillars_of(items: list[Item]) -> list[PillarInfo]:
    seen: dict[int, PillarInfo] = {}
    for item in items:
        seen.setdefault(item.pillar.pk, item.pillar)
    return sorted(seen.values(), key=lambda pillar: (pillar.position, pillar.pk))


def parse_date(params: QueryDict, now: datetime.datetime) -> tuple[Filters, datetime.datetime]:
    """The filters with `as_of` read, and the cutoff it means."""
    as_of, error = parse_as_of(params, local_date(now))
    filters = Filters(as_of=as_of)
    if error:
        filters.errors.append(error)
    return filters, end_of_day(as_of) if as_of else now


def parse_filters(params: QueryDict, items: list[Item], filters: Filters) -> list[Item]:
    """Validate `org` and `pillar` against what the plan has; keep matching rows."""
    organizations = lead_organizations(items)
    pillars = pillars_of(items)
    raw_org = params.get("org", "").strip()
    raw_pillar = params.get("pillar", "").strip()
    if raw_org:
        by_name = {org.short_name.casefold(): org for org in organizations}
        filters.organization = by_name.get(raw_org.casefold())
        if filters.organization is None:
            filters.errors.append(
                _(
                    "Lead organisation “%(value)s” leads nothing in this plan: choose one of "
                    "%(choices)s. Showing every organisation."
                )
                % {
                    "value": raw_org[:40],
                    "choices": ", ".join(org.short_name for org in organizations),
                }
            )
    if raw_pillar:
        by_position = {str(pillar.position): pillar for pillar in pillars}
        filters.pillar = by_position.get(raw_pillar)
        if filters.pillar is None:
            filters.errors.append(
                _(
                    "Pillar “%(value)s” is not in this plan: give its number, one of "
                    "%(choices)s. Showing every pillar."
                )
                % {
                    "value": raw_pillar[:40],
                    "choices": ", ".join(str(pillar.position) for pillar in pillars),
                }
            )
    kept = items
    if filters.pillar is not None:
        kept = [item for item in kept if item.pillar == filters.pillar]
    if filters.organization is not None:
        kept = [item for item in kept if filters.organization in item.leads]
    return kept


def scope(plan: WorkPlan, filters: Filters) -> QuerySet[Commitment]:
    """The filtered commitments as a subquery for the history queries."""
    commitments = Commitment.objects.filter(pillar__plan=plan)
    if filters.pillar is not None:
        commitments = commitments.filter(pillar_id=filters.pillar.pk)
    if filters.organization is not None:
        commitments = commitments.filter(leads__organization_id=filters.organization.pk)
    return commitments


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


def build_board(
    plan: WorkPlan, params: QueryDict, *, trend: bool = True, now: datetime.datetime | None = None
) -> Board:
    """Everything the dashboard and the briefing show, in a fixed number of queries:
    meetings, commitments, leads, the quarter's history and, with `trend`, one aggregate."""
    now = now or timezone.now()
    meetings = list(plan.meetings.not_cancelled().order_by("starts_at", "pk"))
    filters, cutoff = parse_date(params, now)
    everything = load_items(plan, cutoff, replaying=filters.as_of is not None)
    items = parse_filters(params, everything, filters)
    quarter = quarter_for(plan, meetings, now=now, as_of=filters.as_of, cutoff=cutoff)

    history: dict[int, list[Note]] = defaultdict(list)
    latest_ids = [item.latest_update_id for item in items if item.latest_update_id]
    latest, during = StatusUpdate.objects.for_replay(
        latest_ids, scope(plan, filters), quarter.start, cutoff
    )
    seen: set[int] = set()
    both = latest.values_list(*NOTE_FIELDS).union(during.values_list(*NOTE_FIELDS), all=True)
    found = notes(both)
    for note in sorted(found, key=lambda n: (n.commitment_id, n.created_at, n.pk)):
        # The latest update is often also one of the quarter's: keep it once.
        if note.pk not in seen:
            seen.add(note.pk)
            history[note.commitment_id].append(note)

    styles = {style.key: style for style in all_styles()}
    views: dict[int, PillarView] = {}
    rows = []
    for item in items:
        row = replay(item, history.get(item.pk, []), quarter, styles, live=filters.as_of is None)
        rows.append(row)
        views.setdefault(item.pillar.pk, PillarView(item.pillar, [])).rows.append(row)
    limit = None if filters.pillar is not None else PILLAR_ROWS_UNFILTERED
    for view in views.values():
        view.shown_rows = view.rows[:limit]
        view.query = filters.query(pillar=view.pillar.position)

    board = Board(
        plan=plan,
        filters=filters,
        now=now,
        cutoff=cutoff,
        quarter=quarter,
        meetings=meetings,
        pillars=list(views.values()),
        organizations=lead_organizations(everything),
        all_pillars=pillars_of(everything),
        rows=rows,
        tally=Tally.of([row.status.key for row in rows]),
        changed=[row for row in rows if row.changed_from is not None],
        stale=[row for row in rows if row.is_stale],
    )
    if trend:
        board.trend = trend_points(plan, filters, meetings, items, cutoff)
    return board


def replay(
    item: Item,
    updates: list[Note],
    quarter: Quarter,
    styles: dict[str, StatusStyle],
    *,
    live: bool,
) -> Row:
    """One commitment as of the cutoff, from its updates (oldest first): the quarter's and
    its latest at the cutoff, which is the last of them."""
    last = updates[-1] if updates else None
    if live:
        status = item.status
    elif last is not None:
        status = last.new_status
    else:
        status = item.initial_status
    # As of a meeting's day, what was said after the meeting started is next quarter's.
    in_window = [u for u in updates if quarter.start <= u.created_at < quarter.window_end]
    row = Row(
        commitment=item,
        status=styles[status],
        last_update=last,
        updated_this_quarter=bool(in_window),
    )
    if in_window and in_window[0].old_status != in_window[-1].new_status:
        row.changed_from = styles[in_window[0].old_status]
        row.change = in_window[-1]
    return row


class WidthBucket(Func):
    """PostgreSQL's width_bucket(value, thresholds): which period a moment falls in, by
    binary search instead of one CASE branch per meeting."""

    function = "WIDTH_BUCKET"
    output_field = IntegerField()


def period_of(boundaries: list[datetime.datetime], vendor: str) -> Func | Case:
    """0 before the first boundary, i for [boundaries[i-1], boundaries[i]), len at the end."""
    if vendor == "postgresql":
        from django.contrib.postgres.fields import ArrayField
        from django.db.models import DateTimeField

        thresholds = Value(boundaries, output_field=ArrayField(DateTimeField()))
        return WidthBucket(F("created_at"), thresholds)
    return Case(
        *[
            When(created_at__gte=moment, then=Value(index + 1))
            for index, moment in reversed(list(enumerate(boundaries)))
        ],
        default=Value(0),
    )


def trend_points(
    plan: WorkPlan,
    filters: Filters,
    meetings: list[Meeting],
    items: list[Item],
    cutoff: datetime.datetime,
) -> list[TrendPoint]:
    """Counts per status just before each past meeting began, and at the cutoff.

    Replayed backwards from today's statuses: the count of a status at a moment is today's
    count, minus the updates since that moment that moved a commitment into it, plus those
    that moved one out of it (the history is append-only and each update's old status is
    the status it replaced, so the chain is complete). One aggregate query."""
    if not items:
        return []
    moments = [m.starts_at for m in meetings if m.starts_at <= cutoff]
    boundaries = [*moments, cutoff + datetime.timedelta(microseconds=1)]
    # An update that kept the status moves no count: leave it out of the aggregate.
    updates = StatusUpdate.objects.filter(
        commitment__in=scope(plan, filters).order_by().values("pk"),
        created_at__gte=boundaries[0],
    ).exclude(old_status=F("new_status"))
    flows = (
        updates.annotate(period=period_of(boundaries, connections[updates.db].vendor))
        .values("period", "old_status", "new_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    # Period p (1-based) holds the updates from boundary p-1 to boundary p.
    net: dict[int, Counter] = defaultdict(Counter)
    for flow in flows:
        net[flow["period"] - 1][flow["new_status"]] += flow["count"]
        net[flow["period"] - 1][flow["old_status"]] -= flow["count"]
    running = Counter(item.status for item in items)
    points = []
    for index in range(len(boundaries) - 1, -1, -1):
        running.subtract(net.get(index, Counter()))
        counts = {s.value: max(running.get(s.value, 0), 0) for s in Status}
        is_meeting = index < len(moments)
        moment = boundaries[index] if is_meeting else cutoff
        points.append(TrendPoint(moment, is_meeting, Tally(counts, len(items))))
    points.reverse()
    return points


EXPORT_COLUMNS = [
    "id",
    "pillar",
    "position",
    "text",
    "status",
    "status_label",
    "lead_organisations",
    "last_update",
    "last_note",
    "owners",
]


@dataclass
class Export:
    plan: WorkPlan
    filters: Filters
    as_of: datetime.date
    rows: list[dict[str, object]]


def build_export(plan: WorkPlan, params: QueryDict, now: datetime.datetime | None = None) -> Export:
    """One row per commitment as of the date: commitments, leads, owners and each one's
    latest update at the cutoff — four queries whatever the plan's size."""
    now = now or timezone.now()
    filters, cutoff = parse_date(params, now)
    everything = load_items(plan, cutoff, replaying=filters.as_of is not None, text=True)
    items = parse_filters(params, everything, filters)
    by_pk = {item.pk: item for item in items}
    owners = (
        Commitment.owners.through.objects.filter(commitment__pillar__plan=plan)
        .order_by("user__last_name", "user__first_name", "user__username")
        .values_list("commitment_id", "user__first_name", "user__last_name", "user__username")
    )
    for commitment_id, first, last, username in owners:
        if commitment_id in by_pk:
            by_pk[commitment_id].owners.append(f"{first} {last}".strip() or username)
    latest_ids = [item.latest_update_id for item in items if item.latest_update_id]
    latest = {
        note.commitment_id: note
        for note in notes(
            StatusUpdate.objects.with_ids(latest_ids).order_by().values_list(*NOTE_FIELDS)
        )
    }
    styles = {style.key: style for style in all_styles()}
    rows = []
    for item in items:
        last = latest.get(item.pk)
        if filters.as_of is None:
            status = item.status
        else:
            status = last.new_status if last else item.initial_status
        rows.append(
            {
                "id": item.pk,
                "pillar": item.pillar.title,
                "position": item.reference,
                "text": item.text,
                "status": status,
                "status_label": styles[status].label,
                "lead_organisations": "; ".join(org.short_name for org in item.leads),
                "last_update": local_date(last.created_at).isoformat() if last else "",
                "last_note": last.note if last else "",
                "owners": "; ".join(item.owners),
            }
        )
    return Export(plan=plan, filters=filters, as_of=filters.as_of or local_date(now), rows=rows)


@dataclass
class Bar:
    style: StatusStyle
    count: int
    x: str
    y: str
    width: str
    height: str


@dataclass
class Column:
    point: TrendPoint
    bars: list[Bar]
    label_x: str


CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 720, 250, 10, 200, 64


def trend_columns(points: list[TrendPoint]) -> list[Column]:
    """Stacked columns of the trend chart in SVG user units, computed here so the template
    only prints numbers (formatted with a dot whatever the reader's locale)."""
    if not points:
        return []
    scale_max = max(point.tally.total for point in points) or 1
    slot = (CHART_WIDTH - CHART_LEFT) / len(points)
    width = slot * 0.7
    columns = []
    for index, point in enumerate(points):
        x = CHART_LEFT + index * slot + (slot - width) / 2
        y = float(CHART_BOTTOM)
        bars = []
        for style, count in point.tally.items:
            if not count:
                continue
            height = (CHART_BOTTOM - CHART_TOP) * count / scale_max
            y -= height
            bars.append(Bar(style, count, f"{x:.2f}", f"{y:.2f}", f"{width:.2f}", f"{height:.2f}"))
        columns.append(Column(point, bars, f"{x + width / 2:.2f}"))
    return columns
