"""After the meeting, a signatory enters a decision that becomes an action; the action is on
the next meeting's agenda, where its owner marks it done. On a phone too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meetings.models import Action
from tests.browser.conftest import Session
from tests.browser.test_commitment_updates import commitment, problems
from tests.conftest import last_meeting, next_meeting

pytestmark = pytest.mark.browser


def test_a_decision_becomes_an_action_on_the_next_agenda(
    demo, session: Session, second_session: Session
):
    held, upcoming = last_meeting(demo), next_meeting(demo)
    target = commitment(demo, "1.2")  # led by DOC

    session.login("us-signatory")
    session.page.goto(f"{session.base_url}/meetings/{held.pk}/#decisions")
    form = session.page.locator("form.decision-form")
    form.get_by_label("Decision", exact=True).fill(
        "Ministers asked for a joint note on software bills of materials."
    )
    form.get_by_label("An action item").check()
    form.get_by_label("Action", exact=True).fill("Circulate the draft joint note")
    form.get_by_label("About").select_option(f"commitment-{target.pk}")
    form.get_by_label("Owning organisation").select_option(
        label="DOC — U.S. Department of Commerce"
    )
    form.get_by_label("Owner").select_option(label="Jordan Ellis (DOC)")
    session.screenshot("decision-form-filled")
    form.get_by_role("button", name="Record the decision").click()
    session.page.wait_for_load_state("networkidle")
    expect(session.page.get_by_text("Decision recorded, with its action.")).to_be_visible()
    action = Action.objects.get(text="Circulate the draft joint note")
    assert action.due_at == upcoming.checkin_deadline
    session.screenshot("decision-recorded")

    second_session.login("us-official")
    second_session.page.goto(f"{second_session.base_url}/meetings/{upcoming.pk}/")
    item = second_session.page.locator(f"#action-{action.pk}")
    expect(item).to_contain_text("Circulate the draft joint note")
    expect(item).to_contain_text("DOC · Jordan Ellis")
    second_session.screenshot("decision-action-on-next-agenda")
    item.get_by_role("button", name="Mark done").click()
    second_session.page.wait_for_load_state("networkidle")
    expect(second_session.page.get_by_text("Action marked done:")).to_be_visible()
    action.refresh_from_db()
    assert action.completed_at is not None
    assert not second_session.page.locator(f"#action-{action.pk}").count()

    # A phone: the agenda's actions and the decisions read without sideways scrolling.
    session.page.set_viewport_size({"width": 390, "height": 844})
    session.page.goto(f"{session.base_url}/meetings/{held.pk}/")
    width = session.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    session.screenshot("decision-meeting-phone")
    assert problems(session) == [], "\n".join(session.problems)
    assert problems(second_session) == [], "\n".join(second_session.problems)
