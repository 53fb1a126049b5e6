"""Officials update commitments in the browser: inline, without a reload, never silently
overwriting each other."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Session
from workplan.models import Commitment, StatusUpdate
from workplan.status import Status

pytestmark = pytest.mark.browser


def commitment(plan, reference: str) -> Commitment:
    pillar, position = map(int, reference.split("."))
    return Commitment.objects.get(pillar__plan=plan, pillar__position=pillar, position=position)


# Chromium logs every 4xx answer to the console; 422 (invalid input) and 409 (conflict) are
# the answers these tests provoke on purpose. Anything else is a real problem.
EXPECTED_STATUSES = ("status of 422 (Unprocessable Entity)", "status of 409 (Conflict)")


def problems(session: Session) -> list[str]:
    return [
        problem
        for problem in session.problems
        if not (
            problem.startswith("console: Failed to load resource")
            and problem.endswith(EXPECTED_STATUSES)
        )
    ]


def open_commitments(session: Session) -> None:
    session.page.goto(f"{session.base_url}/")
    session.page.wait_for_load_state("networkidle")
    # Set after the page loaded: it survives only if nothing reloads the page.
    session.page.evaluate("window.__marker = 1")


def test_it_updates_an_ised_commitment_in_place_and_records_the_history(demo, session: Session):
    target = commitment(demo, "1.1")
    session.login("ca-official")
    open_commitments(session)
    page = session.page
    assert page.get_by_role("heading", level=1).inner_text() == "Commitments"
    row = page.locator(f"#commitment-{target.pk}")

    row.get_by_role("link", name="Update").click()
    form = row.locator("form.status-form")
    form.wait_for()
    # accord.js moves focus once htmx has settled the swap: wait for it, not for luck.
    expect(form.get_by_label("Status")).to_be_focused()
    session.screenshot("commitment-update-form-open")
    form.get_by_label("Status").select_option(Status.CHALLENGES)
    form.get_by_role("button", name="Save update").click()
    # A note is required for "with challenges": the error is beside the field, nothing saved.
    error = form.locator(f"#c{target.pk}_note_error")
    error.wait_for()
    assert "Progress note: explain why" in error.inner_text()
    assert form.get_by_label("Status").input_value() == Status.CHALLENGES
    session.screenshot("commitment-update-note-required")
    form = row.locator("form.status-form")
    form.get_by_label("Progress note").fill("Awaiting legal review before data can be shared.")
    form.get_by_role("button", name="Save update").click()
    row.get_by_text("Saved. The update is in the commitment's history.").wait_for()

    assert page.evaluate("window.__marker") == 1
    assert "Underway – with challenges" in row.inner_text()
    assert row.locator("form").count() == 0
    session.screenshot("commitment-update-saved-row")
    latest = StatusUpdate.objects.filter(commitment=target).first()
    assert latest.note == "Awaiting legal review before data can be shared."
    assert latest.author.username == "ca-official"

    row.get_by_role("link", name=f"{target.reference} {target.short_title}", exact=True).click()
    page.wait_for_load_state("networkidle")
    history = page.locator("ol.timeline li").first
    assert "Awaiting legal review before data can be shared." in history.inner_text()
    assert "Camille Tremblay (ISED)" in history.inner_text()
    session.screenshot("commitment-page-history")
    assert problems(session) == [], "\n".join(session.problems)


def test_it_cancels_the_inline_form_and_restores_the_row(demo, session: Session):
    target = commitment(demo, "2.2")
    session.login("ca-official")
    open_commitments(session)
    row = session.page.locator(f"#commitment-{target.pk}")

    row.get_by_role("link", name="Update").click()
    row.locator("form.status-form").wait_for()
    row.get_by_role("link", name="Cancel").click()
    row.get_by_role("link", name="Update").wait_for()

    assert row.locator("form").count() == 0
    assert session.page.evaluate("window.__marker") == 1
    # Keyboard users are back on the Update link they started from.
    expect(row.get_by_role("link", name="Update")).to_be_focused()
    assert problems(session) == [], "\n".join(session.problems)


def test_it_offers_no_update_on_a_us_led_commitment_and_refuses_a_forged_post(
    demo, session: Session
):
    target = commitment(demo, "1.2")
    session.login("ca-official")
    open_commitments(session)
    row = session.page.locator(f"#commitment-{target.pk}")
    assert row.count() == 1
    assert row.get_by_role("link", name="Update").count() == 0
    before = (target.status, target.version)

    token = next(c["value"] for c in session.context.cookies() if c["name"] == "csrftoken")
    response = session.page.request.post(
        f"{session.base_url}/commitments/{target.pk}/status/",
        form={"status": Status.COMPLETED, "note": "forged", "version": str(target.version)},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )

    assert response.status == 403
    target.refresh_from_db()
    assert (target.status, target.version) == before
    assert problems(session) == [], "\n".join(session.problems)


def test_it_shows_the_second_editor_the_conflict_and_reapplies_the_draft_in_one_click(
    demo, session: Session, second_session: Session
):
    target = commitment(demo, "1.3")  # led by both DOC and ISED
    session.login("ca-official")
    second_session.login("us-official")
    rows = []
    for person in (session, second_session):
        open_commitments(person)
        row = person.page.locator(f"#commitment-{target.pk}")
        row.get_by_role("link", name="Update").click()
        row.locator("form.status-form").wait_for()
        rows.append(row)
    camille, jordan = rows

    jordan.get_by_label("Status").select_option(Status.ON_TRACK)
    jordan.get_by_label("Progress note").fill("Reopened: a second phase is under way.")
    jordan.get_by_role("button", name="Save update").click()
    jordan.get_by_text("Saved.").wait_for()

    camille.get_by_label("Status").select_option(Status.CHALLENGES)
    camille.get_by_label("Progress note").fill("Camille's careful draft.")
    camille.get_by_label("Evidence link").fill("https://www.canada.ca/draft")
    camille.get_by_role("button", name="Save update").click()
    conflict = camille.locator(".conflict")
    conflict.wait_for()

    assert "Jordan Ellis (DOC) changed the status to “Underway – on track”" in conflict.inner_text()
    # The row above the form now shows Jordan's update, not the facts Camille started from.
    facts = camille.locator(f"#commitment-{target.pk}-main")
    expect(facts).to_contain_text("Reopened: a second phase is under way.")
    expect(facts).to_contain_text("Underway – on track")
    assert camille.get_by_label("Progress note").input_value() == "Camille's careful draft."
    assert camille.get_by_label("Evidence link").input_value() == "https://www.canada.ca/draft"
    assert camille.get_by_label("Status").input_value() == Status.CHALLENGES
    expect(conflict).to_be_focused()
    session.screenshot("commitment-update-conflict")
    target.refresh_from_db()
    assert target.status == Status.ON_TRACK

    conflict.get_by_role("button", name="Re-apply my update").click()
    camille.get_by_text("Saved.").wait_for()

    assert "Underway – with challenges" in camille.inner_text()
    assert session.page.evaluate("window.__marker") == 1
    session.screenshot("commitment-update-reapplied")
    target.refresh_from_db()
    assert target.status == Status.CHALLENGES
    latest = StatusUpdate.objects.filter(commitment=target).first()
    assert (latest.old_status, latest.note) == (Status.ON_TRACK, "Camille's careful draft.")
    assert problems(session) == [], "\n".join(session.problems)
    assert problems(second_session) == []


def test_it_filters_without_a_reload_and_keeps_the_filter_in_the_url(demo, session: Session):
    session.login("ca-official")
    open_commitments(session)
    page = session.page

    page.locator("form.filters select[name=status]").select_option(Status.COMPLETED)
    page.wait_for_url("**status=completed**")
    page.wait_for_load_state("networkidle")

    shown = page.locator("#commitment-list li.row")
    expected = Commitment.objects.filter(pillar__plan=demo, status=Status.COMPLETED).count()
    assert shown.count() == expected
    assert page.evaluate("window.__marker") == 1
    session.screenshot("commitments-filtered")

    page.go_back()
    expect(page.locator("#commitment-list li.row")).to_have_count(11)
    assert page.locator("form.filters select[name=status]").input_value() == ""
    assert problems(session) == [], "\n".join(session.problems)


def test_it_works_with_javascript_off_through_the_full_page_form(demo, browser, live_server):
    target = commitment(demo, "2.2")
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        person = Session(context=context, page=context.new_page(), base_url=live_server.url)
        person.login("ca-official")
        page = person.page
        row = page.locator(f"#commitment-{target.pk}")

        row.get_by_role("link", name="Update").click()
        page.wait_for_url(f"**/commitments/{target.pk}/status/")
        form = page.locator("form.status-form")
        form.get_by_label("Status").select_option(Status.ON_TRACK)
        form.get_by_label("Progress note").fill("Back on track after the summit.")
        person.screenshot("commitment-update-no-js-form")
        form.get_by_role("button", name="Save update").click()
        page.wait_for_url(f"**/commitments/{target.pk}/")

        assert "is now “Underway – on track”" in page.locator(".messages").inner_text()
        assert (
            "Back on track after the summit." in page.locator("ol.timeline li").first.inner_text()
        )
        person.screenshot("commitment-update-no-js-saved")
    finally:
        context.close()
