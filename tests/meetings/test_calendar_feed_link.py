"""The personal subscribe link: calendar apps fetch the feed without logging in; a forged,
foreign or revoked link gets nothing."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from meetings.feeds import feed_token
from tests.conftest import client_for


def link_on_meetings_page(plan, user) -> str:
    page = client_for(user).get(reverse("meetings", args=[plan.slug])).content.decode()
    [url] = re.findall(r'id="feed-url" type="text" readonly value="([^"]+)"', page)
    parts = urlsplit(unescape(url))
    return f"{parts.path}?{parts.query}"


def test_it_serves_the_feed_to_a_calendar_app_with_the_personal_link(demo, ca_official):
    path = link_on_meetings_page(demo, ca_official)

    response = Client().get(path)

    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2 * demo.meetings.count()


def test_it_refuses_forged_foreign_and_revoked_links(demo, ca_official, outsider, other_plan):
    feed = reverse("plan_calendar", args=[demo.slug])
    token = feed_token(ca_official, demo)

    assert Client().get(f"{feed}?token={token}x").status_code == 404
    other_feed = reverse("plan_calendar", args=[other_plan.slug])
    assert Client().get(f"{other_feed}?token={token}").status_code == 404
    assert Client().get(f"{feed}?token={feed_token(outsider, demo)}").status_code == 404

    ca_official.set_password("a-new-password-2026")
    ca_official.save(update_fields=["password"])
    assert Client().get(f"{feed}?token={token}").status_code == 404
