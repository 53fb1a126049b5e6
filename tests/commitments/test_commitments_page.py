"""The commitments list: grouped by pillar, own organisation first, filters in the URL."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment
from workplan.status import CLOSED_STATUSES, Status


def url(plan, **params) -> str:
    base = reverse("commitments", args=[plan.slug])
    if params:
        return base + "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return base


def refs(response) -> list[str]:
    return [commitment.reference for commitment in response.context["commitments"]]


def test_it_lands_officials_on_their_plans_commitments(demo, ca_official):
    response = client_for(ca_official).get("/")

    assert response.status_code == 302
    assert response["Location"] == url(demo)


def test_it_lists_every_commitment_grouped_by_pillar_with_status_leads_and_owners(
    demo, ca_official
):
    response = client_for(ca_official).get(url(demo))

    assert response.status_code == 200
    body = response.content.decode()
    assert len(response.context["commitments"]) == 11
    for pillar in demo.pillars.all():
        assert f">{pillar.position}. {pillar.title}</h2>" in body
    one_one = Commitment.objects.get(pillar__plan=demo, pillar__position=1, position=1)
    row = body.split(f'id="commitment-{one_one.pk}"')[1].split("</li>")[0]
    assert one_one.get_status_display() in row
    assert "ISED" in row
    assert "Camille Tremblay" in row  # 1.1 is owned by the Canadian official
    assert 'class="status status-' in row


def test_it_puts_the_officials_own_organisations_commitments_first_in_each_pillar(
    demo, ca_official, us_official
):
    canadian = refs(client_for(ca_official).get(url(demo)))
    american = refs(client_for(us_official).get(url(demo)))

    # Pillar 1: 1.1 ISED, 1.2 DOC, 1.3 both.
    assert canadian[:3] == ["1.1", "1.3", "1.2"]
    assert american[:3] == ["1.2", "1.3", "1.1"]
    # Pillars stay in order whatever the organisation.
    assert [ref.split(".")[0] for ref in canadian] == sorted(
        (ref.split(".")[0] for ref in canadian), key=int
    )


def test_it_offers_update_only_on_commitments_the_user_may_change(demo, ca_official, staff):
    ised_only = commitment_led_only_by(demo, "ISED")
    doc_only = commitment_led_only_by(demo, "DOC")
    status_url = reverse("commitment_status", args=[ised_only.pk])

    body = client_for(ca_official).get(url(demo)).content.decode()
    assert status_url in body
    assert reverse("commitment_status", args=[doc_only.pk]) not in body

    staff_body = client_for(staff).get(url(demo)).content.decode()
    assert "/status/" not in staff_body


def test_it_filters_by_pillar_status_lead_and_mine(demo, ca_official, doc):
    client = client_for(ca_official)
    pillar_two = demo.pillars.get(position=2)

    assert {ref[0] for ref in refs(client.get(url(demo, pillar=pillar_two.pk)))} == {"2"}
    on_track = refs(client.get(url(demo, status=Status.ON_TRACK)))
    assert sorted(on_track) == sorted(
        c.reference for c in Commitment.objects.filter(pillar__plan=demo, status=Status.ON_TRACK)
    )
    led_by_doc = refs(client.get(url(demo, lead=doc.pk)))
    assert sorted(led_by_doc) == ["1.2", "1.3", "2.1", "2.3", "2.4", "3.1", "3.4"]
    # ISED leads 1.1, 1.3, 2.2, 2.4, 3.2, 3.3; the Canadian official owns 1.1 and 2.2 too.
    assert sorted(refs(client.get(url(demo, mine="on")))) == [
        "1.1",
        "1.3",
        "2.2",
        "2.4",
        "3.2",
        "3.3",
    ]


def test_it_filters_commitments_not_updated_since_the_last_meeting(demo, ca_official):
    last = demo.meetings.past().order_by("-starts_at").first()
    # Still open (closed ones need no check-in) and not updated since the meeting began.
    expected = sorted(
        c.reference
        for c in Commitment.objects.filter(pillar__plan=demo).exclude(status__in=CLOSED_STATUSES)
        if not c.updates.filter(created_at__gte=last.starts_at).exists()
    )

    response = client_for(ca_official).get(url(demo, stale="on"))

    assert sorted(refs(response)) == expected
    assert 0 < len(expected) < 11
    assert response.context["stale_since"] == last.starts_at


def test_it_returns_only_the_list_to_htmx_and_keeps_the_filters_in_the_url(demo, ca_official):
    client = client_for(ca_official)

    fragment = client.get(url(demo, status=Status.COMPLETED), headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert body.lstrip().startswith('<div id="commitment-list"')
    assert "<html" not in body
    assert "HX-Request" in fragment["Vary"]

    # The same URL without htmx (a shared link, a reload) gives the whole page, filtered.
    page = client.get(url(demo, status=Status.COMPLETED))
    assert "<html" in page.content.decode()
    assert 'value="completed" selected' in page.content.decode()
    assert all(c.status == Status.COMPLETED for c in page.context["commitments"])

    # The back button asks htmx to restore history: that needs the whole page.
    restored = client.get(
        url(demo, status=Status.COMPLETED),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()


def test_it_wires_the_filters_for_htmx_and_for_browsers_without_javascript(demo, ca_official):
    body = client_for(ca_official).get(url(demo)).content.decode()
    form = body.split('<form class="filters"')[1].split("</form>")[0]

    assert 'method="get"' in form
    assert 'hx-trigger="change, submit"' in form
    assert 'hx-target="#commitment-list"' in form
    assert 'hx-push-url="true"' in form
    assert 'type="submit"' in form


def test_it_ignores_filter_values_that_are_not_in_the_plan(demo, ca_official, other_plan):
    foreign_pillar = other_plan.pillars.get()

    response = client_for(ca_official).get(url(demo, pillar=foreign_pillar.pk, status="bogus"))

    assert response.status_code == 200
    assert len(response.context["commitments"]) == 11


def test_it_shows_the_last_update_date_of_each_commitment(demo, ca_official):
    commitment = commitment_led_only_by(demo, "ISED")
    moment = timezone.now() - datetime.timedelta(minutes=5)
    commitment.record_status(
        author=ca_official,
        status=Status.ON_TRACK,
        expected_version=commitment.version,
        note="Fresh note",
        at=moment,
    )

    response = client_for(ca_official).get(url(demo))

    row = next(c for c in response.context["commitments"] if c.pk == commitment.pk)
    assert row.last_update_at == moment
    assert "Fresh note" in response.content.decode()
