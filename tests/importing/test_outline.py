"""The outline: a readout's structure as lines an admin corrects ("# pillar", "> lead-in",
"- commitment"), read back with every problem's line number, and the same plan whether
imported from the parser or from the parser's own outline."""

from __future__ import annotations

import pytest

from readouts.importer import import_readout, preview_import
from readouts.outline_text import OutlineError, read_outline, write_outline
from readouts.parser import parse_readout
from tests.conftest import FIXTURES
from tests.importing.conftest import CA, US
from workplan.models import Commitment, Pillar, WorkPlan

# Headings and prose, no list: the parser finds no work plan (and must not invent one).
PROSE = FIXTURES / "readouts" / "headings-with-prose.txt"
CORRECTED = """\
# Rebuilding Together
- Coordinate pandemic recovery measures for small businesses
- Share data on supply chains for medical equipment

# Climate and Clean Growth
> The Ministers agreed to:
- Align methane regulations for the oil and gas sector
- Build a joint strategy on critical minerals
  for batteries
"""


def plan_as_lists(plan) -> list:
    return [
        (p.title, p.lead_in, [(c.text, c.short_title) for c in p.commitments.order_by("position")])
        for p in Pillar.objects.filter(plan=plan).order_by("position")
    ]


@pytest.mark.parametrize("path", [US, CA])
def test_the_parsers_outline_reads_back_as_the_same_pillars(path):
    parsed = parse_readout(path.read_text(encoding="utf-8"))

    assert read_outline(write_outline(parsed.pillars), parsed) == parsed.pillars


def test_importing_the_parsers_outline_gives_the_same_plan(db, us_text):
    direct = import_readout(us_text, plan_slug="direct").plan
    outline = write_outline(parse_readout(us_text).pillars)
    # Another text (same structure), so that it is not taken for a duplicate of the first.
    edited = us_text.replace("Secure .gov websites", "Secure sites")
    via_outline = import_readout(edited, plan_slug="outlined", outline=outline).plan
    assert (direct.slug, via_outline.slug) == ("direct", "outlined")

    assert plan_as_lists(via_outline) == plan_as_lists(direct)
    assert [
        p.text
        for c in Commitment.objects.filter(pillar__plan=via_outline)
        for p in c.passages.all()
    ] == [p.text for c in Commitment.objects.filter(pillar__plan=direct) for p in c.passages.all()]


def test_a_corrected_outline_makes_the_plan_the_parser_could_not(db):
    text = PROSE.read_text(encoding="utf-8")
    preview = preview_import(text, plan=None)
    assert preview.problem.startswith("No work plan found")
    assert "- Rebuilding Together\n" in preview.outline

    plan = import_readout(text, plan_slug="roadmap", outline=CORRECTED).plan

    pillars = plan_as_lists(plan)
    assert [title for title, _lead_in, _items in pillars] == [
        "Rebuilding Together",
        "Climate and Clean Growth",
    ]
    assert pillars[1][1] == "The Ministers agreed to:"
    assert pillars[1][2][1][0] == "Build a joint strategy on critical minerals for batteries"
    assert plan.title == "Joint Statement on the Partnership Roadmap"


@pytest.mark.parametrize(
    ("outline", "problem"),
    [
        ("- An item first\n# Pillar\n- Item", "Line 1: start the outline with a pillar"),
        ("# Pillar\n- Item\n# Empty pillar\n", "Line 3: pillar “Empty pillar” has no commitment"),
        ("# Pillar\n- Item\n> Too late", "Line 3: a lead-in (“>”) goes before"),
        ("#\n- Item", "Line 1: a pillar needs a title"),
        ("# Pillar\n-\n- Item", "Line 2: write the commitment after “-”"),
        ("\n// only a comment\n", "The outline is empty"),
        ("# " + "Long " * 50 + "\n- Item", "Line 1: shorten the pillar title"),
    ],
)
def test_it_says_which_line_of_an_outline_is_wrong(outline, problem):
    with pytest.raises(OutlineError) as error:
        read_outline(outline)
    assert any(found.startswith(problem) for found in error.value.problems), error.value.problems


def test_it_reads_markdown_marks_too():
    pillars = read_outline("## Trade\n* Lower tariffs on steel\n• Share customs data\n")

    assert [c.text for c in pillars[0].commitments] == [
        "Lower tariffs on steel",
        "Share customs data",
    ]


def test_an_outline_with_a_problem_imports_nothing(db):
    text = PROSE.read_text(encoding="utf-8")

    with pytest.raises(OutlineError):
        import_readout(text, outline="# Pillar with nothing under it\n")
    assert not Pillar.objects.exists()


def test_a_short_title_line_names_the_commitment_above_it(db):
    outline = (
        "# Trade\n"
        "- Reduce non-tariff barriers that small businesses face in cross-border trade\n"
        "  ~ Non-tariff barriers\n"
        "- Share customs data\n"
    )
    plan = import_readout(
        PROSE.read_text(encoding="utf-8"), plan_slug="trade", outline=outline
    ).plan

    assert list(
        Commitment.objects.filter(pillar__plan=plan)
        .order_by("position")
        .values_list("short_title", flat=True)
    ) == ["Non-tariff barriers", "Share customs data"]


@pytest.mark.parametrize(
    ("outline", "problem"),
    [
        ("# Trade\n~ Orphan\n- Item", "Line 2: a short title (“~”) goes under its commitment."),
        ("# Trade\n- Item\n  ~ " + "x" * 61, "Line 3: shorten the short title to 60 characters"),
    ],
)
def test_it_refuses_a_misplaced_or_long_short_title(outline, problem):
    with pytest.raises(OutlineError) as error:
        read_outline(outline)
    assert any(found.startswith(problem) for found in error.value.problems), error.value.problems


@pytest.mark.parametrize("path", [US, CA])
def test_the_parsers_short_titles_are_whole_words_of_at_most_60_characters(path):
    parsed = parse_readout(path.read_text(encoding="utf-8"))

    for commitment in (c for p in parsed.pillars for c in p.commitments):
        title = commitment.short_title.rstrip("…")
        assert 0 < len(commitment.short_title) <= 60
        assert commitment.text.replace(",", "").startswith(title.replace(",", "")) or (
            title.split()[0] in commitment.text
        )
        assert f"  ~ {commitment.short_title}\n" in write_outline(parsed.pillars)


LEADS_OUTLINE = """\
# Rebuilding Together
@ ISED
- Coordinate pandemic recovery measures for small businesses
- Share data on supply chains for medical equipment
  ~ Medical supply chains
  @ doc, ised

# Climate and Clean Growth
- Align methane regulations for the oil and gas sector
  @ DOC
- Build a joint strategy on critical minerals
"""


def leads_of(plan) -> dict[str, list[str]]:
    return {
        c.reference: sorted(lead.organization.short_name for lead in c.leads.all())
        for c in Commitment.objects.filter(pillar__plan=plan).prefetch_related(
            "leads__organization"
        )
    }


def test_at_lines_name_the_leads_of_a_pillar_and_of_one_commitment(doc, ised):
    text = PROSE.read_text(encoding="utf-8")

    plan = import_readout(text, plan_slug="with-leads", outline=LEADS_OUTLINE).plan

    assert leads_of(plan) == {"1.1": ["ISED"], "1.2": ["DOC", "ISED"], "2.1": ["DOC"], "2.2": []}
    assert set(plan.parties.values_list("short_name", flat=True)) == {"DOC", "ISED"}
    assert Commitment.objects.get(pillar__plan=plan, short_title="Medical supply chains")


def test_an_unknown_lead_is_a_line_numbered_problem_and_nothing_is_written(doc, ised):
    outline = LEADS_OUTLINE.replace("@ DOC", "@ DOC, NRCAN")
    plans = WorkPlan.objects.count()

    with pytest.raises(OutlineError) as error:
        import_readout(PROSE.read_text(encoding="utf-8"), plan_slug="x", outline=outline)

    assert error.value.problems == [
        "Line 10: no organisation with the short name “NRCAN” (known: DOC, ISED)."
    ]
    assert WorkPlan.objects.count() == plans


def test_the_outline_with_leads_reads_back_the_same(doc, ised):
    pillars = read_outline(LEADS_OUTLINE, organizations=["DOC", "ISED"])

    assert read_outline(write_outline(pillars), organizations=["DOC", "ISED"]) == pillars
    assert [c.leads for c in pillars[0].commitments] == [("ISED",), ("DOC", "ISED")]
