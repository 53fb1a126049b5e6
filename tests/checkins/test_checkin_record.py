"""Check-ins are a record: never changed, never deleted, the newest per party current."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from meetings.models import CheckIn, assessments
from tests.checkins.conftest import file_for
from tests.conftest import commitment_led_only_by, next_meeting
from workplan.models import AppendOnlyError, Commitment
from workplan.status import Status


def test_it_never_changes_or_deletes_a_checkin(canadian, ca_official, demo):
    checkin = file_for(next_meeting(demo), canadian, ca_official, Status.ON_TRACK)
    checkin.note = "rewritten"

    with pytest.raises(AppendOnlyError):
        checkin.save()
    with pytest.raises(AppendOnlyError):
        checkin.delete()


def test_the_database_refuses_to_rewrite_checkins(canadian, ca_official, demo):
    checkin = file_for(next_meeting(demo), canadian, ca_official, Status.ON_TRACK)
    mine = CheckIn.objects.filter(pk=checkin.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        mine.update(note="rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        mine.delete()
    assert mine.get().note == ""


def assessment_of(meeting, commitment):
    listed = Commitment.objects.with_people().filter(pk=commitment.pk)
    return assessments(meeting, listed)[commitment.pk]


def test_the_same_status_from_both_parties_is_the_agreed_status(
    joint, us_official, ca_official, demo
):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.CHALLENGES)
    file_for(meeting, joint, ca_official, Status.CHALLENGES)

    assessment = assessment_of(meeting, joint)

    assert assessment.agreed_status == Status.CHALLENGES
    assert not assessment.parties_differ
    assert assessment.missing == []


def test_different_statuses_mean_the_parties_differ(joint, us_official, ca_official, demo):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)
    file_for(meeting, joint, ca_official, Status.CHALLENGES)

    assessment = assessment_of(meeting, joint)

    assert assessment.parties_differ
    assert assessment.agreed_status is None
    statuses = {party.short_name: c.status for party, c in assessment.parties}
    assert statuses == {"DOC": Status.ON_TRACK, "ISED": Status.CHALLENGES}


def test_a_refiled_checkin_settles_a_difference(joint, us_official, ca_official, demo):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)
    file_for(meeting, joint, ca_official, Status.CHALLENGES)
    file_for(meeting, joint, ca_official, Status.ON_TRACK, note="Legal review cleared.")

    assert assessment_of(meeting, joint).agreed_status == Status.ON_TRACK


def test_no_status_is_agreed_until_every_lead_party_has_filed(joint, us_official, ised, demo):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)

    assessment = assessment_of(meeting, joint)

    assert assessment.agreed_status is None
    assert assessment.missing == [ised]


def test_a_commitment_one_party_leads_is_agreed_on_its_checkin(us_official, demo):
    american = commitment_led_only_by(demo, "DOC")
    meeting = next_meeting(demo)
    file_for(meeting, american, us_official, Status.COMPLETED)

    assert assessment_of(meeting, american).agreed_status == Status.COMPLETED
