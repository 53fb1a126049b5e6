"""The meetings list and a meeting's page: times in the viewer's zone, and the agenda."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from meetings.models import Meeting
from tests.conftest import client_for, next_meeting
from workplan.models import Commitment


def a_winter_meeting(plan) -> Meeting:
    """3 February 2022, 10:00 in Ottawa: 15:00 UTC."""
    return plan.meetings.get(starts_at=datetime.datetime(2022, 2, 3, 15, 0, tzinfo=datetime.UTC))


def test_it_lists_upcoming_and_past_meetings(demo, us_official, django_assert_max_num_queries):
    client = client_for(us_official)
    client.get(reverse("plans"))  # the session is saved once, before
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings", args=[demo.slug]))

    page = response.content.decode()
    upcoming, past = page.split('id="past-heading"')
    assert reverse("meeting", args=[next_meeting(demo).pk]) in upcoming
    assert upcoming.count("Add to calendar") == 1
    assert past.count("Add to calendar") == demo.meetings.count() - 1
    assert reverse("plan_calendar", args=[demo.slug]) in page


def test_it_shows_the_time_in_the_viewers_zone_with_the_zone_name(demo, us_official):
    meeting = a_winter_meeting(demo)
    client = client_for(us_official)

    toronto = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    us_official.time_zone = "Europe/Paris"
    us_official.save(update_fields=["time_zone"])
    paris = client.get(reverse("meeting", args=[meeting.pk])).content.decode()

    assert "10:00 (America/Toronto)" in toronto  # 15:00 UTC in February
    assert "16:00 (Europe/Paris)" in paris


def test_it_shows_the_agenda_with_every_commitment_and_the_stale_ones_marked(
    demo, us_official, django_assert_max_num_queries
):
    meeting = next_meeting(demo)
    stale = set(Commitment.objects.stale_for(meeting).values_list("pk", flat=True))

    client = client_for(us_official)
    client.get(reverse("meetings", args=[demo.slug]))  # the session is saved once, before
    # The agenda's queries, then the meeting's decisions and the actions still open.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("meeting", args=[meeting.pk]))

    page = response.content.decode()
    rows = re.findall(r'<tr class="agenda-row agenda-row--(\w+)" data-commitment="(\d+)">', page)
    assert len(rows) == 11 == Commitment.objects.filter(pillar__plan=demo).count()
    marked = {int(pk) for check, pk in rows if check == "stale"}
    assert marked == stale
    assert page.count("Not updated</strong>") == len(stale)
    assert f"{len(stale)} open commitments have not been updated" in page
    for pillar in demo.pillars.all():
        assert f"{pillar.position}. {pillar.title}" in page
