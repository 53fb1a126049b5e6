"""The commitment page: full text, who leads and owns it, status, history, next check-in."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.conftest import client_for, commitment_led_only_by
from workplan.status import Status


def test_it_shows_the_text_leads_owners_status_and_next_check_in(demo, ca_official):
    commitment = commitment_led_only_by(demo, "ISED")
    commitment.target_date = datetime.date(2027, 3, 31)
    commitment.save(update_fields=["target_date"])
    next_meeting = Meeting.objects.upcoming().filter(plan=demo).order_by("starts_at").first()

    response = client_for(ca_official).get(reverse("commitment", args=[commitment.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert commitment.text in body
    assert "Innovation, Science and Economic Development Canada (ISED)" in body
    assert "Camille Tremblay (ISED)" in body  # owner of 1.1
    assert commitment.get_status_display() in body
    assert 'datetime="2027-03-31"' in body
    assert response.context["next_meeting"] == next_meeting
    assert f'datetime="{timezone.localtime(next_meeting.checkin_deadline).isoformat()}"' in body
    assert reverse("commitment_status", args=[commitment.pk]) in body
    assert 'aria-current="page"' in body.split(">Commitments<")[0].rsplit("<a", 1)[1]


def test_it_shows_the_complete_history_newest_first(demo, ca_official, us_official):
    commitment = commitment_led_only_by(demo, "ISED")
    count = commitment.updates.count()
    commitment.record_status(
        author=ca_official,
        status=Status.CHALLENGES,
        expected_version=commitment.version,
        note="Legal review pending.",
        evidence_url="https://www.canada.ca/evidence",
    )

    response = client_for(us_official).get(reverse("commitment", args=[commitment.pk]))

    history = response.context["history"]
    assert len(history) == count + 1
    assert [u.created_at for u in history] == sorted((u.created_at for u in history), reverse=True)
    body = response.content.decode()
    newest = body.split('class="timeline__entry"')[1]
    assert "Camille Tremblay" in newest and "(ISED)" in newest
    assert "Legal review pending." in newest
    assert 'href="https://www.canada.ca/evidence" rel="noopener noreferrer nofollow"' in newest
    assert "Underway – with challenges" in newest


def test_it_keeps_a_spot_for_the_provenance_of_the_text(demo, ca_official):
    commitment = commitment_led_only_by(demo, "ISED")

    response = client_for(ca_official).get(reverse("commitment", args=[commitment.pk]))

    assert "workplan/_provenance.html" in [t.name for t in response.templates]


def test_it_hides_commitments_of_other_plans(demo, outsider, other_plan, ca_official):
    foreign = other_plan.pillars.get().commitments.get()

    assert client_for(ca_official).get(reverse("commitment", args=[foreign.pk])).status_code == 404
    ours = commitment_led_only_by(demo, "ISED")
    assert client_for(outsider).get(reverse("commitment", args=[ours.pk])).status_code == 404
    assert client_for(outsider).get(reverse("commitment", args=[foreign.pk])).status_code == 200
