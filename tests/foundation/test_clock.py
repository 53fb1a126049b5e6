"""The suite's clock (tests/clock.py) reaches the processes a test starts, so a Celery worker
or a management command sees the same "now" as the test that started it."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

from django.utils import timezone

from tests import clock
from tests.conftest import ROOT

PRINT_NOW = "import datetime; print(datetime.datetime.now(datetime.UTC).isoformat())"


def now_in_child(env: dict[str, str]) -> datetime.datetime:
    out = subprocess.run(
        [sys.executable, "-c", PRINT_NOW], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return datetime.datetime.fromisoformat(out.stdout.strip())


def test_a_child_process_reads_the_tests_clock():
    assert abs(now_in_child(dict(os.environ)) - timezone.now()) < datetime.timedelta(minutes=1)


def test_a_child_process_can_be_sent_ahead():
    later = now_in_child(clock.ahead(dict(os.environ), 86_400))

    assert abs(later - timezone.now() - datetime.timedelta(days=1)) < datetime.timedelta(minutes=1)


def test_it_reads_a_moment_with_or_without_a_zone():
    toronto = clock.parse_moment("2027-11-07T01:30")
    paris = clock.parse_moment("2027-11-07T01:30 Europe/Paris")
    offset = clock.parse_moment("2027-11-07T01:30-05:00")

    assert toronto.utcoffset() == datetime.timedelta(hours=-4)  # the first 01:30 that night
    assert paris.utcoffset() == datetime.timedelta(hours=1)
    assert offset.utcoffset() == datetime.timedelta(hours=-5)
