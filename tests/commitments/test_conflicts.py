"""Two officials editing the same commitment never silently overwrite each other."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, StatusUpdate, User
from workplan.status import Status

HTMX = {"HX-Request": "true"}


def open_form(client: Client, commitment: Commitment, **headers) -> int:
    """The version the form was opened at, read from the form as the browser would."""
    body = client.get(reverse("commitment_status", args=[commitment.pk]), headers=headers)
    return int(body.content.decode().split('name="version" value="')[1].split('"')[0])


def test_it_refuses_the_second_save_and_shows_who_changed_what_keeping_the_draft(
    demo, ca_official, admin_user
):
    commitment = commitment_led_only_by(demo, "ISED")
    camille, sam = client_for(ca_official), client_for(admin_user)
    url = reverse("commitment_status", args=[commitment.pk])
    camille_version = open_form(camille, commitment, **HTMX)
    sam_version = open_form(sam, commitment, **HTMX)

    first = sam.post(
        url,
        {"status": Status.COMPLETED, "note": "Signed today.", "version": sam_version},
        headers=HTMX,
    )
    second = camille.post(
        url,
        {
            "status": Status.CHALLENGES,
            "note": "My careful draft",
            "evidence_url": "https://example.org/draft",
            "version": camille_version,
        },
        headers=HTMX,
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert second["HX-Retarget"] == f"#commitment-{commitment.pk}-form"
    body = second.content.decode()
    assert "This commitment was updated while you were editing" in body
    assert "Sam Rivera" in body and "Completed – fully" in body and "Signed today." in body
    assert "changed the status to “Completed – fully”" in body
    # The row above the form is brought up to date too (an htmx out-of-band swap).
    facts = body[body.index(f'id="commitment-{commitment.pk}-main" hx-swap-oob="true"') :]
    assert "Completed – fully" in facts and "Signed today." in facts
    assert "My careful draft" in body
    assert 'value="https://example.org/draft"' in body
    assert f'<option value="{Status.CHALLENGES}" selected>' in body
    assert f'name="version" value="{camille_version + 1}"' in body
    assert "Re-apply my update" in body
    commitment.refresh_from_db()
    assert commitment.status == Status.COMPLETED
    assert commitment.updates.first().note == "Signed today."

    # One click re-applies the draft, knowingly, at the new version.
    reapplied = camille.post(
        url,
        {
            "status": Status.CHALLENGES,
            "note": "My careful draft",
            "evidence_url": "https://example.org/draft",
            "version": camille_version + 1,
        },
        headers=HTMX,
    )
    assert reapplied.status_code == 200
    commitment.refresh_from_db()
    assert commitment.status == Status.CHALLENGES
    latest = commitment.updates.first()
    assert (latest.old_status, latest.author) == (Status.COMPLETED, ca_official)


def test_it_says_the_status_was_kept_when_the_other_update_only_added_a_note(
    demo, ca_official, admin_user
):
    commitment = commitment_led_only_by(demo, "ISED")
    url = reverse("commitment_status", args=[commitment.pk])
    version = commitment.version
    client_for(admin_user).post(
        url, {"status": commitment.status, "note": "Just a note.", "version": version}
    )

    response = client_for(ca_official).post(
        url, {"status": Status.ON_TRACK, "version": version}, headers=HTMX
    )

    body = response.content.decode()
    assert response.status_code == 409
    label = Status(commitment.status).label
    assert f"Sam Rivera (—) updated it and kept the status “{label}”" in body
    assert "changed the status" not in body


def test_it_shows_the_conflict_on_the_full_page_without_javascript(demo, ca_official, admin_user):
    commitment = commitment_led_only_by(demo, "ISED")
    url = reverse("commitment_status", args=[commitment.pk])
    version = commitment.version
    client_for(admin_user).post(url, {"status": Status.ON_TRACK, "version": version})

    response = client_for(ca_official).post(
        url, {"status": Status.NOT_PURSUED, "note": "Dropped by ministers", "version": version}
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "<html" in body
    assert "This commitment was updated while you were editing" in body
    assert "Dropped by ministers" in body
    assert f'name="version" value="{version + 1}"' in body


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_twenty_simultaneous_saves_win(transactional_db, demo):
    commitment = commitment_led_only_by(demo, "ISED")
    official = User.objects.get(username="ca-official")
    url = reverse("commitment_status", args=[commitment.pk])
    version = commitment.version
    history = StatusUpdate.objects.filter(commitment=commitment).count()
    clients = [client_for(official) for _ in range(20)]
    start = threading.Barrier(20)
    codes: list[int] = []
    errors: list[BaseException] = []

    def save(client: Client, index: int) -> None:
        try:
            start.wait()
            response = client.post(
                url,
                {"status": Status.ON_TRACK, "note": f"Attempt {index}", "version": version},
                headers=HTMX,
            )
            codes.append(response.status_code)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(c, i)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(codes) == [200] + [409] * 19
    commitment.refresh_from_db()
    assert commitment.version == version + 1
    assert StatusUpdate.objects.filter(commitment=commitment).count() == history + 1


def test_it_explains_a_conflict_on_a_commitment_that_has_no_history_yet(demo, ca_official):
    commitment = commitment_led_only_by(demo, "ISED")
    fresh = Commitment.objects.create(
        pillar=commitment.pillar, position=99, text="New.", short_title="New"
    )
    fresh.leads.create(organization=ca_official.organization)

    response = client_for(ca_official).post(
        reverse("commitment_status", args=[fresh.pk]),
        {"status": Status.ON_TRACK, "note": "Draft", "version": 7},
        headers=HTMX,
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "The commitment changed since you opened the form" in body
    assert 'name="version" value="1"' in body
    assert "Draft" in body
    assert fresh.updates.count() == 0
