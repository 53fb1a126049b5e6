from tests.conftest import client_for


def test_a_plan_with_no_meeting_and_no_update_still_shows_its_commitments(outsider, other_plan):
    client = client_for(outsider)

    response = client.get("/plans/us-mexico/")

    assert response.status_code == 200
    board = response.context["board"]
    assert board.quarter.previous is None and board.quarter.next is None
    assert [row.commitment.short_title for row in board.rows] == ["Development"]
    assert [row.commitment.short_title for row in board.stale] == ["Development"]
    html = response.content.decode()
    assert "none planned" in html
    assert "since the plan began on 9 September 2021" in html
    assert client.get("/plans/us-mexico/?as_of=2020-01-01").status_code == 200
    assert client.get("/plans/us-mexico/export.csv").status_code == 200
