"""The outline: a readout's structure as plain lines an admin can correct, and read back.

    # Supply-chain security and resiliency
    > The Secretary and the Minister agreed to:
    - Cooperate on critical minerals and engage industry.
    - Strengthen software supply chain security

- ``# `` starts a pillar (its title); ``> `` is the pillar's lead-in sentence (optional,
  before its first commitment); ``- `` starts a commitment; ``~ `` under it is its short
  title (whole words, at most 60 characters; without one, Accord makes one).
- ``@ `` names lead organisations by short name (``@ DOC, ISED``): under a pillar's title,
  of all its commitments; under a commitment, of that one (instead of the pillar's). They
  set up a new plan; a version attached to an existing plan leaves its leads as they are.
- A line without a mark continues the line above it (a commitment, a lead-in or a title
  too long to type on one line); blank lines are ignored, so are lines starting ``//``.
- Reading it back never guesses: every problem is reported with its line number, and an
  outline with a problem imports nothing.

The admin's import preview shows the parser's outline (or, when the parser found no list,
the whole text as one draft pillar) for correction; ``import_readout --outline FILE`` takes
one from a file, and ``--dry-run --format json`` prints the parser's.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .parsed import ParsedCommitment, ParsedPillar, ParsedReadout, ReadoutParseError
from .vocabulary import collapse
from .wording import SHORT_TITLE_MAX_LENGTH, readable_short_title

PILLAR, LEAD_IN, COMMITMENT, SHORT_TITLE, LEADS = "# ", "> ", "- ", "~ ", "@ "
KINDS = {
    "pillar": PILLAR,
    "lead_in": LEAD_IN,
    "commitment": COMMITMENT,
    "short_title": SHORT_TITLE,
    "leads": LEADS,
}
# Markdown's marks are read too: "## Title", "* item", "• item".
_MARK_RE = re.compile(
    r"^(?:(?P<pillar>#+)|(?P<lead_in>>)|(?P<commitment>[-*•])|(?P<short_title>~)|(?P<leads>@))"
    r"(?:\s+|$)(?P<body>.*)$"
)
_LEAD_SEPARATOR = re.compile(r"[,;\s]+")
TITLE_MAX_LENGTH = 200


class OutlineError(ReadoutParseError):
    """An outline that cannot be imported; `problems` says where and why, a line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


def write_outline(pillars: tuple[ParsedPillar, ...]) -> str:
    lines: list[str] = []
    for pillar in pillars:
        if lines:
            lines.append("")
        lines.append(PILLAR + collapse(pillar.title))
        if pillar.heading and collapse(pillar.heading) != collapse(pillar.title):
            lines.append(LEAD_IN + collapse(pillar.heading))
        for commitment in pillar.commitments:
            lines.append(COMMITMENT + collapse(commitment.text))
            if commitment.short_title:
                lines.append("  " + SHORT_TITLE + commitment.short_title)
            if commitment.leads:
                lines.append("  " + LEADS + ", ".join(commitment.leads))
    return "\n".join(lines) + "\n"


def draft_outline(text: str) -> str:
    """The whole text as one draft pillar, a commitment per line: what the editor opens with
    when the parser found no list. Turning a line into a pillar is typing "#" over its "-",
    and joining two is deleting a mark, so lines are the easiest pieces to start from."""
    lines = [PILLAR + _("Draft pillar: correct the title")]
    lines += [COMMITMENT + collapse(line) for line in text.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


@dataclass
class _Draft:
    title: str
    line: int
    lead_in: str = ""
    commitments: list[str] | None = None
    short_titles: dict[int, str] | None = None
    leads: tuple[str, ...] = ()
    # A commitment's own leads, by its index in the pillar.
    commitment_leads: dict[int, tuple[str, ...]] | None = None


def read_outline(
    outline: str,
    parsed: ParsedReadout | None = None,
    organizations: Collection[str] | None = None,
) -> tuple[ParsedPillar, ...]:
    """The pillars an outline describes. A commitment the parser found keeps the passage it
    came from (its provenance); one written or changed by hand is its own passage. With
    `organizations` (short names), an "@" line naming another is a problem."""
    known = None if organizations is None else {name.casefold(): name for name in organizations}
    passages = {}
    if parsed is not None:
        passages = {collapse(c.text): c.passage for p in parsed.pillars for c in p.commitments}
    problems: list[str] = []
    drafts: list[_Draft] = []
    last: str | None = None  # what a continuation line continues
    for number, raw in enumerate(outline.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        found = _MARK_RE.match(line)
        mark = ""
        if found:
            mark = next(KINDS[kind] for kind in KINDS if found.group(kind))
        body = collapse(found.group("body") if found else line)
        pillar = drafts[-1] if drafts else None
        if mark == PILLAR:
            drafts.append(
                _Draft(
                    title=body, line=number, commitments=[], short_titles={}, commitment_leads={}
                )
            )
            last = "title"
            if not body:
                problems.append(_("Line %(n)d: a pillar needs a title after “#”.") % {"n": number})
        elif pillar is None:
            problems.append(
                _("Line %(n)d: start the outline with a pillar, a “# Title” line.") % {"n": number}
            )
        elif mark == LEAD_IN:
            if pillar.commitments:
                problems.append(
                    _("Line %(n)d: a lead-in (“>”) goes before the pillar's first commitment.")
                    % {"n": number}
                )
            pillar.lead_in = f"{pillar.lead_in} {body}".strip()
            last = "lead_in"
        elif mark == SHORT_TITLE:
            if not pillar.commitments or last not in ("commitment", "short_title", "leads"):
                problems.append(
                    _("Line %(n)d: a short title (“~”) goes under its commitment.") % {"n": number}
                )
            elif len(body) > SHORT_TITLE_MAX_LENGTH:
                problems.append(
                    _(
                        "Line %(n)d: shorten the short title to %(max)d characters or fewer "
                        "(it has %(length)d)."
                    )
                    % {"n": number, "max": SHORT_TITLE_MAX_LENGTH, "length": len(body)}
                )
            else:
                pillar.short_titles[len(pillar.commitments) - 1] = body
            last = "short_title"
        elif mark == LEADS:
            names = tuple(name for name in _LEAD_SEPARATOR.split(body) if name)
            unknown = [n for n in names if known is not None and n.casefold() not in known]
            if not names:
                problems.append(
                    _("Line %(n)d: name the lead organisations after “@” (e.g. @ DOC, ISED).")
                    % {"n": number}
                )
            elif unknown:
                problems.append(
                    _(
                        "Line %(n)d: no organisation with the short name %(names)s "
                        "(known: %(known)s)."
                    )
                    % {
                        "n": number,
                        "names": ", ".join(f"“{name}”" for name in unknown),
                        "known": ", ".join(sorted(known.values())) or "—",
                    }
                )
            names = tuple((known or {}).get(name.casefold(), name) for name in names)
            if not pillar.commitments:
                pillar.leads = names
            else:
                pillar.commitment_leads[len(pillar.commitments) - 1] = names
            last = "leads"
        elif mark == COMMITMENT:
            if not body:
                problems.append(
                    _("Line %(n)d: write the commitment after “-”, or delete the line.")
                    % {"n": number}
                )
            pillar.commitments.append(body)
            last = "commitment"
        elif last == "commitment":
            pillar.commitments[-1] = f"{pillar.commitments[-1]} {body}"
        elif last == "short_title":
            index = len(pillar.commitments) - 1
            pillar.short_titles[index] = f"{pillar.short_titles.get(index, '')} {body}".strip()
        elif last == "leads":
            problems.append(
                _("Line %(n)d: start the line with its mark (“- ” for a commitment).")
                % {"n": number}
            )
        elif last == "lead_in":
            pillar.lead_in = f"{pillar.lead_in} {body}"
        else:
            pillar.title = f"{pillar.title} {body}".strip()
    for pillar in drafts:
        if len(pillar.title) > TITLE_MAX_LENGTH:
            problems.append(
                _("Line %(n)d: shorten the pillar title to %(max)d characters or fewer.")
                % {"n": pillar.line, "max": TITLE_MAX_LENGTH}
            )
        if not pillar.commitments:
            problems.append(
                _("Line %(n)d: pillar “%(title)s” has no commitment: add “- ” lines or delete it.")
                % {"n": pillar.line, "title": pillar.title[:60]}
            )
    if not drafts and not problems:
        problems.append(_("The outline is empty: write at least one pillar and commitment."))
    if problems:
        raise OutlineError(problems)
    return tuple(
        ParsedPillar(
            heading=pillar.lead_in or pillar.title,
            title=pillar.title,
            commitments=tuple(
                ParsedCommitment(
                    text=text,
                    passage=passages.get(text, text),
                    short_title=pillar.short_titles.get(index) or readable_short_title(text),
                    leads=pillar.commitment_leads.get(index, pillar.leads),
                )
                for index, text in enumerate(pillar.commitments)
            ),
        )
        for pillar in drafts
    )


@dataclass
class SourceLine:
    number: int
    text: str
    # The references ("1.2") of the commitments whose passage starts on this line.
    items: list[str]


@dataclass
class LocatedCommitment:
    reference: str
    text: str
    line: int | None


def locate(
    parsed: ParsedReadout, source: str
) -> tuple[list[SourceLine], list[tuple[ParsedPillar, list]]]:
    """The source line by line, and each commitment with the line its passage starts on
    (None when written by hand, or not found): the editor highlights those lines beside
    the outline."""
    lines = [SourceLine(n, text, []) for n, text in enumerate(source.splitlines(), start=1)]
    folded = [collapse(line.text).casefold() for line in lines]
    pillars = []
    for p_number, pillar in enumerate(parsed.pillars, start=1):
        located = []
        for c_number, commitment in enumerate(pillar.commitments, start=1):
            reference = f"{p_number}.{c_number}"
            start = collapse(commitment.passage).casefold()[:40]
            found = next((n for n, text in enumerate(folded) if start and start in text), None)
            if found is not None:
                lines[found].items.append(reference)
            located.append(
                LocatedCommitment(
                    reference, commitment.text, found + 1 if found is not None else None
                )
            )
        pillars.append((pillar, located))
    return lines, pillars
