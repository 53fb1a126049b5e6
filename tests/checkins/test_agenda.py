"""The meeting's agenda shows each party's check-in and takes first where they differ."""

from __future__ import annotations

from django.urls import reverse

from tests.checkins.conftest import file_for
from tests.conftest import client_for, next_meeting
from workplan.models import Commitment
from workplan.status import Status


def agenda_page(user, meeting) -> str:
    return client_for(user).get(reverse("meeting", args=[meeting.pk])).content.decode()


def test_it_lists_the_commitments_the_parties_differ_on_first(
    joint, us_official, ca_official, staff, demo
):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)
    file_for(meeting, joint, ca_official, Status.CHALLENGES)

    body = agenda_page(staff, meeting)

    assert "Parties differ on 1 commitment: taken first" in body
    differ = body.index('id="differ-heading"')
    first_pillar = body.index("<h3>1. ")
    assert differ < first_pillar
    row = body[differ:first_pillar]
    assert f'data-commitment="{joint.pk}"' in row
    assert "Underway – on track" in row and "Underway – with challenges" in row


def test_it_shows_who_has_not_filed(joint, us_official, staff, demo):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)

    body = agenda_page(staff, meeting)

    row = body[body.index('<tr class="agenda-row agenda-row--') :]
    assert "not filed" in body
    assert "Parties differ on" not in body
    assert "confidence Medium" in row


def test_an_agreed_status_is_marked_agreed(joint, us_official, ca_official, staff, demo):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.ON_TRACK)
    file_for(meeting, joint, ca_official, Status.ON_TRACK)

    body = agenda_page(staff, meeting)
    row = body[body.index(f'data-commitment="{joint.pk}"') :].split("</tr>")[0]

    assert "Agreed" in row
    assert "Parties differ" not in row


def test_the_agenda_asks_the_same_queries_however_many_checkins(
    joint, us_official, ca_official, staff, demo, django_assert_max_num_queries
):
    meeting = next_meeting(demo)
    for commitment in Commitment.objects.filter(pillar__plan=demo):
        for official in (us_official, ca_official):
            if commitment.is_reported_on_by(official):
                file_for(meeting, commitment, official, Status.ON_TRACK)
    client = client_for(staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("meeting", args=[meeting.pk]))

    assert response.status_code == 200
