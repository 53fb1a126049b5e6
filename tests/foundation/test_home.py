from django.test import Client

from tests.conftest import client_for


def test_it_takes_an_official_to_the_commitments_of_their_plan(us_official):
    response = client_for(us_official).get("/")
    assert response["Location"] == "/plans/us-canada-2021/commitments/"


def test_it_takes_staff_to_the_dashboard(staff):
    response = client_for(staff).get("/")
    assert response["Location"] == "/plans/us-canada-2021/"


def test_it_lists_the_plans_of_someone_with_several(admin_user, other_plan):
    response = client_for(admin_user).get("/")
    assert response["Location"] == "/plans/"
    page = client_for(admin_user).get("/plans/").content.decode()
    assert "U.S.–Canada work plan" in page
    assert "U.S.–Mexico economic dialogue" in page


def test_it_shows_each_user_only_their_own_plans(us_official, other_plan):
    page = client_for(us_official).get("/plans/").content.decode()
    assert "U.S.–Canada work plan" in page
    assert "U.S.–Mexico" not in page


def test_it_hides_other_dialogues_plans_behind_a_404(us_official, other_plan):
    assert client_for(us_official).get("/plans/us-mexico/").status_code == 404


def test_it_answers_the_health_check_without_login(db):
    response = Client().get("/healthz")
    assert response.content == b"ok"
