import pytest

from tests.conftest import client_for
from workplan.models import Commitment, StatusUpdate

URLS = [
    "/plans/us-canada-2021/",
    "/plans/us-canada-2021/briefing/",
    "/plans/us-canada-2021/export.csv",
    "/plans/us-canada-2021/export.json",
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(demo, client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("persona", ["staff", "us_official", "ca_official", "admin"])
def test_everyone_party_to_the_plan_can_read_it(personas, url, persona):
    assert client_for(personas[persona]).get(url).status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_an_official_of_another_plan_gets_not_found(demo, outsider, url):
    assert client_for(outsider).get(url).status_code == 404


def test_a_plan_that_does_not_exist_is_not_found(demo, staff):
    assert client_for(staff).get("/plans/nope/").status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_nothing_on_these_pages_writes(personas, url):
    before = (
        StatusUpdate.objects.count(),
        list(Commitment.objects.values_list("pk", "status", "version")),
    )

    for persona in ["admin", "us_official"]:
        client = client_for(personas[persona])
        assert client.post(url, {"status": "completed"}).status_code == 405
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405

    after = (
        StatusUpdate.objects.count(),
        list(Commitment.objects.values_list("pk", "status", "version")),
    )
    assert after == before
