"""Matching commitments across two versions of a readout, and diffing their wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from readouts.parser import parse_readout
from readouts.reconcile import Match, match_commitments, similarity
from workplan.diff import word_diff

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readouts"


def flat(name: str) -> list[str]:
    readout = parse_readout((FIXTURES / name).read_text(encoding="utf-8"))
    return [c.text for pillar in readout.pillars for c in pillar.commitments]


@pytest.fixture(scope="module")
def us() -> list[str]:
    return flat("2021-11-03_us-commerce_press-release.txt")


@pytest.fixture(scope="module")
def ca() -> list[str]:
    return flat("2021-11-03_ised-canada_newswire.txt")


def test_it_matches_all_eleven_seed_commitments_in_order(us: list[str], ca: list[str]) -> None:
    matches = match_commitments(us, ca)
    assert len(us) == len(ca) == 11
    assert [(m.left, m.right) for m in matches] == [(i, i) for i in range(11)]
    assert all(m.score > 0.7 for m in matches)


def test_it_scores_identical_texts_as_one_and_reworded_ones_lower(
    us: list[str], ca: list[str]
) -> None:
    matches = match_commitments(us, ca)
    assert matches[0].score == 1.0
    assert 0.7 < matches[4].score < 1.0


def test_it_leaves_a_commitment_present_in_one_version_unmatched(
    us: list[str], ca: list[str]
) -> None:
    shorter = ca[:6] + ca[7:]  # the Canadian version without the ESG commitment
    matches = match_commitments(us, shorter)
    assert Match(6, None, 0.0) in matches
    paired = {m.left: m.right for m in matches if m.left is not None and m.right is not None}
    assert paired == {i: (i if i < 6 else i - 1) for i in range(11) if i != 6}
    assert len(matches) == 11


def test_it_lists_unmatched_right_items_after_the_left_items(us: list[str], ca: list[str]) -> None:
    extra = "Launch a joint fellowship for early-career quantum researchers"
    matches = match_commitments(us[:3], [extra, *ca[:3]])
    assert matches == [
        Match(0, 1, 1.0),
        Match(1, 2, 1.0),
        Match(2, 3, 1.0),
        Match(None, 0, 0.0),
    ]


def test_it_matches_nothing_between_unrelated_lists(us: list[str]) -> None:
    other = flat("2022-09-12_us-mexico-hled_pillars.txt") + flat(
        "2023-01-10_nals-trilateral_markdown.md"
    )
    matches = match_commitments(us, other)
    assert all(m.left is None or m.right is None for m in matches)
    assert len(matches) == len(us) + len(other)


def test_it_never_forces_a_match_below_the_threshold(us: list[str], ca: list[str]) -> None:
    matches = match_commitments(us, ca, threshold=1.01)
    assert all(m.left is None or m.right is None for m in matches)
    assert len(matches) == 22


def test_it_ignores_case_accents_and_punctuation_when_scoring() -> None:
    assert similarity("Renforcer la coopération;", "renforcer la cooperation") == 1.0
    assert similarity("", "anything") == 0.0


def test_it_handles_empty_lists() -> None:
    assert match_commitments([], []) == []
    assert match_commitments(["Map supply chains"], []) == [Match(0, None, 0.0)]
    assert match_commitments([], ["Map supply chains"]) == [Match(None, 0, 0.0)]


def test_it_shows_the_reworded_opening_of_the_ai_commitment(us: list[str], ca: list[str]) -> None:
    ops = word_diff(us[4], ca[4])
    deleted = " ".join(text for op, text in ops if op == "delete").lower()
    inserted = " ".join(text for op, text in ops if op == "insert").lower()
    assert "as it pertains to" in deleted
    assert "specifically on" in inserted
    assert ops[0][0] == "delete" and ops[1][0] == "insert"
    assert "".join(text for op, text in ops if op != "insert") == us[4]
    assert "".join(text for op, text in ops if op != "delete") == ca[4]


def test_it_diffs_words_and_keeps_whitespace() -> None:
    ops = word_diff("Share  the plan\tnow", "Share the new plan\tnow ")
    assert "".join(text for op, text in ops if op != "insert") == "Share  the plan\tnow"
    assert "".join(text for op, text in ops if op != "delete") == "Share the new plan\tnow "
    assert ("insert", "new ") in ops
    assert all(op in {"equal", "delete", "insert"} for op, _ in ops)


def test_it_reports_identical_texts_as_one_equal_fragment() -> None:
    assert word_diff("Map supply chains", "Map supply chains") == [("equal", "Map supply chains")]
    assert word_diff("", "") == []
