"""Dashboard speed on a large plan, side by side with a bare one-query view and the admin.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_bench_h5 \\
        .venv/bin/python bench/bench_dashboard.py [--commitments 5000] [--updates 20] [--runs 30]

Creates the database if missing, migrates it, generates the plan once (bulk_create), takes
the past meetings' status tallies as Celery beat would (dashboard/tallies.py), then times
each page in-process with Django's test Client (server time: middleware, view,
template; no network), the pages taking turns request by request, the dashboard both
rendered on every request and, as deployed, from the rendered-dashboard cache, and prints
p50/p90, query counts and the ratios to the bare view and to the admin's commitment
changelist (target: a fresh dashboard within 1.5× the changelist).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/accord_bench_h5")
# A Redis database of its own: the bench clears its cache between the two passes.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")

SLUG = "bench-plan"


def ensure_database() -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{db["NAME"]}"')


def generate(commitments: int, updates: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from meetings.models import Meeting
    from tests import factories
    from workplan.models import Organization, Pillar, User, WorkPlan

    if WorkPlan.objects.filter(slug=SLUG).exists():
        return
    started = time.perf_counter()
    with transaction.atomic():
        doc, _ = Organization.objects.get_or_create(
            short_name="BDOC", defaults={"name": "Bench Commerce", "country_code": "US"}
        )
        ised, _ = Organization.objects.get_or_create(
            short_name="BISED", defaults={"name": "Bench Innovation", "country_code": "CA"}
        )
        author, _ = User.objects.get_or_create(
            username="bench-official", defaults={"organization": doc, "role": "official"}
        )
        admin, created = User.objects.get_or_create(
            username="bench-admin", defaults={"role": "admin"}
        )
        if created:
            admin.set_password("bench-password")
            admin.save()
        plan = WorkPlan.objects.create(
            title="Bench plan", slug=SLUG, started_on=datetime.date(2021, 11, 3)
        )
        plan.parties.add(doc, ised)
        start = datetime.datetime(2021, 11, 3, 15, tzinfo=datetime.UTC)
        now = timezone.now()
        meetings, quarter = [], 0
        while True:
            moment = start + datetime.timedelta(days=91 * quarter)
            meetings.append(Meeting(plan=plan, starts_at=moment, state="held"))
            quarter += 1
            if moment > now:
                meetings[-1].state = "planned"
                break
        Meeting.objects.bulk_create(meetings)
        pillar_count = 25
        pillars = Pillar.objects.bulk_create(
            Pillar(plan=plan, position=index + 1, title=f"Pillar {index + 1}")
            for index in range(pillar_count)
        )
        # The same factory as the tests' large plans (tests/factories.py): every commitment
        # led by the U.S. side, every third by Canada's too.
        factories.grow(
            pillars,
            leads=lambda index: [doc, ised] if index % 3 == 0 else [doc],
            author=author,
            commitments=commitments,
            updates=updates,
            start=start,
            end=now,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated {commitments} × {updates} in {time.perf_counter() - started:.1f} s")


def breakdown(client, url: str) -> list[tuple[float, str]]:
    """Each query's own time on one request of `url`, to see where the time goes."""
    from django.db import connection

    timings = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - began) * 1000, " ".join(sql.split())[:90]))

    with connection.execute_wrapper(timed):
        client.get(url)
    return timings


def count_queries(client, url: str) -> int:
    from django.db import connection

    response = client.get(url)  # warms caches and templates too
    assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    return len(queries)


def measure(client, pages: dict[str, str], runs: int) -> dict[str, tuple[float, float, int]]:
    """p50, p90 and query count per page. The pages take turns, one request each per
    round, so a slow spell of a shared machine slows every page alike and the ratios
    between them hold even when the absolute figures drift."""
    queries = {name: count_queries(client, url) for name, url in pages.items()}
    timings: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(runs):
        for name, url in pages.items():
            began = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings[name].append((time.perf_counter() - began) * 1000)
    results = {}
    for name, times in timings.items():
        times.sort()
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        results[name] = (statistics.median(times), p90, queries[name])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=5000)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    ensure_database()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from meetings.models import Meeting
    from workplan.models import StatusUpdate, User

    call_command("migrate", verbosity=0)
    generate(args.commitments, args.updates)
    # What Celery beat does every ten minutes: store the past meetings' status tallies.
    from dashboard.tallies import take_all_tallies

    began = time.perf_counter()
    stored = take_all_tallies()
    if stored:
        print(f"took {stored} status tallies in {time.perf_counter() - began:.2f} s")
    # No setup_test_environment(): the test runner's template instrumentation copies the
    # context on every template rendered, a cost no deployment pays.
    past = Meeting.objects.filter(plan__slug=SLUG, state="held").order_by("-starts_at")[4].starts_at
    as_of = past.date().isoformat()
    print(
        f"plan {SLUG}: {StatusUpdate.objects.filter(commitment__pillar__plan__slug=SLUG).count()}"
        f" updates; as_of={as_of}; {args.runs} runs each"
    )
    pages = {
        "bare view (1 query)": f"/bench/bare/{SLUG}/",
        "dashboard": f"/plans/{SLUG}/",
        f"dashboard ?as_of={as_of}": f"/plans/{SLUG}/?as_of={as_of}",
        "dashboard htmx filter": f"/plans/{SLUG}/?org=BISED&pillar=3",
        "briefing": f"/plans/{SLUG}/briefing/",
        "export.csv": f"/plans/{SLUG}/export.csv",
        f"export.json ?as_of={as_of}": f"/plans/{SLUG}/export.json?as_of={as_of}",
        "admin commitment changelist": "/admin/workplan/commitment/",
    }
    # The same dashboard pages again as deployed, with the rendered-dashboard cache on
    # (DASHBOARD_CACHE_SECONDS): the first request of each renders, the timed ones reuse it.
    cached_pages = {
        "dashboard, cached": pages["dashboard"],
        f"dashboard ?as_of={as_of}, cached": pages[f"dashboard ?as_of={as_of}"],
        "dashboard htmx filter, cached": pages["dashboard htmx filter"],
    }
    results = {}
    with override_settings(
        ROOT_URLCONF="bench.bench_dashboard_urls", DEBUG=False, DASHBOARD_CACHE_SECONDS=0
    ):
        client = Client()
        client.force_login(User.objects.get(username="bench-admin"))
        results.update(measure(client, pages, args.runs))
        slowest = breakdown(client, pages["dashboard"])
        with override_settings(DASHBOARD_CACHE_SECONDS=600):
            from django.core.cache import cache

            cache.clear()
            results.update(measure(client, cached_pages, args.runs))
    bare = results["bare view (1 query)"][0]
    admin = results["admin commitment changelist"][0]
    print(f"{'page':34} {'p50 ms':>8} {'p90 ms':>8} {'queries':>8} {'×bare':>7} {'×admin':>7}")
    for name, (p50, p90, queries) in results.items():
        print(f"{name:34} {p50:8.1f} {p90:8.1f} {queries:8d} {p50 / bare:7.2f} {p50 / admin:7.2f}")
    print("\nThe dashboard's queries (one request, ms; the rest is Python and the template):")
    for took, sql in slowest:
        print(f"{took:8.1f}  {sql}")


if __name__ == "__main__":
    main()
