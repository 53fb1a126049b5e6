"""Admins schedule meetings in the Django admin: the list shows deadlines, and "Propose
next meeting" adds the next one once, however often it is clicked."""

from __future__ import annotations

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meetings.admin import propose_next
from meetings.models import Meeting
from tests.conftest import client_for, next_meeting
from workplan.dates import add_months

OTTAWA = zoneinfo.ZoneInfo("America/Toronto")


def propose(client, meeting: Meeting):
    return client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "propose_next_meeting", "_selected_action": [meeting.pk]},
        follow=True,
    )


def test_it_lists_meetings_with_their_check_in_deadline(demo, admin_user):
    response = client_for(admin_user).get(
        reverse("admin:meetings_meeting_changelist") + "?state__exact=planned"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "check-in deadline" in page.lower()
    deadline = next_meeting(demo).checkin_deadline  # 7 days before, at the same local time
    assert date_format(timezone.localtime(deadline), "DATETIME_FORMAT") in page


def test_it_proposes_the_next_meeting_once(demo, admin_user):
    # Held ten days ago at 10:00 in Ottawa; no meeting planned after it yet.
    held_at = (timezone.localtime() - datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    demo.meetings.filter(starts_at__gte=held_at - datetime.timedelta(days=1)).delete()
    held = Meeting.objects.create(plan=demo, starts_at=held_at, state=Meeting.State.HELD)
    client = client_for(admin_user)
    before = demo.meetings.count()

    first = propose(client, held)
    second = propose(client, held)

    assert demo.meetings.count() == before + 1
    proposed = demo.meetings.latest()
    assert timezone.localtime(proposed.starts_at) == add_months(held_at, demo.cadence_months)
    assert proposed.state == Meeting.State.PLANNED
    assert "Proposed a meeting" in first.content.decode()
    assert "already has its next meeting" in second.content.decode()


def test_it_proposes_the_same_local_time_across_a_daylight_saving_change(demo):
    # The latest meeting held: 20 August 2025, 10:00 in Ottawa, in daylight time.
    demo.meetings.filter(starts_at__year__gte=2025).delete()
    Meeting.objects.create(
        plan=demo,
        starts_at=datetime.datetime(2025, 8, 20, 10, 0, tzinfo=OTTAWA),
        state=Meeting.State.HELD,
    )

    proposed, created = propose_next(demo)

    assert created
    # Three months on, 10:00 in Ottawa again, now in standard time: 15:00 UTC, not 14:00.
    assert proposed.starts_at == datetime.datetime(2025, 11, 20, 15, 0, tzinfo=datetime.UTC)
