from tests.conftest import client_for


def test_it_explains_a_date_it_cannot_read_and_shows_the_current_quarter(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/?as_of=03/08/2025")

    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a date: give it as YYYY-MM-DD" in html
    assert "Showing the current quarter instead." in html
    assert response.context["board"].filters.as_of is None
    assert "Status today," in html


def test_it_refuses_a_date_in_the_future(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/?as_of=2099-01-01")

    assert response.status_code == 200
    assert "is in the future" in response.content.decode()
    assert response.context["board"].filters.as_of is None


def test_it_survives_nonsense_in_every_parameter(demo, staff):
    client = client_for(staff)
    for query in ["as_of=2025-02-30", "as_of=%00", "pillar=x", "org=<b>", "as_of=9999999-01-01"]:
        response = client.get(f"/plans/us-canada-2021/?{query}")
        assert response.status_code == 200, query
        assert response.context["board"].filters.errors, query
        assert "<b>" not in response.content.decode().split("<main", 1)[1]
