from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

# A send is a handful of SMTP exchanges, each allowed EMAIL_TIMEOUT seconds; the sweep must
# never take a row back from a sender that is merely waiting for its server.
HAND_OFFS_PER_TIMEOUT = 10


@register()
def check_sending_timeout(app_configs, **kwargs) -> list[Error]:
    least = HAND_OFFS_PER_TIMEOUT * settings.SMTP_TIMEOUT
    if least <= settings.REMINDER_SENDING_TIMEOUT_SECONDS:
        return []
    return [
        Error(
            f"REMINDER_SENDING_TIMEOUT_SECONDS is {settings.REMINDER_SENDING_TIMEOUT_SECONDS}, "
            f"less than {HAND_OFFS_PER_TIMEOUT} × EMAIL_TIMEOUT ({least}): the sweep could "
            "take a reminder back from a sender still talking to the SMTP server, and the "
            "message would go out twice.",
            hint="Raise REMINDER_SENDING_TIMEOUT_SECONDS or lower EMAIL_TIMEOUT.",
            id="meetings.E001",
        )
    ]
