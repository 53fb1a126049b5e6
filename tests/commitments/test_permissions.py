"""Who may see and change which commitment: every role × every action, htmx or not."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, StatusUpdate
from workplan.status import Status

HTMX = {"HX-Request": "true"}

# Expected status codes for (GET list, GET detail, GET form, POST status) on a commitment
# led only by ISED (Canada) and one led only by DOC (U.S.).
SEE_ONLY = (200, 200, 403, 403)
UPDATE = (200, 200, 200, "saved")
HIDDEN = (404, 404, 404, 404)
EXPECTED = {
    ("us_official", "ISED"): SEE_ONLY,
    ("us_official", "DOC"): UPDATE,
    ("ca_official", "ISED"): UPDATE,
    ("ca_official", "DOC"): SEE_ONLY,
    ("staff", "ISED"): SEE_ONLY,
    ("staff", "DOC"): SEE_ONLY,
    ("admin", "ISED"): UPDATE,
    ("admin", "DOC"): UPDATE,
    ("outsider", "ISED"): HIDDEN,
    ("outsider", "DOC"): HIDDEN,
}


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("persona", "lead"), list(EXPECTED))
def test_it_lets_each_role_do_exactly_what_it_may(demo, personas, persona, lead, htmx):
    user = personas[persona]
    commitment = commitment_led_only_by(demo, lead)
    client = client_for(user)
    headers = HTMX if htmx else {}
    list_code, detail_code, form_code, post_code = EXPECTED[(persona, lead)]
    history = StatusUpdate.objects.filter(commitment=commitment).count()

    got_list = client.get(reverse("commitments", args=[demo.slug]), headers=headers)
    got_detail = client.get(reverse("commitment", args=[commitment.pk]), headers=headers)
    got_form = client.get(reverse("commitment_status", args=[commitment.pk]), headers=headers)
    got_post = client.post(
        reverse("commitment_status", args=[commitment.pk]),
        {"status": Status.COMPLETED, "note": "Done.", "version": commitment.version},
        headers=headers,
    )

    assert got_list.status_code == list_code
    assert got_detail.status_code == detail_code
    assert got_form.status_code == form_code
    after = Commitment.objects.get(pk=commitment.pk)
    if post_code == "saved":
        assert got_post.status_code == (200 if htmx else 302)
        assert after.status == Status.COMPLETED
        assert StatusUpdate.objects.filter(commitment=commitment).count() == history + 1
    else:
        assert got_post.status_code == post_code
        assert after.status == commitment.status
        assert after.version == commitment.version
        assert StatusUpdate.objects.filter(commitment=commitment).count() == history


def test_it_lets_a_named_owner_update_a_commitment_another_organisation_leads(demo, ca_official):
    commitment = commitment_led_only_by(demo, "DOC")
    client = client_for(ca_official)
    assert client.get(reverse("commitment_status", args=[commitment.pk])).status_code == 403

    commitment.owners.add(ca_official)

    response = client.post(
        reverse("commitment_status", args=[commitment.pk]),
        {"status": Status.ON_TRACK, "version": commitment.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert commitment.updates.first().author == ca_official


def test_it_hides_the_update_link_from_read_only_staff_on_the_commitment_page(demo, staff):
    commitment = commitment_led_only_by(demo, "ISED")

    body = client_for(staff).get(reverse("commitment", args=[commitment.pk])).content.decode()

    assert reverse("commitment_status", args=[commitment.pk]) not in body
    assert "Only officials of a lead organisation or a named owner" in body


def test_it_ignores_forged_fields_and_takes_author_organisation_and_old_status_from_the_server(
    demo, ca_official, us_official, doc, ised
):
    target = commitment_led_only_by(demo, "ISED")
    other = commitment_led_only_by(demo, "DOC")
    other_before = (other.status, other.version, other.updates.count())
    old_status = target.status

    response = client_for(ca_official).post(
        reverse("commitment_status", args=[target.pk]),
        {
            "status": Status.ON_TRACK,
            "note": "Genuine note",
            "version": target.version,
            "organization": doc.pk,
            "organization_id": doc.pk,
            "author": us_official.pk,
            "author_id": us_official.pk,
            "commitment": other.pk,
            "commitment_id": other.pk,
            "old_status": Status.NOT_PURSUED,
            "created_at": "2020-01-01T00:00:00Z",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    update = StatusUpdate.objects.latest()
    assert update.commitment_id == target.pk
    assert update.author == ca_official
    assert update.organization == ised
    assert update.old_status == old_status
    assert abs(update.created_at - timezone.now()) < datetime.timedelta(minutes=1)
    other.refresh_from_db()
    assert (other.status, other.version, other.updates.count()) == other_before


@pytest.mark.parametrize("forged_version", [0, -1, "abc", "", 10_000])
def test_it_refuses_a_tampered_version_without_changing_anything(demo, ca_official, forged_version):
    target = commitment_led_only_by(demo, "ISED")
    history = target.updates.count()

    response = client_for(ca_official).post(
        reverse("commitment_status", args=[target.pk]),
        {"status": Status.COMPLETED, "note": "x", "version": forged_version},
        headers=HTMX,
    )

    assert response.status_code in (409, 422)
    after = Commitment.objects.get(pk=target.pk)
    assert (after.status, after.version) == (target.status, target.version)
    assert target.updates.count() == history


def test_it_answers_404_for_a_commitment_that_does_not_exist(demo, admin_user):
    client = client_for(admin_user)

    assert client.get(reverse("commitment", args=[999_999])).status_code == 404
    assert client.get(reverse("commitment_status", args=[999_999])).status_code == 404


def test_it_refuses_other_methods_on_the_status_url(demo, ca_official):
    target = commitment_led_only_by(demo, "ISED")

    response = client_for(ca_official).put(reverse("commitment_status", args=[target.pk]))

    assert response.status_code == 405
