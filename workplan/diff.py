"""A word-level diff of two texts: what the readout comparison and the meeting record's
corrected versions show as deleted and inserted words."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD_WS_RE = re.compile(r"(\S+)(\s*)")


def _split_words(text: str) -> tuple[str, list[str], list[str]]:
    """Leading whitespace, the words, and the whitespace following each word."""
    stripped = text.lstrip()
    leading = text[: len(text) - len(stripped)]
    words: list[str] = []
    spaces: list[str] = []
    for match in _WORD_WS_RE.finditer(stripped):
        words.append(match.group(1))
        spaces.append(match.group(2))
    return leading, words, spaces


class _Ops:
    """Accumulates diff fragments, merging neighbours of the same kind."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, op: str, text: str) -> None:
        if not text:
            return
        if self.items and self.items[-1][0] == op:
            self.items[-1] = (op, self.items[-1][1] + text)
        else:
            self.items.append((op, text))


def _emit_whitespace(ops: _Ops, left_ws: str, right_ws: str) -> None:
    if left_ws == right_ws:
        ops.add("equal", left_ws)
    else:
        ops.add("delete", left_ws)
        ops.add("insert", right_ws)


def word_diff(left: str, right: str) -> list[tuple[str, str]]:
    """Word-level diff as ("equal" | "delete" | "insert", text) fragments.

    Each word keeps its trailing whitespace so that joining the equal and delete fragments
    rebuilds ``left`` exactly, and joining equal and insert fragments rebuilds ``right``.
    A replaced run is reported as a delete followed by an insert.
    """
    left_lead, left_words, left_spaces = _split_words(left)
    right_lead, right_words, right_spaces = _split_words(right)
    ops = _Ops()
    _emit_whitespace(ops, left_lead, right_lead)
    matcher = SequenceMatcher(None, left_words, right_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                ops.add("equal", left_words[i1 + offset])
                _emit_whitespace(ops, left_spaces[i1 + offset], right_spaces[j1 + offset])
            continue
        if tag in ("delete", "replace"):
            deleted = zip(left_words[i1:i2], left_spaces[i1:i2], strict=True)
            ops.add("delete", "".join(w + s for w, s in deleted))
        if tag in ("insert", "replace"):
            inserted = zip(right_words[j1:j2], right_spaces[j1:j2], strict=True)
            ops.add("insert", "".join(w + s for w, s in inserted))
    return ops.items
