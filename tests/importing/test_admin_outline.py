"""Admin's import: the preview is the outline, editable beside the source with the lines each
commitment came from highlighted; "Preview again" writes nothing; confirm imports the outline
as corrected, or nothing when it has problems."""

from __future__ import annotations

from django.utils import timezone

from readouts.models import Readout
from tests.conftest import client_for
from tests.importing.test_outline import CORRECTED, PROSE
from workplan.models import Commitment, WorkPlan

IMPORT = "/admin/readouts/readout/import/"


def confirm_data(response, **changes) -> dict:
    """What the browser posts back: each field's value (a list for the parties)."""
    form = response.context["confirm"]
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[field.name] = (
                value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value
            )
    return {**data, **changes}


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
    text = PROSE.read_text(encoding="utf-8")
    readouts = Readout.objects.count()
    draft = client.post(IMPORT, {"text": text, "preview": "1"})
    assert "no pillar headings; no list items" in draft.content.decode()

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
    text = PROSE.read_text(encoding="utf-8")
    draft = client.post(IMPORT, {"text": text, "preview": "1"})
    broken = "# Rebuilding Together\n- Coordinate recovery\n# Climate\n"
    plans, readouts = WorkPlan.objects.count(), Readout.objects.count()

    response = client.post(IMPORT, confirm_data(draft, outline=broken, confirm="1"))

    assert response.status_code == 422
    page = response.content.decode()
    assert "Line 3: pillar “Climate” has no commitment" in page
    assert response.context["confirm"]["outline"].value() == broken
    assert (WorkPlan.objects.count(), Readout.objects.count()) == (plans, readouts)


def test_the_new_plan_is_set_up_ready_to_use_on_confirm(admin_user, doc, ised):
    client = client_for(admin_user)
    text = PROSE.read_text(encoding="utf-8")
    draft = client.post(IMPORT, {"text": text, "organization": ised.pk, "preview": "1"})
    assert draft.context["confirm"]["plan_slug"].value() == "joint-statement-on-the-partnership"
    assert [getattr(v, "pk", v) for v in draft.context["confirm"]["parties"].value()] == [ised.pk]
    again = client.post(IMPORT, confirm_data(draft, outline=CORRECTED, repreview="1"))
    assert [f.name for f in again.context["confirm"].lead_fields] == ["lead_1", "lead_2"]

    response = client.post(
        IMPORT,
        confirm_data(
            again,
            confirm="1",
            plan_title="Partnership Roadmap 2021",
            plan_title_fr="Feuille de route du partenariat 2021",
            plan_slug="roadmap-2021",
            parties=[doc.pk, ised.pk],
            lead_1=ised.pk,
            lead_2=doc.pk,
            first_meeting="2021-06-15T10:00",
            cadence_months="6",
        ),
    )

    assert response.status_code == 302
    plan = WorkPlan.objects.get(slug="roadmap-2021")
    assert plan.title == "Partnership Roadmap 2021" and plan.cadence_months == 6
    assert plan.title_fr == "Feuille de route du partenariat 2021"
    assert set(plan.parties.values_list("short_name", flat=True)) == {"DOC", "ISED"}
    leads = {
        c.reference: [lead.organization.short_name for lead in c.leads.all()]
        for c in Commitment.objects.filter(pillar__plan=plan).prefetch_related(
            "leads__organization"
        )
    }
    assert leads == {"1.1": ["ISED"], "1.2": ["ISED"], "2.1": ["DOC"], "2.2": ["DOC"]}
    meetings = list(plan.meetings.order_by("starts_at"))
    assert meetings[0].starts_at.isoformat() == "2021-06-15T14:00:00+00:00"
    assert meetings[1].starts_at.month == 12
    assert meetings[-1].starts_at > timezone.now() >= meetings[-2].starts_at


def test_a_slug_already_taken_is_refused_and_nothing_written(admin_user, demo):
    client = client_for(admin_user)
    draft = client.post(IMPORT, {"text": PROSE.read_text(encoding="utf-8"), "preview": "1"})
    again = client.post(IMPORT, confirm_data(draft, outline=CORRECTED, repreview="1"))
    plans = WorkPlan.objects.count()

    response = client.post(IMPORT, confirm_data(again, confirm="1", plan_slug=demo.slug))

    assert response.status_code == 422
    assert f"“{demo.slug}” is the short name of “{demo.title}”" in response.content.decode()
    assert response.context["confirm"]["outline"].value() == CORRECTED
    assert WorkPlan.objects.count() == plans
