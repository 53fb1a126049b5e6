"""Stage 2: rebuild the line structure lost in transit.

Re-joins lines that a fixed-width copy hard-wrapped, and splits flattened newswire
paragraphs ("agreed to:a;b; andc.Recognized ...") back into lead-in and item lines.
Separate because both only reshape lines; neither decides what is a pillar.
"""

from __future__ import annotations

import itertools
import re

from .lines import PILLAR_RE, Line
from .vocabulary import first_boundary, is_boundary, last_boundary, word_set

# --------------------------------------------------------------------------- re-joining wraps

# A line ending in one of these words cannot end a sentence, so the next line continues it.
_FUNCTION_WORDS = word_set(
    "and or the of to in for with a an on by from at as de la le les et des du en à"
)


# Fixed-width copies (e-mail, plain-text releases) wrap somewhere in this range.
_MIN_WRAP, _MAX_WRAP = 60, 132


def _starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0].isdigit() or text[0] in "(")


def _wrap_width(lines: list[Line]) -> int | None:
    """Width of a hard-wrapped plain-text document, or None when lines are not wrapped.

    Uses a high percentile rather than the maximum: one over-long line (a merged
    newswire pitch, a URL) must not hide that everything else is cut at 72 columns.
    """
    lengths = sorted(len(line.raw) + line.indent for line in lines if line.role != "junk")
    if len(lengths) < 5:
        return None
    typical = lengths[len(lengths) * 4 // 5]
    width = max(length for length in lengths if length <= typical + 5)
    if not _MIN_WRAP <= width <= _MAX_WRAP:
        return None
    near = sum(1 for length in lengths if width - 15 <= length <= width + 15)
    return width if near * 10 >= len(lengths) * 3 else None


# "; and" separates list entries; ", and" is usually a serial comma inside one entry.
_LIST_SEPARATOR_END_RE = re.compile(r";\s*(?:and|or|et|ou)$", re.IGNORECASE)


def _ends_clause(tail: str) -> bool:
    """Does text ending in ``tail`` end a sentence or list entry ("U.S." does not)?"""
    if tail.endswith((":", ";", "!", "?")) or _LIST_SEPARATOR_END_RE.search(tail):
        return True
    return tail.endswith(".") and is_boundary(tail, len(tail) - 1)


def _group_tail(group: list[Line]) -> str:
    # Two lines' worth, so "chain;" + "and" still reads as the separator "; and".
    return " ".join(part.text for part in group[-2:])[-40:]


def _continues_item(group: list[Line], line: Line) -> bool:
    """Is ``line`` a hard-wrapped continuation of the item whose lines are ``group``?"""
    if line.kind != "text" or line.role or line.gap:
        return False
    if line.indent > group[0].indent:
        return True
    closed = _ends_clause(_group_tail(group))
    if line.text.endswith(":") and closed:
        return False
    return not (closed and line.text[:1].isupper())


def _continues_text(group: list[Line], line: Line, width: int | None) -> bool:
    """Is ``line`` the wrapped remainder of the plain line made of ``group``?"""
    last = group[-1]
    if line.kind != "text" or line.role or line.gap or last.role:
        return False
    # In a wrapped document a line that reaches the wrap width was cut, not ended.
    full_width = width is not None and len(last.raw) + last.indent >= width - 20
    if _ends_clause(_group_tail(group)):
        # "...storage;" / "agreed to:" at the wrap width, then "share ...": still one line.
        return full_width and line.text[:1].islower()
    if _starts_lower(line.text) or last.text.endswith(","):
        return True
    words = last.text.rsplit(None, 1)
    return full_width or (bool(words) and words[-1].lower() in _FUNCTION_WORDS)


def _wrapped_dash(group: list[Line], line: Line, width: int | None) -> bool:
    """Is ``line`` a dash that wrapping moved to a line start, not a bullet?

    A line cut mid-sentence at the wrap width, then "- Innovation, Science ...": the dash
    belongs to the sentence. When so, ``line`` is turned back into plain text.
    """
    last = group[-1]
    if line.kind != "item" or line.marker not in {"-", "–", "—"} or line.gap or line.role:
        return False
    full_width = width is not None and len(last.raw) + last.indent >= width - 20
    if not full_width or _ends_clause(_group_tail(group)):
        return False
    line.kind, line.text = "text", line.raw
    return True


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Re-join lines that a fixed-width copy broke, keeping each logical line's first Line.

    Under a "Pillar I: ..." heading, short lines that each start with a capital and end
    without a joining word or comma are one commitment a line (the shape of readouts that
    list commitments without bullets), so a line there is never joined for its width alone.
    """
    width = _wrap_width(lines)
    groups: list[list[Line]] = []
    under_pillar = False
    for line in lines:
        group = groups[-1] if groups else None
        if line.kind == "heading" or line.gap:
            under_pillar = line.kind == "heading" and bool(PILLAR_RE.match(line.text))
        if group is not None and group[0].kind == "item":
            joins = _continues_item(group, line)
        elif group is not None and group[0].kind == "text":
            joins = _continues_text(group, line, None if under_pillar else width) or (
                not under_pillar and _wrapped_dash(group, line, width)
            )
        else:
            joins = False
        if joins and group is not None:
            group.append(line)
        else:
            groups.append([line])
    for group in groups:
        if len(group) > 1:
            # Joined once per group: repeated concatenation would be quadratic.
            group[0].text = _join_parts([part.text for part in group])
            group[0].raw = _join_parts([part.raw for part in group])
    return [group[0] for group in groups]


def _join_parts(parts: list[str]) -> str:
    """Join wrapped lines with a space, except after a hyphen break ("net-" + "zero")."""
    pieces = [parts[0]]
    for previous, part in itertools.pairwise(parts):
        hyphen_break = len(previous) > 1 and previous[-1] == "-" and previous[-2].isalpha()
        pieces.append(part if hyphen_break and part[:1].isalpha() else f" {part}")
    return "".join(pieces)


# --------------------------------------------------------------------------- run-on paragraphs

_LIST_COLON_RE = re.compile(r"(?<!\d):(?![\d/])")
_STRONG_LEADIN_RE = re.compile(
    r"(?:\b(?:agreed|agree|agrees|committed|commit|commits|decided|resolved|pledged|undertook"
    r"|promised|intend|intends|plan|plans|aim|aims|seek|seeks)(?:\s+to)?|\bwill|\bshall|\bby"
    r"|\bfollowing|\bas follows|\bconvenu de|\bs['’]engagent à|\bs['’]engage à|\bvont|\bpar)\s*$",
    re.IGNORECASE,
)
_LEADING_CONJ_RE = re.compile(r"^(?:and|et|or|ou)\s+", re.IGNORECASE)
# "; andsupport ..." - the newswire glued the conjunction to the final clause.
_GLUED_CONJ_RE = re.compile(r"^(?:and|et)(?=[a-zà-ÿ]{3})")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at top-level semicolons; each span keeps its ';' for provenance."""
    spans = []
    depth = 0
    begin = start
    for position in range(start, end):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == ";" and not depth:
            spans.append((begin, position + 1))
            begin = position + 1
    spans.append((begin, end))
    return [(_skip_space(text, a), b) for a, b in spans if text[a:b].strip(" ;")]


def _clause_line(text: str, span: tuple[int, int], last: bool) -> Line:
    passage = text[span[0] : span[1]].strip()
    content = _LEADING_CONJ_RE.sub("", passage)
    if last and content == passage:
        content = _GLUED_CONJ_RE.sub("", content)
    return Line("item", content, passage, family="runon")


def _split_run_on(line: Line) -> list[Line] | None:
    """Split a flattened "lead-in: a; b; and c.Next lead-in: ..." paragraph into lines.

    Returns None when the line holds no colon-introduced list, so it stays as written.
    """
    text = line.text
    colons = [m.start() for m in _LIST_COLON_RE.finditer(text)]
    if not colons or not text[colons[0] + 1 :].strip(" :"):
        return None
    out: list[Line] = []
    lead_start = last_boundary(text, 0, colons[0]) or 0
    if text[:lead_start].strip():
        out.append(Line("text", text[:lead_start].strip(), text[:lead_start].strip()))
    found_list = False
    for index, colon in enumerate(colons):
        body_start = colon + 1
        is_last = index + 1 == len(colons)
        limit = len(text) if is_last else colons[index + 1]
        semi = text.rfind(";", body_start, limit)
        tail_from = semi + 1 if semi >= 0 else body_start
        if is_last:
            body_end = first_boundary(text, tail_from, limit) or limit
        else:
            cut = last_boundary(text, tail_from, limit)
            body_end = cut if cut is not None else (semi + 1 if semi >= 0 else body_start)
        lead_text = text[lead_start:colon].strip()
        spans = _clause_spans(text, body_start, body_end)
        if len(spans) >= 2 or (spans and _STRONG_LEADIN_RE.search(lead_text)):
            found_list = True
            out.append(Line("text", f"{lead_text}:", text[lead_start : colon + 1].strip()))
            out.extend(_clause_line(text, s, i == len(spans) - 1) for i, s in enumerate(spans))
        elif not spans:
            out.append(Line("text", f"{lead_text}:", text[lead_start : colon + 1].strip()))
        else:
            prose = text[lead_start:body_end].strip()
            out.append(Line("text", prose, prose))
        lead_start = _skip_space(text, body_end)
        if is_last and text[lead_start:].strip():
            rest = text[lead_start:].strip()
            out.append(Line("text", rest, rest))
    if not found_list:
        return None
    for piece in out:
        piece.gap = True
    return [piece for piece in out if piece.text.strip(" :")]


def expand_run_ons(lines: list[Line]) -> list[Line]:
    expanded: list[Line] = []
    for line in lines:
        pieces = _split_run_on(line) if line.kind == "text" and not line.role else None
        expanded.extend(pieces or [line])
    return expanded
