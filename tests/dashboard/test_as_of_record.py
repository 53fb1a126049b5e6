"""As of a past quarter that both sides signed, the dashboard and the briefing show its
signed record — who signed, when, and the statuses as frozen — not the live check-ins."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from dashboard.filters import local_date
from meetings.models import MeetingRecord
from tests.checkins.conftest import file_for
from tests.conftest import client_for, last_meeting
from tests.dashboard.joint_helpers import (
    BRIEFING,
    DASHBOARD,
    every_commitment,
    joint_section,
    page,
    row_of,
)
from workplan.models import Commitment
from workplan.status import Status, style_for


def as_of(meeting) -> str:
    return f"?as_of={local_date(meeting.starts_at).isoformat()}"


def test_it_shows_the_signed_record_of_the_meeting_picked(demo, staff):
    meeting = last_meeting(demo)
    record = MeetingRecord.objects.get(meeting=meeting, version=1)

    section = joint_section(page(client_for(staff), DASHBOARD + as_of(meeting)))

    signed_at = datetime.datetime.fromisoformat(record.content["signatures"][-1]["at"])
    signed_on = date_format(timezone.localtime(signed_at), "j F Y")
    assert f"As signed on {signed_on} by" in section
    assert "Morgan Hayes (DOC) and Julie Gagnon (ISED)" in section
    assert f'href="{reverse("meeting_record", args=[meeting.pk])}?version=1"' in section
    agreed = sum(
        1
        for pillar in record.content["pillars"]
        for commitment in pillar["commitments"]
        if commitment["agreed_status"]
    )
    assert f"<dt>Agreed</dt><dd>{agreed}</dd>" in section


def test_it_prints_the_records_statuses_in_the_briefing(demo, staff):
    meeting = last_meeting(demo)
    content = MeetingRecord.objects.get(meeting=meeting, version=1).content

    body = page(client_for(staff), BRIEFING + as_of(meeting))

    assert "As signed on" in joint_section(body)
    sheet = every_commitment(body)
    for pillar in content["pillars"]:
        for commitment in pillar["commitments"]:
            row = row_of(sheet, commitment["reference"])
            assert escape(commitment["title"]) in row
            for party in commitment["parties"]:
                if party["status"]:
                    assert str(style_for(party["status"]).label) in row
            if commitment["agreed_status"]:
                assert str(style_for(commitment["agreed_status"]).label) in row.split("<td>")[-1]


def test_it_keeps_to_the_record_whatever_happened_since(demo, staff, joint, us_official):
    meeting = last_meeting(demo)
    signed_title = f"{joint.reference} {joint.short_title}"
    # After the quarter: the commitment renamed, and a correction filed (version 2).
    Commitment.objects.filter(pk=joint.pk).update(short_title="Renamed since")
    file_for(
        meeting,
        joint,
        us_official,
        Status.NOT_PURSUED,
        note="A late correction.",
        correction_reason="Late news.",
        at=timezone.now(),
    )
    assert MeetingRecord.objects.filter(meeting=meeting).count() == 2

    body = page(client_for(staff), BRIEFING + as_of(meeting))

    assert "A late correction." not in body.split("joint-heading")[1]
    assert "Renamed since" not in every_commitment(body)
    assert escape(signed_title) in every_commitment(body)
    assert "?version=1" in joint_section(body)


def test_it_reads_the_record_not_the_live_checkins(demo, staff, django_assert_max_num_queries):
    meeting = last_meeting(demo)
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        section = joint_section(page(client, DASHBOARD + as_of(meeting)))

    assert "The parties' statuses below are the signed record's" in section
