"""Turn a published joint ministerial readout into a structured work plan.

A readout is a press release in which ministers announce a work plan: a few
pillars, each introduced by a heading or lead-in ("... and agreed to:"), each
followed by a list of commitments. The same readout is published in many shapes
(bulleted .gov page, flattened newswire paragraph, HTML saved from a browser,
Markdown, French), so the parser works in three stages:

1. Normalise the input into logical ``Line`` objects (text or HTML), tagging site
   furniture (banners, share bars, nav) as junk and datelines/contacts as meta.
2. Rebuild structure lost in transit: re-join hard-wrapped lines, and split
   flattened newswire paragraphs ("agreed to:a;b; andc.Recognized ...") back into
   lead-in and item lines.
3. Walk the lines with a small state machine that attaches items to headings.

The shapes it reads, each with a fixture and a test (tests/readouts/): bulleted and
numbered lists under headings or lead-ins ("... agreed to:", "will:", "by:"); flattened
newswire paragraphs; bare lines, or paragraphs separated by blank lines, after a lead-in
ending with a colon; bare lines under a "Pillar I: Title" heading, one commitment a line
(never joined for their width alone); a heading over one paragraph, one commitment however
many sentences it has; a short line after a blank line and right before a lead-in, which
names the next section even inside a list of bare lines; a last item cut off mid-phrase,
kept as it is; a numbered list whose every item reads "1. Title: description", each item a
pillar titled by the words before its colon, its description the one commitment (however
many sentences), or, when a list of its own follows, the introduction to that list, whose
items are the commitments (right under a heading, such a list stays that heading's
commitments); HTML, Markdown and French versions of all these. It never makes commitments
of prose: a text without a list gives ``ReadoutParseError`` with what it did find, and
``read_readout`` gives the text's title, date and cadence beside that reason, for the
outline editor (readouts/outline_text.py) to start from.

The stages live in sibling modules, in the order ``parse_readout`` runs them:
``source_text`` (input hygiene, HTML sniffing), ``lines`` and ``html_lines`` (text or HTML
to lines), ``line_roles`` (furniture, meta, trailer, title), ``reflow`` (stage 2),
``outline`` (stage 3, using ``wording`` for commitment text and pillar titles) and
``metadata`` (date, cadence, language, participants). ``vocabulary`` holds what several
stages share and ``parsed`` the result types, re-exported here.

Everything is pure standard library and never raises anything but
``ReadoutParseError`` for string input.
"""

from __future__ import annotations

from .html_lines import html_lines
from .line_roles import find_title, mark_furniture
from .lines import Line, text_lines
from .metadata import find_cadence, find_participants, find_published, guess_language
from .outline import assemble, build_pillars, failure
from .parsed import ParsedCommitment, ParsedPillar, ParsedReadout, ReadoutParseError
from .reflow import expand_run_ons, join_wrapped
from .source_text import (
    INLINE_TRAILER_RE,
    LEADING_DATE_MARKER_RE,
    looks_like_html,
    normalise_source,
    strip_inline_junk,
)
from .wording import short_title

__all__ = [
    "ParsedCommitment",
    "ParsedPillar",
    "ParsedReadout",
    "ReadoutParseError",
    "parse_readout",
    "read_readout",
    "short_title",
]


def _render_text(lines: list[Line]) -> str:
    out: list[str] = []
    for line in lines:
        if line.role == "junk":
            continue
        if line.gap and out:
            out.append("")
        out.append(line.raw)
    return "\n".join(out).strip()


def parse_readout(source: str, *, content_type: str | None = None) -> ParsedReadout:
    """Parse a readout (plain text, newswire copy, Markdown or HTML) into pillars."""
    parsed, problem = read_readout(source, content_type=content_type)
    if problem is not None:
        raise problem
    return parsed


def read_readout(
    source: str, *, content_type: str | None = None
) -> tuple[ParsedReadout, ReadoutParseError | None]:
    """As `parse_readout`, but a text with no list still gives its title, date, cadence and
    clean text (and no pillars), with the reason beside it: the outline editor starts from
    there. A text with no readable words at all still raises."""
    if not isinstance(source, str):
        raise ReadoutParseError("No work plan found: expected text, got no readable document.")
    text = normalise_source(source)
    marker_match = LEADING_DATE_MARKER_RE.match(text)
    marker = marker_match.group(1) if marker_match else None
    if marker_match:
        text = text[marker_match.end() :]
    trailer = INLINE_TRAILER_RE.search(text)
    if trailer:
        text = text[: trailer.start()]

    html_title: str | None = None
    meta_dates: list[str] = []
    is_html = looks_like_html(text, content_type)
    if is_html:
        lines, html_title, meta_dates = html_lines(text)
    else:
        lines = text_lines(strip_inline_junk(text))
    if not lines:
        raise ReadoutParseError("No work plan found: the document has no readable text.")

    mark_furniture(lines)
    if not is_html:
        lines = join_wrapped(lines)
    title = find_title(lines, html_title)
    clean_text = _render_text(lines)
    state = assemble(expand_run_ons(lines))
    pillars = build_pillars(state)
    problem = None if pillars else failure(state)

    # Participants are named in the introduction, before the work plan starts.
    intro_end = clean_text.find(pillars[0].heading) if pillars else -1
    intro = clean_text[: intro_end if 0 < intro_end < 3000 else 3000]
    head = f"{title or ''}\n{intro}"
    parsed = ParsedReadout(
        title=title,
        published=find_published(clean_text, marker, meta_dates),
        participants=find_participants(head),
        pillars=pillars,
        cadence_months=find_cadence(clean_text),
        language=guess_language(clean_text),
        text=clean_text,
    )
    return parsed, problem
