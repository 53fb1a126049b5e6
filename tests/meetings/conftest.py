"""The real things reminders run on: a Celery worker process on Redis, an SMTP server
(aiosmtpd, in this process), and, for fault tests, a redis-server of our own."""

from __future__ import annotations

import datetime
import email
import os
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from meetings.models import Meeting, Reminder
from tests.conftest import ROOT
from workplan.models import Commitment, CommitmentLead, Organization, User, WorkPlan

# The SMTP handler may call back into the ORM from aiosmtpd's thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CELERY = str(ROOT / ".venv" / "bin" / "celery")
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def spare_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate: Callable[[], bool], timeout: float = 30, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


# --- SMTP -------------------------------------------------------------------------------


class Sink:
    """Collects every accepted message. `before_accept`, if set, runs inside the SMTP
    transaction (the client is waiting for the reply) and may refuse the message."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.before_accept: Callable[[Message], bool] | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        message.peer = session.peer  # (host, port) of the sender's socket
        if self.before_accept is not None and not self.before_accept(message):
            return "451 Requested action aborted: try again later"
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def per_reminder(self) -> Counter:
        with self.lock:
            return Counter(int(m["X-Accord-Reminder"]) for m in self.messages)

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


class SMTPServer:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or spare_port()
        self.sink = Sink()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def text_of(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def html_of(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no html part")


# --- Redis of our own (fault tests) -------------------------------------------------------


class RedisServer:
    def __init__(self, tmp: Path) -> None:
        self.port = spare_port()
        self.tmp = tmp
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.is_up, timeout=10), "redis-server did not start"

    def is_up(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


# --- Celery worker ------------------------------------------------------------------------


def database_url() -> str:
    """The test database pytest-django created (test_<name>), for processes we start."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def process_env(*, smtp_port: int, redis_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "EMAIL_", "REMINDER_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url or os.environ["REDIS_URL"],
        SECRET_KEY="test-secret-key-" + "x" * 40,
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="https://accord.example.org",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="5",
        REMINDER_RETRY_BASE_SECONDS="0.5",
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, *, wait: bool = True) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    CELERY,
                    "-A",
                    "config",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=2",
                    "-l",
                    "info",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so teardown can end the pool children too.
                start_new_session=True,
            )
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        wait_for(
            lambda: (
                "ready." in self.log.read_text(errors="replace") or self.process.poll() is not None
            ),
            timeout=90,
        )
        assert "ready." in self.log.read_text(errors="replace"), self.log.read_text(
            errors="replace"
        )[-3000:]

    def kill(self) -> None:
        """SIGKILL, no warning: the main process and its pool children."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def kill_main_process(self) -> None:
        """SIGKILL the main process alone (the kernel then kills its pool children: Celery
        sets PR_SET_PDEATHSIG on them)."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def pool_children(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def is_gone(self) -> bool:
        """No process of the worker's group is left (pool children included)."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return True
        return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def start_worker(transactional_db, tmp_path) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def start(env: dict[str, str]) -> Worker:
        worker = Worker(env, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def purged_queue(transactional_db) -> None:
    """Our Redis db starts empty of reminder tasks left over by earlier runs."""
    from config.celery import app

    app.control.purge()


def pid_of_sender(peer: tuple[str, int], smtp_port: int, pids: list[int]) -> int:
    """Which of `pids` holds the client end of the SMTP connection from `peer`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == peer[1] and int(remote.split(":")[1], 16) == smtp_port:
            inodes.add(f"socket:[{inode}]")
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) in inodes:
                    return pid
            except OSError:
                continue  # closed while we looked
    raise LookupError(peer)


def sweeps_at_once(count: int = 2) -> list:
    """Run `count` sweeps at the same moment, each in its own thread and database
    connection, as two beats would; their results."""
    from meetings import reminders
    from meetings.tasks import enqueue

    start = threading.Barrier(count)
    results: list[reminders.SweepResult] = []

    def sweep() -> None:
        try:
            start.wait(10)
            results.append(reminders.sweep(enqueue=enqueue))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def after_sending_timeout() -> datetime.datetime:
    """A moment at which every claim made until now has run out (the sweep's view of a
    sender that died now, once REMINDER_SENDING_TIMEOUT_SECONDS have passed)."""
    return timezone.now() + datetime.timedelta(
        seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS + 1
    )


def run_sweep_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", "send_due_reminders", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Data -------------------------------------------------------------------------------


def bring_checkin_due(plan: WorkPlan, *, days_to_deadline: float = 1) -> Meeting:
    """Move the plan's next meeting so its check-in deadline is `days_to_deadline` away:
    with the default offsets (14, 3) the 3-day reminder is then due."""
    meeting = plan.meetings.filter(starts_at__gt=timezone.now()).earliest()
    meeting.starts_at = timezone.now() + datetime.timedelta(
        days=plan.checkin_offset_days + days_to_deadline
    )
    meeting.save(update_fields=["starts_at"])
    return meeting


def add_officials(plan: WorkPlan, count: int, owning: list[Commitment]) -> list[User]:
    organization = Organization.objects.get(short_name="DOC")
    users = User.objects.bulk_create(
        User(
            username=f"official-{index:04d}",
            email=f"official-{index:04d}@example.org",
            organization=organization,
            role=User.Role.OFFICIAL,
            password="!",
        )
        for index in range(count)
    )
    through = Commitment.owners.through
    through.objects.bulk_create(
        through(commitment_id=commitment.pk, user_id=user.pk)
        for user in users
        for commitment in owning
    )
    return users


def states() -> Counter:
    return Counter(Reminder.objects.values_list("state", flat=True))


def official(name: str, *, owns=(), leads=()) -> User:
    """An ISED official owning `owns` and a lead official of `leads`."""
    user = User.objects.create_user(
        name,
        email=f"{name}@example.org",
        organization=Organization.objects.get(short_name="ISED"),
        role=User.Role.OFFICIAL,
    )
    for commitment in owns:
        commitment.owners.add(user)
    for commitment in leads:
        lead, _ = CommitmentLead.objects.get_or_create(
            commitment=commitment, organization=user.organization
        )
        lead.officials.add(user)
    return user
