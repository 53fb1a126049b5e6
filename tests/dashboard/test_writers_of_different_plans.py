"""Writers in different plans never wait on each other: each plan's content revision is its
own row (dashboard.PlanRevision), so a long transaction in one plan — a readout import, a
tally run — holds up only writers of the same plan."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection, transaction

from dashboard.models import PlanRevision
from tests.conftest import commitment_led_only_by
from workplan.models import Commitment, Pillar, User, WorkPlan
from workplan.status import Status

pytestmark = pytest.mark.django_db(transaction=True)


def hold_open(write: Callable[[], None]) -> tuple[threading.Event, threading.Thread]:
    """Run `write` in a transaction of its own on another connection and keep it open,
    uncommitted, until the returned event is set."""
    written, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with transaction.atomic():
                write()
                written.set()
                release.wait(30)
        except BaseException as error:  # reported below
            failures.append(error)
            written.set()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert written.wait(10)
    assert failures == []
    return release, thread


def without_waiting(write: Callable[[], None]) -> None:
    """`write`, failing with OperationalError instead of waiting more than 1 s for a lock."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '1s'")
        write()


def record(plan: WorkPlan, author: User) -> Callable[[], None]:
    def write() -> None:
        commitment = Commitment.objects.filter(pillar__plan=plan).order_by("pk").first()
        commitment.record_status(
            author=author, status=Status.CHALLENGES, expected_version=commitment.version
        )

    return write


def add_commitments(plan: WorkPlan) -> Callable[[], None]:
    """What a readout import into the plan does: new commitments, in one transaction."""

    def write() -> None:
        pillar = Pillar.objects.filter(plan=plan).order_by("position").first()
        Commitment.objects.bulk_create(
            Commitment(pillar=pillar, position=100 + n, text=f"Added {n}.", short_title=f"A{n}")
            for n in range(20)
        )

    return write


def test_a_status_update_goes_through_while_another_plan_imports(demo, other_plan, admin_user):
    before = PlanRevision.objects.current(other_plan)
    release, importer = hold_open(add_commitments(demo))
    try:
        without_waiting(record(other_plan, admin_user))
    finally:
        release.set()
        importer.join(10)

    assert PlanRevision.objects.current(other_plan)[1] > before[1]
    assert Commitment.objects.filter(pillar__plan=demo).count() == 11 + 20


def test_two_status_updates_in_different_plans_do_not_wait(demo, other_plan, admin_user):
    release, first = hold_open(record(other_plan, admin_user))
    try:
        without_waiting(record(demo, admin_user))
    finally:
        release.set()
        first.join(10)

    changed = Commitment.objects.filter(status=Status.CHALLENGES, version__gt=1)
    assert {c.pillar.plan_id for c in changed} >= {demo.pk, other_plan.pk}


def test_a_tally_run_holds_up_only_its_own_plan(demo, other_plan, admin_user, ca_official):
    release, tallying = hold_open(lambda: PlanRevision.objects.lock(demo))
    try:
        without_waiting(record(other_plan, admin_user))
        # The same plan's writer does wait: it would make the counts being taken stale.
        commitment = commitment_led_only_by(demo, "ISED")
        version, history = commitment.version, commitment.updates.count()
        with pytest.raises(OperationalError, match="lock timeout"):
            without_waiting(
                lambda: commitment.record_status(
                    author=ca_official, status=Status.ON_TRACK, expected_version=commitment.version
                )
            )
    finally:
        release.set()
        tallying.join(10)

    commitment.refresh_from_db()
    assert (commitment.version, commitment.updates.count()) == (version, history)
