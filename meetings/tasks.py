"""Celery tasks for check-in reminders. They take ids and re-read the database, so a
re-delivered or duplicated task is harmless (see meetings/delivery.py)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import delivery, reminders


def enqueue(ids: list[int]) -> int:
    """One task per batch of due reminders; returns how many reminders were handed over."""
    size = settings.REMINDER_BATCH_SIZE
    for start in range(0, len(ids), size):
        send_reminders.delay(ids[start : start + size])
    return len(ids)


@shared_task(name="meetings.tasks.sweep_reminders", ignore_result=True)
def sweep_reminders() -> dict:
    result = reminders.sweep(enqueue=enqueue)
    return {
        "created": result.created,
        "requeued": result.requeued,
        "enqueued": result.enqueued,
        "broker_error": result.broker_error,
    }


@shared_task(bind=True, name="meetings.tasks.send_reminders", ignore_result=True, max_retries=None)
def send_reminders(self, reminder_ids: list[int]) -> dict:
    result = delivery.deliver_batch(reminder_ids)
    if result.retry:
        # A short countdown only (never a long ETA, which Redis would re-deliver after its
        # visibility timeout). The rows are back to pending with next_attempt_at, so if this
        # retry is lost the sweep re-enqueues them anyway.
        raise self.retry(args=[result.retry], countdown=result.retry_in)
    return result.counts


@shared_task(bind=True, name="meetings.tasks.send_reminder", ignore_result=True, max_retries=None)
def send_reminder(self, reminder_id: int) -> str:
    """One reminder (for operators queueing a single row by hand)."""
    result = delivery.deliver(reminder_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.outcome
