"""A sender that stalls in the middle of a batch until the sweep has taken its rows back:
its fence stops it sending any of them, and their new sender sends each once. If the stalled
one's message was already on the wire and the server accepts it — the window no design can
close — the recipient gets it twice, with the same Message-ID so it can be dropped."""

from __future__ import annotations

from django.db import connection

from meetings import reminders
from meetings.models import Reminder
from meetings.tasks import enqueue
from tests.meetings.conftest import (
    add_officials,
    after_sending_timeout,
    bring_checkin_due,
    process_env,
    states,
    wait_for,
)
from workplan.models import Commitment

STALL_AT = 5  # the fifth message of the only batch


def stall_and_sweep(smtp, *, accept_the_stalled_one: bool):
    """A before_accept hook: at the STALL_AT-th message, run the sweep as it would run once
    the sending timeout had passed, then refuse (or accept) the stalled sender's message."""
    stalled: list[int] = []

    def hook(message) -> bool:
        if stalled or smtp.sink.count() < STALL_AT - 1:
            return True
        stalled.append(int(message["X-Accord-Reminder"]))
        try:
            hook.swept = reminders.sweep(enqueue=enqueue, now=after_sending_timeout())
            if accept_the_stalled_one:
                # Accept only once the row's new sender holds it, as a slow server would.
                taken_over = Reminder.objects.filter(pk=stalled[0], state="sending")
                assert wait_for(taken_over.exists, timeout=20)
        finally:
            connection.close()
        return accept_the_stalled_one

    hook.stalled = stalled
    return hook


def thirty_sent_in_one_batch(demo, smtp, start_worker, settings, *, accept_the_stalled_one):
    """30 reminders handed over as one task, stalled at the STALL_AT-th, sent in the end."""
    hook = stall_and_sweep(smtp, accept_the_stalled_one=accept_the_stalled_one)
    smtp.sink.before_accept = hook
    settings.REMINDER_BATCH_SIZE = 50  # the sweep hands the 30 over as one task
    meeting = bring_checkin_due(demo)
    add_officials(demo, 28, list(Commitment.objects.stale_for(meeting)[:1]))
    worker = start_worker(process_env(smtp_port=smtp.port))
    first = reminders.sweep(enqueue=enqueue)
    assert first.created == 30
    assert wait_for(lambda: states() == {"sent": 30}, timeout=60), states()
    return worker, hook


def test_it_sends_nothing_from_a_sender_whose_rows_were_taken_back(
    demo, smtp, start_worker, purged_queue, settings
):
    worker, hook = thirty_sent_in_one_batch(
        demo, smtp, start_worker, settings, accept_the_stalled_one=False
    )

    assert hook.swept.requeued == 30 - (STALL_AT - 1)
    assert wait_for(lambda: smtp.sink.count() >= 30, timeout=10)
    assert set(smtp.sink.per_reminder().values()) == {1}
    assert len(smtp.sink.per_reminder()) == 30
    # The stalled batch: four sent before the stall, the other 26 left to their new sender.
    stalled_batch = "{'sent': 4, 'not_claimed': 26}"
    assert wait_for(lambda: stalled_batch in worker.log.read_text(), timeout=20), (
        worker.log.read_text()[-3000:]
    )
    assert Reminder.objects.get(pk=hook.stalled[0]).attempts == 2


def test_it_sends_a_message_twice_with_one_message_id_when_it_was_already_on_the_wire(
    demo, smtp, start_worker, purged_queue, settings
):
    worker, hook = thirty_sent_in_one_batch(
        demo, smtp, start_worker, settings, accept_the_stalled_one=True
    )

    assert wait_for(lambda: smtp.sink.count() >= 31, timeout=10)
    twice = [pk for pk, count in smtp.sink.per_reminder().items() if count > 1]
    assert twice == hook.stalled
    copies = [m for m in smtp.sink.messages if int(m["X-Accord-Reminder"]) == twice[0]]
    assert copies[0]["Message-ID"] == copies[1]["Message-ID"]
    assert copies[0]["Message-ID"].startswith(f"<reminder-{twice[0]}.")
    assert wait_for(lambda: "may get it twice" in worker.log.read_text(), timeout=20)
