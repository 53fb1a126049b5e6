"""Sending each check-in reminder once.

The sweep (meetings/reminders.py) writes one Reminder row per person and kind and hands the
due rows' ids to the workers. A sender claims a batch's rows with one conditional UPDATE (pending →
sending) that stamps them with a fencing token of its own, so however many copies of a task
arrive, one sender holds each row. Immediately before it hands a message to SMTP, the
sender checks with one more conditional UPDATE that the row is still its own (same token,
still `sending`) and renews its lease (`claimed_at`); it marks the row sent, again only
under its token, as soon as the server accepts the message.

The sweep takes back a row whose lease is older than REMINDER_SENDING_TIMEOUT_SECONDS (its
sender died, or stalled) and clears the token, so the old sender's fence fails and it
sends nothing, however late it wakes up: a killed worker's main process, a pool child that
outlives it, a sender stalled mid-batch, two sweeps or two beats at once.

What no design can close: the moments between the SMTP server accepting a message and the
row being marked sent. A sender that dies there leaves the row `sending`; after the
timeout the sweep re-queues it and the message goes out again, with the same Message-ID
(derived from the reminder), so a receiving server or mail client can drop the repeat. The
same holds for a sender that stalls for longer than the timeout between its fence and the
server's reply, which is why the timeout must be far longer than one SMTP hand-off (a
system check asks for ten times EMAIL_TIMEOUT), and why the hosts' clocks must agree.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from .emails import MeetingFacts, build_message, reminder_context
from .models import Reminder

logger = logging.getLogger(__name__)


class Outcome:
    SENT = "sent"
    SKIPPED = "skipped"
    NOT_CLAIMED = "not_claimed"
    RETRY = "retry"
    FAILED = "failed"


@dataclass
class Delivery:
    outcome: str
    retry_in: float | None = None


# One SMTP connection per worker process, reused from message to message: opening a
# connection costs more than sending a short message over it.
_mailer = None


def _send(message: EmailMultiAlternatives) -> None:
    global _mailer
    for attempt in range(2):
        if _mailer is None:
            _mailer = mailers.default
            _mailer.open()
        try:
            _mailer.send_messages([message])
            return
        except smtplib.SMTPServerDisconnected:
            # The server closed an idle connection: reconnect once before calling it a failure.
            close_mailer()
            if attempt:
                raise
        except BaseException:
            close_mailer()
            raise


def close_mailer() -> None:
    global _mailer
    if _mailer is not None:
        # Closing a broken connection may fail too; it is gone either way.
        with contextlib.suppress(Exception):
            _mailer.close()
    _mailer = None


def retry_delay(attempts: int) -> float:
    """Short exponential back-off, capped at a minute."""
    return min(60.0, settings.REMINDER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def claim(ids: list[int], now: datetime.datetime, token: uuid.UUID) -> dict[int, Reminder]:
    """Claim the batch's pending rows for this sender: pending → sending, in one UPDATE that
    stamps them with the sender's token.

    The UPDATE is conditional on the row being pending, and the database applies it to a
    row once: of two senders claiming the same row at the same moment, the second waits for
    the first and then finds the row no longer pending. RETURNING says which rows this
    statement changed, so a sender loads exactly the rows it won (a second query). The
    ORM's update() returns only a count, hence the SQL.
    """
    if not ids:
        return {}
    quote = connection.ops.quote_name
    field = Reminder._meta.get_field
    table, key, state, claimed_at, claim_token, attempts = (
        quote(name)
        for name in (
            Reminder._meta.db_table,
            Reminder._meta.pk.column,
            *(field(f).column for f in ("state", "claimed_at", "claim_token", "attempts")),
        )
    )
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            # Names from the model's metadata, every value a parameter.
            f"UPDATE {table} SET {state} = %s, {claimed_at} = %s, {claim_token} = %s,"  # noqa: S608
            f" {attempts} = {attempts} + 1"
            f" WHERE {key} IN ({placeholders}) AND {state} = %s RETURNING {key}",
            [
                Reminder.State.SENDING,
                connection.ops.adapt_datetimefield_value(now),
                field("claim_token").get_db_prep_value(token, connection),
                *ids,
                Reminder.State.PENDING,
            ],
        )
        claimed = [row_id for (row_id,) in cursor.fetchall()]
    if not claimed:
        return {}
    return {
        row.pk: row
        # Under the token too: a row taken back and re-claimed between the two statements
        # belongs to its new sender.
        for row in Reminder.objects.filter(pk__in=claimed, claim_token=token).select_related(
            "meeting__plan", "recipient"
        )
    }


def release(pks: Iterable[int], token: uuid.UUID) -> None:
    """Give back claimed rows this sender never tried (the batch stopped early)."""
    Reminder.objects.filter(
        pk__in=list(pks), state=Reminder.State.SENDING, claim_token=token
    ).update(
        state=Reminder.State.PENDING, claimed_at=None, claim_token=None, attempts=F("attempts") - 1
    )


def deliver_claimed(reminder: Reminder, facts: MeetingFacts) -> Delivery:
    """Send a row this sender has claimed and record the outcome: two UPDATEs, both only
    while the row still carries this sender's token (a row taken back is not_claimed)."""
    mine = Reminder.objects.filter(
        pk=reminder.pk, state=Reminder.State.SENDING, claim_token=reminder.claim_token
    )
    context = reminder_context(reminder, facts)
    if context is None:
        skipped = mine.update(state=Reminder.State.SKIPPED, sent_at=timezone.now())
        return Delivery(Outcome.SKIPPED if skipped else Outcome.NOT_CLAIMED)
    message = build_message(reminder, context)
    # The fence, as late as it can be: if the sweep has taken the row back since the batch
    # was claimed, another sender owns it now and this one must not send. Renewing the lease
    # here means the sweep's timeout counts from the hand-off, not from the batch's start.
    if not mine.update(claimed_at=timezone.now()):
        return Delivery(Outcome.NOT_CLAIMED)
    try:
        _send(message)
    except Exception as error:  # SMTP, network or template: all retried, then `failed`
        text = f"{type(error).__name__}: {error}"[:2000]
        if reminder.attempts >= settings.REMINDER_MAX_ATTEMPTS:
            if not mine.update(state=Reminder.State.FAILED, last_error=text):
                return Delivery(Outcome.NOT_CLAIMED)
            logger.error("Reminder %s failed for good: %s", reminder.pk, text)
            return Delivery(Outcome.FAILED)
        delay = retry_delay(reminder.attempts)
        retried = mine.update(
            state=Reminder.State.PENDING,
            claim_token=None,
            last_error=text,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
        )
        if not retried:
            return Delivery(Outcome.NOT_CLAIMED)
        logger.warning("Reminder %s attempt %s failed: %s", reminder.pk, reminder.attempts, text)
        return Delivery(Outcome.RETRY, retry_in=delay)
    # Marked sent straight after the server accepted it, message by message, never at the
    # end of the batch: the window of the module docstring stays one message wide. A row
    # the sweep took back but nobody has claimed again is marked too: it did go out.
    sent = (
        Reminder.objects.filter(pk=reminder.pk)
        .filter(
            Q(state=Reminder.State.SENDING, claim_token=reminder.claim_token)
            | Q(state=Reminder.State.PENDING, claim_token__isnull=True)
        )
        .update(state=Reminder.State.SENT, sent_at=timezone.now(), next_attempt_at=None)
    )
    if not sent:
        logger.warning(
            "Reminder %s was accepted by the SMTP server after another sender took it over; "
            "its recipient may get it twice (same Message-ID)",
            reminder.pk,
        )
    return Delivery(Outcome.SENT)


@dataclass
class BatchResult:
    counts: dict[str, int] = field(default_factory=dict)
    retry: list[int] = field(default_factory=list)
    retry_in: float | None = None


def deliver_batch(ids: Iterable[int]) -> BatchResult:
    """Send a batch of reminders in a fixed number of queries: two claim the batch's rows
    (and load them with their meeting, plan and recipient), three per meeting read what the
    emails say (the quarter's start, the stale commitments, who leads or owns them), then
    two per message: the fence before the hand-off, and the outcome. Safe to repeat.

    A sender that stops early gives back the rows it has not tried; one killed outright
    leaves them in `sending`, and the sweep re-queues them after the sending timeout (none
    of them reached the SMTP server, so they go out once).
    """
    ids = list(ids)
    token = uuid.uuid4()
    rows = claim(ids, timezone.now(), token)
    officials: dict[int, list[int]] = {}
    for row in rows.values():
        if not row.is_digest:
            officials.setdefault(row.meeting_id, []).append(row.recipient_id)
    facts: dict[int, MeetingFacts] = {}
    result = BatchResult()
    try:
        for pk in ids:
            reminder = rows.pop(pk, None)  # pop: an id listed twice is sent once
            if reminder is None:
                delivery = Delivery(Outcome.NOT_CLAIMED)
            else:
                meeting_facts = facts.get(reminder.meeting_id)
                if meeting_facts is None:
                    meeting_facts = facts[reminder.meeting_id] = MeetingFacts(
                        reminder.meeting, officials.get(reminder.meeting_id, ())
                    )
                delivery = deliver_claimed(reminder, meeting_facts)
            result.counts[delivery.outcome] = result.counts.get(delivery.outcome, 0) + 1
            if delivery.retry_in is not None:
                result.retry.append(pk)
                result.retry_in = min(result.retry_in or delivery.retry_in, delivery.retry_in)
    except BaseException:
        # Only rows not yet tried: the one in hand may have reached the server, so it stays
        # `sending` for the sweep. If the database is what failed, they wait there too.
        try:
            release(rows, token)
        except Exception:
            logger.exception("Could not give back %s claimed reminders", len(rows))
        raise
    return result


def deliver(reminder_id: int) -> Delivery:
    """Send one reminder if this caller wins the claim; always safe to call again."""
    result = deliver_batch([reminder_id])
    [outcome] = result.counts
    return Delivery(outcome, retry_in=result.retry_in)


def deliver_all(ids: Iterable[int], batch_size: int | None = None) -> dict[str, int]:
    """Send in this process (the management command): each row once, no broker."""
    ids = list(ids)
    size = batch_size or settings.REMINDER_BATCH_SIZE
    counts: dict[str, int] = {}
    try:
        for start in range(0, len(ids), size):
            for outcome, count in deliver_batch(ids[start : start + size]).counts.items():
                counts[outcome] = counts.get(outcome, 0) + count
    finally:
        close_mailer()
    return counts
