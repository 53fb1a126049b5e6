"""`send_due_reminders` interrupted (Ctrl-C) in the middle of a batch: the rows it had
claimed but not tried go straight back to pending, the one on the wire stays `sending` for
the sweep, and a second run sends every reminder not yet accepted, once."""

from __future__ import annotations

import signal
import subprocess
import threading

from django.conf import settings

from meetings.models import Reminder
from tests import clock
from tests.meetings.conftest import (
    PYTHON,
    ROOT,
    add_officials,
    bring_checkin_due,
    process_env,
    run_sweep_command,
    states,
)
from workplan.models import Commitment

STOP_AT = 6  # the sixth message of the first batch of 25


def test_it_gives_back_the_rest_of_the_batch_when_interrupted(demo, smtp, transactional_db):
    meeting = bring_checkin_due(demo)
    add_officials(demo, 30, list(Commitment.objects.stale_for(meeting)[:1]))
    env = process_env(smtp_port=smtp.port)
    arrived, interrupted = threading.Event(), threading.Event()
    on_the_wire = []

    def interrupt_at_the_sixth(message) -> bool:
        if smtp.sink.count() < STOP_AT - 1 or on_the_wire:
            return True
        on_the_wire.append(int(message["X-Accord-Reminder"]))
        arrived.set()
        interrupted.wait(20)  # the sender is waiting for this reply
        return False

    smtp.sink.before_accept = interrupt_at_the_sixth
    sender = subprocess.Popen(
        [PYTHON, "manage.py", "send_due_reminders"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell that starts the suite in the background ignores SIGINT for it, and so
        # would this child (Python then never raises KeyboardInterrupt): Ctrl-C as at a
        # terminal, whoever runs the suite.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert arrived.wait(60), sender.communicate(timeout=10)
        sender.send_signal(signal.SIGINT)
        _, stderr = sender.communicate(timeout=30)
    finally:
        interrupted.set()
        if sender.poll() is None:
            sender.kill()
            sender.wait(10)

    assert sender.returncode != 0
    assert "KeyboardInterrupt" in stderr
    assert states() == {"sent": STOP_AT - 1, "sending": 1, "pending": 32 - STOP_AT}
    assert Reminder.objects.get(state="sending").pk == on_the_wire[0]
    assert set(Reminder.objects.filter(state="pending").values_list("attempts", flat=True)) == {0}

    smtp.sink.before_accept = None
    # Once the sending timeout has passed, the sweep takes back the sixth.
    again = run_sweep_command(clock.ahead(env, settings.REMINDER_SENDING_TIMEOUT_SECONDS + 1))

    assert again.returncode == 0, again.stderr
    assert "requeued=1" in again.stdout
    assert states() == {"sent": 32}
    assert smtp.sink.count() == 32
    assert set(smtp.sink.per_reminder().values()) == {1}
