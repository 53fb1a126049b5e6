"""What the dashboard shows, row by row: the plain values its templates read."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from workplan.language import Localized
from workplan.quarters import is_stale
from workplan.status import CLOSED_STATUSES, Status, StatusStyle, all_styles


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
    # The plan's own words in the reader's language (workplan/language.py), here and below.
    title: Localized


@dataclass(slots=True)
class Item:
    """A commitment: what the dashboard, briefing and exports print of it."""

    pk: int
    pillar: PillarInfo
    position: int
    short_title: Localized
    text: Localized
    status: str
    initial_status: str
    latest_update_id: int | None
    leads: list[Org] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return f"{self.pillar.position}.{self.position}"


NOTE_EXCERPT = 160


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

    @property
    def excerpt(self) -> str:
        """The note as a table cell shows it: at most NOTE_EXCERPT characters, cut with an
        ellipsis. Most notes are shorter, and the truncatechars filter costs as much when it
        cuts nothing."""
        if len(self.note) <= NOTE_EXCERPT:
            return self.note
        return Truncator(self.note).chars(NOTE_EXCERPT)


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


def labelled(label: str, value: object) -> str:
    """ "Label: value", with the colon each language puts (French: a space before it). The
    charts' text alternatives say it hundreds of times: a template tag apiece cost the
    dashboard a tenth of its time."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


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

    @property
    def title(self) -> str:
        return labelled(self.style.label, self.count)


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
    def summary(self) -> str:
        """Each status shown and its count, for a chart's text alternative."""
        return "; ".join(f"{segment.style.label} {segment.count}" for segment in self.segments)

    @property
    def title(self) -> str:
        """The bar's text alternative: how many in all, and in each status."""
        total = ngettext("%(total)s commitment", "%(total)s commitments", self.total) % {
            "total": self.total
        }
        return labelled(total, self.summary)

    @property
    def listed(self) -> list[tuple[StatusStyle, str, int]]:
        """The statuses with commitments: style, "Label:" and count, for the list beside a
        bar."""
        return [
            (style, gettext("%(label)s:") % {"label": style.label}, count)
            for style, count in self.items
            if count
        ]

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
