"""Redis stopped while reminders fall due, then started again: nothing is lost, because
the rows in PostgreSQL, not the messages in Redis, say what is owed."""

from __future__ import annotations

from meetings.models import Reminder
from tests.meetings.conftest import (
    bring_checkin_due,
    process_env,
    run_sweep_command,
    states,
    wait_for,
)


def test_it_sends_every_reminder_once_redis_is_back(
    demo, us_official, ca_official, smtp, own_redis, start_worker
):
    env = process_env(smtp_port=smtp.port, redis_url=own_redis.url)
    start_worker(env)
    own_redis.stop()

    bring_checkin_due(demo)
    down = run_sweep_command(env, "--enqueue")

    assert down.returncode == 0, down.stderr
    assert "broker unreachable" in down.stderr
    assert states() == {"pending": 2}
    assert smtp.sink.count() == 0

    own_redis.start()
    up = run_sweep_command(env, "--enqueue")

    assert up.returncode == 0, up.stderr
    assert "enqueued=2" in up.stdout
    assert wait_for(lambda: states() == {"sent": 2}, timeout=60), states()
    assert wait_for(lambda: smtp.sink.count() == 2, timeout=10)
    assert sorted(m["To"] for m in smtp.sink.messages) == sorted(
        [us_official.email, ca_official.email]
    )
    assert set(smtp.sink.per_reminder()) == set(Reminder.objects.values_list("pk", flat=True))
