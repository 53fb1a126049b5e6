"""What the joint quarter reads raises the plan's revision in the writer's own statement:
a check-in, a signature, a proposal and its answer show at once on the cached dashboard."""

from __future__ import annotations

import uuid

import pytest

from dashboard.models import PlanRevision
from meetings.models import SignOff, StatusProposal
from tests.checkins.conftest import file_all
from tests.conftest import client_for, next_meeting
from tests.dashboard.joint_helpers import DASHBOARD, differ_on, joint_section, page, row_of
from workplan.status import Status


@pytest.fixture(autouse=True)
def cache_on(settings, demo):
    settings.DASHBOARD_CACHE_SECONDS = 600
    # An epoch of its own: the cache outlives the test database (test_dashboard_cache.py).
    PlanRevision.objects.filter(plan=demo).update(epoch=uuid.uuid4())


def test_it_shows_a_filed_checkin_at_once(demo, staff, joint, us_official, ca_official):
    client = client_for(staff)
    assert "legal review pending" not in page(client, DASHBOARD)

    differ_on(next_meeting(demo), joint, us_official, ca_official)

    assert "Canada: legal review pending." in joint_section(page(client, DASHBOARD))


def test_it_shows_a_signature_at_once(demo, staff, us_official, us_signatory):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])
    client = client_for(staff)
    assert "signed by Morgan Hayes" not in page(client, DASHBOARD)
    before = PlanRevision.objects.current(demo)

    SignOff.sign(meeting, us_signatory)

    assert PlanRevision.objects.current(demo)[1] > before[1]
    assert "signed by Morgan Hayes" in joint_section(page(client, DASHBOARD))


def test_it_shows_the_record_locked_by_the_second_signature_at_once(
    demo, staff, us_official, ca_official, us_signatory, ca_signatory
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    SignOff.sign(meeting, us_signatory)
    client = client_for(staff)
    assert "As signed on" not in joint_section(page(client, DASHBOARD))

    SignOff.sign(meeting, ca_signatory)

    assert "As signed on" in joint_section(page(client, DASHBOARD))


def test_it_shows_a_proposal_accepted_at_once(
    demo, staff, joint, us_official, ca_official, us_signatory, ca_signatory
):
    meeting = next_meeting(demo)
    differ_on(meeting, joint, us_official, ca_official)
    client = client_for(staff)
    assert "flag-differ" in row_of(joint_section(page(client, DASHBOARD)), joint.reference)
    before = PlanRevision.objects.current(demo)

    proposal = StatusProposal.propose(meeting, joint, us_signatory, Status.CHALLENGES, "Agreed.")
    proposed = PlanRevision.objects.current(demo)
    proposal.answer_with(ca_signatory, accepted=True)

    assert before[1] < proposed[1] < PlanRevision.objects.current(demo)[1]
    row = row_of(joint_section(page(client, DASHBOARD)), joint.reference)
    assert "Proposed by DOC, accepted by ISED:" in row
