"""The suite's clock: `ACCORD_TEST_NOW` moves "now" for the whole run, in this process and
in every process a test starts, so the suite can be run as if on any day.

    ACCORD_TEST_NOW="2026-12-31T23:30 America/Toronto" make test

The value is an ISO 8601 date and time, optionally followed by an IANA zone (the site's
zone, America/Toronto, by default) or carrying its own UTC offset. The clock keeps
ticking from there. Unset, the suite runs on the wall clock: it passes on any day.
"""

from __future__ import annotations

import datetime
import os
import time
import zoneinfo
from pathlib import Path

import time_machine

ENV = "ACCORD_TEST_NOW"
SITE_ZONE = "America/Toronto"
SUBPROCESS_SITE = Path(__file__).resolve().parent / "clock_site"


def parse_moment(text: str) -> datetime.datetime:
    """'2027-03-12T12:00', '2027-03-12T12:00 Europe/Paris' or '2027-03-12T12:00-05:00'."""
    stamp, _, zone = text.strip().partition(" ")
    moment = datetime.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(zone.strip() or SITE_ZONE))
    return moment


def start_from_environment() -> datetime.datetime | None:
    """Travel to ACCORD_TEST_NOW, if set, and have every child process follow."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    moment = parse_moment(text)
    os.environ["ACCORD_CLOCK_SHIFT"] = repr(moment.timestamp() - time.time())
    os.environ["PYTHONPATH"] = _with_clock_site(os.environ.get("PYTHONPATH", ""))
    time_machine.travel(moment, tick=True).start()
    return moment


def ahead(env: dict[str, str], seconds: float) -> dict[str, str]:
    """The environment for a child process whose clock runs `seconds` ahead of this one's:
    for a sweep that must see the sending timeout as past."""
    shift = float(os.environ.get("ACCORD_CLOCK_SHIFT", "0")) + seconds
    path = _with_clock_site(env.get("PYTHONPATH", ""))
    return {**env, "ACCORD_CLOCK_SHIFT": repr(shift), "PYTHONPATH": path}


def _with_clock_site(path: str) -> str:
    """A PYTHONPATH that loads the clock's sitecustomize first (once)."""
    parts = [p for p in path.split(os.pathsep) if p and p != str(SUBPROCESS_SITE)]
    return os.pathsep.join([str(SUBPROCESS_SITE), *parts])
