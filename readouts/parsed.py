"""What the readout parser returns: the readout, its pillars and commitments, and the one
error it raises.

Separate from ``parser.py`` so that the stage modules can build these (and raise
``ReadoutParseError``) without importing the entry point; ``parser.py`` re-exports them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedCommitment:
    text: str
    passage: str
    # What the plan calls it: the parser's readable short title, or the outline's "~" line.
    short_title: str = ""
    # The short names of its lead organisations, from the outline's "@" lines (a new plan's).
    leads: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedPillar:
    heading: str
    title: str
    commitments: tuple[ParsedCommitment, ...]


@dataclass(frozen=True)
class ParsedReadout:
    title: str | None
    published: datetime.date | None
    participants: tuple[str, ...]
    pillars: tuple[ParsedPillar, ...]
    cadence_months: int | None
    language: str
    text: str

    @property
    def commitment_count(self) -> int:
        return sum(len(pillar.commitments) for pillar in self.pillars)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "participants": list(self.participants),
            "language": self.language,
            "pillars": [
                {
                    "heading": pillar.heading,
                    "title": pillar.title,
                    "commitments": [c.text for c in pillar.commitments],
                }
                for pillar in self.pillars
            ],
            "cadence_months": self.cadence_months,
        }


class ReadoutParseError(ValueError):
    """The input holds no usable work plan; ``str(error)`` is a one-line user-facing reason."""
