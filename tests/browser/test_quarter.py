"""The joint quarter in the browser: both parties check in, they differ, the meeting takes
that first, both signatories sign and the record shows what they signed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meetings.models import CheckIn, MeetingRecord
from tests.browser.conftest import Session
from tests.browser.test_commitment_updates import commitment, open_commitments, problems
from tests.conftest import next_meeting
from workplan.status import Status

pytestmark = pytest.mark.browser


def check_in(session: Session, target, status: str, confidence: str, next_steps: str) -> None:
    open_commitments(session)
    row = session.page.locator(f"#commitment-{target.pk}")
    row.get_by_role("link", name="Check in").click()
    form = row.locator("form.checkin-form")
    form.wait_for()
    expect(form.get_by_label("Status")).to_be_focused()
    assert "Last quarter you planned:" in form.inner_text()
    form.get_by_label("Status").select_option(status)
    form.get_by_label(confidence, exact=False).first.check()
    form.get_by_label("Progress note").fill("The working group met twice.")
    form.get_by_label("Next steps before the next meeting").fill(next_steps)
    form.get_by_role("button", name="File check-in").click()
    row.get_by_text("Check-in filed for the meeting of").wait_for()
    assert session.page.evaluate("window.__marker") == 1


def test_both_parties_check_in_differ_and_sign_the_record(
    demo, session: Session, second_session: Session
):
    target = commitment(demo, "1.3")  # led by both DOC and ISED
    meeting = next_meeting(demo)

    session.login("ca-official")
    check_in(session, target, Status.ON_TRACK, "High —", "Publish the joint guidance.")
    session.screenshot("quarter-checkin-filed-ca")
    second_session.login("us-official")
    check_in(second_session, target, Status.CHALLENGES, "Low —", "Ask ministers for a new date.")

    filed = CheckIn.objects.filter(meeting=meeting, commitment=target).current()
    assert sorted(c.organization.short_name for c in filed) == ["DOC", "ISED"]

    session.context.clear_cookies()
    session.login("staff")
    session.page.goto(f"{session.base_url}/meetings/{meeting.pk}/")
    differ = session.page.locator(".agenda-differ")
    expect(differ).to_contain_text("Parties differ on 1 commitment")
    expect(differ).to_contain_text("Underway – on track")
    expect(differ).to_contain_text("Underway – with challenges")
    session.screenshot("quarter-agenda-parties-differ")

    # The signatories settle it: the U.S. proposes, Canada accepts, on the agenda.
    second_session.context.clear_cookies()
    second_session.login("us-signatory")
    second_session.page.goto(f"{second_session.base_url}/meetings/{meeting.pk}/")
    row = second_session.page.locator(f"#differ-{target.pk}")
    row.get_by_label("Propose the agreed status").select_option(Status.CHALLENGES)
    row.get_by_label("Reason").fill("The auction date moved; both sides see the delay.")
    row.get_by_role("button", name="Propose").click()
    second_session.page.wait_for_load_state("networkidle")
    second_session.context.clear_cookies()
    second_session.login("ca-signatory")
    second_session.page.goto(f"{second_session.base_url}/meetings/{meeting.pk}/")
    row = second_session.page.locator(f"#differ-{target.pk}")
    expect(row).to_contain_text("DOC (Morgan Hayes) proposes as the agreed status:")
    second_session.screenshot("quarter-proposal-to-answer")
    row.get_by_role("button", name="Accept this status").click()
    second_session.page.wait_for_load_state("networkidle")
    expect(second_session.page.locator(f"#differ-{target.pk}")).to_contain_text(
        "Accepted by ISED: this is the agreed status."
    )

    for username in ("us-signatory", "ca-signatory"):
        second_session.context.clear_cookies()
        second_session.login(username)
        second_session.page.goto(f"{second_session.base_url}/meetings/{meeting.pk}/record/")
        acknowledge = second_session.page.locator("#acknowledge")
        if acknowledge.count():
            acknowledge.check()
        second_session.page.get_by_role("button", name="Sign").click()
        second_session.page.wait_for_load_state("networkidle")
    second_session.screenshot("quarter-record-signed")

    record = MeetingRecord.objects.get(meeting=meeting)
    assert [s["party"] for s in record.content["signatures"]] == ["DOC", "ISED"]
    session.page.goto(f"{session.base_url}/meetings/{meeting.pk}/record/")
    article = session.page.locator("article.record")
    expect(article).to_contain_text("As signed on")
    expect(article).to_contain_text("Morgan Hayes (DOC)")
    expect(article).to_contain_text("Publish the joint guidance.")
    expect(article).to_contain_text("Proposed by DOC, accepted by ISED:")
    session.screenshot("quarter-record-as-staff")
    assert problems(session) == [], "\n".join(session.problems)
    assert problems(second_session) == [], "\n".join(second_session.problems)
