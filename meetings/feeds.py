"""Personal calendar-feed links. A calendar app cannot log in, so the subscribe link carries
a signed token naming the user and the plan; whoever holds the link sees the plan's meeting
dates as that user would. Changing the password revokes every link of that user, and the
user must still be able to see the plan when the feed is fetched."""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from workplan.models import User, WorkPlan

SALT = "accord.meetings.calendar-feed"


def _fingerprint(user: User) -> str:
    return salted_hmac(SALT, user.password, algorithm="sha256").hexdigest()[:16]


def feed_token(user: User, plan: WorkPlan) -> str:
    return signing.dumps({"u": user.pk, "p": plan.slug, "f": _fingerprint(user)}, salt=SALT)


def user_for_feed_token(token: str, slug: str) -> User | None:
    """The active user the token was made for, or None for any bad, foreign or revoked one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != slug:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(data.get("f", ""), _fingerprint(user)):
        return None
    return user
