"""Each page asks the database a fixed number of questions, whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.tallies import take_tallies
from tests.conftest import client_for
from tests.dashboard.helpers import grow
from workplan.models import Commitment

PAGES = [
    "/plans/{slug}/",
    "/plans/{slug}/?as_of=2025-08-03&org=DOC",
    "/plans/{slug}/?pillar=2",
    "/plans/{slug}/briefing/",
    "/plans/{slug}/briefing/?as_of=2024-01-10",
    "/plans/{slug}/export.csv",
    "/plans/{slug}/export.json?as_of=2023-05-05&org=ISED",
]


# The dashboard's own queries, the joint quarter's (dashboard/joint.py: one), and one more
# while the tallies of a grown plan are missing.
MOST = 13


def query_counts(client, slug):
    counts = {}
    for page in PAGES:
        url = page.format(slug=slug)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[page] = len(captured)
    return counts


@pytest.mark.parametrize("page", PAGES)
def test_each_page_needs_at_most_thirteen_queries_on_a_small_plan(
    demo, staff, page, django_assert_max_num_queries
):
    client = client_for(staff)
    with django_assert_max_num_queries(MOST):
        assert client.get(page.format(slug=demo.slug)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_each_page_needs_at_most_thirteen_queries_on_a_large_plan(
    demo, staff, doc, ised, us_official, page, django_assert_max_num_queries
):
    grow(demo, doc, ised, us_official)
    client = client_for(staff)
    with django_assert_max_num_queries(MOST):
        response = client.get(page.format(slug=demo.slug))
    assert response.status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_plan(demo, staff, doc, ised, us_official):
    client = client_for(staff)
    small = query_counts(client, demo.slug)
    htmx_small = query_counts_htmx(client, demo.slug)

    grow(demo, doc, ised, us_official)
    # The new commitments made the database forget the plan's tallies: until they are taken
    # again the dashboard replays the history, in one more query at most.
    untallied = query_counts(client, demo.slug)
    assert all(small[page] <= untallied[page] <= small[page] + 1 <= MOST for page in PAGES)
    take_tallies(demo)  # as Celery beat does

    assert query_counts(client, demo.slug) == small
    assert query_counts_htmx(client, demo.slug) == htmx_small
    assert Commitment.objects.filter(pillar__plan=demo).count() == 311


def query_counts_htmx(client, slug):
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/plans/{slug}/?org=DOC", headers={"HX-Request": "true"})
    return len(captured)
