"""Sending reminders asks the database a fixed number of queries: six per batch and two
per message, however many commitments an email lists and however many officials the plan
has besides the batch's own."""

from __future__ import annotations

from django.core import mail

from meetings import delivery, reminders
from meetings.models import Reminder
from tests.meetings.conftest import bring_checkin_due, official
from workplan.models import Commitment

# Per batch: the claim (read and lock the pending rows with their meeting, plan and
# recipient; mark them sending), and per meeting the quarter's start, the batch's officials'
# stale commitments, who of them leads or owns which, and their open actions due by the
# deadline. Per message: the fence just before
# the hand-off to SMTP (still this sender's? renew the lease) and the "sent" mark.
PER_BATCH = 6
PER_MESSAGE = 2


def test_it_uses_the_same_queries_for_one_or_five_commitments(demo, django_assert_num_queries):
    meeting = bring_checkin_due(demo)
    pillar = demo.pillars.first()
    for position in (90, 91):
        Commitment.objects.create(pillar=pillar, position=position, text="New.", short_title="New")
    stale = list(Commitment.objects.stale_for(meeting))
    assert len(stale) >= 5
    one = official("owns-one", owns=stale[:1])
    five = official("owns-five", owns=stale[:5])
    reminders.sweep()

    for user, count in ((one, 1), (five, 5)):
        reminder = Reminder.objects.get(recipient=user)
        with django_assert_num_queries(PER_BATCH + PER_MESSAGE):
            delivery.deliver(reminder.pk)
        assert mail.outbox[-1].to == [user.email]
        assert mail.outbox[-1].body.count("/commitments/") == count


def test_it_adds_two_queries_per_message_in_a_batch(demo, django_assert_num_queries):
    meeting = bring_checkin_due(demo)
    stale = list(Commitment.objects.stale_for(meeting))
    for index in range(8):
        official(f"batch-{index}", owns=stale[: index % 3 + 1])
    ids = reminders.sweep().due
    assert len(ids) == 10  # the two demo officials too

    with django_assert_num_queries(PER_BATCH + PER_MESSAGE * len(ids)):
        result = delivery.deliver_batch(ids)

    assert result.counts == {"sent": 10}
    assert len(mail.outbox) == 10


def test_it_asks_the_same_for_a_batch_however_many_officials_the_plan_has(
    demo, django_assert_num_queries
):
    meeting = bring_checkin_due(demo)
    stale = list(Commitment.objects.stale_for(meeting))
    for index in range(60):
        official(f"many-{index}", owns=stale[index % 3 : index % 3 + 2])
    ids = reminders.sweep().due
    assert len(ids) == 62

    with django_assert_num_queries(PER_BATCH + PER_MESSAGE * 25):
        result = delivery.deliver_batch(ids[:25])

    assert result.counts == {"sent": 25}
