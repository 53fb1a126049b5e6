"""Workers killed in the middle of a batch of 200 — the whole worker, one pool child, or
the main process alone — and sweeps that race: every reminder ends
`sent` and the SMTP server accepted each one exactly once.

The kills come from inside the SMTP server, while a sender is waiting for the reply to its
DATA, so that message is never accepted and that row, with the rest of its batch (claimed,
never sent), is left in `sending`: the stuck rows the sweep must recover. The server waits
for every message it has accepted to be marked sent before it kills, and refuses what
reaches it from a killed sender afterwards: a message whose sender died after handing it
over, before the server's reply, is the one window no SMTP client can close (see
meetings/delivery.py and test_fence.py).
"""

from __future__ import annotations

import datetime
import os
import signal
import uuid

from django.conf import settings
from django.db import connection
from django.utils import timezone

from meetings import delivery, reminders
from meetings.models import Reminder
from meetings.tasks import enqueue
from tests.meetings.conftest import (
    add_officials,
    after_sending_timeout,
    bring_checkin_due,
    pid_of_sender,
    process_env,
    states,
    sweeps_at_once,
    wait_for,
)
from workplan.models import Commitment

KILL_AT = 60


def two_hundred_due(demo) -> None:
    meeting = bring_checkin_due(demo)
    add_officials(demo, 198, list(Commitment.objects.stale_for(meeting)[:1]))


def kill_when_settled(smtp, kill) -> callable:
    """A before_accept hook: at the KILL_AT-th message, once the accepted ones are all
    marked sent, call `kill(message)` and refuse that message; what the killed sender had
    already sent is refused while `refusing` is set."""
    killed: list[int] = []

    def hook(message) -> bool:
        if killed:
            return not hook.refusing(message)
        if smtp.sink.count() < KILL_AT:
            return True
        try:
            accepted = smtp.sink.count()
            ready = wait_for(lambda: Reminder.objects.filter(state="sent").count() >= accepted, 20)
        finally:
            connection.close()
        if not ready:
            return True  # not a safe moment after all: try at the next message
        kill(message)
        killed.append(int(message["X-Accord-Reminder"]))
        return False

    hook.killed = killed
    hook.refusing = lambda message: False
    return hook


def start_and_kill_at_the_sixtieth(demo, smtp, start_worker, kill_how: str):
    """200 reminders due, a worker sending them, and the server set to kill it (`kill_how`:
    a Worker method) at the KILL_AT-th message, then refuse what its dying children had
    already handed over, until the test says otherwise."""
    two_hundred_due(demo)
    env = process_env(smtp_port=smtp.port)
    worker = start_worker(env)
    hook = kill_when_settled(smtp, lambda message: getattr(worker, kill_how)())
    hook.refusing = lambda message: True
    smtp.sink.before_accept = hook
    return env, worker, hook


def stuck_rows_settle() -> dict:
    """Wait until nothing moves: no row pending, the rest sent or stuck in `sending`."""
    last: dict = {}

    def still() -> bool:
        nonlocal last
        now = states()
        same, last = now == last, now
        return same and "pending" not in now

    assert wait_for(still, timeout=120, every=1), last
    return last


def assert_each_sent_once(smtp) -> None:
    assert wait_for(lambda: states() == {"sent": 200}, timeout=120), states()
    assert wait_for(lambda: smtp.sink.count() >= 200, timeout=10)
    per_reminder = smtp.sink.per_reminder()
    assert len(per_reminder) == 200
    assert max(per_reminder.values()) == 1, [k for k, v in per_reminder.items() if v > 1]


def test_it_sends_each_of_200_reminders_once_across_a_killed_worker(
    demo, smtp, start_worker, purged_queue
):
    # Both pool children die with the main process: whatever else reaches the server
    # before the restart was handed over by a dead sender.
    env, worker, hook = start_and_kill_at_the_sixtieth(demo, smtp, start_worker, "kill")

    first = reminders.sweep(enqueue=enqueue)
    assert first.created == len(first.due) == 200
    assert wait_for(lambda: bool(hook.killed), timeout=120), states()
    assert worker.process.poll() is not None
    after_kill = states()
    assert after_kill["sent"] >= KILL_AT
    assert after_kill["pending"] > 0
    assert Reminder.objects.get(pk=hook.killed[0]).state == "sending"

    # Once the sending timeout has passed, the next sweep puts the dead worker's rows back.
    second = reminders.sweep(enqueue=enqueue, now=after_sending_timeout())
    assert second.requeued == after_kill["sending"]
    hook.refusing = lambda message: False
    start_worker(env)

    assert_each_sent_once(smtp)
    assert Reminder.objects.get(pk=hook.killed[0]).attempts == 2


def test_it_sends_each_once_when_a_pool_child_is_killed(demo, smtp, start_worker, purged_queue):
    two_hundred_due(demo)
    worker = start_worker(process_env(smtp_port=smtp.port))
    children_before = worker.pool_children()
    victims: list[int] = []

    def kill_the_sender(message) -> None:
        victims.append(pid_of_sender(message.peer, smtp.port, worker.pool_children()))
        os.kill(victims[0], signal.SIGKILL)

    hook = kill_when_settled(smtp, kill_the_sender)
    smtp.sink.before_accept = hook
    reminders.sweep(enqueue=enqueue)
    assert wait_for(lambda: bool(hook.killed), timeout=120), states()

    # The main process lives on and replaces the child; the dead child's task comes back
    # (reject on worker lost) and finds its rows claimed; the other child goes on sending.
    assert worker.process.poll() is None
    assert victims[0] in children_before
    assert wait_for(
        lambda: victims[0] not in worker.pool_children() and len(worker.pool_children()) == 2,
        timeout=30,
    )
    stuck = stuck_rows_settle()
    assert Reminder.objects.get(pk=hook.killed[0]).state == "sending"
    assert 0 < stuck["sending"] <= 25

    swept = reminders.sweep(enqueue=enqueue, now=after_sending_timeout())
    assert swept.requeued == stuck["sending"]
    assert_each_sent_once(smtp)


def test_it_sends_each_once_when_only_the_main_process_is_killed(
    demo, smtp, start_worker, purged_queue
):
    # Celery's prefork pool asks the kernel to SIGKILL each child when the main process dies
    # (PR_SET_PDEATHSIG), so the children outlive it by a moment only: what reaches the
    # server after the kill was handed over by a sender that is dying or dead.
    env, worker, hook = start_and_kill_at_the_sixtieth(
        demo, smtp, start_worker, "kill_main_process"
    )
    reminders.sweep(enqueue=enqueue)
    assert wait_for(lambda: bool(hook.killed), timeout=120), states()
    assert wait_for(worker.is_gone, timeout=60)
    stuck_rows = Reminder.objects.filter(state="sending").count()
    assert stuck_rows > 0

    # The sweep and a new worker send the rest: the rows the children held, and every
    # batch the dead main process had reserved from the broker but never handed over.
    swept = reminders.sweep(enqueue=enqueue, now=after_sending_timeout())
    assert swept.requeued == stuck_rows
    hook.refusing = lambda message: False
    start_worker(env)
    assert_each_sent_once(smtp)


def test_it_takes_each_stuck_row_back_once_when_two_sweeps_race(
    demo, smtp, start_worker, purged_queue
):
    two_hundred_due(demo)
    ids = reminders.sweep().due
    # 200 rows claimed, longer ago than the sending timeout, by a sender that then died.
    timeout = datetime.timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS)
    delivery.claim(ids, timezone.now() - timeout - datetime.timedelta(seconds=1), uuid.uuid4())
    assert states() == {"sending": 200}
    start_worker(process_env(smtp_port=smtp.port))

    results = sweeps_at_once()

    # Each row taken back by one of them; both hand over the due ids, and each row is
    # claimed by one task.
    assert sum(result.requeued for result in results) == 200
    assert_each_sent_once(smtp)
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {2}
