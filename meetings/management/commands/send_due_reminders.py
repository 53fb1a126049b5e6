"""Run the reminder sweep now: plan the rows due and send them in this process."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from meetings import delivery, reminders


class Command(BaseCommand):
    help = (
        "Plan the check-in reminders now due and send them in this process (no broker). "
        "With --enqueue, hand them to the Celery workers instead, as the beat schedule does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue one send task per due reminder instead of sending here.",
        )

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            from meetings.tasks import enqueue as to_broker

            result = reminders.sweep(enqueue=to_broker)
        else:
            result = reminders.sweep()
            result.outcomes = delivery.deliver_all(result.due)
        self.stdout.write(
            f"created={result.created} requeued={result.requeued} due={len(result.due)} "
            f"enqueued={result.enqueued} "
            + " ".join(f"{key}={value}" for key, value in sorted(result.outcomes.items()))
        )
        if result.broker_error:
            self.stderr.write(f"broker unreachable, reminders stay pending: {result.broker_error}")
