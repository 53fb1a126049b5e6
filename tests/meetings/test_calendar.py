"""The .ics files: they parse, carry UTC times and stable UIDs, and mark cancellations."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from tests.conftest import client_for


def events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_it_gives_one_meeting_with_utc_times_and_a_stable_uid(demo, us_official):
    meeting = demo.meetings.get(starts_at=datetime.datetime(2027, 2, 3, 15, 0, tzinfo=datetime.UTC))
    client = client_for(us_official)
    url = reverse("meeting_ics", args=[meeting.pk])

    first, second = events(client.get(url)), events(client.get(url))

    uid = f"meeting-{meeting.pk}@accord"
    assert set(first) == set(second) == {uid, f"checkin-{meeting.pk}@accord"}
    event = first[uid]
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2027, 2, 3, 15, 0, tzinfo=datetime.UTC)
    assert start.utcoffset() == datetime.timedelta(0)
    assert b"DTSTART:20270203T150000Z" in client.get(url).content
    assert event.decoded("DTEND") > start
    assert str(event["LOCATION"]) == meeting.location
    assert str(event["URL"]) == settings.SITE_URL + reverse("meeting", args=[meeting.pk])
    assert str(event["STATUS"]) == "CONFIRMED"
    deadline = first[f"checkin-{meeting.pk}@accord"].decoded("DTSTART")
    assert deadline == datetime.datetime(2027, 1, 27, 15, 0, tzinfo=datetime.UTC)


def test_it_feeds_every_meeting_of_the_plan_and_marks_cancelled_ones(demo, staff):
    cancelled = demo.meetings.order_by("-starts_at").first()
    cancelled.state = cancelled.State.CANCELLED
    cancelled.save(update_fields=["state"])

    feed = events(client_for(staff).get(reverse("plan_calendar", args=[demo.slug])))

    meetings = list(demo.meetings.all())
    assert {f"meeting-{m.pk}@accord" for m in meetings} <= set(feed)
    assert str(feed[f"meeting-{cancelled.pk}@accord"]["STATUS"]) == "CANCELLED"
    held = [m for m in meetings if m.pk != cancelled.pk]
    assert all(str(feed[f"meeting-{m.pk}@accord"]["STATUS"]) == "CONFIRMED" for m in held)
    for meeting in meetings:
        assert feed[f"meeting-{meeting.pk}@accord"].decoded("DTSTART") == meeting.starts_at
