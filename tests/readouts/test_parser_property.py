"""Property tests: parse_readout only ever fails with ReadoutParseError, whatever the input."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts.parser import ParsedReadout, ReadoutParseError, parse_readout, short_title
from readouts.reconcile import match_commitments
from workplan.diff import word_diff

# Raise locally with READOUT_PROPERTY_EXAMPLES=20000 when hunting for crashes or slow regexes.
EXAMPLES = int(os.environ.get("READOUT_PROPERTY_EXAMPLES", "200"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

LEADING_BULLETS = "•◦▪‣●-*–—+"

FRAGMENTS = [
    "• ",
    "- ",
    "* ",
    "– ",
    "▪ ",
    "1. ",
    "2) ",
    "(a) ",
    "a. ",
    "I. ",
    "Pillar I: ",
    "Pillar 2 – ",
    "**",
    "## ",
    "###",
    "agreed to:",
    "and agreed to:",
    "will:",
    "by:",
    ":",
    ";",
    "; and",
    "; and",
    ".",
    ",",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "Acknowledged the importance of ",
    "Recognized the critical role of ",
    "supply chains",
    "Share approaches",
    "U.S.",
    "Nov. 3, 2021",
    "date 2021-11-03 ",
    "Washington, D.C.",
    "Contact: press@example.gov",
    "Associated links",
    "Facebook Twitter WhatsApp SMS Email",
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<ol>",
    "<li>",
    "</li>",
    "<h2>",
    "</h2>",
    "<strong>",
    "</strong>",
    "<b>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<nav>",
    "<div class='cookie'>",
    "</div>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#x",
    "\x00",
    "\u00a0",
    "\u200b",
    "é",
]

structured_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60
).map("".join)


def check(source: str) -> ParsedReadout | None:
    try:
        readout = parse_readout(source)
    except ReadoutParseError as error:
        message = str(error)
        assert message and "\n" not in message
        return None
    assert readout.pillars
    for pillar in readout.pillars:
        assert pillar.commitments
        assert len(pillar.title) <= 200
        for commitment in pillar.commitments:
            assert commitment.text.strip()
            assert commitment.text == commitment.text.strip()
            assert commitment.text[0] not in LEADING_BULLETS
    return readout


@SETTINGS
@given(st.text())
def test_it_only_raises_parse_errors_on_arbitrary_text(source: str) -> None:
    check(source)


@SETTINGS
@given(structured_text)
def test_it_only_raises_parse_errors_on_mixes_of_bullets_headings_and_tags(source: str) -> None:
    check(source)


@SETTINGS
@given(structured_text)
def test_it_only_raises_parse_errors_when_told_the_input_is_html(source: str) -> None:
    with contextlib.suppress(ReadoutParseError):
        parse_readout(source, content_type="html")


# Printable text only: control characters are (correctly) rejected as binary input.
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS[:20]) | printable, min_size=1, max_size=8))
def test_it_finds_every_bullet_under_a_lead_in(words: list[str]) -> None:
    items = [" ".join(w.split()) for w in words]
    items = [f"Commitment {n} {text}".strip() for n, text in enumerate(items)]
    document = "The ministers agreed to:\n" + "".join(f"\n• {text};" for text in items)
    readout = check(document)
    assert readout is not None
    assert readout.commitment_count == len(items)


@SETTINGS
@given(st.text(), st.integers(min_value=-2, max_value=20))
def test_it_always_returns_a_short_title(text: str, max_words: int) -> None:
    title = short_title(text, max_words=max_words)
    assert isinstance(title, str)
    assert len(title.split()) <= max(1, max_words) + 2


@SETTINGS
@given(st.lists(st.text(max_size=40), max_size=8), st.lists(st.text(max_size=40), max_size=8))
def test_it_matches_lists_one_to_one(left: list[str], right: list[str]) -> None:
    matches = match_commitments(left, right)
    lefts = [m.left for m in matches if m.left is not None]
    rights = [m.right for m in matches if m.right is not None]
    assert lefts == list(range(len(left)))
    assert sorted(rights) == list(range(len(right)))
    assert all(0.0 <= m.score <= 1.0 for m in matches)


@SETTINGS
@given(st.text(), st.text())
def test_it_diffs_words_reversibly(left: str, right: str) -> None:
    ops = word_diff(left, right)
    assert "".join(text for op, text in ops if op != "insert") == left
    assert "".join(text for op, text in ops if op != "delete") == right
