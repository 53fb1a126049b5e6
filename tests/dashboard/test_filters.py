from tests.conftest import client_for
from workplan.models import Commitment


def shown_pks(response):
    return {row.commitment.pk for row in response.context["board"].rows}


def test_it_shows_one_partys_view(demo, staff, doc):
    response = client_for(staff).get("/plans/us-canada-2021/?org=DOC")

    expected = set(
        Commitment.objects.filter(pillar__plan=demo, leads__organization=doc).values_list(
            "pk", flat=True
        )
    )
    assert shown_pks(response) == expected
    assert len(expected) == 7  # 1.2, 1.3, 2.1, 2.3, 2.4, 3.1, 3.4
    # Counts and trend follow the filter too.
    board = response.context["board"]
    assert board.tally.total == 7
    assert all(point.tally.total == 7 for point in board.trend)


def test_it_combines_a_pillar_and_an_organisation(demo, staff, ised):
    response = client_for(staff).get("/plans/us-canada-2021/?pillar=3&org=ised")

    expected = set(
        Commitment.objects.filter(
            pillar__plan=demo, pillar__position=3, leads__organization=ised
        ).values_list("pk", flat=True)
    )
    assert shown_pks(response) == expected and len(expected) == 2  # 3.2, 3.3
    assert response.context["board"].filters.query() == "?org=ISED&pillar=3"


def test_it_names_an_unknown_filter_and_shows_everything(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/?org=NASA&pillar=7")

    html = response.content.decode()
    assert "Lead organisation “NASA” leads nothing in this plan: choose one of ISED, DOC" in html
    assert "Pillar “7” is not in this plan: give its number, one of 1, 2, 3" in html
    assert len(shown_pks(response)) == 11


def test_htmx_gets_only_the_content_and_links_keep_the_filters_in_the_url(demo, staff):
    response = client_for(staff).get(
        "/plans/us-canada-2021/?org=DOC&as_of=2025-08-03", headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "site-header" not in html
    assert html.lstrip().startswith('<div id="dashboard-content"')
    assert 'hx-push-url="true"' in html
    assert response["Vary"].count("HX-Request") == 1
    # Every filter link works without JavaScript too.
    assert (
        'href="/plans/us-canada-2021/?as_of=2025-08-03" '
        'hx-get="/plans/us-canada-2021/?as_of=2025-08-03"' in html
    )
    assert 'href="/plans/us-canada-2021/export.csv?as_of=2025-08-03&amp;org=DOC"' in html
    assert 'href="/plans/us-canada-2021/briefing/?as_of=2025-08-03&amp;org=DOC"' in html


def test_the_full_page_has_the_filter_form_working_without_javascript(demo, staff):
    html = client_for(staff).get("/plans/us-canada-2021/").content.decode()

    assert '<form class="filters" method="get" action="/plans/us-canada-2021/"' in html
    assert '<select id="filter-org" name="org">' in html
    assert '<option value="2025-08-03"' in html  # a past meeting in the picker
