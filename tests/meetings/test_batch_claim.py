"""A batch claims its rows with one conditional UPDATE: a row another sender holds, or one
already claimed, is not sent again; rows a sender never tried go back to pending; and each
email of a batch lists exactly its recipient's stale commitments."""

from __future__ import annotations

import datetime
import threading
import uuid

from django.core import mail
from django.db import connection
from django.utils import timezone

from meetings import delivery, reminders
from meetings.models import Reminder
from tests.meetings.conftest import bring_checkin_due, official, states
from workplan.models import Commitment


def test_it_sends_an_id_listed_twice_once(demo):
    bring_checkin_due(demo)
    [first, *_] = reminders.sweep().due

    result = delivery.deliver_batch([first, first])

    assert result.counts == {"sent": 1, "not_claimed": 1}
    assert len(mail.outbox) == 1
    assert Reminder.objects.get(pk=first).attempts == 1


def test_it_sends_nothing_when_the_batch_comes_again(demo):
    bring_checkin_due(demo)
    ids = reminders.sweep().due
    assert delivery.deliver_batch(ids).counts == {"sent": 2}

    again = delivery.deliver_batch(ids)

    assert again.counts == {"not_claimed": 2}
    assert len(mail.outbox) == 2
    assert states() == {"sent": 2}


def test_it_sends_each_row_once_when_two_senders_get_overlapping_batches_at_once(
    demo, transactional_db
):
    meeting = bring_checkin_due(demo)
    stale = list(Commitment.objects.stale_for(meeting))
    for index in range(30):
        official(f"same-batch-{index}", owns=stale[:1])
    ids = reminders.sweep().due
    assert len(ids) == 32
    start = threading.Barrier(2)
    results: list[reminders.BatchResult] = []

    def sender(batch: list[int]) -> None:
        try:
            start.wait(10)
            results.append(delivery.deliver_batch(batch))
        finally:
            connection.close()

    # 12 rows in both batches, in opposite orders.
    batches = [ids[:22], ids[10:][::-1]]
    threads = [threading.Thread(target=sender, args=[batch]) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(result.counts.get("sent", 0) for result in results) == 32
    assert sum(result.counts.get("not_claimed", 0) for result in results) == 12
    assert sorted(m.extra_headers["X-Accord-Reminder"] for m in mail.outbox) == sorted(
        str(pk) for pk in ids
    )
    assert states() == {"sent": 32}
    assert {r.attempts for r in Reminder.objects.all()} == {1}


def test_it_gives_back_the_rows_it_never_tried(demo):
    bring_checkin_due(demo)
    ids = reminders.sweep().due
    token = uuid.uuid4()
    claimed = delivery.claim(ids, timezone.now(), token)
    assert sorted(claimed) == sorted(ids)
    assert states() == {"sending": 2}
    assert delivery.claim(ids, timezone.now(), uuid.uuid4()) == {}

    delivery.release(ids, token)

    assert states() == {"pending": 2}
    assert {r.attempts for r in Reminder.objects.all()} == {0}
    assert delivery.deliver_batch(ids).counts == {"sent": 2}


def test_it_does_not_give_back_rows_claimed_again_since(demo):
    bring_checkin_due(demo)
    ids = reminders.sweep().due
    first = uuid.uuid4()
    delivery.claim(ids, timezone.now(), first)
    # As the sweep's re-queue would, once the first sender's lease had run out.
    reminders.requeue_stuck(timezone.now() + datetime.timedelta(days=1))
    second = uuid.uuid4()
    delivery.claim(ids, timezone.now(), second)

    delivery.release(ids, first)

    assert states() == {"sending": 2}
    assert set(Reminder.objects.values_list("claim_token", flat=True)) == {second}


def test_it_lists_exactly_each_recipients_commitments_in_one_batch(demo):
    meeting = bring_checkin_due(demo)
    stale = list(Commitment.objects.stale_for(meeting))
    assert len(stale) >= 3
    people = [
        official("owner", owns=stale[:2]),
        official("lead", leads=stale[1:3]),
        official("both", owns=stale[2:3], leads=stale[:1] + stale[2:3]),
    ]
    ids = reminders.sweep().due

    assert delivery.deliver_batch(ids).counts == {"sent": len(ids)}

    for user in people:
        [message] = [m for m in mail.outbox if m.to == [user.email]]
        expected = list(reminders.stale_commitments_for(meeting, user))
        listed = [c for c in stale if f"/commitments/{c.pk}/" in message.body]
        assert listed == expected
        # ...in the order stale_commitments_for gives them.
        positions = [message.body.index(f"/commitments/{c.pk}/") for c in expected]
        assert positions == sorted(positions)
        assert message.body.count("/commitments/") == len(expected)
