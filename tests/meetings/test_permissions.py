"""Meeting pages and calendars: members of the plan see them, others get a 404, anonymous
visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for


def urls(plan) -> list[str]:
    meeting = plan.meetings.first()
    return [
        reverse("meetings", args=[plan.slug]),
        reverse("plan_calendar", args=[plan.slug]),
        reverse("meeting", args=[meeting.pk]),
        reverse("meeting_ics", args=[meeting.pk]),
    ]


@pytest.mark.parametrize("persona", ["us_official", "ca_official", "staff", "admin"])
def test_it_shows_meetings_to_everyone_in_the_plan(demo, personas, persona):
    client = client_for(personas[persona])
    for url in urls(demo):
        assert client.get(url).status_code == 200, url


def test_it_hides_meetings_from_an_outsider(demo, outsider):
    client = client_for(outsider)
    for url in urls(demo):
        assert client.get(url).status_code == 404, url


def test_it_sends_anonymous_visitors_to_log_in(demo):
    for url in urls(demo):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
