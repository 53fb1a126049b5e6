"""The rendered dashboard is shared by its readers until the plan's data change: every
change shows at once, whatever wrote it, and nothing crosses plans, filters or languages."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.conf import settings as django_settings
from django.http import QueryDict
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from dashboard.board import build_board
from dashboard.models import PlanRevision
from dashboard.views import _seconds_it_stays_true
from meetings.models import Meeting
from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, Organization, Pillar, User, WorkPlan
from workplan.status import Status

URL = "/plans/us-canada-2021/"


@pytest.fixture(autouse=True)
def cache_on(settings, demo):
    settings.DASHBOARD_CACHE_SECONDS = 600
    # An epoch of its own keeps this test's cache entries apart from every other test's:
    # each test rolls the revisions back and may reuse plan ids, and the cache outlives
    # the test database.
    PlanRevision.objects.filter(plan=demo).update(epoch=uuid.uuid4())


def page(client: Client, url: str = URL, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def board_part(text: str) -> str:
    """The dashboard below its title; the header around it carries a per-request CSRF
    token and the reader's name."""
    return text[text.index('id="dashboard-content"') : text.index("</main>")]


def test_it_serves_the_same_dashboard_again_in_four_queries(staff, django_assert_max_num_queries):
    client = client_for(staff)
    first = page(client)

    # User, plan, content revision, and the reader's organisation for the page header:
    # the board itself is not built again.
    with django_assert_max_num_queries(4):
        again = page(client)

    assert board_part(again) == board_part(first)
    assert "Progress by pillar" in again


def test_it_shares_one_rendering_between_readers(staff, admin_user, us_official):
    pages = [page(client_for(user)) for user in (staff, admin_user, us_official)]

    contents = [board_part(text) for text in pages]
    assert contents[0] == contents[1] == contents[2]


def test_it_shows_a_status_update_at_once(demo, staff, ca_official):
    client = client_for(staff)
    page(client)
    commitment = commitment_led_only_by(demo, "ISED")

    commitment.record_status(
        author=ca_official,
        status=Status.CHALLENGES,
        expected_version=commitment.version,
        note="Fresh news from the working group.",
    )

    assert "Fresh news from the working group." in page(client)


def test_it_shows_a_bulk_edit_made_outside_the_app_at_once(demo, staff):
    client = client_for(staff)
    page(client)
    commitment = commitment_led_only_by(demo, "DOC")

    # A queryset update sends no signal: the database trigger still sees it.
    Commitment.objects.filter(pk=commitment.pk).update(short_title="Renamed by a bulk edit")

    assert "Renamed by a bulk edit" in page(client)


def test_it_shows_a_status_changed_by_hand_in_the_database_at_once(demo, staff):
    client = client_for(staff)
    assert "11 commitments, 11 closed" not in page(client)

    Commitment.objects.filter(pillar__plan=demo).update(status=Status.COMPLETED)

    assert "11 commitments, 11 closed" in page(client)


def test_it_raises_the_revision_in_the_status_updates_own_statement(demo, ca_official):
    """Not after it: a reader between the writer's INSERT and COMMIT must not be able to
    cache a board that then silently misses the update."""
    commitment = commitment_led_only_by(demo, "ISED")
    before = PlanRevision.objects.current(demo)

    commitment.record_status(
        author=ca_official, status=Status.ON_TRACK, expected_version=commitment.version
    )

    assert PlanRevision.objects.current(demo)[1] > before[1]


def test_it_keeps_the_order_of_repeated_parameters(staff):
    client = client_for(staff)

    doc_then_ised = page(client, URL + "?org=DOC&org=ISED")
    ised_then_doc = page(client, URL + "?org=ISED&org=DOC")

    # As without the cache, the last value wins.
    assert "led by ISED" in doc_then_ised
    assert "led by DOC" in ised_then_doc


def test_it_shows_a_renamed_organisation_at_once(doc, staff):
    client = client_for(staff)
    assert "Commerce Dept" not in page(client)

    Organization.objects.filter(pk=doc.pk).update(name="Commerce Dept")

    assert "Commerce Dept" in page(client)


def test_it_shows_a_moved_meeting_at_once(demo, staff):
    client = client_for(staff)
    upcoming = Meeting.objects.upcoming().filter(plan=demo).order_by("starts_at").first()
    moved = upcoming.starts_at + datetime.timedelta(days=2)
    new_date = date_format(timezone.localtime(moved), "j F Y")
    assert new_date not in page(client)

    Meeting.objects.filter(pk=upcoming.pk).update(starts_at=moved)

    assert new_date in page(client)


def test_it_ignores_a_login_which_changes_nothing_shown(demo, staff, ca_official):
    client = client_for(staff)
    page(client)
    before = PlanRevision.objects.current(demo)

    User.objects.filter(pk__in=[staff.pk, ca_official.pk]).update(
        last_login=datetime.datetime.now(datetime.UTC)
    )

    assert PlanRevision.objects.current(demo) == before


def test_it_shows_a_renamed_owner_at_once(demo, staff, ca_official):
    client = client_for(staff)
    page(client)
    before = PlanRevision.objects.current(demo)

    User.objects.filter(pk=ca_official.pk).update(last_name="Renamed-by-hand")

    assert PlanRevision.objects.current(demo)[1] > before[1]


def test_it_keeps_another_plans_dashboard_when_one_plan_changes(
    demo, staff, django_assert_max_num_queries
):
    other = WorkPlan.objects.create(slug="other", title="Other plan", started_on=demo.started_on)
    other.parties.set(demo.parties.all())
    pillar = Pillar.objects.create(plan=other, position=1, title="Trade")
    Commitment.objects.create(pillar=pillar, position=1, text="Meet.", short_title="Meet")
    client = client_for(staff)
    first = page(client)
    page(client, f"/plans/{other.slug}/")
    before, other_before = PlanRevision.objects.current(demo), PlanRevision.objects.current(other)

    Commitment.objects.filter(pillar__plan=other).update(short_title="Only the other plan")

    assert PlanRevision.objects.current(other)[1] > other_before[1]
    assert PlanRevision.objects.current(demo) == before
    assert "Only the other plan" in page(client, f"/plans/{other.slug}/")
    # The first plan's rendering is still served from the cache, unchanged.
    with django_assert_max_num_queries(4):
        again = page(client)
    assert board_part(again) == board_part(first)


def test_it_keeps_filters_and_languages_apart(staff):
    client = client_for(staff)
    everything = page(client)
    doc_only = page(client, URL + "?org=DOC")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = page(client)

    assert doc_only != everything
    assert "Progress by pillar" in everything
    assert "Avancement par pilier" in french
    assert "Progress by pillar" not in french


def test_it_answers_htmx_with_the_cached_content_only(staff):
    client = client_for(staff)
    full = page(client)

    fragment = page(client, headers={"HX-Request": "true"})

    assert "<html" not in fragment
    assert fragment.strip() in full


def test_it_keeps_an_entry_no_longer_than_until_the_next_meeting_starts(demo):
    upcoming = Meeting.objects.upcoming().filter(plan=demo).order_by("starts_at").first()
    two_minutes_before = upcoming.starts_at - datetime.timedelta(minutes=2)

    board = build_board(demo, QueryDict(), now=two_minutes_before)

    assert _seconds_it_stays_true(board) == 120


def test_it_keeps_an_entry_no_longer_than_until_the_check_in_deadline(demo):
    upcoming = Meeting.objects.upcoming().filter(plan=demo).order_by("starts_at").first()
    deadline = upcoming.checkin_deadline

    board = build_board(demo, QueryDict(), now=deadline - datetime.timedelta(seconds=90))

    assert _seconds_it_stays_true(board) == 90


def test_it_caches_nothing_without_the_revision_row(staff):
    PlanRevision.objects.all().delete()
    client = client_for(staff)
    first = page(client)

    second = client.get(URL)

    assert "board" in second.context
    assert board_part(second.content.decode()) == board_part(first)
