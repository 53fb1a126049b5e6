"""An official files their party's quarterly check-in from the commitments page."""

from __future__ import annotations

from meetings.models import CheckIn
from tests.checkins.conftest import HTMX, checkin_url, file_for, form_data
from tests.conftest import client_for, last_meeting, next_meeting
from workplan.models import StatusUpdate
from workplan.status import Status


def test_it_opens_the_form_inline_with_the_confidence_definitions(canadian, ca_official, demo):
    response = client_for(ca_official).get(checkin_url(canadian), headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<form id="commitment-{canadian.pk}-form"')
    assert f'hx-post="{checkin_url(canadian)}"' in body
    assert "Delivery by the target date is likely" in body
    assert "Delivery by the target date is unlikely without a change" in body
    assert 'name="next_steps"' in body and 'name="evidence_links"' in body
    assert "Last quarter you planned:" in body
    assert "ISED’s check-in on" in body


def test_it_files_the_checkin_and_records_the_status_in_the_history(
    canadian, ca_official, ised, demo
):
    history = canadian.updates.count()

    response = client_for(ca_official).post(
        checkin_url(canadian),
        form_data(
            canadian,
            status=Status.CHALLENGES,
            confidence="low",
            note="Legal review is late.",
            evidence_links="https://www.canada.ca/a.html\n\n https://www.canada.ca/b.html ",
        ),
        headers=HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="commitment-{canadian.pk}"')
    assert "Check-in filed for the meeting of" in body
    checkin = CheckIn.objects.filter(commitment=canadian).latest("pk")
    assert checkin.meeting == next_meeting(demo)
    assert checkin.organization == ised
    assert checkin.author == ca_official
    assert (checkin.status, checkin.confidence) == (Status.CHALLENGES, "low")
    assert checkin.next_steps == "Circulate the draft guidance to both sides."
    assert checkin.evidence_links == [
        "https://www.canada.ca/a.html",
        "https://www.canada.ca/b.html",
    ]
    assert canadian.updates.count() == history + 1
    update = checkin.status_update
    assert (update.new_status, update.note) == (Status.CHALLENGES, "Legal review is late.")
    assert update.evidence_url == "https://www.canada.ca/a.html"
    canadian.refresh_from_db()
    assert canadian.status == Status.CHALLENGES


def test_it_shows_what_the_party_planned_last_quarter(canadian, ca_official, us_official, demo):
    previous = last_meeting(demo)
    # The demo's past quarters are signed: a later filing is a correction, and current.
    file_for(
        previous,
        canadian,
        ca_official,
        Status.ON_TRACK,
        next_steps="Publish the guide.",
        correction_reason="Next steps were left out.",
    )

    body = client_for(ca_official).get(checkin_url(canadian), headers=HTMX).content.decode()

    assert "Last quarter you planned:" in body
    assert "Publish the guide." in body


def test_it_reads_back_only_the_officials_own_party_plan(joint, ca_official, us_official, demo):
    previous = last_meeting(demo)
    file_for(
        previous,
        joint,
        us_official,
        Status.ON_TRACK,
        next_steps="U.S. plan: hold a summit.",
        correction_reason="Next steps were left out.",
    )

    us_body = client_for(us_official).get(checkin_url(joint), headers=HTMX).content.decode()
    ca_body = client_for(ca_official).get(checkin_url(joint), headers=HTMX).content.decode()

    assert "U.S. plan: hold a summit." in us_body
    assert "U.S. plan: hold a summit." not in ca_body


def test_it_shows_the_other_partys_filed_checkin(joint, ca_official, us_official, demo):
    file_for(next_meeting(demo), joint, us_official, Status.CHALLENGES)

    body = client_for(ca_official).get(checkin_url(joint), headers=HTMX).content.decode()

    assert "DOC filed on" in body
    assert "Underway – with challenges" in body


def test_it_refuses_a_checkin_without_next_steps_and_keeps_the_draft(canadian, ca_official):
    history, filed = StatusUpdate.objects.count(), CheckIn.objects.count()

    response = client_for(ca_official).post(
        checkin_url(canadian),
        form_data(canadian, next_steps="   ", note="A note worth keeping."),
        headers=HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 422
    assert "Next steps: say what your side will do before the next meeting." in body
    assert "A note worth keeping." in body
    assert response.headers["HX-Retarget"] == f"#commitment-{canadian.pk}-form"
    assert CheckIn.objects.count() == filed
    assert StatusUpdate.objects.count() == history


def test_it_refuses_a_link_that_is_not_a_web_address(canadian, ca_official):
    filed = CheckIn.objects.count()
    response = client_for(ca_official).post(
        checkin_url(canadian),
        form_data(canadian, evidence_links="https://www.canada.ca/ok\nftp://files.example/x"),
        headers=HTMX,
    )

    assert response.status_code == 422
    assert "“ftp://files.example/x” is not a web address" in response.content.decode()
    assert CheckIn.objects.count() == filed


def test_it_refuses_more_than_five_links(canadian, ca_official):
    links = "\n".join(f"https://www.canada.ca/{n}" for n in range(6))
    response = client_for(ca_official).post(
        checkin_url(canadian), form_data(canadian, evidence_links=links), headers=HTMX
    )

    assert response.status_code == 422
    assert "give at most 5, one per line (there are 6)" in response.content.decode()


def test_a_checkin_made_at_an_old_version_writes_nothing(canadian, ca_official, us_official):
    data = form_data(canadian)
    canadian.record_status(
        author=ca_official, status=Status.NOT_STARTED, expected_version=canadian.version
    )
    history, filed = StatusUpdate.objects.count(), CheckIn.objects.count()

    response = client_for(ca_official).post(checkin_url(canadian), data, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 409
    assert "This commitment was updated while you were editing" in body
    assert f'name="version" value="{canadian.version}"' in body  # the newer one
    assert CheckIn.objects.count() == filed
    assert StatusUpdate.objects.count() == history


def test_filing_again_makes_the_new_one_current_and_keeps_the_first(canadian, ca_official, demo):
    meeting = next_meeting(demo)
    first = file_for(meeting, canadian, ca_official, Status.ON_TRACK)
    second = file_for(meeting, canadian, ca_official, Status.CHALLENGES, note="Slipped.")

    current = CheckIn.objects.filter(commitment=canadian, meeting=meeting).current()
    assert list(current) == [second]
    assert CheckIn.objects.filter(pk=first.pk).exists()
    body = client_for(ca_official).get(checkin_url(canadian), headers=HTMX).content.decode()
    assert "filed your side’s check-in on" in body


def test_it_says_so_when_no_meeting_is_planned(canadian, ca_official, demo):
    demo.meetings.upcoming().update(state="cancelled")
    client = client_for(ca_official)
    before = CheckIn.objects.count()

    shown = client.get(checkin_url(canadian), headers=HTMX)
    filed = client.post(checkin_url(canadian), form_data(canadian), headers=HTMX)

    assert shown.status_code == 200
    assert "No meeting is planned" in shown.content.decode()
    assert filed.status_code == 409
    assert CheckIn.objects.count() == before


def test_it_works_without_javascript(canadian, ca_official, demo):
    client = client_for(ca_official)
    filed = CheckIn.objects.filter(commitment=canadian).count()

    page = client.get(checkin_url(canadian))
    response = client.post(checkin_url(canadian), form_data(canadian), follow=True)

    assert page.status_code == 200
    assert "<h1>Quarterly check-in</h1>" in page.content.decode()
    assert "hx-post" not in page.content.decode()
    assert response.redirect_chain[-1][0] == f"/commitments/{canadian.pk}/"
    assert "Check-in filed for the meeting of" in response.content.decode()
    assert CheckIn.objects.filter(commitment=canadian).count() == filed + 1
