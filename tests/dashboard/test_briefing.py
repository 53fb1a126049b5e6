from tests.conftest import client_for


def test_it_prints_a_briefing_stamped_with_the_date_on_every_page(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/briefing/?as_of=2025-08-03&org=ISED")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Briefing: U.S.–Canada work plan" in html
    # The stamp and footer are fixed boxes, which Chromium repeats on each printed page.
    assert html.count("Status as of 3 August 2025") == 2
    assert html.count("Prepared on ") == 2
    assert "led by ISED" in html
    # One sheet for the summary, one for the joint quarter, then one per pillar, each
    # starting a new page.
    assert html.count('<table class="print-sheet" role="presentation">') == 1 + 1 + 3
    assert {row.lead_names for row in response.context["board"].rows} <= {"ISED", "ISED, DOC"}
    assert "css/dashboard.css" in html
    assert "style=" not in html


def test_the_print_stylesheet_hides_navigation_and_breaks_pages_between_pillars(client):
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/dashboard.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    assert ".site-header" in print_rules and ".briefing-tools" in print_rules
    assert ".print-sheet + .print-sheet { break-before: page; }" in print_rules
    assert "position: fixed; top: 0" in print_rules
    assert "position: fixed; bottom: 0" in print_rules
