"""Decision helpers shared by the decision and action tests."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from meetings.models import Action, Decision, Meeting
from tests.conftest import commitment_led_only_by, last_meeting
from workplan.models import Commitment, User


@pytest.fixture
def held(demo) -> Meeting:
    """The latest meeting that has begun: the one whose decisions are entered now."""
    return last_meeting(demo)


@pytest.fixture
def us_signatory(demo) -> User:
    return User.objects.get(username="us-signatory")


@pytest.fixture
def american(demo) -> Commitment:
    return commitment_led_only_by(demo, "DOC")


def decide_url(meeting: Meeting) -> str:
    return reverse("record_decision", args=[meeting.pk])


def action_form(commitment: Commitment, owner: User, **fields) -> dict:
    return {
        "text": "Ministers asked for a joint note on the pilot's results.",
        "becomes": "action",
        "action_text": "Draft the joint note",
        "action_about": f"commitment-{commitment.pk}",
        "action_organization": owner.organization_id,
        "action_owner": owner.pk,
        "action_due": "",
        **fields,
    }


def give_action(
    meeting: Meeting,
    author: User,
    owner: User,
    commitment: Commitment,
    *,
    due_at: datetime.datetime,
    text: str = "Send the options paper",
) -> Action:
    decision = Decision.record(
        meeting=meeting,
        author=author,
        text="Ministers asked for options.",
        action={
            "text": text,
            "organization": owner.organization,
            "owner": owner,
            "due_at": due_at,
            "commitment": commitment,
        },
    )
    return decision.actions.get()
