"""The app ships in English and French; the choice follows the browser or the switch."""

from django.test import Client

from tests.conftest import client_for


def test_it_speaks_french_to_a_french_browser(db):
    page = Client(headers={"accept-language": "fr-CA,fr;q=0.9"}).get("/login/").content.decode()
    assert '<html lang="fr">' in page
    assert "Se connecter" in page
    assert "Passer au contenu principal" in page


def test_it_switches_language_with_the_header_button(staff):
    client = client_for(staff)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/plans/"})
    assert response.status_code == 302
    page = client.get("/plans/").content.decode()
    assert '<html lang="fr">' in page
    assert "Plans de travail" in page or "plans de travail" in page


def test_it_translates_the_status_labels(staff, demo):
    client = client_for(staff)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    page = client.get(f"/plans/{demo.slug}/").content.decode()
    assert "En cours – sur la bonne voie" in page
    assert "Underway – on track" not in page
