"""The words a user sees: a commitment's text without list furniture, a pillar's title
derived from its heading, and ``short_title``, a commitment's short label.

Separate because these are text-to-text clean-ups that know nothing of lines; the outline
stage uses them, and ``short_title`` is public through ``parser.py``.
"""

from __future__ import annotations

import re

from .lines import PILLAR_RE
from .vocabulary import HAS_LETTER_RE, clip, collapse, word_set

# --------------------------------------------------------------------------- cleaning

BOLD_SPAN_RE = re.compile(r"(\*\*|__)(.+?)\1")
# Any run of bullets, list numbers and whitespace at the start, removed in one pass.
_LEADING_MARKERS_RE = re.compile(
    r"(?:\s+|[•◦▪▫‣⁃●○■□►▶➢➤✓✔·*+\-–—]+|(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})"
    r"[.)](?=\s)|\((?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\))+"
)
_GLUED_PUNCT_RE = re.compile(r"[,;:](?=[^\W\d_])")
_TRAILING_CONJUNCTIONS = (" and", " or", " et", " ou")
_ABBREV_END_RE = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\betc\.|\bInc\.|\bLtd\.|\bCo\.)$")


def _strip_markers(text: str) -> str:
    match = _LEADING_MARKERS_RE.match(text)
    return text[match.end() :] if match else text


def _strip_trailing(text: str) -> str:
    """Drop list separators ("; and", ";", ",", ".") from the end, keeping "U.S."."""
    while True:
        before = text
        text = text.rstrip(" \t\n;,:")
        tail = text[-4:].lower()
        for conjunction in _TRAILING_CONJUNCTIONS:
            if tail.endswith(conjunction):
                text = text[: -len(conjunction)]
                break
        # Only the tail matters, and looking at a bounded slice keeps this linear.
        if text.endswith(".") and not _ABBREV_END_RE.search(text[-12:]):
            text = text.rstrip(".")
        if text == before:
            return text


def _respace(match: re.Match[str]) -> str:
    """Re-space "diversity,including" and "to:reinforce", but leave "https:" alone."""
    position = match.start()
    if match.group(0) == ":" and not (position and match.string[position - 1].isalpha()):
        return ":"
    return f"{match.group(0)} "


def _capitalise(text: str) -> str:
    for index, char in enumerate(text[:3]):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def clean_commitment(text: str) -> str:
    """Normalise one list item to the published words without list furniture."""
    text = BOLD_SPAN_RE.sub(r"\2", collapse(text))
    text = _strip_markers(text)
    text = _GLUED_PUNCT_RE.sub(_respace, text)
    text = _strip_trailing(collapse(text))
    text = _strip_markers(text)
    if not HAS_LETTER_RE.search(text) and not any(ch.isdigit() for ch in text):
        return ""
    return _capitalise(text)


# --------------------------------------------------------------------------- pillar titles

_TITLE_LEAD_FRAME_RE = re.compile(
    r"^(?:Acknowledg(?:ed|ing)|Recogni[sz](?:ed|ing)|Underscor(?:ed|ing)|Emphasi[sz](?:ed|ing)"
    r"|Highlight(?:ed|ing)|Stress(?:ed|ing)|Reaffirm(?:ed|ing)|Affirm(?:ed|ing)|Not(?:ed|ing)"
    r"|Welcom(?:ed|ing)|Reiterat(?:ed|ing)|Discuss(?:ed|ing)|Agreed on|Agreed upon)\s+"
    r"(?:the\s+)?(?:(?:critical|key|central|vital|important|essential|shared|continued|growing"
    r"|strategic|mutual)\s+)*(?:importance|role|value|need|significance|benefits?|progress"
    r"|priority|priorities|opportunit(?:y|ies))\s+(?:of|for|in|to)\s+",
    re.IGNORECASE,
)
_TITLE_LEAD_FRAME_FR_RE = re.compile(
    r"^(?:Ont\s+)?(?:reconnu|soulign[ée]|salu[ée]|r[ée]affirm[ée])\s+(?:l['’]|la |le |les )?"
    r"(?:importance|r[ôo]le\s+\w+|valeur)\s+(?:de la |du |des |de l['’]|de |d['’])",
    re.IGNORECASE,
)
_TITLE_TAIL_FRAME_RE = re.compile(
    r"(?:,?\s+(?:and\s+)?(?:agreed|agree|agrees|committed|commit|commits|decided|resolved"
    r"|pledged|undertook|intend|intends|plan|plans|aim|aims|seek|seeks)(?:\s+to)?"
    r"|\s+(?:will|shall|are|were|include|includes|including)"
    r"|,?\s+(?:et\s+)?(?:ont|a)\s+convenu\s+de|\s+s['’]engagent\s+à|\s+(?:vont|entendent|comptent))$",
    re.IGNORECASE,
)
_TITLE_PURPOSE_RE = re.compile(
    r"^.*?\b(?:will|shall|agreed to|committed to|intend to|plan to|decided to|resolved to)\s+"
    r"(?:also\s+)?(?P<rest>.+?)\s+by$",
    re.IGNORECASE,
)
_TITLE_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCivxlc]{1,6}|[A-Za-z])[.)]\s+")
_TITLE_RUN_IN_RE = re.compile(r"^(?P<t>[^.:]{2,80}?)[.:—–]\s+(?:The|Both|Les|Nous|We)\b")
# "To build a skilled workforce, the Working Group will:" - topic first, subject last.
_TITLE_SUBJECT_TAIL_RE = re.compile(
    r"^(?P<topic>.+?),\s+(?:the\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}|they|we|both(?:\s+\w+)?|les\s+\w+"
    r"|nous|ils|elles)$",
    re.IGNORECASE,
)
_TITLE_TOPIC_PREFIX_RE = re.compile(
    r"^(?:To|On|Regarding|Concerning|With regard to|In the area of|In the field of|As regards"
    r"|Pour|En matière de|Sur)\s+",
    re.IGNORECASE,
)


def _strip_title_tail(text: str) -> str:
    """Remove "... and agreed to" / "will" framing from the end, repeatedly."""
    while True:
        # The framing phrases are short: scanning only the tail keeps this cheap.
        match = _TITLE_TAIL_FRAME_RE.search(text, max(0, len(text) - 60))
        if not match:
            return text
        text = text[: match.start()].rstrip(" :,")


def pillar_title(heading: str) -> str:
    text = collapse(BOLD_SPAN_RE.sub(r"\2", heading)).strip("*_# ")
    match = PILLAR_RE.match(text)
    if match:
        if not match.group("rest").strip(" :.-–—"):
            return _capitalise(match.group("label").strip())
        text = match.group("rest")
    text = _TITLE_NUMBER_RE.sub("", text)
    run_in = _TITLE_RUN_IN_RE.match(text)
    if run_in and len(run_in.group("t").split()) <= 8:
        return clip(_capitalise(run_in.group("t").strip()))
    text = text.rstrip(" :")
    # "... will strengthen X by:" - only such headings need the (costlier) purpose pattern.
    purpose = _TITLE_PURPOSE_RE.match(text) if text.lower().endswith(" by") else None
    if purpose:
        text = purpose.group("rest")
    text = _strip_title_tail(text)
    subject_tail = _TITLE_SUBJECT_TAIL_RE.match(text)
    if subject_tail:
        text = _TITLE_TOPIC_PREFIX_RE.sub("", subject_tail.group("topic"))
    text = _TITLE_LEAD_FRAME_RE.sub("", text)
    text = _TITLE_LEAD_FRAME_FR_RE.sub("", text)
    return clip(_capitalise(text.strip()))


# --------------------------------------------------------------------------- short titles

_FILLER_RE = re.compile(r"(?<=\S)\s+(?:existing|ongoing|continued|further)\b", re.IGNORECASE)
_STRONG_CUT_RE = re.compile(
    r"\s*[;:,(]|\s[—–]\s|\s(?:including|such as|in order to|with a view to|so as to)\s"
)
_WEAK_CUT_RE = re.compile(r"\s(?:and|to|by|through|while|et|pour|afin de)\s")
_STOP_TAIL = word_set("a an the of to and or for in on with by at from as de la le les et des du")
# A natural clause may run a little over the word budget rather than be cut mid-name.
_CLAUSE_SLACK = 2


def short_title(commitment_text: str, max_words: int = 8) -> str:
    """A short label for a commitment: its first natural clause, else its first words + "…"."""
    max_words = max(1, max_words)
    text = _strip_trailing(_strip_markers(collapse(commitment_text)))
    text = _FILLER_RE.sub("", text)
    if not text:
        return ""
    words = text.split()
    if len(words) <= max_words + _CLAUSE_SLACK:
        return _capitalise(text)
    cuts = sorted(
        {m.start() for m in _STRONG_CUT_RE.finditer(text)}
        | {m.start() for m in _WEAK_CUT_RE.finditer(text)}
    )
    for position in cuts:
        prefix = text[:position].rstrip(" ,;:")
        count = len(prefix.split())
        if count >= 3:
            if count <= max_words + _CLAUSE_SLACK:
                return _capitalise(prefix)
            break
    head = words[:max_words]
    while len(head) > 1 and head[-1].lower().strip(",;:") in _STOP_TAIL:
        head.pop()
    return _capitalise(" ".join(head).rstrip(",;:")) + "…"


SHORT_TITLE_MAX_LENGTH = 60


def readable_short_title(commitment_text: str) -> str:
    """`short_title` in whole words and at most SHORT_TITLE_MAX_LENGTH characters: what a
    new plan's commitments are called until someone edits them (the outline shows each)."""
    title = short_title(commitment_text)
    if len(title) <= SHORT_TITLE_MAX_LENGTH:
        return title
    cut = title[:SHORT_TITLE_MAX_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:…")
    return (cut or title[: SHORT_TITLE_MAX_LENGTH - 1]) + "…"
