"""The two seed readouts, metadata, bad input and short titles."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from readouts.parser import ParsedReadout, ReadoutParseError, parse_readout, short_title

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readouts"
US_SEED = "2021-11-03_us-commerce_press-release.txt"
CA_SEED = "2021-11-03_ised-canada_newswire.txt"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse_fixture(name: str) -> ParsedReadout:
    return parse_readout(load(name))


def texts(readout: ParsedReadout) -> list[list[str]]:
    return [[c.text for c in pillar.commitments] for pillar in readout.pillars]


US_COMMITMENTS = [
    [
        "Reinforce existing cooperation under the U.S.-Canada Critical Minerals Action Plan and "
        "carry out industry engagement in order to expand work to target a net-zero industrial "
        "transformation, batteries for zero-emissions vehicles, and renewable energy storage",
        "Share approaches on enhancing security of the software supply chain",
        "Support increased cooperation to establish more secure and resilient supply chains for "
        "advanced telecommunications network technology, including for 5G systems and beyond",
    ],
    [
        "Explore opportunities for collaboration on emerging technologies such as artificial "
        "intelligence, quantum information science and technology, next-generation "
        "telecommunications, and genome measurement",
        "As it pertains to artificial intelligence, identify ways to deepen cooperation on "
        "maintaining the integrity of standards-setting bodies, information sharing, and support "
        "for the Global Partnership on Artificial Intelligence",
        "Exchange Environmental, Social, and Corporate Governance (ESG) best practices, including "
        "on issues related to sustainable finance, diversity and corporate governance, and "
        "identify areas of future cooperation incorporating private sector ESG practitioners",
        "Continue to strengthen cooperation between the U.S. Patent and Trademark Office and the "
        "Canadian Intellectual Property Office and consider ways to enhance patent and trademark "
        "efficiency",
    ],
    [
        "Continue to work bilaterally and with other economies to promote the Asia-Pacific "
        "Economic Cooperation (APEC) Cross-Border Privacy Rules system and how it might be "
        "expanded beyond APEC",
        "Collaborate bilaterally and in relevant international fora, to advance enhanced vendor "
        "diversity, including through cooperation on open radio access networks",
        "Seek to cooperate on a range of digital issues in other fora such as the G7 and G20",
        "Coordinate bilaterally on hemispheric issues in the lead-up to the North American "
        "Leaders Summit and Summit of the Americas",
    ],
]

CA_COMMITMENTS = [
    [
        "Reinforce existing cooperation under the U.S.-Canada Critical Minerals Action Plan and "
        "carry out industry engagement in order to expand work to target a net-zero industrial "
        "transformation, batteries for zero-emissions vehicles, and renewable energy storage",
        "Share approaches on enhancing security of the software supply chain",
        "Support increased cooperation to establish more secure and resilient supply chains for "
        "advanced telecommunications network technology, including for 5G systems and beyond",
    ],
    [
        "Explore opportunities for collaboration on emerging technologies such as artificial "
        "intelligence, quantum information science and technology, next-generation "
        "telecommunications, and genome measurement",
        "Specifically on artificial intelligence, identify ways to deepen cooperation on "
        "maintaining the integrity of standards-setting bodies, information sharing, and support "
        "for the Global Partnership on Artificial Intelligence",
        "Exchange environmental, social, and corporate governance (ESG) best practices, including "
        "on issues related to sustainable finance, diversity and corporate governance, and "
        "identify areas of future cooperation incorporating private sector ESG practitioners",
        "Continue to strengthen cooperation between the U.S. Patent and Trademark Office and the "
        "Canadian Intellectual Property Office and consider ways to enhance patent and trademark "
        "efficiency",
    ],
    [
        "Continue to work bilaterally and with other economies to promote the Asia-Pacific "
        "Economic Cooperation (APEC) Cross-Border Privacy Rules system and how it might be "
        "expanded beyond APEC",
        "Collaborate bilaterally and in relevant international fora to advance enhanced vendor "
        "diversity, including through cooperation on open radio access networks",
        "Seek to cooperate on a range of digital issues in other fora such as the G7 and G20",
        "Coordinate bilaterally on hemispheric issues in the lead-up to the North American "
        "Leaders Summit and Summit of the Americas",
    ],
]


# --------------------------------------------------------------------------- U.S. seed


def test_it_finds_three_pillars_with_exact_commitments_in_the_us_seed() -> None:
    readout = parse_fixture(US_SEED)
    assert [len(p.commitments) for p in readout.pillars] == [3, 4, 4]
    assert texts(readout) == US_COMMITMENTS
    assert readout.commitment_count == 11


def test_it_keeps_us_pillar_headings_as_published_and_derives_short_titles() -> None:
    readout = parse_fixture(US_SEED)
    assert [p.heading for p in readout.pillars] == [
        "Acknowledged the importance of cooperation on supply chain security and resiliency "
        "and agreed to:",
        "Recognized the critical role of innovation on sustainable and inclusive economic "
        "recovery and agreed to:",
        "Underscored the value of collaborating in international fora and agreed to:",
    ]
    assert [p.title for p in readout.pillars] == [
        "Cooperation on supply chain security and resiliency",
        "Innovation on sustainable and inclusive economic recovery",
        "Collaborating in international fora",
    ]


def test_it_reads_us_seed_metadata() -> None:
    readout = parse_fixture(US_SEED)
    assert readout.title == (
        "Joint Readout on Cooperation between the U.S. Department of Commerce and Innovation, "
        "Science and Economic Development Canada"
    )
    assert readout.cadence_months == 3
    assert readout.language == "en"
    assert readout.participants == ("Gina Raimondo", "François-Philippe Champagne")


def test_it_reports_no_date_for_the_us_seed_because_the_page_copy_carries_none() -> None:
    # The saved .gov page lost its dateline; inventing one would be worse than None.
    assert parse_fixture(US_SEED).published is None


def test_it_reads_the_date_once_the_us_dateline_is_present() -> None:
    for dateline in ("Nov 3, 2021", "Nov. 3, 2021", "November 3, 2021", "date 2021-11-03"):
        readout = parse_readout(f"{dateline}\n\n{load(US_SEED)}")
        assert readout.published == datetime.date(2021, 11, 3), dateline
        assert texts(readout) == US_COMMITMENTS


def test_it_drops_gov_site_furniture_from_the_us_text() -> None:
    text = parse_fixture(US_SEED).text
    for furniture in (
        "U.S. flag",
        "An official website of the United States government",
        "Official websites use .gov",
        "Secure .gov websites use HTTPS",
        "A .gov website belongs",
        "Was this page helpful?",
        "Press Releases",
        "Home",
    ):
        assert furniture not in text
    assert text.startswith("Joint Readout on Cooperation")


def test_it_gives_us_passages_exactly_as_published() -> None:
    readout = parse_fixture(US_SEED)
    first = readout.pillars[0].commitments[1]
    assert (
        first.passage
        == "• Share approaches on enhancing security of the software supply chain; and"
    )
    for pillar in readout.pillars:
        for commitment in pillar.commitments:
            assert commitment.passage in readout.text


# --------------------------------------------------------------------------- Canadian seed


def test_it_finds_three_pillars_with_exact_commitments_in_the_newswire_seed() -> None:
    readout = parse_fixture(CA_SEED)
    assert [len(p.commitments) for p in readout.pillars] == [3, 4, 4]
    assert texts(readout) == CA_COMMITMENTS


def test_it_splits_newswire_lead_ins_glued_to_the_previous_clause() -> None:
    readout = parse_fixture(CA_SEED)
    assert [p.heading for p in readout.pillars] == [
        "Acknowledged the importance of cooperation on supply chain security and resiliency "
        "and agreed to:",
        "Recognized the critical role of innovation in sustainable and inclusive economic "
        "recovery and agreed to:",
        "Underscored the value of collaborating in international fora and agreed to:",
    ]
    assert readout.pillars[2].title == "Collaborating in international fora"


def test_it_reads_newswire_seed_metadata() -> None:
    readout = parse_fixture(CA_SEED)
    assert readout.title == (
        "Joint readout: Minister François-Philippe Champagne meets with Secretary Gina Raimondo "
        "of the United States"
    )
    assert readout.published == datetime.date(2021, 11, 3)
    assert readout.cadence_months == 3
    assert readout.language == "en"
    assert set(readout.participants) == {"François-Philippe Champagne", "Gina Raimondo"}


def test_it_drops_newswire_furniture_and_the_associated_links_trailer() -> None:
    readout = parse_fixture(CA_SEED)
    for furniture in (
        "Facebook Twitter WhatsApp SMS Email",
        "Support Local Journalism",
        "Associated links",
        "Canada's climate plan",
        "Readout from first bilateral meeting",
    ):
        assert furniture not in readout.text
    assert readout.text.endswith("Summit of the Americas.")


def test_it_never_leaves_separators_or_glued_words_in_newswire_commitments() -> None:
    readout = parse_fixture(CA_SEED)
    for pillar in readout.pillars:
        for commitment in pillar.commitments:
            assert not commitment.text.lower().startswith(("and", "andsupport"))
            assert not commitment.text.endswith((";", "; and", ".", ","))
            assert commitment.passage in readout.text
    assert readout.pillars[0].commitments[2].passage.startswith("andsupport increased")


def test_it_serialises_to_json() -> None:
    data = parse_fixture(CA_SEED).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["published"] == "2021-11-03"
    assert data["cadence_months"] == 3
    assert [len(p["commitments"]) for p in data["pillars"]] == [3, 4, 4]
    assert data["pillars"][0]["commitments"] == CA_COMMITMENTS[0]
    assert set(data) == {
        "title",
        "published",
        "participants",
        "language",
        "pillars",
        "cadence_months",
    }


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        ("The ministers agreed to meet quarterly.", 3),
        ("The ministers will meet biannually.", 6),
        ("The ministers will meet twice a year.", 6),
        ("The working group will convene every six months.", 6),
        ("The Dialogue will meet annually.", 12),
        ("The partners will meet every year.", 12),
        ("The task force will meet monthly.", 1),
        ("The committee will meet semi-annually.", 6),
        ("Les ministres ont convenu de se réunir tous les trois mois.", 3),
        ("The ministers discussed quarterly earnings reports.", None),
    ],
)
def test_it_reads_the_meeting_cadence(sentence: str, months: int | None) -> None:
    document = f"{sentence}\n\nThe ministers agreed to:\n- Deepen cooperation on supply chains.\n"
    assert parse_readout(document).cadence_months == months


def test_it_guesses_french() -> None:
    readout = parse_fixture("2021-11-03_ised-canada_communique-fr.txt")
    assert readout.language == "fr"
    assert readout.published == datetime.date(2021, 11, 3)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("source", ["", "   ", "\n\n\t \n", "\u00a0\u2003"])
def test_it_rejects_empty_input_with_a_clear_message(source: str) -> None:
    with pytest.raises(ReadoutParseError) as error:
        parse_readout(source)
    assert "empty" in str(error.value) or "no readable text" in str(error.value)
    assert "\n" not in str(error.value)


def test_it_rejects_binary_looking_input() -> None:
    blob = "PK\x03\x04\x14\x00\x06\x00" + "\x00\x01\x02word\x00" * 200
    with pytest.raises(ReadoutParseError, match="binary"):
        parse_readout(blob)


def test_it_explains_what_was_found_when_there_is_no_structure() -> None:
    with pytest.raises(ReadoutParseError) as error:
        parse_readout("The weather in Washington was pleasant. Nothing was agreed.")
    assert str(error.value) == "No work plan found: no pillar headings; no list items."


def test_it_counts_headings_without_items_in_the_error() -> None:
    document = (
        "Acknowledged the importance of supply chains and agreed to:\n\n"
        "Recognized the role of innovation and agreed to:\n"
    )
    with pytest.raises(ReadoutParseError) as error:
        parse_readout(document)
    assert str(error.value) == "No work plan found: 2 pillar headings but no list items under them."


def test_it_ignores_script_and_style_contents_in_html() -> None:
    html = """<html><head><style>li::before { content: "agreed to:"; }</style>
    <script>var items = "<li>Leak this commitment</li>"; // agreed to: track</script></head>
    <body><p>The ministers agreed to:</p>
    <ul><li>Deepen cooperation on critical minerals;</li><li>Share cyber threat data.</li></ul>
    <script>document.write("<ul><li>Injected item</li></ul>")</script></body></html>"""
    readout = parse_readout(html)
    assert texts(readout) == [
        ["Deepen cooperation on critical minerals", "Share cyber threat data"]
    ]
    assert "Leak" not in readout.text and "Injected" not in readout.text
    assert "content:" not in readout.text


def test_it_honours_an_explicit_content_type() -> None:
    source = "<p>The ministers agreed to:</p><ul><li>Deepen cooperation.</li></ul>"
    as_html = parse_readout(source, content_type="html")
    assert texts(as_html) == [["Deepen cooperation"]]
    with pytest.raises(ReadoutParseError):
        parse_readout("<p>No list here.</p>", content_type="text")


def test_it_parses_a_500_bullet_document() -> None:
    bullets = "\n".join(
        f"• Deliver project number {n} on supply chain resilience;" for n in range(1, 501)
    )
    readout = parse_readout(f"Big Plan\n\nThe ministers agreed to:\n\n{bullets}\n")
    assert readout.commitment_count == 500
    assert readout.pillars[0].commitments[-1].text == (
        "Deliver project number 500 on supply chain resilience"
    )


# --------------------------------------------------------------------------- short titles


def test_it_cuts_short_titles_at_a_natural_clause_boundary() -> None:
    assert short_title(US_COMMITMENTS[0][0]) == (
        "Reinforce cooperation under the U.S.-Canada Critical Minerals Action Plan"
    )
    assert short_title(US_COMMITMENTS[1][0]) == (
        "Explore opportunities for collaboration on emerging technologies"
    )
    assert short_title(US_COMMITMENTS[0][2]) == "Support increased cooperation"


def test_it_keeps_short_commitments_whole_as_titles() -> None:
    assert short_title("Share approaches on enhancing security of the software supply chain;") == (
        "Share approaches on enhancing security of the software supply chain"
    )
    assert short_title("• deepen cooperation") == "Deepen cooperation"
    assert short_title("") == ""


def test_it_falls_back_to_first_words_with_an_ellipsis() -> None:
    text = (
        "Establish joint research centres focused on quantum sensing materials chemistry robotics"
    )
    title = short_title(text, max_words=5)
    assert title == "Establish joint research centres focused…"
