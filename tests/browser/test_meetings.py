from tests.browser.conftest import Session


def test_it_shows_an_official_the_meetings_and_a_meetings_agenda(demo, session: Session):
    session.login("us-official")

    session.page.goto(f"{session.base_url}/plans/us-canada-2021/meetings/")
    assert session.page.get_by_role("heading", level=1).inner_text() == "Meetings"
    assert session.page.get_by_role("heading", name="Upcoming").is_visible()
    session.screenshot("meetings-list")

    session.page.get_by_role("link", name="3 February 2027").first.click()
    session.page.wait_for_load_state("networkidle")
    assert (
        session.page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Ministerial meeting of")
    )
    assert session.page.get_by_role("heading", name="Agenda").is_visible()
    assert session.page.locator("tr.agenda-row").count() == 11
    assert session.page.get_by_text("Not updated").first.is_visible()
    assert "(America/Toronto)" in session.page.content()
    session.screenshot("meeting-agenda")
    assert session.problems == []
