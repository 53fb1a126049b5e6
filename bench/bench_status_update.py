"""htmx status updates under 8 concurrent officials, side by side with a bare UPDATE view.

    .venv/bin/python bench/bench_status_update.py [--requests 60] [--rounds 3] [--workers 4]

Creates (drops first) the PostgreSQL database accord_bench_h4, migrates it, loads the demo
plan plus extra commitments and 8 bench officials, starts gunicorn on a spare port with
bench/settings.py, logs 8 HTTP clients in (session cookie + CSRF token, like a browser),
then times, in alternating rounds, htmx status updates (POST → row fragment) and a bare
Django view that runs one UPDATE in a transaction (same middleware, login and CSRF), and
prints p50/p95 latencies and their ratio (target: p50 within 2.5×).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DB_NAME = "accord_bench_h4"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
CLIENTS = 8
PASSWORD = "bench-password-h4"  # noqa: S105 — throwaway logins in a throwaway database

SETUP = """
import json
from workplan.models import Commitment, CommitmentLead, Organization, Pillar, User, WorkPlan
plan = WorkPlan.objects.get(slug="us-canada-2021")
ised = Organization.objects.get(short_name="ISED")
pillar = Pillar.objects.create(plan=plan, position=9, title="Bench pillar")
mapping = {}
for n in range(1, %(clients)d + 1):
    user = User.objects.create_user(
        f"bench-{n}", password=%(password)r, organization=ised, role=User.Role.OFFICIAL,
        first_name="Bench", last_name=str(n),
    )
    pks = []
    for kind in ("status", "bare"):
        commitment = Commitment.objects.create(
            pillar=pillar, position=len(mapping) * 2 + len(pks) + 1,
            text=f"Bench {kind} commitment of {user.username}.", short_title=f"Bench {kind} {n}",
        )
        CommitmentLead.objects.create(commitment=commitment, organization=ised)
        commitment.owners.add(user)
        pks.append(commitment.pk)
    mapping[user.username] = {"status": pks[0], "bare": pks[1]}
# A bigger plan than the demo's eleven: the update must not depend on the plan's size.
extra = Pillar.objects.create(plan=plan, position=10, title="Bench filler")
fillers = Commitment.objects.bulk_create(
    Commitment(pillar=extra, position=n, text=f"Filler {n}.", short_title=f"Filler {n}")
    for n in range(1, %(extra)d + 1)
)
CommitmentLead.objects.bulk_create(CommitmentLead(commitment=c, organization=ised) for c in fillers)
print("MAPPING" + json.dumps(mapping))
"""


def spare_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PYTHONPATH": str(ROOT),
    }


def prepare_database(env: dict[str, str], extra: int) -> dict[str, dict[str, int]]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')
    manage = [str(PYTHON), str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "load_demo", "--password", PASSWORD],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    script = SETUP % {"clients": CLIENTS, "password": PASSWORD, "extra": extra}
    result = subprocess.run(
        [*manage, "shell", "-c", script],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MAPPING"))
    return json.loads(line.removeprefix("MAPPING"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Official:
    """One browser-like client: cookie jar, CSRF token, the version its form was opened at."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.username = username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.version = 1
        self.flip = False

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == name)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def login(self) -> None:
        self.request("/login/")
        status, _ = self.request(
            "/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookie("csrftoken"),
            },
        )
        if status != 302:
            raise SystemExit(f"{self.username} could not log in (HTTP {status})")

    def update_status(self, pk: int) -> int:
        self.flip = not self.flip
        status, body = self.request(
            f"/commitments/{pk}/status/",
            {
                "status": "on_track" if self.flip else "challenges",
                "note": "Bench: working group met; milestones on schedule.",
                "evidence_url": "https://www.canada.ca/en.html",
                "target_date": "2027-06-30",
                "version": self.version,
            },
            {"HX-Request": "true", "X-CSRFToken": self.cookie("csrftoken")},
        )
        if status != 200 or b"<li id=" not in body:
            raise RuntimeError(f"status update answered HTTP {status}: {body[:200]!r}")
        self.version += 1
        return status

    def bare_update(self, pk: int) -> int:
        status, _ = self.request(
            f"/bench/bare-update/{pk}/", {}, {"X-CSRFToken": self.cookie("csrftoken")}
        )
        if status != 200:
            raise RuntimeError(f"bare update answered HTTP {status}")
        return status


def run_phase(officials, mapping, kind: str, requests: int) -> list[float]:
    """Every official sends `requests` requests back to back, all 8 at the same time."""
    timings: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(len(officials))
    failures: list[BaseException] = []

    def work(official: Official) -> None:
        pk = mapping[official.username][kind]
        call = official.update_status if kind == "status" else official.bare_update
        mine = []
        try:
            start.wait()
            for _ in range(requests):
                began = time.perf_counter()
                call(pk)
                mine.append(time.perf_counter() - began)
        except BaseException as error:  # reported after the threads are joined
            failures.append(error)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=work, args=(official,)) for official in officials]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="per client and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--extra", type=int, default=500, help="filler commitments")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    port = spare_port()
    env = environment(port)
    print(f"Preparing {DB_NAME} (migrate, load_demo, {args.extra} extra commitments)…")
    mapping = prepare_database(env, args.extra)
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer /healthz")
        officials = [Official(base, username) for username in mapping]
        for official in officials:
            official.login()
        # Warm every worker up (imports, template compilation, connections) before timing.
        run_phase(officials, mapping, "status", 5)
        run_phase(officials, mapping, "bare", 5)
        results: dict[str, list[float]] = {"status": [], "bare": []}
        wall: dict[str, float] = {"status": 0.0, "bare": 0.0}
        for _ in range(args.rounds):
            for kind in ("status", "bare"):
                began = time.perf_counter()
                results[kind] += run_phase(officials, mapping, kind, args.requests)
                wall[kind] += time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            import psycopg

            with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')

    print(
        f"\n{CLIENTS} concurrent clients, gunicorn {args.workers} sync workers, "
        f"{os.cpu_count()} CPUs, {args.rounds} rounds × {args.requests} requests per client"
    )
    print(f"{'':28}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}{'req/s':>9}")
    labels = {"status": "htmx status update", "bare": "bare UPDATE view"}
    for kind, label in labels.items():
        values = results[kind]
        print(
            f"{label:28}{len(values):>6}{percentile(values, 0.5) * 1000:>10.1f}"
            f"{percentile(values, 0.95) * 1000:>10.1f}{statistics.mean(values) * 1000:>10.1f}"
            f"{len(values) / wall[kind]:>9.0f}"
        )
    p50 = percentile(results["status"], 0.5) / percentile(results["bare"], 0.5)
    p95 = percentile(results["status"], 0.95) / percentile(results["bare"], 0.95)
    verdict = "within" if p50 <= 2.5 else "ABOVE"
    print(f"ratio status/bare: p50 {p50:.2f}, p95 {p95:.2f} ({verdict} the p50 ≤ 2.5 target)")


if __name__ == "__main__":
    sys.exit(main())
