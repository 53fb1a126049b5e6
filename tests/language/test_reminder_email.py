"""A reminder email lists the plan and its commitments in the recipient's language, in
both parts: the HTML marks the English standing in for French, the text says so in words."""

from __future__ import annotations

import io

from django.core import mail
from django.core.management import call_command
from django.utils.html import escape

from meetings import reminders
from tests.language.conftest import PLAN_FR, give_french, short_title_fr, without_french
from tests.meetings.conftest import bring_checkin_due
from workplan.models import Commitment


def send() -> None:
    call_command("send_due_reminders", stdout=io.StringIO())


def message_to(user):
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    return message.body, message.alternatives[0].content


def test_it_writes_a_french_recipients_reminder_in_french(demo, ca_official):
    give_french(demo)
    meeting = bring_checkin_due(demo)
    # A second stale commitment of theirs, so that one reads in French and one does not.
    theirs = set(reminders.stale_commitments_for(meeting, ca_official))
    Commitment.objects.stale_for(meeting).exclude(pk__in=[c.pk for c in theirs]).first().owners.add(
        ca_official
    )
    stale = list(reminders.stale_commitments_for(meeting, ca_official))
    assert len(stale) == len(theirs) + 1
    blank = without_french(stale[0])

    send()

    text, html = message_to(ca_official)
    assert ca_official.language == "fr"
    assert PLAN_FR in text  # plain text: no escaping, no markup
    assert escape(PLAN_FR) in html
    for commitment in stale[1:]:
        assert f"{commitment.reference} {short_title_fr(commitment)}\n" in text
        assert f"<td>{commitment.reference} {escape(short_title_fr(commitment))}</td>" in html
        assert commitment.short_title not in text
    assert f"{blank.reference} {blank.short_title} (" in text
    assert text.count(blank.short_title) == 1
    assert "<span" not in text and "&amp;" not in text
    assert f'{blank.reference} <span lang="en">{escape(blank.short_title)}</span> <em>(' in html


def test_it_writes_an_english_recipients_reminder_in_english(demo, us_official):
    give_french(demo)
    meeting = bring_checkin_due(demo)
    stale = list(reminders.stale_commitments_for(meeting, us_official))
    assert stale

    send()

    text, html = message_to(us_official)
    assert demo.title in text
    for commitment in stale:
        assert f"{commitment.reference} {commitment.short_title}\n" in text
        assert f"<td>{commitment.reference} {escape(commitment.short_title)}</td>" in html
    assert PLAN_FR not in text
    assert "minéraux" not in text
    assert '<span lang="en">' not in html
