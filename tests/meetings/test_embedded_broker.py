"""`make run` on a fresh machine: SQLite and kombu's filesystem broker, no Redis, no
PostgreSQL. A worker started that way really delivers a reminder (to the file mailer)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.meetings.conftest import PYTHON, Worker, wait_for

# A plan with two officials and a meeting whose 3-day reminder is due (smaller than the
# demo, which takes long to load into a fresh SQLite file).
MAKE_PLAN = """
import datetime
from django.utils import timezone
from meetings.models import Meeting
from workplan.models import *
now = timezone.now()
org = Organization.objects.create(name="Commerce", short_name="DOC", country_code="US")
start = now.date() - datetime.timedelta(days=100)
plan = WorkPlan.objects.create(title="Plan", slug="plan", started_on=start)
plan.parties.add(org)
pillar = Pillar.objects.create(plan=plan, position=1, title="Pillar")
commitment = Commitment.objects.create(pillar=pillar, position=1, text="Do.", short_title="Do")
lead = CommitmentLead.objects.create(commitment=commitment, organization=org)
for name in ("us-official", "ca-official"):
    user = User.objects.create_user(name, email=f"{name}@example.org", organization=org)
    lead.officials.add(user)
Meeting.objects.create(plan=plan, starts_at=now - datetime.timedelta(days=80), state="held")
Meeting.objects.create(plan=plan, starts_at=now + datetime.timedelta(days=8))
from django.core.management import call_command
call_command("send_due_reminders", "--enqueue")
"""


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_it_delivers_a_reminder_through_the_filesystem_broker(tmp_path: Path):
    mail_dir = tmp_path / "mail"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "EMAIL_", "REMINDER_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        ACCORD_VAR_DIR=str(tmp_path),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    for folder in ("broker/queue", "broker/control"):
        (tmp_path / folder).mkdir(parents=True)
    worker = Worker(env, tmp_path / "worker.log")
    worker.start(wait=False)  # it starts while the database is being made
    try:
        manage(env, "migrate", "--noinput", "-v0")
        output = manage(env, "shell", "-v", "0", "-c", MAKE_PLAN)
        assert "enqueued=2" in output
        worker.wait_ready()

        def delivered() -> str:
            return "".join(path.read_text() for path in mail_dir.glob("*.log"))

        def states() -> list:
            with sqlite3.connect(tmp_path / "accord.sqlite3") as database:
                return database.execute("SELECT state FROM meetings_reminder").fetchall()

        assert wait_for(lambda: delivered().count("X-Accord-Reminder:") == 2, timeout=60), (
            worker.log.read_text()[-3000:]
        )
        # The row is marked sent just after the message is handed over: stopping the worker
        # in between would leave it `sending` (the window the README describes).
        assert wait_for(lambda: states() == [("sent",), ("sent",)], timeout=30), states()
    finally:
        worker.stop()
    mail = delivered()
    assert "To: us-official@example.org" in mail
    assert "To: ca-official@example.org" in mail
