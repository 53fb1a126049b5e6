"""Stage 1a: normalise the raw source text before it is cut into lines.

Rejects empty or binary input, folds newlines, spaces and invisible characters to one kind
each, strips the inline site furniture that flattened newswire copies carry, and sniffs
whether the source is HTML. Separate because it works on the whole string, before any line
exists.
"""

from __future__ import annotations

import re
import unicodedata

from .parsed import ReadoutParseError

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")
_SPACE_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NEWLINE_RE = re.compile(r"\r\n?|[\x0c\x85\u2028\u2029]")
_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|li|ul|ol|h[1-6]|br|strong|b|table|article"
    r"|section|span|main|nav|script|style)[\s/>]",
    re.IGNORECASE,
)
LEADING_DATE_MARKER_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# Inline furniture survives in flattened newswire copies where every line ran together.
_INLINE_JUNK_RE = re.compile(
    r"(?:\b(?:Facebook|Twitter|WhatsApp|SMS|Email|E-mail|LinkedIn|Print|Save|Reddit|Pinterest"
    r"|Tumblr)\b\s*){3,}"
    r"|\bSupport Local Journalism\b[\s\S]{0,200}?\bSubscribe\b"
    r"|\bUpdated\s+\d+\s+(?:hrs?|hours?|mins?|minutes?|days?|seconds?)\s+ago(?:\s+Comments\b)?"
    # The wire-service tag after a dateline; its dash can wrap to a line start and pose
    # as a bullet.
    r"|/(?:CNW|PRNewswire|GLOBE NEWSWIRE|Business Wire|Newswire)/\s*[-–—]{0,2}"
)
INLINE_TRAILER_RE = re.compile(r"Associated links|Liens associés")
# Substring checks are far cheaper than the regex scan, and most lines hold none of these.
_INLINE_JUNK_HINTS = (
    "Facebook", "Twitter", "WhatsApp", "SMS", "Email", "E-mail", "LinkedIn", "Print", "Save",
    "Reddit", "Pinterest", "Tumblr", "Support Local", "Updated", "/CNW/", "Newswire/",
    "NEWSWIRE/", "Wire/",
)  # fmt: skip


def strip_inline_junk(text: str) -> str:
    if any(hint in text for hint in _INLINE_JUNK_HINTS):
        return _INLINE_JUNK_RE.sub(_junk_replacement, text)
    return text


def _junk_replacement(match: re.Match[str]) -> str:
    # Share buttons one per line must not merge the lines around them; a pitch wrapped
    # into the middle of a newswire paragraph must not split that paragraph.
    text, start, end = match.string, match.start(), match.end()
    whole_lines = (start == 0 or text[start - 1] == "\n") or (end == len(text) or text[end] == "\n")
    return "\n" if "\n" in match.group(0) and whole_lines else " "


def normalise_source(source: str) -> str:
    """Reject empty/binary input and return NFC text with one kind of space and newline."""
    if not source.strip():
        raise ReadoutParseError("No work plan found: the document is empty.")
    controls = len(_CONTROL_RE.findall(source))
    if controls >= 3 and controls * 50 >= len(source):
        raise ReadoutParseError(
            f"No work plan found: the input looks like binary data ({controls} control "
            "characters), not a readout text."
        )
    text = unicodedata.normalize("NFC", source)
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    if not text.strip():
        raise ReadoutParseError("No work plan found: the document has no readable text.")
    return text


def looks_like_html(text: str, content_type: str | None) -> bool:
    if content_type:
        return "html" in content_type.lower()
    return bool(_HTML_SNIFF_RE.search(text[:50000]))
