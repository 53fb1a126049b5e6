"""One rule for "stale" (workplan/quarters.py): the dashboard's stale list, the commitments
page's "not updated since the last meeting" filter, the next meeting's agenda and its
reminders name the same commitments — open ones with no update this quarter, and never a
closed one."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.conftest import client_for, next_meeting
from tests.dashboard.helpers import fresh_commitment
from workplan.models import Commitment
from workplan.status import CLOSED_STATUSES, Status


def test_the_dashboard_the_filter_the_agenda_and_the_reminders_agree(demo, staff, ca_official):
    closed_and_silent = fresh_commitment(demo, title="Done long ago", status=Status.COMPLETED)
    open_and_silent = fresh_commitment(demo, title="Never reported")
    meeting = next_meeting(demo)

    board = client_for(staff).get(reverse("dashboard", args=[demo.slug])).context["board"]
    on_dashboard = {row.commitment.pk for row in board.stale}
    page = client_for(ca_official).get(reverse("commitments", args=[demo.slug]), {"stale": "on"})
    filtered = {c.pk for c in page.context["commitments"]}
    agenda = client_for(ca_official).get(reverse("meeting", args=[meeting.pk])).content.decode()
    on_agenda = {
        int(pk) for pk in re.findall(r'agenda-row--stale" data-commitment="(\d+)"', agenda)
    }
    chased = set(Commitment.objects.stale_for(meeting).values_list("pk", flat=True))

    assert on_dashboard == filtered == on_agenda == chased
    assert open_and_silent.pk in chased
    assert closed_and_silent.pk not in chased
    assert not Commitment.objects.filter(pk__in=chased, status__in=CLOSED_STATUSES).exists()
