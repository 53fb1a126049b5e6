"""Reminder throughput: plan and send reminders for N officials (5 stale commitments each)
to a local SMTP sink, through one Celery worker process, and report messages per second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/bench_reminders.py \\
        [--officials 2000] [--concurrency 4] [--sync]

The database is migrated and the bench plan (slug "bench") rebuilt on every run; the rest
of the database is left alone. --sync sends in this process instead (send_due_reminders).
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-" + "x" * 40)
os.environ.setdefault("DEBUG", "1")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
os.environ["EMAIL_HOST"] = "127.0.0.1"


class Sink:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def spare_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(officials: int, per_official: int) -> None:
    from django.utils import timezone

    from meetings.models import Meeting
    from workplan.models import Commitment, Organization, Pillar, User, WorkPlan

    WorkPlan.objects.filter(slug="bench").delete()
    User.objects.filter(username__startswith="bench-").delete()
    organization, _ = Organization.objects.get_or_create(
        short_name="BENCH", defaults={"name": "Bench department", "country_code": "US"}
    )
    now = timezone.now()
    plan = WorkPlan.objects.create(
        title="Bench plan", slug="bench", started_on=(now - datetime.timedelta(days=100)).date()
    )
    plan.parties.add(organization)
    pillar = Pillar.objects.create(plan=plan, position=1, title="Bench pillar")
    commitments = Commitment.objects.bulk_create(
        Commitment(pillar=pillar, position=i + 1, text=f"Commitment {i}", short_title=f"C{i}")
        for i in range(400)
    )
    users = User.objects.bulk_create(
        User(
            username=f"bench-{i:05d}",
            email=f"bench-{i:05d}@example.org",
            organization=organization,
            role=User.Role.OFFICIAL,
            password="!",  # noqa: S106 — unusable password: bench users never log in
        )
        for i in range(officials)
    )
    through = Commitment.owners.through
    through.objects.bulk_create(
        (
            through(commitment_id=commitments[(i * per_official + k) % 400].pk, user_id=user.pk)
            for i, user in enumerate(users)
            for k in range(per_official)
        ),
        batch_size=5000,
    )
    Meeting.objects.create(
        plan=plan, starts_at=now - datetime.timedelta(days=80), state=Meeting.State.HELD
    )
    Meeting.objects.create(plan=plan, starts_at=now + datetime.timedelta(days=8))


def queries_per_message() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings import reminders
    from meetings.models import Reminder

    pk = Reminder.objects.filter(meeting__plan__slug="bench", state="pending").first().pk
    with CaptureQueriesContext(connection) as context:
        reminders.deliver(pk)
    reminders.close_mailer()
    return len(context)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=2000)
    parser.add_argument("--per-official", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--sync", action="store_true")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    sink = Sink()
    port = spare_port()
    os.environ["EMAIL_PORT"] = str(port)
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()

    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app
    from meetings import reminders
    from meetings.models import Reminder
    from meetings.tasks import enqueue

    call_command("migrate", verbosity=0)
    build(args.officials, args.per_official)
    total = args.officials
    print(f"{total} officials x {args.per_official} stale commitments, SMTP sink :{port}")

    worker = None
    try:
        if not args.sync:
            app.control.purge()
            log = open(ROOT / "var" / "bench-worker.log", "wb")  # noqa: SIM115
            worker = subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/celery"),
                    "-A",
                    "config",
                    "worker",
                    "--pool=prefork",
                    f"--concurrency={args.concurrency}",
                    "-l",
                    "warning",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=os.environ | {"LOG_LEVEL": "WARNING"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            time.sleep(6)  # worker boot; not part of the measurement

        started = time.monotonic()
        result = reminders.sweep(enqueue=None if args.sync else enqueue)
        planned = time.monotonic()
        print(
            f"planned {result.created} rows and handed over {len(result.due)} "
            f"in {planned - started:.2f} s"
        )
        if args.sync:
            reminders.deliver_all(result.due)
        deadline = time.monotonic() + 600
        while sink.count < total and time.monotonic() < deadline:
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        sent = Reminder.objects.filter(meeting__plan__slug="bench", state="sent").count()
        rate = sink.count / elapsed
        print(f"SMTP sink received {sink.count} messages, {sent} rows sent, in {elapsed:.2f} s")
        print(f"  {rate:.0f} messages/s end to end (planning included)")
        print(f"  10,000 messages would take about {10_000 / rate:.0f} s at this rate")
    finally:
        if worker is not None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                # A warm shutdown can hang on the folder/Redis connection; the work is done.
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        controller.stop()

    # One more row, sent here with the queries counted.
    Reminder.objects.filter(meeting__plan__slug="bench").update(state="pending", sent_at=None)
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        print(f"SQL queries per message: {queries_per_message()}")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
