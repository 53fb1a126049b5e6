"""Independent arithmetic for the dashboard tests: straight from the database, row by row,
without the dashboard's own code."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter

from django.conf import settings

from tests import factories
from workplan.models import Commitment, Pillar, StatusUpdate, WorkPlan


def end_of_day(day: datetime.date) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, zone)


def local(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=zone)


def status_at(commitment: Commitment, moment: datetime.datetime) -> str:
    """The status just before `moment`: the last earlier update's, else the first one's old
    status, else today's."""
    updates = StatusUpdate.objects.filter(commitment=commitment).order_by("created_at", "id")
    before = [u for u in updates if u.created_at < moment]
    if before:
        return before[-1].new_status
    first = updates.first()
    return first.old_status if first else commitment.status


def counts_by_pillar(plan: WorkPlan) -> dict[int, Counter]:
    return {
        pillar.position: Counter(c.status for c in pillar.commitments.all())
        for pillar in Pillar.objects.filter(plan=plan).prefetch_related("commitments")
    }


def fresh_commitment(plan: WorkPlan, *, title: str = "Fresh", status: str = "not_started"):
    pillar = plan.pillars.order_by("position").first()
    position = (pillar.commitments.order_by("-position").first().position or 0) + 1
    return Commitment.objects.create(
        pillar=pillar, position=position, text=f"{title} text.", short_title=title, status=status
    )


def grow(plan, doc, ised, author, commitments=300, updates=5):
    """A large plan: `commitments` more commitments, led by each party in turn, with
    `updates` updates each over five years (tests/factories.py)."""
    factories.grow(
        list(Pillar.objects.filter(plan=plan).order_by("position")),
        leads=lambda index: [doc if index % 2 else ised],
        author=author,
        commitments=commitments,
        updates=updates,
        start=datetime.datetime(2021, 11, 10, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 10, 14, tzinfo=datetime.UTC),
        first_position=100,
    )
