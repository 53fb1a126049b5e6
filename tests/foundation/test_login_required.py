import pytest
from django.test import Client

from scripts.pages import app_pages


def test_it_sends_an_anonymous_visitor_to_login_from_every_page(demo, client: Client):
    pages = [("home", "/"), *app_pages(demo)]
    assert len(pages) >= 4
    for name, path in pages:
        response = client.get(path)
        assert response.status_code == 302, (name, path, response.status_code)
        assert response["Location"].startswith("/login/?next="), (name, path)


def test_it_sends_an_anonymous_visitor_to_the_admin_login(demo, client: Client):
    response = client.get("/admin/workplan/commitment/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/workplan/commitment/"


@pytest.mark.parametrize("path", ["/login/", "/healthz"])
def test_it_serves_the_login_page_and_health_check_to_anyone(db, client: Client, path: str):
    assert client.get(path).status_code == 200


def test_it_logs_in_with_a_demo_password_and_lands_on_the_plan(demo, client: Client):
    response = client.post(
        "/login/", {"username": "staff", "password": "demo-password"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/plans/us-canada-2021/"


def test_it_refuses_a_wrong_password_with_a_message(demo, client: Client):
    response = client.post("/login/", {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session
