import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Session
from workplan.models import Commitment


@pytest.fixture(autouse=True)
def dashboard_cache_as_in_production(settings, demo):
    """The rendered-dashboard cache on, as deployed: back and forth between views
    serves cached renderings."""
    settings.DASHBOARD_CACHE_SECONDS = 600


def test_it_filters_switches_meeting_prints_and_downloads_without_reloading(demo, session: Session):
    page = session.page
    session.login("staff")
    page.goto(f"{session.base_url}/plans/us-canada-2021/")
    expect(page.get_by_role("heading", name="Progress by pillar")).to_be_visible()
    expect(page.locator("svg.progress-bar")).to_have_count(4)
    session.screenshot("dashboard-current-quarter")

    # A marker on window survives only if the filters never reload the page.
    page.evaluate("window.__dashboardMarker = 'still here'")
    page.get_by_role("link", name="DOC's commitments").click()
    expect(page).to_have_url(re.compile(r"\?org=DOC$"))
    expect(page.get_by_role("heading", level=2, name=re.compile("led by DOC"))).to_be_visible()
    doc_led = Commitment.objects.filter(pillar__plan=demo, leads__organization__short_name="DOC")
    expect(page.locator("table.commitments tbody tr")).to_have_count(doc_led.count())
    assert page.evaluate("window.__dashboardMarker") == "still here"
    session.screenshot("dashboard-doc-view")

    # The meeting picker: the plan as it stood at the meeting of 3 August 2025.
    page.get_by_label("As of").select_option("2025-08-03")
    expect(page).to_have_url(re.compile(r"as_of=2025-08-03"))
    heading = page.get_by_role("heading", name=re.compile("Status at the end of 3 August 2025"))
    expect(heading).to_be_visible()
    assert page.evaluate("window.__dashboardMarker") == "still here"
    # The organisation filter is kept.
    expect(page.get_by_label("Lead organisation", exact=True)).to_have_value("DOC")
    session.screenshot("dashboard-past-meeting")

    # Back to everyone, then the browser's back button restores the DOC view.
    page.get_by_role("link", name="All organisations").click()
    expect(page).to_have_url(re.compile(r"\?as_of=2025-08-03$"))
    assert page.evaluate("window.__dashboardMarker") == "still here"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "us-canada-2021_2025-08-03.csv"
    text = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == Commitment.objects.filter(pillar__plan=demo).count()

    page.get_by_role("link", name="Printable briefing").click()
    expect(page).to_have_url(re.compile(r"/briefing/\?as_of=2025-08-03$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Briefing")
    expect(page.locator(".briefing-stamp")).to_contain_text("Status as of 3 August 2025")
    session.screenshot("dashboard-briefing")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator(".briefing-footer")).to_be_visible()
    session.screenshot("dashboard-briefing-print")
    page.emulate_media(media="screen")

    assert session.problems == []
