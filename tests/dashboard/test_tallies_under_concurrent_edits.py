"""A change made while `take_tallies` counts can never leave wrong tallies behind: the
writer waits for the counting to end, then forgets the tallies it makes stale."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from dashboard.models import PlanRevision, StatusTally
from dashboard.tallies import take_tallies
from workplan.models import Commitment, Pillar


@pytest.mark.django_db(transaction=True)
def test_a_commitment_added_while_tallies_are_taken_makes_them_go(transactional_db, demo):
    StatusTally.objects.filter(plan=demo).delete()
    pillar = Pillar.objects.get(plan=demo, position=1)
    writer_done = threading.Event()
    failures: list[BaseException] = []

    def add_commitment() -> None:
        try:
            Commitment.objects.create(
                pillar=pillar, position=50, text="Added meanwhile.", short_title="Meanwhile"
            )
        except BaseException as error:  # reported by the assertions below
            failures.append(error)
        finally:
            writer_done.set()
            connection.close()

    with transaction.atomic():
        # What take_tallies does first; the tallies are then counted and stored while
        # the writer tries to add its commitment.
        PlanRevision.objects.lock(demo)
        writer = threading.Thread(target=add_commitment)
        writer.start()
        assert not writer_done.wait(0.5), "the writer did not wait for the counting"
        stored = take_tallies(demo)  # nested: the same transaction, the same lock
        assert stored > 0
    writer.join(10)

    assert failures == []
    assert writer_done.is_set()
    # The writer forgot every tally that left its commitment out; the next run counts it.
    assert not StatusTally.objects.filter(plan=demo).exists()
    assert take_tallies(demo) > 0
    total = Commitment.objects.filter(pillar__plan=demo).count()
    first = StatusTally.objects.filter(plan=demo, organization=None).order_by("moment").first()
    counted = sum(
        tally.count
        for tally in StatusTally.objects.filter(plan=demo, organization=None, moment=first.moment)
    )
    assert counted == total
