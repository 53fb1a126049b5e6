"""Calendars name the plan in their reader's language: the .ics a French reader downloads,
and the personal feed a calendar app fetches for a French-speaking user."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from meetings.feeds import feed_token
from tests.conftest import client_for, next_meeting
from tests.language.conftest import PLAN_FR, french_reader, give_french


def calendar(response) -> Calendar:
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def summaries(cal: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in cal.walk("VEVENT")]


def test_it_names_the_plan_in_french_in_a_french_readers_meeting_file(demo, ca_official):
    give_french(demo)
    meeting = next_meeting(demo)

    cal = calendar(french_reader(ca_official).get(reverse("meeting_ics", args=[meeting.pk])))

    assert str(cal["X-WR-CALNAME"]) == PLAN_FR
    assert all(summary.startswith(f"{PLAN_FR} — ") for summary in summaries(cal))


def test_it_feeds_a_french_speaking_users_calendar_app_in_french(demo, ca_official):
    give_french(demo)
    feed = reverse("plan_calendar", args=[demo.slug])

    # A calendar app: no session, no language cookie; the link names the user.
    cal = calendar(Client().get(f"{feed}?token={feed_token(ca_official, demo)}"))

    assert ca_official.language == "fr"
    assert str(cal["X-WR-CALNAME"]) == PLAN_FR
    assert all(summary.startswith(f"{PLAN_FR} — ") for summary in summaries(cal))


def test_it_names_the_plan_in_english_for_an_english_reader(demo, us_official, staff):
    give_french(demo)
    feed = reverse("plan_calendar", args=[demo.slug])

    by_link = calendar(Client().get(f"{feed}?token={feed_token(us_official, demo)}"))
    logged_in = calendar(client_for(staff).get(feed))

    for cal in (by_link, logged_in):
        assert str(cal["X-WR-CALNAME"]) == demo.title
        assert all(summary.startswith(f"{demo.title} — ") for summary in summaries(cal))
