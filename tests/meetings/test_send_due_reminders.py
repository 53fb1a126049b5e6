"""`manage.py send_due_reminders`: the sweep in-process. Officials get one email listing
their stale commitments, in their language and time zone; after the deadline, the plan's
staff get the digest; a second run sends nothing more."""

from __future__ import annotations

import io
import zoneinfo

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from meetings import delivery, reminders
from meetings.models import Action, Reminder
from tests.meetings.conftest import bring_checkin_due
from workplan.models import Commitment


def run() -> str:
    out = io.StringIO()
    call_command("send_due_reminders", stdout=out)
    return out.getvalue()


def test_it_emails_each_stale_official_once_with_their_commitments(demo, us_official, ca_official):
    meeting = bring_checkin_due(demo)

    output = run()

    assert "created=2" in output and "sent=2" in output
    assert len(mail.outbox) == 2
    [us_mail] = [m for m in mail.outbox if m.to == [us_official.email]]
    mine = list(reminders.stale_commitments_for(meeting, us_official))
    assert mine
    for commitment in mine:
        assert f"{commitment.reference} {commitment.short_title}" in us_mail.body
        assert f"/commitments/{commitment.pk}/" in us_mail.body
        assert str(commitment.get_status_display()) in us_mail.body
    others = set(Commitment.objects.filter(pillar__plan=demo)) - set(mine)
    assert not any(f"{c.reference} {c.short_title}\n" in us_mail.body for c in others)
    assert us_mail.body.count(f"{settings.SITE_URL}/commitments/") == len(mine)
    html = us_mail.alternatives[0].content
    assert all(f'href="{settings.SITE_URL}/commitments/{c.pk}/"' in html for c in mine)
    assert us_mail.extra_headers["Message-ID"].startswith("<reminder-")

    assert run().startswith("created=0")
    assert len(mail.outbox) == 2


def test_it_writes_in_the_recipients_language_and_time_zone(demo, ca_official):
    ca_official.time_zone = "America/Vancouver"
    ca_official.save(update_fields=["time_zone"])
    meeting = bring_checkin_due(demo)

    run()

    [message] = [m for m in mail.outbox if m.to == [ca_official.email]]
    assert ca_official.language == "fr"
    assert "America/Vancouver" in message.body
    local = timezone.localtime(meeting.starts_at, timezone=zoneinfo.ZoneInfo("America/Vancouver"))
    with translation.override("fr"):
        expected = date_format(local, "DATETIME_FORMAT")  # e.g. "30 novembre 2026 07:00"
    assert f"{expected} (America/Vancouver)" in message.body
    assert '<html lang="fr">' in message.alternatives[0].content


def test_it_sends_nothing_to_an_official_whose_commitments_were_updated_meanwhile(
    demo, us_official
):
    meeting = bring_checkin_due(demo)
    result = reminders.sweep()
    for commitment in reminders.stale_commitments_for(meeting, us_official):
        commitment.record_status(
            author=us_official,
            status=commitment.status,
            expected_version=commitment.version,
            note="Checked in.",
        )

    delivery.deliver_all(result.due)

    assert all(m.to != [us_official.email] for m in mail.outbox)
    assert Reminder.objects.get(recipient=us_official).state == Reminder.State.SKIPPED
    # Everyone else is emailed if, and only if, something of theirs is still stale or an
    # action of theirs is due (the demo leaves one overdue).
    still_owed = {
        r.recipient.email
        for r in Reminder.objects.select_related("recipient")
        if reminders.stale_commitments_for(meeting, r.recipient).exists()
        or Action.objects.owed_for(meeting).filter(owner=r.recipient).exists()
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(still_owed)


def test_it_sends_the_staff_digest_after_the_deadline(demo, staff, us_official):
    meeting = bring_checkin_due(demo, days_to_deadline=-1)
    stale = list(Commitment.objects.stale_for(meeting))

    output = run()

    assert "sent=1" in output
    [digest] = mail.outbox
    assert digest.to == [staff.email]
    open_count = Commitment.objects.filter(pillar__plan=demo).open().count()
    assert f"{open_count - len(stale)} of {open_count}" in digest.body
    for commitment in stale:
        assert f"{commitment.reference} {commitment.short_title}" in digest.body
    assert "/plans/us-canada-2021/" in digest.body
    assert Reminder.objects.get().kind == "digest"
    # No official reminder once the deadline has passed.
    assert not Reminder.objects.filter(recipient=us_official).exists()


def test_it_leaves_cancelled_meetings_alone(demo):
    meeting = bring_checkin_due(demo)
    meeting.state = meeting.State.CANCELLED
    meeting.save(update_fields=["state"])

    assert run().startswith("created=0")
    assert mail.outbox == []
