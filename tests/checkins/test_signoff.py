"""Each side's signatory signs its side of the quarter; the second signature locks it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import CheckIn, MeetingRecord, SigningRefused, SignOff
from tests.checkins.conftest import HTMX, checkin_url, file_all, file_for, form_data
from tests.conftest import client_for, next_meeting
from workplan.models import Commitment, StatusUpdate
from workplan.status import CLOSED_STATUSES, Status


def sign(user, meeting, **data):
    return client_for(user).post(reverse("sign_meeting", args=[meeting.pk]), data, follow=True)


def test_it_shows_who_still_has_to_file_and_sign(staff, us_official, demo):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])

    body = client_for(staff).get(reverse("meeting_record", args=[meeting.pk])).content.decode()

    assert "Not signed yet" in body
    assert "<strong>DOC</strong>:\n      not signed" in body
    assert "All check-ins filed." in body
    assert "check-ins still to file:" in body  # ISED's
    assert "sign_meeting" not in body and "/sign/" not in body  # staff cannot sign


def test_a_signatory_signs_their_side(us_signatory, us_official, doc, demo):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])

    response = sign(us_signatory, meeting)

    assert "Your side is signed. The record locks when the other side signs." in (
        response.content.decode()
    )
    signoff = SignOff.objects.get(meeting=meeting)
    assert (signoff.organization, signoff.signed_by, signoff.missing) == (doc, us_signatory, [])
    assert not MeetingRecord.objects.filter(meeting=meeting).exists()


def test_missing_checkins_must_be_acknowledged(ca_signatory, ised, demo):
    meeting = next_meeting(demo)
    led = Commitment.objects.filter(pillar__plan=demo, leads__organization=ised)
    closed = [c.reference for c in led if c.status in CLOSED_STATUSES]
    unfiled = [
        c.reference
        for c in led
        if c.status not in CLOSED_STATUSES
        and not CheckIn.objects.filter(meeting=meeting, commitment=c, organization=ised).exists()
    ]

    refused = sign(ca_signatory, meeting)
    assert "tick the box to acknowledge the missing ones" in refused.content.decode()
    assert not SignOff.objects.filter(meeting=meeting).exists()

    sign(ca_signatory, meeting, acknowledge="on")
    signoff = SignOff.objects.get(meeting=meeting)
    # Every open commitment ISED leads and has not checked in on: listed and acknowledged;
    # closed ones need no check-in.
    listed = [item["reference"] for item in signoff.missing]
    assert listed == unfiled != []
    assert closed and not set(closed) & set(listed)


def test_the_second_signature_locks_the_quarter_and_freezes_the_record(
    us_signatory, ca_signatory, us_official, ca_official, demo
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    sign(us_signatory, meeting)

    response = sign(ca_signatory, meeting)

    assert "Both sides have signed: the record is locked as shown." in response.content.decode()
    record = MeetingRecord.objects.get(meeting=meeting)
    assert record.version == 1
    assert [s["by"] for s in record.content["signatures"]] == ["Morgan Hayes", "Julie Gagnon"]
    assert "As signed on" in response.content.decode()


def test_a_side_signs_once(us_signatory, us_official, demo):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])
    sign(us_signatory, meeting)

    response = sign(us_signatory, meeting)

    assert "Your side has already signed this quarter." in response.content.decode()
    assert SignOff.objects.filter(meeting=meeting).count() == 1


@pytest.mark.parametrize("persona", ["us_official", "staff", "outsider"])
def test_only_signatories_may_sign(persona, personas, demo):
    meeting = next_meeting(demo)
    response = client_for(personas[persona]).post(reverse("sign_meeting", args=[meeting.pk]))

    assert response.status_code == (404 if persona == "outsider" else 403)
    assert not SignOff.objects.filter(meeting=meeting).exists()


def test_a_locked_quarter_refuses_a_checkin_without_a_reason(
    canadian, us_signatory, ca_signatory, us_official, ca_official, demo
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    sign(us_signatory, meeting)
    sign(ca_signatory, meeting)
    checkins, history = CheckIn.objects.count(), StatusUpdate.objects.count()
    client = client_for(ca_official)

    shown = client.get(checkin_url(canadian), headers=HTMX).content.decode()
    refused = client.post(checkin_url(canadian), form_data(canadian), headers=HTMX)

    assert "This quarter's record is signed by both sides and locked." in shown
    assert refused.status_code == 422
    assert "Reason for the correction: say why the signed record must change." in (
        refused.content.decode()
    )
    assert (CheckIn.objects.count(), StatusUpdate.objects.count()) == (checkins, history)
    with pytest.raises(SigningRefused):
        file_for(meeting, canadian, ca_official, Status.CHALLENGES)
    assert CheckIn.objects.count() == checkins


def test_a_correction_is_a_new_dated_version_with_its_reason(
    canadian, us_signatory, ca_signatory, us_official, ca_official, demo
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    sign(us_signatory, meeting)
    sign(ca_signatory, meeting)
    signed = MeetingRecord.objects.get(meeting=meeting)

    response = client_for(ca_official).post(
        checkin_url(canadian),
        form_data(canadian, status=Status.CHALLENGES, note="Late.", correction_reason="Typo."),
        headers=HTMX,
    )

    assert response.status_code == 200
    correction = CheckIn.objects.filter(commitment=canadian, meeting=meeting).current().get()
    assert correction.correction_reason == "Typo."
    versions = list(MeetingRecord.objects.filter(meeting=meeting).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].content == signed.content  # the signed version never changes
    assert versions[1].reason == "Typo."
    page = client_for(us_official).get(reverse("meeting_record", args=[meeting.pk])).content
    assert "Version 2: corrected on" in page.decode()
    assert "<ins>" in page.decode() and "<del>" in page.decode()


@pytest.mark.django_db(transaction=True)
def test_two_signatories_signing_at_once_give_one_locked_record(
    us_signatory, ca_signatory, us_official, ca_official, demo
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    start = threading.Barrier(2)
    errors = []

    def sign_side(user):
        try:
            start.wait()
            SignOff.sign(meeting, user)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_side, args=(u,)) for u in (us_signatory, ca_signatory)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert SignOff.objects.filter(meeting=meeting).count() == 2
    assert MeetingRecord.objects.filter(meeting=meeting).count() == 1
