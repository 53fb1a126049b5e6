"""Errors answer in the site's layout and the reader's language, say what happened and
where to go (pytest-django runs with DEBUG=0, as production does)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client, RequestFactory

from tests.conftest import client_for


def test_it_runs_without_debug():
    assert settings.DEBUG is False


def test_a_missing_page_is_404_in_the_site_layout(us_official):
    response = client_for(us_official).get("/plans/no-such-plan/")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<main id="main"' in page and 'class="site-nav"' in page
    assert "Page not found" in page
    assert 'href="/plans/"' in page  # where to go


def test_a_french_reader_gets_the_404_in_french(ca_official):
    client = Client(headers={"accept-language": "fr-CA,fr;q=0.9"})
    client.force_login(ca_official)

    page = client.get("/plans/no-such-plan/").content.decode()

    assert '<html lang="fr">' in page
    assert "Page introuvable" in page


def test_a_refused_change_is_403_saying_nothing_changed(staff, demo):
    commitment = demo.pillars.first().commitments.first()

    response = client_for(staff).post(f"/commitments/{commitment.pk}/status/", {})

    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do this with your account" in page
    assert "Nothing was changed." in page
    assert '<main id="main"' in page


def test_an_expired_form_is_explained(us_official):
    client = Client(enforce_csrf_checks=True)
    client.force_login(us_official)

    response = client.post("/logout/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "The form expired, so nothing was saved" in page
    assert "Go back, reload the page" in page


def test_a_server_error_page_needs_neither_request_nor_database():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "/static/css/accord.css" in page


def test_a_bad_request_is_400_in_the_layout(client):
    response = client.get("/login/", headers={"host": "bad host"})

    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()
