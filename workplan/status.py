"""The status vocabulary of Canada's Mandate Letter Tracker: the one definition of every
status's key, label, colour, pattern and symbol, shared by forms, pages, charts and exports."""

import functools
from dataclasses import dataclass

from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("Underway – on track")
    CHALLENGES = "challenges", _("Underway – with challenges")
    COMPLETED = "completed", _("Completed – fully")
    COMPLETED_MODIFIED = "completed_modified", _("Completed – modified")
    NOT_PURSUED = "not_pursued", _("Not being pursued")


# Closed commitments are not chased at check-ins.
CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.COMPLETED_MODIFIED, Status.NOT_PURSUED})

# A note is required for these: readers need to know why.
STATUSES_REQUIRING_NOTE = frozenset({Status.CHALLENGES, Status.NOT_PURSUED})


@dataclass(frozen=True)
class StatusStyle:
    key: str
    label: str
    # Colours chosen for ≥ 4.5:1 contrast of white text; the symbol and pattern
    # carry the meaning too, for readers who cannot tell the colours apart.
    colour: str
    symbol: str
    pattern: str

    @property
    def css_class(self) -> str:
        return f"status-{self.key.replace('_', '-')}"

    @property
    def svg_pattern_id(self) -> str:
        """The id of the SVG <pattern> of this status's colour and pattern
        (templates/dashboard/_defs.html); "" for plain fills."""
        return "" if self.pattern in ("none", "solid") else f"status-fill-{self.pattern}"

    @property
    def svg_fill(self) -> str:
        """What a chart fills this status's shapes with: one shape each, the pattern
        carrying the colour."""
        return f"url(#{self.svg_pattern_id})" if self.svg_pattern_id else self.colour

    @property
    def badge(self) -> SafeString:
        """The status badge, templates/workplan/_status_badge.html: the one definition,
        rendered once per status and language (the label is part of the style), since
        a dashboard prints hundreds and an include apiece cost it a tenth of its time."""
        return _rendered_badge(self)


@functools.lru_cache(maxsize=128)
def _rendered_badge(style: StatusStyle) -> SafeString:
    return render_to_string("workplan/_status_badge.html", {"style": style})


_STYLE = {
    Status.NOT_STARTED: ("#595959", "○", "none"),
    Status.ON_TRACK: ("#1a6b3a", "▶", "solid"),
    Status.CHALLENGES: ("#8a4b00", "⚠", "stripes"),
    Status.COMPLETED: ("#1d4f91", "✔", "solid"),
    Status.COMPLETED_MODIFIED: ("#5b3a8c", "✎", "dots"),
    Status.NOT_PURSUED: ("#9b1c1c", "✖", "cross"),
}


def style_for(status: str) -> StatusStyle:
    status = Status(status)
    colour, symbol, pattern = _STYLE[status]
    return StatusStyle(status.value, str(status.label), colour, symbol, pattern)


def all_styles() -> list[StatusStyle]:
    return [style_for(status) for status in Status]
