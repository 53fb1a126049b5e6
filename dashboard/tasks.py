"""Celery tasks of the dashboard. Idempotent: a re-delivered task stores nothing twice."""

from __future__ import annotations

from celery import shared_task

from . import tallies


@shared_task(name="dashboard.tasks.take_tallies", ignore_result=True)
def take_tallies() -> int:
    """Store the status tallies of past meetings that have none yet (a meeting just held, or
    tallies the database forgot after an edit): the dashboard's trend reads them."""
    return tallies.take_all_tallies()
