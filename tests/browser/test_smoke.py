from tests.browser.conftest import Session


def test_it_logs_in_and_shows_the_plan_without_console_or_csp_errors(demo, session: Session):
    session.login("staff")

    session.page.goto(f"{session.base_url}/plans/us-canada-2021/")
    assert session.page.get_by_role("heading", level=1).inner_text().startswith("U.S.–Canada")
    assert session.page.locator("main#main").count() == 1
    session.screenshot("smoke-plan-page")
    # htmx loaded from our origin and configured without eval.
    assert session.page.evaluate("window.htmx && htmx.config.allowEval") is False
    assert session.page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert session.problems == []


def test_it_shows_the_admin_without_csp_violations(demo, session: Session):
    session.login("admin")

    session.page.goto(f"{session.base_url}/admin/workplan/commitment/")
    assert "11 commitments" in session.page.content()
    session.screenshot("smoke-admin-commitments")
    assert session.problems == []
