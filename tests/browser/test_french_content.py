"""A French reader sees the demo plan's own words in French — dashboard, commitments,
a commitment, the briefing — and a missing French value as the English, marked."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import Session
from tests.browser.test_commitment_updates import commitment, problems

pytestmark = pytest.mark.browser


def test_a_french_reader_sees_the_plan_in_french(demo, session: Session):
    session.login("ca-official")
    page = session.page
    page.get_by_role("button", name="Français").click()  # the header's language switch
    page.wait_for_load_state("networkidle")

    page.goto(session.base_url + reverse("dashboard", args=[demo.slug]))
    expect(page.locator("h1")).to_have_text("Plan de travail États-Unis–Canada du 3 novembre 2021")
    expect(
        page.get_by_role("heading", name="Sécurité et résilience des chaînes d'approvisionnement")
    ).not_to_have_count(0)
    expect(page.locator(".english-only")).to_have_count(0)
    session.screenshot("french-dashboard")

    page.goto(session.base_url + reverse("commitments", args=[demo.slug]))
    minerals = page.get_by_text("Minéraux critiques et mobilisation de l'industrie")
    expect(minerals).not_to_have_count(0)
    session.screenshot("french-commitments")

    page.goto(session.base_url + reverse("commitment", args=[commitment(demo, "1.3").pk]))
    expect(page.locator("blockquote.commitment-text")).to_contain_text(
        "Appuyer une coopération accrue"
    )

    page.goto(session.base_url + reverse("briefing", args=[demo.slug]))
    expect(page.get_by_text("Pratiques exemplaires ESG").first).to_be_visible()
    session.screenshot("french-briefing")
    assert problems(session) == []


def test_a_missing_french_title_shows_the_english_marked(demo, session: Session):
    esg = commitment(demo, "2.3")
    esg.short_title_fr = ""
    esg.save(update_fields=["short_title_fr"])
    session.login("ca-official")
    page = session.page
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state("networkidle")

    page.goto(session.base_url + reverse("commitments", args=[demo.slug]))

    marked = page.locator(f"#commitment-{esg.pk} .english-only")
    expect(marked).to_have_count(1)
    expect(page.locator(f'#commitment-{esg.pk} [lang="en"]').first).to_have_text(
        "ESG best practices"
    )
    session.screenshot("french-commitments-english-only")
    assert problems(session) == []
