"""Who may file a party's check-in: officials of the organisation leading the commitment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import CheckIn
from tests.checkins.conftest import HTMX, checkin_url, form_data
from tests.conftest import client_for, commitment_led_only_by


@pytest.mark.parametrize("persona", ["us_official", "staff"])
def test_it_forbids_filing_for_a_commitment_the_users_organisation_does_not_lead(
    persona, personas, canadian
):
    client = client_for(personas[persona])
    filed = CheckIn.objects.count()

    assert client.get(checkin_url(canadian), headers=HTMX).status_code == 403
    assert client.post(checkin_url(canadian), form_data(canadian)).status_code == 403
    assert CheckIn.objects.count() == filed


def test_it_hides_another_plans_commitment(personas, canadian):
    client = client_for(personas["outsider"])

    assert client.get(checkin_url(canadian)).status_code == 404
    assert client.post(checkin_url(canadian), form_data(canadian)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, canadian):
    response = client.get(checkin_url(canadian))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_offers_check_in_only_on_the_rows_the_officials_party_leads(ca_official, demo):
    us_only = commitment_led_only_by(demo, "DOC")
    ca_only = commitment_led_only_by(demo, "ISED")

    body = client_for(ca_official).get(reverse("commitments", args=[demo.slug])).content.decode()

    assert f'href="{checkin_url(ca_only)}"' in body
    assert f'href="{checkin_url(us_only)}"' not in body


def test_staff_see_no_check_in_button(staff, demo):
    body = client_for(staff).get(reverse("commitments", args=[demo.slug])).content.decode()

    assert "/checkin/" not in body
