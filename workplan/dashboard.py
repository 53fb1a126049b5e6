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
import json
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BigIntegerField,
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
    Window,
)
from django.db.models.functions import Cast, Coalesce, JSONObject, RowNumber
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting

from .models import (
    Commitment,
    CommitmentLead,
    EqualsAny,
    Organization,
    StatusUpdate,
    WorkPlan,
    _newest_updates,
)
from .quarters import Quarter, is_stale
from .status import CLOSED_STATUSES, Status, StatusStyle, all_styles
from .tallies import counts_at, led_by, read_tallies, updates_in_scope

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


def site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(site_zone()).date()


def next_midnight(day: datetime.date, zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """The start of the day after `day` in `zone`, the site's by default (DST-safe)."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone or site_zone()
    )


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last instant of `day` in the site's time zone (DST-safe)."""
    return next_midnight(day) - datetime.timedelta(microseconds=1)


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
    """A status update (the dashboard reads only the fields it prints)."""

    pk: int
    commitment_id: int
    created_at: datetime.datetime
    old_status: str = ""
    new_status: str = ""
    note: str = ""
    author_name: str = ""
    organization: str = ""


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
        return is_stale(self.status.key, self.updated_this_quarter)

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

    @classmethod
    def of_counts(cls, counter: Counter, total: int | None = None) -> Tally:
        counts = {s.value: max(counter.get(s.value, 0), 0) for s in Status}
        return cls(counts, sum(counts.values()) if total is None else total)

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
    tally: Tally
    # The first rows by position (every row in the briefing); `tally` counts them all.
    rows: list[Row] = field(default_factory=list)
    # The query string of this pillar's own view on the dashboard.
    query: str = ""
    # Where every commitment of the pillar is listed, when the rows shown are not all.
    see_all: str = ""

    @property
    def bar_id(self) -> str:
        return f"bar-pillar-{self.pillar.pk}"

    @property
    def hidden(self) -> int:
        return self.tally.total - len(self.rows)


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


def load_items(
    plan: WorkPlan, cutoff: datetime.datetime, *, replaying: bool, text: bool = False
) -> list[Item]:
    """Every commitment of the plan (the exports), with the id of each one's latest update at
    `cutoff`, and their lead organisations: two queries."""
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


def leaders_of(items: list[Item]) -> list[Org]:
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


def validate_filters(
    params: QueryDict,
    filters: Filters,
    organizations: list[Org] | None,
    pillars: list[PillarInfo] | None,
) -> None:
    """Read `org` (when `organizations` are given) and `pillar` (when `pillars` are),
    checked against what the plan has."""
    raw_org = params.get("org", "").strip()
    raw_pillar = params.get("pillar", "").strip()
    if raw_org and organizations is not None:
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
    if raw_pillar and pillars is not None:
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


def parse_filters(params: QueryDict, items: list[Item], filters: Filters) -> list[Item]:
    """Validate `org` and `pillar` against what the plan has; keep matching rows."""
    validate_filters(params, filters, leaders_of(items), pillars_of(items))
    kept = items
    if filters.pillar is not None:
        kept = [item for item in kept if item.pillar == filters.pillar]
    if filters.organization is not None:
        kept = [item for item in kept if filters.organization in item.leads]
    return kept


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
        .values_list("pillar_id", "pillar__position", "pillar__title", "status")
        .annotate(count=Count("pk"), matching=matching)
    )
    pillars: dict[int, PillarInfo] = {}
    counts = []
    for pillar_id, position, title, status, count, led in rows:
        pillars.setdefault(pillar_id, PillarInfo(pillar_id, position, title))
        counts.append((pillar_id, status, count, led))
    return sorted(pillars.values(), key=lambda p: (p.position, p.pk)), counts


def commitments_in(plan: WorkPlan, filters: Filters) -> QuerySet[Commitment]:
    commitments = Commitment.objects.filter(pillar__plan=plan)
    if filters.pillar is not None:
        commitments = commitments.filter(pillar_id=filters.pillar.pk)
    if filters.organization is not None:
        commitments = commitments.filter(led_by(filters.organization.pk))
    return commitments


def pk_in(ids: list[int], vendor: str) -> Q | EqualsAny:
    """`pk IN ids`, as one array parameter on PostgreSQL."""
    if vendor != "postgresql" or not ids:
        return Q(pk__in=ids)
    from django.contrib.postgres.fields import ArrayField

    return EqualsAny(F("pk"), Value(ids, output_field=ArrayField(BigIntegerField())))


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


ROW_FIELDS = ["pk", "pillar_id", "position", "short_title", "status_then", "lead_ids", "last"]
FETCHED = [*ROW_FIELDS, "change", "pillar_position", "kind"]
# The parts of the rows query: the first of each pillar, the first changed, the first stale.
SHOWN, CHANGED, STALE = 0, 1, 2


def with_change(
    commitments: QuerySet[Commitment],
    changed: Q | EqualsAny,
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
    changed: Q | EqualsAny | None = None,
) -> QuerySet[Commitment]:
    """Rows with ROW_FIELDS and `change` (empty unless `changed`), the same columns in the
    same order so that several can be one UNION."""
    rows = with_row_data(commitments, cutoff, replaying=replaying)
    if changed is None:
        rows = rows.annotate(change=Value(None, output_field=JSONField()))
    else:
        rows = with_change(rows, changed, quarter, cutoff)
    return rows.annotate(pillar_position=F("pillar__position"))


def union_all(*parts: QuerySet) -> list[tuple]:
    """The rows of value-list querysets with the same columns, in one UNION ALL query (each
    part keeps its own ORDER BY and LIMIT, which PostgreSQL allows in parentheses)."""
    sqls, params = [], []
    for part in parts:
        try:
            sql, part_params = part.query.sql_with_params()
        except EmptyResultSet:  # e.g. `pk IN ()`: that part has no rows
            continue
        sqls.append(f"({sql})")
        params.extend(part_params)
    if not sqls:
        return []
    with connections[parts[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sqls), params)
        return cursor.fetchall()


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
    pk, pillar_id, position, title, status, leads, last, change = values
    org_ids = [int(part) for part in leads.split(",")] if leads else []
    orgs = [reading.organizations[i] for i in org_ids if i in reading.organizations]
    orgs.sort(key=lambda org: (org.country_code, org.name, org.pk))
    pillar = reading.pillars[pillar_id]
    last = from_json(last)
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
    vendor = connections[Commitment.objects.db].vendor
    meetings = list(plan.meetings.not_cancelled().order_by("starts_at", "pk"))
    filters, cutoff = parse_date(params, now)
    replaying = filters.as_of is not None
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

    if full:
        # The briefing prints every row: counts and lists come from the rows themselves.
        values = (
            row_data(
                scope, cutoff, quarter, replaying=replaying, changed=pk_in(changed_ids, vendor)
            )
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
    if vendor == "postgresql":
        # One round trip: UNION ALL of the parts (PostgreSQL takes LIMIT inside a UNION).
        fetched = union_all(*parts)
    else:
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
