"""The sweep run twice, and two sweeps at once: each stale official gets one email per
kind, listing exactly their stale commitments; an official with nothing stale gets none."""

from __future__ import annotations

from django.utils import translation

from meetings import reminders
from meetings.models import Reminder
from meetings.tasks import enqueue
from tests.meetings.conftest import (
    bring_checkin_due,
    process_env,
    states,
    sweeps_at_once,
    text_of,
    wait_for,
)
from workplan.models import Commitment, User


def expected_for(meeting, user: User) -> set[str]:
    return {c.reference for c in reminders.stale_commitments_for(meeting, user)}


def test_it_sends_one_email_per_official_even_when_sweeps_repeat_and_overlap(
    demo, us_official, ca_official, smtp, start_worker, purged_queue
):
    meeting = bring_checkin_due(demo)
    # An official whose only commitment is up to date: no email for them.
    fresh_one = User.objects.create_user(
        "fresh-official",
        email="fresh@example.org",
        organization=us_official.organization,
        role=User.Role.OFFICIAL,
    )
    stale = list(Commitment.objects.stale_for(meeting))
    up_to_date = (
        Commitment.objects.filter(pillar__plan=demo).open().exclude(pk__in=[c.pk for c in stale])
    )
    up_to_date.first().owners.add(fresh_one)
    expected = {user.email: expected_for(meeting, user) for user in (us_official, ca_official)}
    assert all(expected.values())
    assert expected_for(meeting, fresh_one) == set()

    start_worker(process_env(smtp_port=smtp.port))

    # Twice in a row...
    reminders.sweep(enqueue=enqueue)
    reminders.sweep(enqueue=enqueue)

    # ...and two at once, each in its own thread and database connection.
    sweeps_at_once()

    assert Reminder.objects.count() == 2
    assert wait_for(lambda: states() == {"sent": 2}, timeout=60), states()
    assert wait_for(lambda: smtp.sink.count() >= 2, timeout=10)
    # A late duplicate task, if any were still queued, would have had time to misbehave.
    reminders.sweep(enqueue=enqueue)
    assert smtp.sink.count() == 2
    assert set(smtp.sink.per_reminder().values()) == {1}
    assert smtp.sink.to(fresh_one.email) == []
    for address, references in expected.items():
        [message] = smtp.sink.to(address)
        body = text_of(message)
        # Each email lists the short titles in its recipient's language.
        with translation.override(User.objects.get(email=address).language):
            titles = {c.reference: f"{c.reference} {c.localized('short_title')}" for c in stale}
        listed = {reference for reference, title in titles.items() if title in body}
        assert listed == references, (address, listed, references)
    assert all(r.kind == "3" and r.attempts == 1 for r in Reminder.objects.all())
