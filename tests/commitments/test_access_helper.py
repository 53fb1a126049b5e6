"""get_commitment_for_user reads one commitment with one prepared SQL text on PostgreSQL;
it must agree with the ORM's visibility rule and permission data for every persona and
every commitment, in both plans."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from workplan.access import commitments_with_access_data, get_commitment_for_user
from workplan.models import Commitment, CommitmentLead, User


def request_by(user: User):
    request = RequestFactory().get("/")
    request.user = user
    return request


def people(commitment: Commitment) -> tuple[list, list]:
    leads = [(lead.pk, lead.organization.short_name) for lead in commitment.lead_list]
    owners = [
        (owner.pk, owner.get_full_name(), owner.organization and owner.organization.short_name)
        for owner in commitment.owner_list
    ]
    return leads, owners


@pytest.fixture
def shared_lead_and_owners(demo, doc, ised, us_official, ca_official) -> Commitment:
    """A commitment led by both parties and owned by an official of each."""
    commitment = Commitment.objects.filter(pillar__plan=demo).order_by("pk").last()
    for organization in (doc, ised):
        CommitmentLead.objects.get_or_create(commitment=commitment, organization=organization)
    commitment.owners.add(us_official, ca_official)
    return commitment


@pytest.mark.parametrize("persona", ["us_official", "ca_official", "staff", "admin", "outsider"])
def test_it_sees_and_may_update_exactly_what_the_orm_rule_allows(
    personas, shared_lead_and_owners, persona
):
    user = personas[persona]
    visible = Commitment.objects.visible_to(user)
    for commitment in Commitment.objects.all():
        if not visible.filter(pk=commitment.pk).exists():
            with pytest.raises(Http404):
                get_commitment_for_user(request_by(user), commitment.pk)
            continue
        fetched = get_commitment_for_user(request_by(user), commitment.pk)
        expected = commitments_with_access_data(Commitment.objects.filter(pk=commitment.pk))[0]
        assert (fetched.pk, fetched.version, fetched.status) == (
            commitment.pk,
            commitment.version,
            commitment.status,
        )
        assert fetched.reference == expected.reference
        assert fetched.pillar.plan.started_on == expected.pillar.plan.started_on
        assert people(fetched) == people(expected)
        # And the same lists the plain relations give, without the JSON columns.
        plain = Commitment.objects.get(pk=commitment.pk)
        assert people(fetched) == people(plain)
        if expected.can_be_updated_by(user):
            assert get_commitment_for_user(request_by(user), commitment.pk, for_update=True)
        else:
            with pytest.raises(PermissionDenied):
                get_commitment_for_user(request_by(user), commitment.pk, for_update=True)


def test_it_reads_both_leads_and_owners_of_a_shared_commitment(admin_user, shared_lead_and_owners):
    fetched = get_commitment_for_user(request_by(admin_user), shared_lead_and_owners.pk)
    leads, owners = people(fetched)

    assert [short_name for _, short_name in leads] == ["ISED", "DOC"]
    assert sorted(organization for *_, organization in owners) == ["DOC", "ISED"]


def test_it_answers_404_for_a_commitment_that_does_not_exist(admin_user):
    with pytest.raises(Http404):
        get_commitment_for_user(request_by(admin_user), 10**9)
