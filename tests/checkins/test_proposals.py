"""Where the parties differ, a signatory proposes the agreed status; the other side
accepts it or answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import MeetingRecord, ProposalAnswer, SignOff, StatusProposal
from tests.checkins.conftest import file_for
from tests.conftest import client_for, next_meeting
from workplan.status import Status


@pytest.fixture
def differing(demo, joint, us_official, ca_official):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)
    file_for(meeting, joint, ca_official, Status.CHALLENGES)
    return meeting


def propose(user, meeting, commitment, **data):
    url = reverse("propose_status", args=[meeting.pk, commitment.pk])
    return client_for(user).post(url, data, follow=True)


def answer(user, proposal, **data):
    url = reverse("answer_proposal", args=[proposal.pk])
    return client_for(user).post(url, data, follow=True)


def agenda(user, meeting) -> str:
    return client_for(user).get(reverse("meeting", args=[meeting.pk])).content.decode()


def test_a_signatory_proposes_and_the_other_side_sees_it_to_answer(
    differing, joint, us_signatory, ca_signatory
):
    response = propose(
        us_signatory, differing, joint, status=Status.CHALLENGES, reason="The auction slipped."
    )

    assert "Proposed. The other side accepts it or answers." in response.content.decode()
    proposal = StatusProposal.objects.get(meeting=differing, commitment=joint)
    assert (proposal.organization.short_name, proposal.status) == ("DOC", Status.CHALLENGES)
    theirs, ours = agenda(ca_signatory, differing), agenda(us_signatory, differing)
    assert "DOC (Morgan Hayes) proposes as the agreed status:" in theirs
    assert "The auction slipped." in theirs
    assert reverse("answer_proposal", args=[proposal.pk]) in theirs
    assert reverse("answer_proposal", args=[proposal.pk]) not in ours


def test_an_accepted_proposal_is_the_agreed_status(
    differing, joint, us_signatory, ca_signatory, staff
):
    propose(us_signatory, differing, joint, status=Status.CHALLENGES, reason="Slipped.")
    proposal = StatusProposal.objects.get(meeting=differing, commitment=joint)

    response = answer(ca_signatory, proposal, decision="accept")

    assert "Accepted: it is the agreed status." in response.content.decode()
    assert ProposalAnswer.objects.get(proposal=proposal).accepted
    assert "Agreed on a proposal" in agenda(staff, differing)
    assert "Accepted by ISED: this is the agreed status." in agenda(staff, differing)


def test_an_answer_needs_words_unless_it_accepts(differing, joint, us_signatory, ca_signatory):
    propose(us_signatory, differing, joint, status=Status.CHALLENGES, reason="Slipped.")
    proposal = StatusProposal.objects.get(meeting=differing, commitment=joint)

    refused = answer(ca_signatory, proposal, decision="answer", reply="  ")
    assert "Nothing was sent: write your answer, or accept." in refused.content.decode()
    assert not ProposalAnswer.objects.filter(proposal__meeting=differing).exists()

    answer(ca_signatory, proposal, decision="answer", reply="Our part is on track.")
    assert not ProposalAnswer.objects.get(proposal=proposal).accepted
    # Answered but not accepted: either side may propose again.
    again = propose(ca_signatory, differing, joint, status=Status.ON_TRACK, reason="See above.")
    assert "Proposed." in again.content.decode()
    assert StatusProposal.objects.filter(meeting=differing, commitment=joint).count() == 2


def test_a_side_does_not_answer_its_own_proposal(differing, joint, us_signatory):
    propose(us_signatory, differing, joint, status=Status.CHALLENGES, reason="Slipped.")
    proposal = StatusProposal.objects.get(meeting=differing, commitment=joint)

    response = answer(us_signatory, proposal, decision="accept")

    assert "The other side answers your side" in response.content.decode()
    assert not ProposalAnswer.objects.filter(proposal__meeting=differing).exists()


def test_a_proposal_needs_a_reason(differing, joint, us_signatory):
    response = propose(us_signatory, differing, joint, status=Status.CHALLENGES, reason=" ")

    assert "Nothing was proposed: choose a status and give the reason" in (
        response.content.decode()
    )
    assert not StatusProposal.objects.filter(meeting=differing).exists()


@pytest.mark.parametrize("persona", ["us_official", "staff", "outsider"])
def test_only_signatories_propose(persona, personas, differing, joint):
    url = reverse("propose_status", args=[differing.pk, joint.pk])
    response = client_for(personas[persona]).post(url, {"status": Status.ON_TRACK, "reason": "x"})

    assert response.status_code == (404 if persona == "outsider" else 403)
    assert not StatusProposal.objects.filter(meeting=differing).exists()


def test_the_signed_record_keeps_the_agreement_and_locks_it(
    differing, joint, us_signatory, ca_signatory, us_official, ca_official, staff
):
    propose(us_signatory, differing, joint, status=Status.CHALLENGES, reason="Slipped.")
    answer(ca_signatory, StatusProposal.objects.get(meeting=differing), decision="accept")
    SignOff.sign(differing, us_signatory, acknowledged_missing=True)
    SignOff.sign(differing, ca_signatory, acknowledged_missing=True)

    content = MeetingRecord.objects.get(meeting=differing).content
    entry = next(
        c
        for pillar in content["pillars"]
        for c in pillar["commitments"]
        if c["reference"] == joint.reference
    )
    assert entry["agreed_status"] == Status.CHALLENGES
    assert entry["agreement"] == {"proposed_by": "DOC", "reason": "Slipped.", "accepted_by": "ISED"}
    late = propose(ca_signatory, differing, joint, status=Status.ON_TRACK, reason="Late.")
    assert "the record is locked, and so is its agreed status" in late.content.decode()
    assert StatusProposal.objects.filter(meeting=differing).count() == 1
