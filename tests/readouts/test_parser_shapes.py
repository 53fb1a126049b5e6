"""Shapes real readouts take that the parser reads, each with a fixture of our own."""

from __future__ import annotations

import textwrap

import pytest

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


NUMBERED_TITLES = "numbered-title-colon-pillars.txt"


def test_it_makes_each_numbered_title_colon_item_a_pillar_titled_by_the_words_before_the_colon():
    parsed = parse_readout((SHAPES / NUMBERED_TITLES).read_text())

    assert [p.title for p in parsed.pillars] == [
        "Supply chains",
        "Clean energy",
        "Critical minerals",
        "Skills",
        "Research security",
    ]
    assert [p.heading for p in parsed.pillars][:2] == ["1. Supply chains", "2. Clean energy"]
    assert [len(p.commitments) for p in parsed.pillars] == [1, 1, 3, 1, 1]


def test_it_reads_the_description_after_a_numbered_title_as_the_pillars_one_commitment():
    pillars = commitments_of(NUMBERED_TITLES)

    assert pillars[0] == [
        "The two sides will map critical supply chains for semiconductors and batteries and "
        "share early warnings of disruption"
    ]
    assert pillars[1] == [
        "They will align standards for heat pumps and grid storage, and launch a joint hydrogen "
        "hub study"
    ]
    # One paragraph is one commitment, however many sentences it has.
    assert pillars[3] == [
        "They will exchange best practices on apprenticeships in advanced manufacturing. "
        "Officials will report on the first exchanges at the next meeting"
    ]


def test_it_takes_the_bullets_under_a_numbered_title_as_its_commitments_not_the_lead_in():
    assert commitments_of(NUMBERED_TITLES)[2] == [
        "Mapping processing capacity for lithium, nickel and graphite in both countries",
        "Coordinating public financing for new refining projects",
        "Developing shared environmental, social and governance standards for mining",
    ]


def test_it_keeps_the_numbered_title_readouts_passages_meeting_cadence_and_closing_prose():
    parsed = parse_readout((SHAPES / NUMBERED_TITLES).read_text())

    assert parsed.pillars[0].commitments[0].passage.startswith("1. Supply chains: The two sides")
    assert all(c.passage in parsed.text for p in parsed.pillars for c in p.commitments)
    assert parsed.cadence_months == 6
    assert not any("autumn" in c.text for p in parsed.pillars for c in p.commitments)


@pytest.mark.parametrize("indent", ["", "   "])
def test_it_reads_numbered_title_pillars_hard_wrapped_at_72_columns(indent: str):
    source = (SHAPES / NUMBERED_TITLES).read_text()
    wrapped = "\n".join(
        textwrap.fill(line, 72, subsequent_indent=indent) if line.strip() else ""
        for line in source.split("\n")
    )

    assert [[c.text for c in p.commitments] for p in parse_readout(wrapped).pillars] == (
        commitments_of(NUMBERED_TITLES)
    )


def test_it_reads_numbered_title_pillars_in_markdown_html_and_french():
    markdown = (
        "The leaders agreed:\n\n1. **Supply chains:** Map supply chains.\n"
        "2. **Clean energy**: Align standards.\n"
    )
    html = (
        "<p>The leaders agreed:</p><ol><li><strong>Supply chains:</strong> Map supply chains."
        "</li><li><strong>Clean energy:</strong> Align standards.</li></ol>"
    )
    french = (
        "Les dirigeants ont convenu :\n\n1. Chaînes d'approvisionnement : Cartographier les "
        "chaînes.\n2. Énergie propre : Harmoniser les normes.\n"
    )
    for source in (markdown, html):
        parsed = parse_readout(source)
        assert [p.title for p in parsed.pillars] == ["Supply chains", "Clean energy"]
        assert [[c.text for c in p.commitments] for p in parsed.pillars] == [
            ["Map supply chains"],
            ["Align standards"],
        ]
    assert [p.title for p in parse_readout(french).pillars] == [
        "Chaînes d'approvisionnement",
        "Énergie propre",
    ]


def test_it_keeps_numbered_title_items_right_under_a_heading_as_that_pillars_commitments():
    parsed = parse_readout(
        "## Supply chains\n\n1. Semiconductors: Map supply chains.\n"
        "2. Minerals: Build an inventory.\n"
    )

    assert [p.title for p in parsed.pillars] == ["Supply chains"]
    assert [c.text for c in parsed.pillars[0].commitments] == [
        "Semiconductors: Map supply chains",
        "Minerals: Build an inventory",
    ]


def test_it_keeps_one_titled_item_in_an_ordinary_numbered_list_as_a_commitment():
    parsed = parse_readout(
        "The ministers agreed to:\n1. Map supply chains.\n2. Customs: share data.\n"
        "3. Fund apprenticeships.\n"
    )

    assert [c.text for p in parsed.pillars for c in p.commitments] == [
        "Map supply chains",
        "Customs: share data",
        "Fund apprenticeships",
    ]


def test_it_keeps_numbered_items_ending_in_a_lead_in_colon_as_commitments():
    parsed = parse_readout(
        "The ministers agreed to:\n1. Share information on: minerals and batteries.\n"
        "2. Work together to: map supply chains.\n"
    )

    assert len(parsed.pillars) == 1
    assert parsed.pillars[0].commitments[0].text == "Share information on: minerals and batteries"


def test_it_reads_the_french_compte_rendu_with_its_quarterly_cadence():
    parsed = parse_readout((SHAPES / "2021-11-03_ised-canada_compte-rendu-fr.txt").read_text())

    assert [len(p.commitments) for p in parsed.pillars] == [3, 4, 4]
    assert parsed.language == "fr"
    assert parsed.cadence_months == 3
    assert parsed.pillars[2].title == "Collaboration au sein des forums internationaux"


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        ("Les ministres ont convenu de se réunir tous les trimestres.", 3),
        ("Les ministres se réuniront chaque trimestre.", 3),
        ("Le groupe de travail se réunira trimestriellement.", 3),
        ("Les ministres se réuniront tous les trois mois.", 3),
        ("Les ministres se réuniront tous les 3 mois.", 3),
        ("Le comité se réunira tous les six mois.", 6),
        ("Le comité se réunira deux fois par année.", 6),
        ("Le comité se réunira deux fois par an.", 6),
        ("Le dialogue se réunira annuellement.", 12),
        ("Les partenaires se réuniront chaque année.", 12),
        ("Les ministres se réuniront tous les deux ans.", 24),
        ("Les ministres ont discuté des résultats trimestriels.", None),
    ],
)
def test_it_reads_a_french_meeting_cadence(sentence: str, months: int | None):
    document = f"{sentence}\n\nLes ministres ont convenu de :\n- Renforcer la coopération.\n"

    assert parse_readout(document).cadence_months == months
