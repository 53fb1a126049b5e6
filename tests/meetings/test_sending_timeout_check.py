"""The sweep's sending timeout must leave a sender time to finish talking to the SMTP server:
a deployment that sets it too short is refused by `manage.py check`."""

from __future__ import annotations

from meetings.checks import check_sending_timeout


def test_it_accepts_the_defaults(settings):
    assert settings.REMINDER_SENDING_TIMEOUT_SECONDS == 600
    assert check_sending_timeout(None) == []


def test_it_refuses_a_timeout_shorter_than_ten_smtp_timeouts(settings):
    settings.SMTP_TIMEOUT = 10
    settings.REMINDER_SENDING_TIMEOUT_SECONDS = 99

    [error] = check_sending_timeout(None)

    assert error.id == "meetings.E001"
    assert "99" in error.msg and "100" in error.msg
