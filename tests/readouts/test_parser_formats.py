"""Heading and commitment shapes, exercised on inline snippets and on fixture readouts.

The fixtures in tests/fixtures/readouts (besides the two seeds) are written for these
tests, modelled on real readouts and joint statements of other dialogues:

- 2022-09-12_us-mexico-hled_pillars.txt: "Pillar I:" headings, dash bullets, kicker,
  dateline, signature block, "###" and a contact line after it.
- 2021-09-29_eu-us-ttc_browser-save.html: browser save with <style>, <script>, cookie
  banner, <nav>, share bar and a footer of related links; <h2> headings over <ul><li>.
- 2023-01-10_nals-trilateral_markdown.md: Markdown title, **bold** and ## headings,
  asterisk bullets, a weak "The leaders will:" lead-in under a bold heading.
- 2022-12-05_eu-us-ttc_numbered.txt: "1. Topic" headings over indented "a." items.
- 2021-11-18_nals_will-by.txt: section lines, "will:" and "by:" paragraphs, en-dash bullets.
- 2022-03-08_us-canada-energy_hard-wrapped.txt: text wrapped at 72 columns, wrapped lead-ins
  and bullets with indented and unindented continuation lines.
- 2021-11-03_ised-canada_communique-fr.txt: French communiqué with "ont convenu de :".
- 2022-06-10_us-canada_signatures-and-dates.txt: kicker, datelines, dates, a participants
  list, a signature, "###" and media contacts, none of which may become pillars.
- 2021-06-15_eu-us-summit_prose-only.txt: a statement with no list at all.
- 2021-11-03_us-commerce_lists-stripped.txt: the U.S. seed with its bullet lines removed.
- 2022-05-16_eu-us-ttc_roman.txt: "I." roman headings over indented "▪" bullets.
- 2021-12-02_us-canada-trade_bare-lines.txt: lead-ins followed by unmarked lines and
  short paragraphs.
- 2022-10-20_us-mexico_strong-headings.html: <p><strong>/<b> headings, <ol> with unclosed
  <li>, "&bull;" bullets typed into a <p> with <br>.
- 2023-03-09_us-mexico-hled_newswire.txt: a second flattened newswire page with inline
  "(a)" markers and glued "; and" clauses.
- 2022-07-18_eu-us-energy_nested-lists.html: <ol> items heading nested <ul> lists.
"""

from __future__ import annotations

import datetime
import html
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from readouts.parser import ParsedReadout, ReadoutParseError, parse_readout

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readouts"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def commitments(readout: ParsedReadout) -> list[list[str]]:
    return [[c.text for c in pillar.commitments] for pillar in readout.pillars]


# --------------------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Expected:
    name: str
    titles: list[str]
    counts: list[int]
    first_last: list[tuple[str, str]]


FIXTURE_CASES = [
    Expected(
        "2022-09-12_us-mexico-hled_pillars.txt",
        [
            "Building Back Together",
            "Promoting Sustainable Economic and Social Development in Southern Mexico and "
            "Central America",
            "Securing the Tools for Future Prosperity",
            "Investing in Our People",
        ],
        [3, 2, 3, 2],
        [
            (
                "Strengthen regional supply chains in semiconductors, information and "
                "communications technology, and critical minerals through a joint mapping exercise",
                "Coordinate on the implementation of the USMCA rules of origin for the "
                "automotive sector",
            ),
            (
                "Expand private investment in southern Mexico and the Northern Triangle through "
                "the Partnership for Central America",
                "Support workforce programs for women and youth in rural communities",
            ),
            (
                "Cooperate on cybersecurity best practices for critical infrastructure operators",
                "Share information on telecommunications regulatory frameworks between the "
                "Federal Communications Commission and Mexico's Federal Telecommunications "
                "Institute",
            ),
            (
                "Expand the Mexico-U.S. Entrepreneurship and Innovation Council's programs for "
                "small and medium-sized enterprises",
                "Increase student and faculty exchanges in science, technology, engineering, and "
                "mathematics",
            ),
        ],
    ),
    Expected(
        "2021-09-29_eu-us-ttc_browser-save.html",
        ["Investment screening", "Export controls", "Artificial intelligence", "Semiconductors"],
        [3, 2, 3, 2],
        [
            (
                "Exchange information on investment trends that have an impact on security, "
                "including on sensitive technologies",
                "Engage with the private sector and other stakeholders on the functioning of "
                "screening mechanisms",
            ),
            (
                "Hold technical consultations on current and upcoming legislative and regulatory "
                "developments",
                "Work towards convergent control approaches on sensitive dual-use technologies",
            ),
            (
                "Cooperate on the development of tools for measuring and evaluating trustworthy AI",
                "Identify areas of cooperation on AI standards",
            ),
            (
                "Identify gaps and vulnerabilities in the semiconductor value chain",
                "Strengthen domestic semiconductor ecosystems, with a view to improving "
                "respective security of supply",
            ),
        ],
    ),
    Expected(
        "2023-01-10_nals-trilateral_markdown.md",
        [
            "Diversity, Equity and Inclusion",
            "Climate Change and the Environment",
            "Competitiveness",
            "Regional Migration and Development",
        ],
        [3, 4, 2, 2],
        [
            (
                "Convene the North American Trilateral Committee on Violence Against Indigenous "
                "Women and Girls in 2023",
                "Expand access to economic opportunity for LGBTQI+ persons",
            ),
            (
                "Reduce methane emissions from the solid waste and wastewater sectors by at least "
                "15 percent by 2030",
                "Cooperate on the reduction of food loss and waste",
            ),
            (
                "Hold a trilateral semiconductor forum to promote supply chain investment",
                "Map supply chains for critical minerals and batteries",
            ),
            (
                "Continue to implement the Los Angeles Declaration on Migration and Protection",
                "Expand labor pathways for workers from the region",
            ),
        ],
    ),
    Expected(
        "2022-12-05_eu-us-ttc_numbered.txt",
        ["Emerging technologies", "Supply chain resilience", "Trade and security"],
        [3, 2, 3],
        [
            (
                "Implement the joint roadmap on evaluation and measurement tools for trustworthy "
                "AI and risk management",
                "Expand the Talent for Growth Task Force to connect education providers and "
                "employers",
            ),
            (
                "Put in place a joint early warning mechanism for semiconductor supply chain "
                "disruptions",
                "Exchange information on public support provided to the semiconductor sector",
            ),
            (
                "Continue exchanges on export control policies for sensitive dual-use technologies",
                "Work together on the implementation of export restrictions related to Russia's "
                "war of aggression against Ukraine",
            ),
        ],
    ),
    Expected(
        "2021-11-18_nals_will-by.txt",
        [
            "Ending the COVID-19 pandemic and advancing health security",
            "Building back better for inclusive growth",
            "Tackle climate change",
        ],
        [2, 3, 3],
        [
            (
                "Donate vaccine doses to countries in the region through COVAX and bilateral "
                "channels",
                "Update the North American Plan for Animal and Pandemic Influenza",
            ),
            (
                "Establishing a trilateral semiconductor supply chain working group",
                "Promoting the participation of women and Indigenous entrepreneurs in trade",
            ),
            (
                "Cutting methane emissions from the oil and gas sector",
                "Taking action against illegal logging and wildlife trafficking",
            ),
        ],
    ),
    Expected(
        "2022-03-08_us-canada-energy_hard-wrapped.txt",
        ["Clean electricity and grid modernization", "Critical minerals to the energy transition"],
        [3, 2],
        [
            (
                "Advance cross-border transmission projects that improve grid reliability and "
                "integrate higher shares of renewable power",
                "Coordinate research on long-duration energy storage",
            ),
            (
                "Identify joint investment opportunities in critical minerals processing capacity "
                "in North America",
                "Align environmental, social and governance standards for mining projects",
            ),
        ],
    ),
    Expected(
        "2021-11-03_ised-canada_communique-fr.txt",
        [
            "Coopération en matière de sécurité et de résilience des chaînes d'approvisionnement",
            "Innovation dans une relance économique durable et inclusive",
            "Collaboration dans les forums internationaux",
        ],
        [3, 2, 2],
        [
            (
                "Renforcer la coopération existante dans le cadre du Plan d'action conjoint "
                "Canada–États-Unis sur les minéraux critiques",
                "Appuyer une coopération accrue pour établir des chaînes d'approvisionnement plus "
                "sûres pour les technologies de télécommunications avancées, y compris la 5G",
            ),
            (
                "Explorer des possibilités de collaboration dans les technologies émergentes "
                "comme l'intelligence artificielle et les sciences quantiques",
                "Continuer à renforcer la coopération entre l'Office des brevets et des marques "
                "des États-Unis et l'Office de la propriété intellectuelle du Canada",
            ),
            (
                "Collaborer sur un éventail d'enjeux numériques au sein du G7 et du G20",
                "Se coordonner sur les enjeux hémisphériques en prévision du Sommet des leaders "
                "nord-américains et du Sommet des Amériques",
            ),
        ],
    ),
    Expected(
        "2022-06-10_us-canada_signatures-and-dates.txt",
        ["The Working Group agreed to", "Build a skilled workforce for the sector"],
        [3, 2],
        [
            (
                "Publish a joint inventory of critical mineral deposits with development potential",
                "Exchange information on traceability and responsible sourcing standards",
            ),
            (
                "Support training programs for the mining and processing workforce in "
                "partnership with Indigenous communities",
                "Promote the participation of women in critical minerals careers",
            ),
        ],
    ),
    Expected(
        "2022-05-16_eu-us-ttc_roman.txt",
        [
            "Technology standards",
            "Secure supply chains",
            "Misuse of technology threatening security and human rights",
        ],
        [2, 3, 2],
        [
            (
                "Establish a Strategic Standardisation Information mechanism to share information "
                "on international standards developments",
                "Develop a joint roadmap on evaluation and measurement tools for trustworthy AI",
            ),
            (
                "Work toward an early warning mechanism to address semiconductor supply chain "
                "disruptions",
                "Map the semiconductor value chain to identify vulnerabilities",
            ),
            (
                "Coordinate approaches to internet shutdowns",
                "Develop a joint approach to protecting human rights defenders online",
            ),
        ],
    ),
    Expected(
        "2021-12-02_us-canada-trade_bare-lines.txt",
        ["The ministers agreed to", "Environment and climate"],
        [3, 2],
        [
            (
                "Strengthen cooperation on forced labour in supply chains, including through "
                "information sharing on enforcement",
                "Explore joint action to address non-market policies and practices of third "
                "countries",
            ),
            (
                "Promote trade in environmental goods and services",
                "Support the implementation of the USMCA environment chapter",
            ),
        ],
    ),
    Expected(
        "2022-10-20_us-mexico_strong-headings.html",
        ["Protecting Our People", "Preventing Transborder Crime", "Pursuing Criminal Networks"],
        [3, 2, 3],
        [
            (
                "Invest in public health approaches to reduce drug use and addiction",
                "Reduce homicides and high-impact crimes",
            ),
            (
                "Strengthen port-of-entry security to counter arms and drug trafficking",
                "Disrupt the financial networks of transnational criminal organizations",
            ),
            (
                "Increase information sharing on fentanyl precursor chemicals",
                "Expand joint training for prosecutors",
            ),
        ],
    ),
    Expected(
        "2023-03-09_us-mexico-hled_newswire.txt",
        ["Strengthen North American supply chains", "An inclusive economy"],
        [3, 3],
        [
            (
                "Launch a semiconductor supply chain mapping exercise",
                "Promote small business participation in cross-border supply chains",
            ),
            (
                "Expand access to credit for women-owned businesses",
                "Increase exchanges between technical universities",
            ),
        ],
    ),
    Expected(
        "2022-07-18_eu-us-energy_nested-lists.html",
        ["Diversification of LNG supplies", "Reducing demand for natural gas", "Methane emissions"],
        [2, 3, 1],
        [
            (
                "Work with international partners to secure additional LNG volumes for the EU "
                "market in 2022",
                "Support the expansion of regasification capacity in Europe",
            ),
            (
                "Accelerate the deployment of heat pumps and energy efficiency measures",
                "Share best practices on energy savings in public buildings",
            ),
            (
                "Reduce methane leakage, flaring and venting along the gas supply chain",
                "Reduce methane leakage, flaring and venting along the gas supply chain",
            ),
        ],
    ),
]


@pytest.mark.parametrize("case", FIXTURE_CASES, ids=lambda case: case.name)
def test_it_parses_each_fixture_readout(case: Expected) -> None:
    readout = parse_readout(load(case.name))
    assert [p.title for p in readout.pillars] == case.titles
    assert [len(p.commitments) for p in readout.pillars] == case.counts
    found = commitments(readout)
    assert [(items[0], items[-1]) for items in found] == case.first_last
    for pillar in readout.pillars:
        for commitment in pillar.commitments:
            assert " ".join(commitment.passage.split()) in " ".join(readout.text.split())


@pytest.mark.parametrize(
    ("name", "title", "published", "cadence"),
    [
        (
            "2022-09-12_us-mexico-hled_pillars.txt",
            "Joint Statement: U.S.-Mexico High-Level Economic Dialogue",
            datetime.date(2022, 9, 12),
            12,
        ),
        (
            "2021-09-29_eu-us-ttc_browser-save.html",
            "EU-US Trade and Technology Council Inaugural Joint Statement",
            datetime.date(2021, 9, 29),
            12,
        ),
        (
            "2022-12-05_eu-us-ttc_numbered.txt",
            "Joint Statement of the EU-US Trade and Technology Council",
            datetime.date(2022, 12, 5),
            6,
        ),
        (
            "2022-10-20_us-mexico_strong-headings.html",
            "Readout: U.S.-Mexico Security Dialogue",
            datetime.date(2022, 10, 20),
            12,
        ),
        (
            "2023-03-09_us-mexico-hled_newswire.txt",
            "U.S. and Mexico Advance Economic Dialogue",
            datetime.date(2023, 3, 9),
            6,
        ),
        (
            "2022-07-18_eu-us-energy_nested-lists.html",
            "EU-US Task Force on Energy Security: Joint Progress Report",
            datetime.date(2022, 7, 18),
            1,
        ),
        (
            "2023-01-10_nals-trilateral_markdown.md",
            "Declaration of North America",
            datetime.date(2023, 1, 10),
            12,
        ),
    ],
)
def test_it_reads_fixture_metadata(
    name: str, title: str, published: datetime.date, cadence: int
) -> None:
    readout = parse_readout(load(name))
    assert readout.title == title
    assert readout.published == published
    assert readout.cadence_months == cadence


def test_it_finds_participants_named_after_their_portfolio() -> None:
    readout = parse_readout(load("2022-09-12_us-mexico-hled_pillars.txt"))
    assert readout.participants == ("Gina Raimondo", "Marcelo Ebrard Casaubon")
    energy = parse_readout(load("2022-03-08_us-canada-energy_hard-wrapped.txt"))
    assert energy.participants == ("Jonathan Wilkinson", "Jennifer Granholm")


def test_it_skips_browser_chrome_in_a_saved_html_page() -> None:
    readout = parse_readout(load("2021-09-29_eu-us-ttc_browser-save.html"))
    for chrome in (
        "cookies",
        "Press corner",
        "Share this page",
        "LinkedIn",
        "Related links",
        "dataLayer",
        "margin",
        "track every click",
    ):
        assert chrome not in readout.text
    assert readout.participants[:2] == ("Antony Blinken", "Gina Raimondo")


def test_it_never_turns_signatures_dates_or_contacts_into_pillars() -> None:
    readout = parse_readout(load("2022-06-10_us-canada_signatures-and-dates.txt"))
    headings = " ".join(p.heading for p in readout.pillars)
    for furniture in (
        "Washington",
        "June 10",
        "Ottawa",
        "###",
        "Contact",
        "Participants",
        "Raimondo",
        "Media Note",
    ):
        assert furniture not in headings
    every = [c.text for p in readout.pillars for c in p.commitments]
    assert not any("@" in text or "Secretary of Commerce" in text for text in every)
    hled = parse_readout(load("2022-09-12_us-mexico-hled_pillars.txt"))
    assert len(hled.pillars) == 4
    assert "publicaffairs@doc.gov" not in " ".join(
        c.text for p in hled.pillars for c in p.commitments
    )


def test_it_rejects_a_prose_only_statement() -> None:
    with pytest.raises(ReadoutParseError) as error:
        parse_readout(load("2021-06-15_eu-us-summit_prose-only.txt"))
    assert str(error.value) == "No work plan found: no pillar headings; no list items."


def test_it_rejects_a_readout_whose_lists_were_stripped() -> None:
    with pytest.raises(ReadoutParseError) as error:
        parse_readout(load("2021-11-03_us-commerce_lists-stripped.txt"))
    assert str(error.value) == "No work plan found: 4 pillar headings but no list items under them."


# --------------------------------------------------------------------------- heading shapes

ITEMS = "- Deepen cooperation on critical minerals;\n- Share cyber threat information.\n"


@pytest.mark.parametrize(
    ("document", "heading", "title"),
    [
        (
            "Acknowledged the importance of energy security and agreed to:\n" + ITEMS,
            "Acknowledged the importance of energy security and agreed to:",
            "Energy security",
        ),
        ("Priorities for 2022:\n" + ITEMS, "Priorities for 2022:", "Priorities for 2022"),
        (
            "Pillar I: Resilient Supply Chains\n" + ITEMS,
            "Pillar I: Resilient Supply Chains",
            "Resilient Supply Chains",
        ),
        (
            "Pillar 1 – Resilient Supply Chains\n\n" + ITEMS,
            "Pillar 1 – Resilient Supply Chains",
            "Resilient Supply Chains",
        ),
        ("Resilient Supply Chains\n" + ITEMS, "Resilient Supply Chains", "Resilient Supply Chains"),
        (
            "**Resilient Supply Chains**\n\n" + ITEMS,
            "Resilient Supply Chains",
            "Resilient Supply Chains",
        ),
        (
            "## Resilient Supply Chains\n" + ITEMS,
            "Resilient Supply Chains",
            "Resilient Supply Chains",
        ),
        (
            "The partners will strengthen supply chain resilience by:\n" + ITEMS,
            "The partners will strengthen supply chain resilience by:",
            "Strengthen supply chain resilience",
        ),
        (
            "Under this pillar, the United States and Mexico will:\n" + ITEMS,
            "Under this pillar, the United States and Mexico will:",
            "Under this pillar, the United States and Mexico will",
        ),
    ],
)
def test_it_recognises_text_heading_shapes(document: str, heading: str, title: str) -> None:
    readout = parse_readout("Joint Statement\n\nThe ministers met today.\n\n" + document)
    assert [p.heading for p in readout.pillars] == [heading]
    assert readout.pillars[0].title == title
    assert commitments(readout) == [
        ["Deepen cooperation on critical minerals", "Share cyber threat information"]
    ]


@pytest.mark.parametrize(
    "markup",
    [
        "<h2>Resilient Supply Chains</h2>",
        "<h3>Resilient Supply Chains</h3>",
        "<p><strong>Resilient Supply Chains</strong></p>",
        "<p><b>Resilient Supply Chains</b></p>",
    ],
)
def test_it_recognises_html_heading_shapes(markup: str) -> None:
    html = (
        f"<html><body><h1>Joint Statement</h1><p>The ministers met.</p>{markup}"
        "<ul><li>Deepen cooperation on critical minerals;</li><li>Map supply chains.</li></ul>"
        "</body></html>"
    )
    readout = parse_readout(html)
    assert readout.title == "Joint Statement"
    assert [p.title for p in readout.pillars] == ["Resilient Supply Chains"]
    assert commitments(readout) == [
        ["Deepen cooperation on critical minerals", "Map supply chains"]
    ]


def test_it_treats_numbered_lines_with_sub_items_as_headings() -> None:
    document = (
        "1. Supply Chains\n"
        "   (a) Map semiconductor supply chains;\n"
        "   (b) Build a critical minerals inventory.\n"
        "2. Clean Energy\n"
        "   (a) Expand grid interconnections.\n"
        "I. Workforce\n"
        "   • Fund apprenticeships.\n"
    )
    readout = parse_readout(document)
    assert [p.heading for p in readout.pillars] == [
        "1. Supply Chains",
        "2. Clean Energy",
        "I. Workforce",
    ]
    assert [p.title for p in readout.pillars] == ["Supply Chains", "Clean Energy", "Workforce"]
    assert commitments(readout) == [
        ["Map semiconductor supply chains", "Build a critical minerals inventory"],
        ["Expand grid interconnections"],
        ["Fund apprenticeships"],
    ]


def test_it_keeps_a_flat_numbered_list_as_commitments() -> None:
    document = "The ministers agreed to:\n1. Map supply chains.\n2. Fund apprenticeships.\n"
    readout = parse_readout(document)
    assert commitments(readout) == [["Map supply chains", "Fund apprenticeships"]]


# --------------------------------------------------------------------------- commitment shapes


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("• Map supply chains;", "• Fund apprenticeships; and"),
        ("- Map supply chains;", "- Fund apprenticeships."),
        ("* Map supply chains;", "* Fund apprenticeships."),
        ("– Map supply chains;", "– Fund apprenticeships."),
        ("▪ Map supply chains;", "▪ Fund apprenticeships."),
        ("1. Map supply chains;", "2. Fund apprenticeships."),
        ("1) Map supply chains;", "2) Fund apprenticeships."),
        ("(a) map supply chains;", "(b) fund apprenticeships."),
        ("a. map supply chains;", "b. fund apprenticeships."),
        ("Map supply chains;", "Fund apprenticeships."),
    ],
)
def test_it_recognises_commitment_markers(first: str, second: str) -> None:
    readout = parse_readout(f"The ministers agreed to:\n\n{first}\n{second}\n")
    assert commitments(readout) == [["Map supply chains", "Fund apprenticeships"]]


def test_it_reads_html_list_items() -> None:
    html = "<p>The ministers agreed to:</p><ol><li>map supply chains;<li>fund apprenticeships.</ol>"
    assert commitments(parse_readout(html)) == [["Map supply chains", "Fund apprenticeships"]]


def test_it_reads_short_paragraphs_in_list_position_but_stops_at_prose() -> None:
    document = (
        "The ministers agreed to:\n\n"
        "Map supply chains for semiconductors.\n\n"
        "Fund apprenticeships in advanced manufacturing.\n\n"
        "The ministers will meet again in the spring.\n"
    )
    readout = parse_readout(document)
    assert commitments(readout) == [
        ["Map supply chains for semiconductors", "Fund apprenticeships in advanced manufacturing"]
    ]


def test_it_splits_run_on_clauses_after_a_lead_in() -> None:
    document = (
        "Joint readout. The ministers agreed to:map supply chains;fund apprenticeships; "
        "andexpand grid links.Recognized the role of innovation and agreed to: open a "
        "joint lab; and share data.The ministers will meet again."
    )
    readout = parse_readout(document)
    assert [p.title for p in readout.pillars] == ["The ministers agreed to", "Innovation"]
    assert commitments(readout) == [
        ["Map supply chains", "Fund apprenticeships", "Expand grid links"],
        ["Open a joint lab", "Share data"],
    ]


def test_it_does_not_split_a_colon_that_introduces_no_list() -> None:
    document = (
        "Our goal is clear: a resilient economy. Contact: press@example.gov\n\n"
        "The ministers agreed to:\n- Map supply chains.\n"
    )
    assert commitments(parse_readout(document)) == [["Map supply chains"]]


def test_it_joins_hard_wrapped_bullets() -> None:
    document = (
        "The ministers agreed to:\n"
        "  • Map supply chains for semiconductors and\n"
        "    critical minerals, including processing;\n"
        "  • Fund apprenticeships in advanced\n"
        "  manufacturing.\n"
        "  • Open a lab.\n"
    )
    readout = parse_readout(document)
    assert commitments(readout) == [
        [
            "Map supply chains for semiconductors and critical minerals, including processing",
            "Fund apprenticeships in advanced manufacturing",
            "Open a lab",
        ]
    ]
    assert readout.pillars[0].commitments[0].passage == (
        "• Map supply chains for semiconductors and critical minerals, including processing;"
    )


# --------------------------------------------------------------------------- seed variants
# The seeds re-published in other shapes must yield the same commitments: this guards
# against rules that only fit the two seed files.


def seed_commitments(name: str) -> list[list[str]]:
    return commitments(parse_readout(load(name)))


def wrap_lines(text: str, width: int, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent=indent) if line.strip() else ""
        for line in text.split("\n")
    )


@pytest.mark.parametrize("width", [64, 72, 80, 100, 125])
def test_it_reads_the_newswire_seed_rewrapped_at_fixed_width(width: int) -> None:
    source = load("2021-11-03_ised-canada_newswire.txt")
    expected = seed_commitments("2021-11-03_ised-canada_newswire.txt")
    assert commitments(parse_readout(textwrap.fill(source, width))) == expected


@pytest.mark.parametrize("width", [64, 72, 80, 100])
@pytest.mark.parametrize("indent", ["", "    "])
def test_it_reads_the_us_seed_with_hard_wrapped_bullets(width: int, indent: str) -> None:
    source = load("2021-11-03_us-commerce_press-release.txt")
    expected = seed_commitments("2021-11-03_us-commerce_press-release.txt")
    assert commitments(parse_readout(wrap_lines(source, width, indent))) == expected


@pytest.mark.parametrize("width", [None, 72])
def test_it_reads_the_us_seed_with_bullet_characters_removed(width: int | None) -> None:
    source = load("2021-11-03_us-commerce_press-release.txt").replace("  • ", "")
    if width:
        source = wrap_lines(source, width)
    expected = seed_commitments("2021-11-03_us-commerce_press-release.txt")
    assert commitments(parse_readout(source)) == expected


def test_it_reads_the_us_seed_rendered_as_html() -> None:
    source = load("2021-11-03_us-commerce_press-release.txt")
    body, in_list = [], False
    for line in source.split("\n"):
        text = line.strip()
        if text.startswith("•") != in_list:
            body.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        if text:
            text = html.escape(text.lstrip("• "))
            body.append(f"<li>{text}</li>" if in_list else f"<p>{text}</p>")
    page = "<html><body><nav><ul><li>Home</li><li>News</li></ul></nav>" + "".join(body)
    readout = parse_readout(page + "</ul></body></html>")
    assert commitments(readout) == seed_commitments("2021-11-03_us-commerce_press-release.txt")
    assert readout.title.startswith("Joint Readout on Cooperation")
