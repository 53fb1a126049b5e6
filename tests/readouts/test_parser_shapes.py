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


def commitments_of(name: str) -> list[list[str]]:
    parsed = parse_readout((SHAPES / name).read_text())
    return [[c.text for c in p.commitments] for p in parsed.pillars]


def test_a_heading_over_one_paragraph_is_one_commitment_not_one_a_sentence():
    parsed = parse_readout((SHAPES / "heading-one-paragraph.txt").read_text())

    assert [p.title for p in parsed.pillars] == ["Supply Chains", "Clean Energy"]
    assert commitments_of("heading-one-paragraph.txt") == [
        [
            "Establish a joint task force on semiconductor supply chains, reporting to "
            "ministers twice a year. The task force will include industry representatives"
        ],
        ["Launch a clean hydrogen partnership covering research, standards and pilot projects"],
    ]


def test_paragraphs_separated_by_blank_lines_after_a_lead_in_are_the_items():
    assert commitments_of("paragraphs-after-leadin.txt") == [
        [
            "Establish a joint task force on semiconductor supply chains",
            "Launch a clean hydrogen partnership covering research, standards and pilot projects",
            "Coordinate export controls on dual-use technologies",
        ]
    ]


def test_a_list_whose_last_item_is_cut_off_keeps_it():
    assert (
        commitments_of("last-item-cut-off.txt")[0][-1] == "Coordinate export controls on dual-use"
    )


def test_lead_ins_ending_will_and_by_introduce_lists():
    assert commitments_of("leadins-will-by.txt") == [
        ["Reduce non-tariff barriers for small businesses", "Share customs data"],
        ["Aligning methane regulations", "Building a joint critical minerals strategy"],
    ]
