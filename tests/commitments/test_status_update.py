"""Officials update a commitment's status inline (htmx) or with a plain form (no JS)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, StatusUpdate
from workplan.status import Status

HTMX = {"HX-Request": "true"}


@pytest.fixture
def commitment(demo) -> Commitment:
    return commitment_led_only_by(demo, "ISED")


def status_url(commitment: Commitment) -> str:
    return reverse("commitment_status", args=[commitment.pk])


def post(client, commitment, htmx=True, **fields):
    data = {
        "status": Status.ON_TRACK,
        "note": "",
        "evidence_url": "",
        "target_date": "",
        "version": commitment.version,
        **fields,
    }
    return client.post(status_url(commitment), data, headers=HTMX if htmx else {})


def test_it_opens_the_inline_form_at_the_current_version(commitment, ca_official):
    response = client_for(ca_official).get(status_url(commitment), headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<form id="commitment-{commitment.pk}-form"')
    assert f'name="version" value="{commitment.version}"' in body
    assert f'hx-post="{status_url(commitment)}"' in body
    assert f'hx-target="#commitment-{commitment.pk}"' in body
    assert f'hx-get="{reverse("commitment_row", args=[commitment.pk])}"' in body  # Cancel
    assert f'<option value="{commitment.status}" selected>' in body


def test_it_updates_the_row_in_place_and_writes_the_history(commitment, ca_official, ised):
    before = commitment.version

    response = post(
        client_for(ca_official),
        commitment,
        status=Status.CHALLENGES,
        note="Awaiting legal review.",
        evidence_url="https://www.canada.ca/en/news.html",
        target_date="2027-06-30",
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="commitment-{commitment.pk}"')
    assert "Underway – with challenges" in body
    assert "Awaiting legal review." in body
    assert "<html" not in body
    commitment.refresh_from_db()
    assert commitment.status == Status.CHALLENGES
    assert commitment.version == before + 1
    assert commitment.target_date == datetime.date(2027, 6, 30)
    update = commitment.updates.first()
    assert update.author == ca_official
    assert update.organization == ised
    assert update.new_status == Status.CHALLENGES
    assert update.note == "Awaiting legal review."
    assert update.evidence_url == "https://www.canada.ca/en/news.html"


def test_it_works_without_javascript_with_a_redirect_and_a_message(commitment, ca_official):
    client = client_for(ca_official)

    page = client.get(status_url(commitment))
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert "hx-post" not in page.content.decode().split('class="status-form"')[1]

    response = post(client, commitment, htmx=False, status=Status.COMPLETED, note="Done.")

    assert response.status_code == 302
    assert response["Location"] == reverse("commitment", args=[commitment.pk])
    followed = client.get(response["Location"])
    assert "is now “Completed – fully”" in followed.content.decode()
    assert commitment.updates.first().note == "Done."


def test_it_keeps_the_row_update_link_working_without_javascript(commitment, ca_official):
    body = client_for(ca_official).get(reverse("commitments", args=["us-canada-2021"])).content
    row = body.decode().split(f'id="commitment-{commitment.pk}"')[1].split("</li>")[0]

    assert f'href="{status_url(commitment)}"' in row
    assert f'hx-get="{status_url(commitment)}"' in row


def test_it_restores_the_row_when_the_official_cancels(commitment, ca_official):
    response = client_for(ca_official).get(
        reverse("commitment_row", args=[commitment.pk]), headers=HTMX
    )

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<li id="commitment-{commitment.pk}"')
    assert "Update" in response.content.decode()


@pytest.mark.parametrize("status", [Status.CHALLENGES, Status.NOT_PURSUED])
def test_it_requires_a_note_for_statuses_that_need_one(commitment, ca_official, status):
    response = post(
        client_for(ca_official),
        commitment,
        status=status,
        note="   ",
        evidence_url="https://example.org/kept",
        target_date="2027-01-15",
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#commitment-{commitment.pk}-form"
    assert response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert "Progress note: explain why" in body
    assert f'id="c{commitment.pk}_note_error"' in body
    assert 'aria-invalid="true"' in body
    assert f'aria-describedby="c{commitment.pk}_note_helptext c{commitment.pk}_note_error"' in body
    # What the official typed is kept.
    assert 'value="https://example.org/kept"' in body
    assert 'value="2027-01-15"' in body
    assert f'<option value="{status}" selected>' in body
    assert not commitment.updates.filter(
        new_status=status, created_at__gte=timezone.now() - datetime.timedelta(minutes=1)
    ).exists()
    assert Commitment.objects.get(pk=commitment.pk).version == commitment.version


@pytest.mark.parametrize(
    "evidence", ["javascript:alert(1)", "ftp://files.example.org/report.pdf", "data:text/html,hi"]
)
def test_it_accepts_only_web_links_as_evidence(commitment, ca_official, evidence):
    count = StatusUpdate.objects.count()

    response = post(client_for(ca_official), commitment, evidence_url=evidence, note="Kept note")

    assert response.status_code == 422
    body = response.content.decode()
    assert "Evidence link: enter a web address starting with http:// or https://" in body
    assert "Kept note" in body
    assert StatusUpdate.objects.count() == count


def test_it_refuses_a_note_longer_than_5000_characters(commitment, ca_official):
    response = post(client_for(ca_official), commitment, note="x" * 5001)

    assert response.status_code == 422
    assert "Progress note: shorten it to 5000 characters or fewer (it has 5001)" in (
        response.content.decode()
    )
    assert post(client_for(ca_official), commitment, note="x" * 5000).status_code == 200


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("2021-11-02", "Target date: choose a date on or after the plan&#x27;s start"),
        ("2100-01-01", "Target date: choose a date before"),
        ("31/02/2027", "Target date: enter a date such as 2027-03-31."),
    ],
)
def test_it_refuses_target_dates_that_make_no_sense(commitment, ca_official, target, message):
    response = post(client_for(ca_official), commitment, target_date=target)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).version == commitment.version


@pytest.mark.parametrize(
    ("today", "last_accepted"),
    [
        (datetime.datetime(2027, 6, 15, 12, tzinfo=datetime.UTC), "2037-06-15"),
        # Ten years after a leap day there is no 29 February: the last day is the 28th.
        (datetime.datetime(2028, 2, 29, 17, tzinfo=datetime.UTC), "2038-02-28"),
    ],
)
def test_it_accepts_target_dates_up_to_ten_years_ahead(
    commitment, ca_official, today, last_accepted
):
    client = client_for(ca_official)
    day_after = datetime.date.fromisoformat(last_accepted) + datetime.timedelta(days=1)
    with time_machine.travel(today, tick=False):
        refused = post(client, commitment, target_date=day_after.isoformat())
        accepted = post(client, commitment, target_date=last_accepted)

    assert refused.status_code == 422
    assert "Target date: choose a date before" in refused.content.decode()
    assert accepted.status_code == 200
    commitment.refresh_from_db()
    assert commitment.target_date == datetime.date.fromisoformat(last_accepted)


def test_it_refuses_an_unknown_status_naming_the_field(commitment, ca_official):
    response = post(client_for(ca_official), commitment, status="done-ish")

    assert response.status_code == 422
    assert "Status: choose one of the statuses in the list." in response.content.decode()


def test_it_shows_errors_on_the_full_page_without_javascript(commitment, ca_official):
    response = post(client_for(ca_official), commitment, htmx=False, status=Status.NOT_PURSUED)

    assert response.status_code == 422
    body = response.content.decode()
    assert "<html" in body
    assert "Progress note: explain why" in body


def test_it_shows_html_in_notes_as_text(commitment, ca_official):
    client = client_for(ca_official)
    note = '<script>alert("owned")</script><b>bold</b>'

    row = post(client, commitment, note=note).content.decode()
    page = client.get(reverse("commitment", args=[commitment.pk])).content.decode()

    assert commitment.updates.first().note == note
    for body in (row, page):
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in body
