"""The status update and the list ask a fixed number of queries, whatever the plan's size.

An htmx status update runs 6 statements: the user, the commitment with its pillar and
plan, its leads, its owners, the conditional UPDATE and the history INSERT (the session
comes from the cache).

The list page runs at most 8: session (on a cache miss), user, the user's organisation
(page header), plan, last meeting, commitments (with the last update, leads and owners as
subqueries), and the pillar and party options of the filters; the pillar and lead
filters add one look-up each."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, CommitmentLead, Organization, Pillar, User, WorkPlan
from workplan.status import Status

HTMX = {"HX-Request": "true"}
# User, commitment, leads, owners, UPDATE, INSERT; and, inside the test's transaction, the
# savepoint around the last two and its release.
STATUS_UPDATE_QUERIES = 8
LIST_QUERIES = 8


def big_plan(size: int, parties: list[Organization], owner: User) -> WorkPlan:
    plan = WorkPlan.objects.create(
        title=f"Plan of {size}", slug=f"plan-{size}", started_on=datetime.date(2024, 1, 1)
    )
    plan.parties.add(*parties)
    pillars = Pillar.objects.bulk_create(
        Pillar(plan=plan, position=n, title=f"Pillar {n}") for n in range(1, 6)
    )
    statuses = list(Status)
    commitments = Commitment.objects.bulk_create(
        Commitment(
            pillar=pillars[n % 5],
            position=n // 5 + 1,
            text=f"Commitment {n}",
            short_title=f"Commitment {n}",
            status=statuses[n % len(statuses)],
        )
        for n in range(size)
    )
    CommitmentLead.objects.bulk_create(
        CommitmentLead(commitment=commitment, organization=parties[n % len(parties)])
        for n, commitment in enumerate(commitments)
    )
    Commitment.owners.through.objects.bulk_create(
        Commitment.owners.through(commitment_id=commitment.pk, user_id=owner.pk)
        for commitment in commitments[::3]
    )
    for commitment in commitments[::7]:
        commitment.record_status(
            author=owner, status=Status.ON_TRACK, expected_version=1, note="Moving."
        )
    return plan


@pytest.mark.parametrize("size", [10, 500])
def test_it_lists_any_plan_in_a_fixed_number_of_queries(
    demo, ca_official, doc, ised, size, django_assert_max_num_queries
):
    plan = big_plan(size, [doc, ised], ca_official)
    client = client_for(ca_official)
    pillar = plan.pillars.first()
    url = reverse("commitments", args=[plan.slug])

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["commitments"]) == size

    # Every filter at once adds only the two look-ups that validate pillar and lead.
    with django_assert_max_num_queries(LIST_QUERIES + 2):
        client.get(url, {"pillar": pillar.pk, "lead": ised.pk, "mine": "on", "stale": "on"})

    # The fragment needs neither the header nor the filter options.
    with django_assert_max_num_queries(LIST_QUERIES - 3):
        client.get(url, headers=HTMX)


@pytest.mark.django_db(transaction=True)
def test_it_saves_an_htmx_status_update_in_a_fixed_number_of_queries(
    transactional_db, demo, django_assert_num_queries
):
    commitment = commitment_led_only_by(demo, "ISED")
    client = client_for(User.objects.get(username="ca-official"))

    with django_assert_num_queries(STATUS_UPDATE_QUERIES):
        response = client.post(
            reverse("commitment_status", args=[commitment.pk]),
            {"status": Status.ON_TRACK, "note": "Counted.", "version": commitment.version},
            headers=HTMX,
        )
    assert response.status_code == 200
    before = commitment.version
    commitment.refresh_from_db()
    assert (commitment.status, commitment.version) == (Status.ON_TRACK, before + 1)
    assert commitment.updates.first().note == "Counted."


def test_it_shows_a_commitment_page_in_a_fixed_number_of_queries(
    demo, ca_official, django_assert_max_num_queries
):
    commitment = commitment_led_only_by(demo, "ISED")
    client = client_for(ca_official)

    # Session, user, organisation, commitment, its leads, its owners, next meeting,
    # history, provenance (the session comes from the cache).
    with django_assert_max_num_queries(8):
        response = client.get(reverse("commitment", args=[commitment.pk]))
    assert response.status_code == 200
