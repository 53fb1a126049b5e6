"""An action's owner gets it in the same one reminder email as their stale commitments, when
it is due by the meeting's check-in deadline; an owner with no stale commitment still gets
one email, for the actions alone."""

from __future__ import annotations

import datetime

from django.core import mail

from meetings import delivery, reminders
from meetings.models import Action
from tests.conftest import last_meeting
from tests.decisions.conftest import give_action
from tests.meetings.conftest import bring_checkin_due, official


def sweep_and_send() -> None:
    result = reminders.sweep()
    for pk in result.due:
        delivery.deliver(pk)


def test_an_official_with_stale_commitments_gets_their_actions_in_the_same_email(
    demo, us_signatory, us_official, american
):
    meeting = bring_checkin_due(demo)
    due = give_action(
        last_meeting(demo), us_signatory, us_official, american, due_at=meeting.checkin_deadline
    )
    later = give_action(
        last_meeting(demo),
        us_signatory,
        us_official,
        american,
        due_at=meeting.checkin_deadline + datetime.timedelta(days=30),
        text="Later action",
    )
    assert reminders.stale_commitments_for(meeting, us_official).exists()

    sweep_and_send()

    mine = [m for m in mail.outbox if m.to == [us_official.email]]
    assert len(mine) == 1
    body = mine[0].body
    assert "Your actions from earlier meetings" in body
    assert due.text in body and "Later action" not in body
    assert "/commitments/" in body  # the stale commitments, in the same email
    assert due.text in mine[0].alternatives[0][0]
    assert later.completed_at is None


def test_an_owner_with_only_an_action_gets_one_email_for_it(demo, us_signatory, american):
    meeting = bring_checkin_due(demo)
    owner = official("ised-action-owner")  # owns no commitment
    action = give_action(
        last_meeting(demo), us_signatory, owner, american, due_at=meeting.checkin_deadline
    )

    sweep_and_send()

    [message] = [m for m in mail.outbox if m.to == [owner.email]]
    assert message.subject.startswith("Accord: 1 action due by")
    assert action.text in message.body and "Not updated since" not in message.body


def test_a_done_action_is_not_chased(demo, us_signatory, american):
    meeting = bring_checkin_due(demo)
    owner = official("ised-done-owner")
    action = give_action(
        last_meeting(demo), us_signatory, owner, american, due_at=meeting.checkin_deadline
    )
    action.complete(owner)

    sweep_and_send()

    assert not [m for m in mail.outbox if m.to == [owner.email]]
    assert not Action.objects.owed_for(meeting).filter(owner=owner).exists()
