"""Admins schedule meetings in the Django admin: the list shows deadlines, and "Propose
next meeting" adds the next one once, however often it is clicked."""

from __future__ import annotations

import datetime

from django.urls import reverse

from meetings.models import Meeting
from tests.conftest import client_for


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
    assert "27 January 2027" in page  # 7 days before 3 February 2027


def test_it_proposes_the_next_meeting_once(demo, admin_user):
    upcoming = demo.meetings.get(starts_at__year=2027)
    upcoming.starts_at = upcoming.starts_at.replace(year=2026, month=11, day=20)
    upcoming.state = Meeting.State.HELD
    upcoming.save(update_fields=["starts_at", "state"])
    client = client_for(admin_user)
    before = demo.meetings.count()

    first = propose(client, upcoming)
    second = propose(client, upcoming)

    assert demo.meetings.count() == before + 1
    proposed = demo.meetings.latest()
    assert proposed.starts_at == datetime.datetime(2027, 2, 20, 15, 0, tzinfo=datetime.UTC)
    assert proposed.state == Meeting.State.PLANNED
    assert "Proposed a meeting" in first.content.decode()
    assert "already has its next meeting" in second.content.decode()
