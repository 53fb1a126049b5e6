"""Reminder throughput: plan and send reminders for N officials (5 stale commitments each)
to a local SMTP sink, through one Celery worker (one `celery worker` process tree, with
--concurrency pool processes: 2 by default, as docker-compose.yml and scripts/run.sh run
it), and report messages per second, the worker's CPU time per message and the SQL queries
per message and per batch. The target: 10,000 emails in 60 s or less.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/bench_reminders.py \\
        [--officials 10000] [--concurrency 2] [--sync]

The database is migrated and the bench plan (slug "bench") rebuilt on every run; the rest
of the database is left alone. --sync sends in this process instead (send_due_reminders).
The SMTP sink runs in this process, on the same machine: its CPU time is reported apart.
"""

from __future__ import annotations

import argparse
import datetime
import logging
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


def queries_per_batch_of(size: int) -> int:
    """Queries to send `size` pending bench reminders in one batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings import delivery
    from meetings.models import Reminder

    pending = Reminder.objects.filter(meeting__plan__slug="bench", state="pending")
    ids = list(pending.values_list("pk", flat=True)[:size])
    with CaptureQueriesContext(connection) as context:
        result = delivery.deliver_batch(ids)
    delivery.close_mailer()
    assert result.counts == {"sent": size}, result.counts
    return len(context)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live descendants (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending += [int(child) for child in children]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=10_000)
    parser.add_argument("--per-official", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=2)
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
    # The sink's own per-command INFO lines would cost this process more than the sink does.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    from config.celery import app
    from meetings import delivery, reminders
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
                    "info",
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
            # Worker boot is not part of the measurement.
            ready = time.monotonic() + 90
            while b"ready." not in (ROOT / "var" / "bench-worker.log").read_bytes():
                if worker.poll() is not None or time.monotonic() > ready:
                    raise SystemExit("the worker did not start: see var/bench-worker.log")
                time.sleep(0.1)

        worker_cpu = cpu_seconds(worker.pid) if worker is not None else 0.0
        own_cpu = time.process_time()
        started = time.monotonic()
        result = reminders.sweep(enqueue=None if args.sync else enqueue)
        planned = time.monotonic()
        print(
            f"planned {result.created} rows and handed over {len(result.due)} "
            f"in {planned - started:.2f} s"
        )
        if args.sync:
            delivery.deliver_all(result.due)
        deadline = time.monotonic() + 600
        while sink.count < total and time.monotonic() < deadline:
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        own_cpu = time.process_time() - own_cpu
        if worker is not None:
            worker_cpu = cpu_seconds(worker.pid) - worker_cpu
        # A row is marked sent just after the server accepts its message: let the last settle.
        sent_rows = Reminder.objects.filter(meeting__plan__slug="bench", state="sent")
        settle = time.monotonic() + 10
        while sent_rows.count() < sink.count and time.monotonic() < settle:
            time.sleep(0.05)
        sent = sent_rows.count()
        rate = sink.count / elapsed
        print(f"SMTP sink received {sink.count} messages, {sent} rows sent, in {elapsed:.2f} s")
        print(f"  {rate:.0f} messages/s end to end (planning included)")
        if total != 10_000:
            print(f"  10,000 messages would take about {10_000 / rate:.0f} s at this rate")
        else:
            verdict = "met" if elapsed <= 60 and sink.count == total else "NOT met"
            print(f"  target (10,000 in 60 s or less): {verdict}")
        if worker is not None:
            print(
                f"  worker CPU {worker_cpu:.1f} s = {1000 * worker_cpu / max(sink.count, 1):.2f} ms"
                f" per message (concurrency {args.concurrency})"
            )
        print(
            f"  this process (sweep, SMTP sink{', sending' if args.sync else ''}) CPU"
            f" {own_cpu:.1f} s = {1000 * own_cpu / max(sink.count, 1):.2f} ms per message"
        )
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

    # A batch of one and a full batch, sent here with the queries counted.
    Reminder.objects.filter(meeting__plan__slug="bench").update(
        state="pending", sent_at=None, claimed_at=None
    )
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        size = settings.REMINDER_BATCH_SIZE
        one, full = queries_per_batch_of(1), queries_per_batch_of(size)
    finally:
        controller.stop()
    per_message = (full - one) / (size - 1)
    print(
        f"SQL queries: {one} to send one reminder, {full} for a batch of {size}: "
        f"{one - per_message:g} per batch + {per_message:g} per message "
        f"({full / size:.2f} per message in full batches)"
    )


if __name__ == "__main__":
    main()
