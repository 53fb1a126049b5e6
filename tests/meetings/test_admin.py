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


def test_it_proposes_the_next_meeting_once(other_plan, admin_user):
    # A plan whose last meeting was held ten days ago at 10:00 in Ottawa, with none planned
    # after it yet. (The demo plan's meetings carry check-ins: they are never deleted.)
    held_at = (timezone.localtime() - datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    held = Meeting.objects.create(plan=other_plan, starts_at=held_at, state=Meeting.State.HELD)
    client = client_for(admin_user)
    before = other_plan.meetings.count()

    first = propose(client, held)
    second = propose(client, held)

    assert other_plan.meetings.count() == before + 1
    proposed = other_plan.meetings.latest()
    assert timezone.localtime(proposed.starts_at) == add_months(held_at, other_plan.cadence_months)
    assert proposed.state == Meeting.State.PLANNED
    assert "Proposed a meeting" in first.content.decode()
    assert "already has its next meeting" in second.content.decode()


def test_it_proposes_the_same_local_time_across_a_daylight_saving_change(other_plan):
    # The latest meeting held: 20 August 2025, 10:00 in Ottawa, in daylight time.
    Meeting.objects.create(
        plan=other_plan,
        starts_at=datetime.datetime(2025, 8, 20, 10, 0, tzinfo=OTTAWA),
        state=Meeting.State.HELD,
    )

    proposed, created = propose_next(other_plan)

    assert created
    # Three months on, 10:00 in Ottawa again, now in standard time: 15:00 UTC, not 14:00.
    assert proposed.starts_at == datetime.datetime(2025, 11, 20, 15, 0, tzinfo=datetime.UTC)
