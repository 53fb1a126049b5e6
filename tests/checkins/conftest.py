"""Check-in helpers shared by the check-in tests."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from meetings.models import CheckIn, Confidence, Meeting
from tests.conftest import commitment_led_only_by
from workplan.models import Commitment, User
from workplan.status import Status

HTMX = {"HX-Request": "true"}


@pytest.fixture
def joint(demo) -> Commitment:
    """A commitment both parties lead: each files its own check-in on it."""
    for commitment in Commitment.objects.filter(pillar__plan=demo).prefetch_related("leads"):
        if len(commitment.leads.all()) == 2:
            return commitment
    raise LookupError("no jointly led commitment")


@pytest.fixture
def canadian(demo) -> Commitment:
    return commitment_led_only_by(demo, "ISED")


def checkin_url(commitment: Commitment) -> str:
    return reverse("commitment_checkin", args=[commitment.pk])


def form_data(commitment: Commitment, **fields) -> dict:
    commitment.refresh_from_db()
    return {
        "status": Status.ON_TRACK,
        "confidence": Confidence.HIGH,
        "note": "Working group met twice.",
        "evidence_links": "",
        "next_steps": "Circulate the draft guidance to both sides.",
        "target_date": "",
        "version": commitment.version,
        **fields,
    }


def file_for(
    meeting: Meeting, commitment: Commitment, author: User, status: str, **fields
) -> CheckIn:
    """A check-in filed the way the view files it, a day before `meeting`'s deadline."""
    commitment.refresh_from_db()
    defaults = {
        "confidence": Confidence.MEDIUM,
        "next_steps": f"{author.organization} next steps for {meeting}",
        "at": meeting.checkin_deadline - datetime.timedelta(days=1),
    }
    return CheckIn.file(
        meeting=meeting,
        commitment=commitment,
        author=author,
        status=status,
        expected_version=commitment.version,
        **{**defaults, **fields},
    )


@pytest.fixture
def us_signatory(demo) -> User:
    return User.objects.get(username="us-signatory")


@pytest.fixture
def ca_signatory(demo) -> User:
    return User.objects.get(username="ca-signatory")


def file_all(meeting: Meeting, officials: list[User], status: str = Status.ON_TRACK) -> None:
    """Every check-in each official's party owes for `meeting`."""
    for commitment in Commitment.objects.filter(pillar__plan=meeting.plan_id):
        for official in officials:
            if commitment.is_reported_on_by(official):
                file_for(meeting, commitment, official, status)
