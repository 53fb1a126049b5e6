"""Shapes real readouts take that the parser reads, each with a fixture of our own."""

from __future__ import annotations

from readouts.parser import parse_readout, read_readout
from tests.conftest import FIXTURES

SHAPES = FIXTURES / "readouts"


def test_bare_lines_under_pillar_headings_are_one_commitment_a_line():
    parsed = parse_readout((SHAPES / "pillar-headings-bare-lines.txt").read_text())

    assert [p.title for p in parsed.pillars] == ["Rebuilding Together", "Climate and Clean Growth"]
    assert [[c.text for c in p.commitments] for p in parsed.pillars] == [
        [
            "Coordinate pandemic recovery measures for small businesses",
            "Share data on supply chains for medical equipment",
        ],
        [
            "Align methane regulations for the oil and gas sector",
            "Build a joint strategy on critical minerals for batteries",
        ],
    ]


def test_prose_under_a_pillar_heading_is_not_read_as_commitments():
    text = (
        "Pillar I: Rebuilding Together\n"
        "The Ministers discussed recovery measures at length. They agreed to keep talking. "
        "Officials will report back.\n"
    )
    parsed, problem = read_readout(text)

    assert parsed.pillars == () and problem is not None


def test_headings_over_prose_paragraphs_give_no_work_plan_and_a_reason():
    parsed, problem = read_readout((SHAPES / "headings-with-prose.txt").read_text())

    assert parsed.pillars == ()
    assert str(problem) == "No work plan found: no pillar headings; no list items."
    assert parsed.title == "Joint Statement on the Partnership Roadmap"
