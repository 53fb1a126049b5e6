"""What a reminder email says: the facts of one batch's meeting, read once, and the
message built from them in its recipient's language and time zone."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from workplan.models import Commitment, CommitmentLead, User
from workplan.status import Status

from .models import Action, Meeting, Reminder


def commitment_url(pk: int) -> str:
    try:
        path = reverse("commitment", args=[pk])
    except NoReverseMatch:
        path = f"/commitments/{pk}/"
    return f"{settings.SITE_URL}{path}"


def message_id(reminder: Reminder) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "accord"
    return f"<reminder-{reminder.pk}.{reminder.kind}@{host}>"


def build_message(reminder: Reminder, context: dict) -> EmailMultiAlternatives:
    user = reminder.recipient
    template = "emails/digest" if reminder.is_digest else "emails/reminder"
    zone = user.zone
    language = user.language if user.language in dict(settings.LANGUAGES) else "en"
    with translation.override(language), timezone.override(zone):
        context = {
            **context,
            "recipient": user,
            "meeting": reminder.meeting,
            "plan": reminder.meeting.plan,
            "deadline": reminder.meeting.checkin_deadline,
            "zone_name": str(zone),
            "site_url": settings.SITE_URL,
            "meeting_url": settings.SITE_URL + reverse("meeting", args=[reminder.meeting_id]),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[user.email],
        headers={"Message-ID": message_id(reminder), "X-Accord-Reminder": str(reminder.pk)},
    )
    message.attach_alternative(html, "text/html")
    return message


class MeetingFacts:
    """What the emails of one batch about one meeting say, read once for the batch: the
    stale commitments the batch's officials lead or own, and the staff digest's figures.
    Only the batch's own recipients are looked up, so a batch costs the same however many
    officials the plan has. A batch takes a fraction of a second, so "at send time" holds
    to within that."""

    def __init__(self, meeting: Meeting, official_ids: Iterable[int] = ()) -> None:
        self.meeting = meeting
        self.official_ids = sorted(set(official_ids))
        self._by_user: dict[int, list[Commitment]] | None = None
        self._actions: dict[int, list[Action]] | None = None
        self._digest: dict | None = None

    def stale(self) -> QuerySet[Commitment]:
        return (
            Commitment.objects.stale_for(self.meeting)
            .select_related("pillar")
            .order_by("pillar__position", "position", "id")
        )

    def for_user(self, user_id: int) -> list[Commitment]:
        if self._by_user is None:
            self._by_user = self._read_officials()
        return self._by_user.get(user_id, [])

    def actions_for(self, user_id: int) -> list[Action]:
        """The user's open actions due by the meeting's check-in deadline, overdue first;
        one query for the batch."""
        if self._actions is None:
            self._actions = {}
            if self.official_ids:
                owed = (
                    Action.objects.owed_for(self.meeting)
                    .filter(owner__in=self.official_ids)
                    .for_display()
                )
                for action in owed:
                    self._actions.setdefault(action.owner_id, []).append(action)
        return self._actions.get(user_id, [])

    def _read_officials(self) -> dict[int, list[Commitment]]:
        """Two queries: the stale commitments any of the officials leads or owns (in the
        order emails list them), then who of them leads or owns which."""
        users = self.official_ids
        if not users:
            return {}
        led = CommitmentLead.objects.filter(officials__in=users).values("commitment")
        owned = Commitment.owners.through.objects.filter(user__in=users).values("commitment")
        stale = list(self.stale().filter(Q(pk__in=led) | Q(pk__in=owned)))
        if not stale:
            return {}
        order = {c.pk: index for index, c in enumerate(stale)}
        leads = CommitmentLead.officials.through.objects.filter(
            user__in=users, commitmentlead__commitment__in=list(order)
        ).values_list("user_id", "commitmentlead__commitment_id")
        owners = Commitment.owners.through.objects.filter(
            user__in=users, commitment__in=list(order)
        ).values_list("user_id", "commitment_id")
        pairs: dict[int, set[int]] = {}
        for user, commitment in leads.union(owners, all=True):
            pairs.setdefault(user, set()).add(commitment)
        return {
            user: [stale[index] for index in sorted(map(order.__getitem__, pks))]
            for user, pks in pairs.items()
        }

    def digest(self) -> dict:
        if self._digest is None:
            meeting = self.meeting
            stale = list(self.stale())
            total = Commitment.objects.filter(pillar__plan=meeting.plan_id).open().count()
            self._digest = {
                "stale": [(c, Status(c.status).label) for c in stale],
                "open_count": total,
                "updated_count": total - len(stale),
                "dashboard_url": settings.SITE_URL + reverse("dashboard", args=[meeting.plan.slug]),
            }
        return self._digest


def reminder_context(reminder: Reminder, facts: MeetingFacts) -> dict | None:
    """What the email says; None when there is nothing to say (and nothing is sent)."""
    user = reminder.recipient
    if reminder.meeting.state == Meeting.State.CANCELLED or not user.is_active:
        return None
    if reminder.is_digest:
        return facts.digest() if user.role == User.Role.STAFF else None
    if user.role != User.Role.OFFICIAL:
        return None
    commitments = facts.for_user(user.pk)
    actions = facts.actions_for(user.pk)
    if not commitments and not actions:
        return None
    # Status(...).label is the lazy translated label, read in the recipient's language when
    # the template renders (cheaper than get_status_display, which walks the choices).
    return {
        "commitments": [(c, commitment_url(c.pk), Status(c.status).label) for c in commitments],
        "actions": [(a, meeting_url(a.decision.meeting_id), a.is_overdue()) for a in actions],
    }


def meeting_url(pk: int) -> str:
    return settings.SITE_URL + reverse("meeting", args=[pk])
