"""SMTP down: the reminder is retried with short back-offs and delivered once the server
is back; down for good, it ends `failed` with the error, shown in the admin."""

from __future__ import annotations

from django.urls import reverse

from meetings import reminders
from meetings.models import Reminder
from meetings.tasks import enqueue
from tests.conftest import client_for
from tests.meetings.conftest import (
    SMTPServer,
    bring_checkin_due,
    process_env,
    spare_port,
    states,
    wait_for,
)


def test_it_retries_and_delivers_once_the_smtp_server_is_back(
    demo, us_official, start_worker, purged_queue
):
    smtp = SMTPServer(spare_port())  # not started yet: connections are refused
    start_worker(process_env(smtp_port=smtp.port, REMINDER_MAX_ATTEMPTS="20"))
    bring_checkin_due(demo)
    reminders.sweep(enqueue=enqueue)

    assert wait_for(
        lambda: Reminder.objects.filter(attempts__gte=2, state="pending").count() == 2, 30
    ), list(Reminder.objects.values("state", "attempts", "last_error"))
    assert all("Connection refused" in r.last_error for r in Reminder.objects.all())

    smtp.start()
    try:
        assert wait_for(lambda: states() == {"sent": 2}, timeout=60), states()
        assert wait_for(lambda: smtp.sink.count() == 2, timeout=10)
        assert set(smtp.sink.per_reminder().values()) == {1}
    finally:
        smtp.stop()


def test_it_marks_the_reminder_failed_with_the_error_for_the_admin(
    demo, us_official, admin_user, start_worker, purged_queue
):
    start_worker(process_env(smtp_port=spare_port(), REMINDER_MAX_ATTEMPTS="3"))
    bring_checkin_due(demo)
    reminders.sweep(enqueue=enqueue)

    assert wait_for(lambda: states() == {"failed": 2}, timeout=60), list(
        Reminder.objects.values("state", "attempts", "last_error")
    )
    failed = Reminder.objects.get(recipient=us_official)
    assert failed.attempts == 3
    assert "Connection refused" in failed.last_error

    response = client_for(admin_user).get(
        reverse("admin:meetings_reminder_changelist") + "?state__exact=failed"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Connection refused" in page
    assert us_official.username in page or str(us_official) in page
