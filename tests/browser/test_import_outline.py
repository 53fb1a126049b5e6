"""An admin imports a readout the parser cannot read: the editor opens with the text as a
draft outline beside the source, the admin corrects it, previews again and confirms."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from readouts.models import Readout
from tests.browser.conftest import Session
from tests.browser.test_commitment_updates import problems
from tests.importing.test_outline import CORRECTED, PROSE
from workplan.models import Commitment

pytestmark = pytest.mark.browser


def test_an_admin_corrects_the_outline_and_confirms(demo, session: Session):
    session.login("admin")
    page = session.page
    page.goto(f"{session.base_url}/admin/readouts/readout/import/")
    page.get_by_label("…or paste the readout").fill(PROSE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state("networkidle")

    expect(page.get_by_text("no pillar headings; no list items")).to_be_visible()
    outline = page.get_by_label("Outline", exact=True)
    assert outline.input_value().startswith("# Draft pillar: correct the title\n")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    session.screenshot("import-outline-draft")

    outline.fill(CORRECTED)
    page.get_by_role("button", name="Preview again").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("2 pillars found, 4 commitments")).to_be_visible()
    expect(page.locator(".outline-source mark").first).to_be_visible()
    session.screenshot("import-outline-corrected")

    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("with 4 commitments")).to_be_visible()
    plan = Readout.objects.latest("pk").plan
    assert Commitment.objects.filter(pillar__plan=plan).count() == 4
    assert f"/admin/workplan/workplan/{plan.pk}/change/" in page.url
    session.screenshot("import-outline-imported")
    assert problems(session) == [], "\n".join(session.problems)
