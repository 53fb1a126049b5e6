"""French on the dashboard as French is written: a non-breaking space before a colon,
lower-case abbreviated months, and no "de ISED"."""

from django.conf import settings

from tests.conftest import client_for

NBSP = "\u00a0"


def french_dashboard(staff, query: str = "") -> str:
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client.get("/plans/us-canada-2021/" + query).content.decode()


def test_it_puts_a_space_before_each_colon_of_the_counts(demo, staff):
    html = french_dashboard(staff)

    assert f"En cours – sur la bonne voie{NBSP}: <strong>" in html
    assert "sur la bonne voie: " not in html
    assert f"engagements{NBSP}: " in html  # the bars' text alternatives


def test_it_writes_months_and_organisations_the_french_way(demo, staff):
    html = french_dashboard(staff)

    assert ">nov. 2021</text>" in html
    assert "Nov 2021" not in html
    assert "Engagements menés par ISED" in html
    assert "Engagements de ISED" not in html
