"""Dates on the dashboard and the briefing are the reader's local dates, not UTC's: an
update made in Ottawa at 21:04 on one day is not shown under the next."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from tests.conftest import client_for
from workplan.models import Commitment, CommitmentLead, Pillar
from workplan.status import Status


def evening_update(demo, ised, author) -> datetime.datetime:
    """A new commitment updated at 21:04 in the site's zone, yesterday or today."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    now = timezone.now().astimezone(zone)
    evening = now.replace(hour=21, minute=4, second=0, microsecond=0)
    if evening > now:
        evening -= datetime.timedelta(days=1)
    pillar = Pillar.objects.get(plan=demo, position=1)
    commitment = Commitment.objects.create(
        pillar=pillar, position=9, text="An evening commitment.", short_title="Evening"
    )
    CommitmentLead.objects.create(commitment=commitment, organization=ised)
    commitment.record_status(
        author=author,
        status=Status.ON_TRACK,
        expected_version=1,
        note="Sent after dinner.",
        at=evening,
    )
    return evening


def test_it_dates_an_evening_update_on_its_local_day(demo, ised, ca_official, staff):
    evening = evening_update(demo, ised, ca_official)
    local_day = date_format(evening.date(), "j F Y")
    utc_day = date_format(evening.astimezone(datetime.UTC).date(), "j F Y")
    assert local_day != utc_day  # 21:04 in Ottawa is already tomorrow in UTC

    for url in ("/plans/us-canada-2021/", "/plans/us-canada-2021/briefing/"):
        text = client_for(staff).get(url).content.decode()
        row = text[text.index("Evening") :][:600]
        assert local_day in row, url
        assert utc_day not in row, url
