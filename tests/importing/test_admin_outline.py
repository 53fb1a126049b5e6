"""Admin's import: the preview is the outline, editable beside the source with the lines each
commitment came from highlighted; "Preview again" writes nothing; confirm imports the outline
as corrected, or nothing when it has problems."""

from __future__ import annotations

from readouts.models import Readout
from tests.conftest import client_for
from tests.importing.test_outline import BARE_LINES, CORRECTED
from workplan.models import Commitment, WorkPlan

IMPORT = "/admin/readouts/readout/import/"


def confirm_data(response, **changes) -> dict:
    form = response.context["confirm"]
    return {**{field.name: field.value() or "" for field in form}, **changes}


def test_the_preview_shows_the_outline_beside_the_highlighted_source(admin_user, us_text):
    response = client_for(admin_user).post(IMPORT, {"text": us_text + "\n", "preview": "1"})

    page = response.content.decode()
    outline = response.context["confirm"]["outline"].value()
    assert outline.startswith("# ") and outline.count("\n- ") == 11
    assert "<mark>" in page and 'href="#source-line-' in page
    lines, pillars = response.context["located"]
    assert all(item.line for _pillar, items in pillars for item in items)
    assert sum(len(line.items) for line in lines) == 11


def test_an_admin_fixes_a_text_the_parser_could_not_read(admin_user):
    client = client_for(admin_user)
    text = BARE_LINES.read_text(encoding="utf-8")
    readouts = Readout.objects.count()
    draft = client.post(IMPORT, {"text": text, "preview": "1"})
    assert "2 pillar headings but no list items" in draft.content.decode()

    again = client.post(IMPORT, confirm_data(draft, outline=CORRECTED, repreview="1"))
    assert again.status_code == 200
    assert "2 pillars found" in again.content.decode()
    assert Readout.objects.count() == readouts  # nothing yet

    done = client.post(IMPORT, confirm_data(again, confirm="1"))

    assert done.status_code == 302
    readout = Readout.objects.latest("pk")
    assert readout.raw_text.strip() == text.strip()
    plan = readout.plan
    assert list(
        Commitment.objects.filter(pillar__plan=plan)
        .order_by("pillar__position", "position")
        .values_list("text", flat=True)
    ) == [
        "Coordinate pandemic recovery measures for small businesses",
        "Share data on supply chains for medical equipment",
        "Align methane regulations for the oil and gas sector",
        "Build a joint strategy on critical minerals for batteries",
    ]


def test_confirming_an_outline_with_problems_writes_nothing_and_keeps_it(admin_user):
    client = client_for(admin_user)
    text = BARE_LINES.read_text(encoding="utf-8")
    draft = client.post(IMPORT, {"text": text, "preview": "1"})
    broken = "# Rebuilding Together\n- Coordinate recovery\n# Climate\n"
    plans, readouts = WorkPlan.objects.count(), Readout.objects.count()

    response = client.post(IMPORT, confirm_data(draft, outline=broken, confirm="1"))

    assert response.status_code == 422
    page = response.content.decode()
    assert "Line 3: pillar “Climate” has no commitment" in page
    assert response.context["confirm"]["outline"].value() == broken
    assert (WorkPlan.objects.count(), Readout.objects.count()) == (plans, readouts)
