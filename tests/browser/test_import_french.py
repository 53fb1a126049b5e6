"""An admin gives the demo plan its French from Canada's French readout: one commitment lost
its list mark, so the French does not pair up; the admin splits it in the outline, sees each
English commitment beside its French, confirms, and a French reader sees the plan in French."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Session
from tests.browser.test_commitment_updates import commitment, problems
from tests.importing.test_french_import import blank_french, french_text

pytestmark = pytest.mark.browser


def test_an_admin_pairs_the_french_up_and_confirms(demo, session: Session):
    blank_french(demo)
    joined = french_text().replace("du génome;\n• en ce qui", "du génome; en ce qui")
    session.login("admin")
    page = session.page
    page.goto(f"{session.base_url}/admin/readouts/readout/import/")
    page.get_by_label("…or paste the readout").fill(joined)
    page.get_by_label("Work plan").select_option(label=demo.title)
    page.get_by_label("Language of the readout").select_option("fr")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state("networkidle")

    expect(
        page.get_by_text("Pillar 2 has 4 commitments in the plan and 3 in this text")
    ).to_be_visible()
    expect(page.get_by_text("no commitment at this place")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    session.screenshot("import-french-mismatch")

    outline = page.get_by_label("Outline", exact=True)
    outline.fill(
        outline.input_value().replace(
            "du génome; en ce qui concerne", "du génome;\n- En ce qui concerne"
        )
    )
    page.get_by_role("button", name="Preview again").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("does not pair up")).to_have_count(0)
    page.get_by_label("Plan title in French").fill("Plan de travail États-Unis–Canada")
    session.screenshot("import-french-paired")

    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("now has its French: 11 commitments")).to_be_visible()
    assert commitment(demo, "2.2").text_fr.startswith("En ce qui concerne l'intelligence")
    demo.refresh_from_db()
    assert demo.title_fr == "Plan de travail États-Unis–Canada"
    assert problems(session) == [], "\n".join(session.problems)
