"""/meetings/<id>/record/ shows what both governments signed, whatever happens after."""

from __future__ import annotations

from django.urls import reverse

from meetings.models import MeetingRecord, SignOff
from tests.checkins.conftest import file_all, file_for
from tests.conftest import client_for, next_meeting
from workplan.models import Commitment, Organization, Pillar
from workplan.status import Status


def record_article(user, meeting) -> str:
    body = client_for(user).get(reverse("meeting_record", args=[meeting.pk])).content.decode()
    return body[body.index('<article class="record"') : body.index("</article>")]


def signed_meeting(demo, us_official, ca_official, us_signatory, ca_signatory, joint):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    file_for(meeting, joint, ca_official, Status.CHALLENGES, note="Legal review pending.")
    SignOff.sign(meeting, us_signatory)
    SignOff.sign(meeting, ca_signatory)
    return meeting


def test_it_shows_both_sides_statuses_and_who_signed(
    staff, demo, us_official, ca_official, us_signatory, ca_signatory, joint
):
    meeting = signed_meeting(demo, us_official, ca_official, us_signatory, ca_signatory, joint)

    article = record_article(staff, meeting)

    assert "As signed on" in article
    assert "Morgan Hayes (DOC)" in article and "Julie Gagnon (ISED)" in article
    assert "Legal review pending." in article
    assert "Parties differ: 1" in article
    assert article.count("agenda-row--differ") == 1
    assert f"{joint.reference} {joint.short_title}" in article


def test_it_is_byte_identical_after_the_plan_is_edited(
    staff, demo, us_official, ca_official, us_signatory, ca_signatory, joint
):
    meeting = signed_meeting(demo, us_official, ca_official, us_signatory, ca_signatory, joint)
    before_page = record_article(staff, meeting)
    before_content = MeetingRecord.objects.get(meeting=meeting).content

    Commitment.objects.filter(pk=joint.pk).update(short_title="Renamed", text="Rewritten.")
    Pillar.objects.filter(plan=demo).update(title="Renamed pillar")
    Organization.objects.filter(short_name="ISED").update(name="Renamed department")
    joint.refresh_from_db()
    joint.record_status(author=us_official, status=Status.COMPLETED, expected_version=joint.version)

    assert record_article(staff, meeting) == before_page
    assert MeetingRecord.objects.get(meeting=meeting).content == before_content


def test_every_past_demo_meeting_shows_what_both_governments_signed(staff, demo):
    client = client_for(staff)
    past = list(demo.meetings.past().order_by("starts_at"))[1:]  # the first opens the plan

    for meeting in past:
        body = client.get(reverse("meeting_record", args=[meeting.pk])).content.decode()
        assert "As signed on" in body, meeting
        assert "Morgan Hayes (DOC)" in body and "Julie Gagnon (ISED)" in body


def test_the_current_quarter_says_who_still_has_to_file_and_sign(staff, demo):
    meeting = next_meeting(demo)

    body = client_for(staff).get(reverse("meeting_record", args=[meeting.pk])).content.decode()

    assert "Not signed yet" in body
    assert "check-ins still to file:" in body


def test_another_plans_record_is_hidden(outsider, demo):
    meeting = next_meeting(demo)

    response = client_for(outsider).get(reverse("meeting_record", args=[meeting.pk]))

    assert response.status_code == 404
