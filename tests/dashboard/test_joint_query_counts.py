"""The joint quarter costs the dashboard and the briefing a fixed number of queries,
however many commitments, check-ins, proposals and signatures the plan has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.filters import local_date
from dashboard.tallies import take_tallies
from meetings.models import SignOff, StatusProposal
from tests.checkins.conftest import file_all, file_for
from tests.conftest import client_for, last_meeting, next_meeting
from tests.dashboard.helpers import grow
from workplan.status import Status


def pages(demo) -> list[str]:
    signed = local_date(last_meeting(demo).starts_at).isoformat()
    return [
        f"/plans/{demo.slug}/",
        f"/plans/{demo.slug}/?org=ISED",
        f"/plans/{demo.slug}/?as_of={signed}",
        f"/plans/{demo.slug}/briefing/",
        f"/plans/{demo.slug}/briefing/?as_of={signed}",
    ]


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert b'id="joint-heading"' in response.content, url
        counts[url] = len(captured)
    return counts


def test_it_asks_the_same_queries_however_many_checkins_and_commitments(
    demo, staff, doc, ised, us_official, ca_official, us_signatory, ca_signatory, joint
):
    client = client_for(staff)
    urls = pages(demo)
    before = query_counts(client, urls)

    grow(demo, doc, ised, us_official, commitments=40, updates=2)
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    file_for(meeting, joint, ca_official, Status.CHALLENGES)
    proposal = StatusProposal.propose(meeting, joint, us_signatory, Status.CHALLENGES, "Agreed.")
    proposal.answer_with(ca_signatory, accepted=True)
    SignOff.sign(meeting, us_signatory)
    take_tallies(demo)  # as Celery beat does after the plan grew

    after = query_counts(client, urls)

    assert after == before
    assert all(count <= 12 for count in after.values()), after


@pytest.mark.parametrize("briefing", [False, True])
def test_it_needs_at_most_twelve_queries_with_checkins_filed(
    demo, staff, us_official, ca_official, briefing, django_assert_max_num_queries
):
    file_all(next_meeting(demo), [us_official, ca_official])
    client = client_for(staff)
    url = f"/plans/{demo.slug}/briefing/" if briefing else f"/plans/{demo.slug}/"

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200
    assert b"Underway \xe2\x80\x93 on track" in response.content
