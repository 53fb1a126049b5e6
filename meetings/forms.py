"""The quarterly check-in an official files for their party."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.forms import NOTE_MAX_LENGTH, CommitmentStatusForm
from workplan.models import Commitment, Organization, Pillar, User

from .models import Confidence, Meeting, default_due

EVIDENCE_MAX_LINKS = 5
EVIDENCE_LINK_MAX_LENGTH = 500
DECISION_MAX_LENGTH = 2000
ACTION_MAX_LENGTH = 500
SHORT_TITLE_MAX_LENGTH = 200


class CheckInForm(CommitmentStatusForm):
    """Today's status form plus what a quarterly check-in asks: the confidence of delivery,
    several evidence links and the next steps. Author, party and meeting come from the
    logged-in user and the database, never from the request."""

    evidence_url = None
    confidence = forms.ChoiceField(
        label=_("Confidence of delivery by the target date"),
        # Each level's definition is part of its label: read on screen and by screen readers.
        choices=[
            (level.value, format_lazy("{} — {}", level.label, level.definition))
            for level in Confidence
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Confidence: choose high, medium or low."),
            "invalid_choice": _("Confidence: choose high, medium or low."),
        },
    )
    evidence_links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: up to 5 web pages that show the progress, one per line."),
    )
    next_steps = forms.CharField(
        label=_("Next steps before the next meeting"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What your side will have done by the next meeting: read back to you then."),
        error_messages={
            "required": _("Next steps: say what your side will do before the next meeting."),
            "max_length": _(
                "Next steps: shorten them to %(limit_value)d characters or fewer "
                "(they have %(show_value)d)."
            ),
        },
    )

    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Both sides have signed this quarter: your check-in is added to the record as a "
            "dated correction, with this reason, beside what was signed."
        ),
        error_messages={
            "required": _("Reason for the correction: say why the signed record must change.")
        },
    )

    field_order = [
        "correction_reason",
        "status",
        "confidence",
        "target_date",
        "note",
        "evidence_links",
        "next_steps",
    ]

    def __init__(self, *args, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.locked = locked
        # Until both sides sign, a check-in simply replaces the party's earlier one.
        if not locked:
            del self.fields["correction_reason"]

    def clean_evidence_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines()]
        links = [link for link in links if link]
        if len(links) > EVIDENCE_MAX_LINKS:
            raise ValidationError(
                gettext("Evidence links: give at most %(limit)d, one per line (there are %(n)d).")
                % {"limit": EVIDENCE_MAX_LINKS, "n": len(links)}
            )
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                if len(link) > EVIDENCE_LINK_MAX_LENGTH:
                    raise ValidationError("too long")
                validate(link)
            except ValidationError:
                raise ValidationError(
                    gettext(
                        "Evidence links: “%(link)s” is not a web address starting with "
                        "http:// or https:// (at most %(limit)d characters)."
                    )
                    % {"link": link[:80], "limit": EVIDENCE_LINK_MAX_LENGTH}
                ) from None
        return links


class DecisionForm(forms.Form):
    """A decision of the meeting and what it becomes: nothing more, an action item, or a
    new commitment. The plan's parties, pillars and commitments are the only choices;
    who records it and when come from the request."""

    class Becomes(models.TextChoices):
        NOTED = "noted", _("Noted: nothing more to track")
        ACTION = "action", _("An action item")
        COMMITMENT = "commitment", _("A new commitment in a pillar")

    text = forms.CharField(
        label=_("Decision"),
        max_length=DECISION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the ministers agreed it, in one or two sentences."),
        error_messages={
            "required": _("Decision: write what the ministers decided."),
            "max_length": _(
                "Decision: shorten it to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            ),
        },
    )
    becomes = forms.ChoiceField(
        label=_("It becomes"),
        choices=Becomes.choices,
        initial=Becomes.ACTION,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("It becomes: choose one."),
            "invalid_choice": _("It becomes: choose one."),
        },
    )
    action_text = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=ACTION_MAX_LENGTH,
        help_text=_("What is to be done, by whom in the owning organisation."),
        error_messages={
            "max_length": _(
                "Action: shorten it to %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
    )
    action_about = forms.ChoiceField(label=_("About"), required=False)
    action_organization = forms.TypedChoiceField(
        label=_("Owning organisation"), required=False, coerce=int, empty_value=None
    )
    action_owner = forms.TypedChoiceField(
        label=_("Owner"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional: the person who gets it in their reminders."),
    )
    action_due = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("By default the next meeting's check-in deadline, so its agenda reviews it."),
        error_messages={"invalid": _("Due: enter a date such as 2027-01-27.")},
    )
    commitment_pillar = forms.TypedChoiceField(
        label=_("Pillar"), required=False, coerce=int, empty_value=None
    )
    commitment_text = forms.CharField(
        label=_("Commitment text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment_short_title = forms.CharField(
        label=_("Short title"), required=False, max_length=SHORT_TITLE_MAX_LENGTH
    )
    commitment_lead = forms.TypedChoiceField(
        label=_("Lead organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, meeting: Meeting, zone: datetime.tzinfo, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "decision-%s")
        super().__init__(*args, **kwargs)
        self.meeting, self.zone = meeting, zone
        plan = meeting.plan
        # Each list is read once and offered as plain choices: only the plan's own parties,
        # people, pillars and commitments can be chosen, whatever the request says.
        self.parties = {o.pk: o for o in plan.parties.order_by("name")}
        self.people = {
            u.pk: u
            for u in User.objects.filter(organization__in=list(self.parties), is_active=True)
            .exclude(role=User.Role.STAFF)
            .select_related("organization")
            .order_by("organization__name", "last_name", "first_name", "username")
        }
        self.pillars = {p.pk: p for p in plan.pillars.order_by("position")}
        commitments = Commitment.objects.filter(pillar__plan=plan).select_related("pillar")
        blank = [("", "—")]
        party_choices = [(pk, f"{o.short_name} — {o.name}") for pk, o in self.parties.items()]
        self.fields["action_organization"].choices = blank + party_choices
        self.fields["commitment_lead"].choices = blank + party_choices
        self.fields["action_owner"].choices = blank + [
            (pk, _owner_label(u)) for pk, u in self.people.items()
        ]
        self.fields["commitment_pillar"].choices = blank + [
            (pk, _pillar_label(p)) for pk, p in self.pillars.items()
        ]
        by_pillar: dict[int, list] = {}
        for commitment in commitments:
            by_pillar.setdefault(commitment.pillar_id, []).append(commitment)
        choices: list = [("", gettext("Choose a commitment or a pillar"))]
        for pillar in self.pillars.values():
            label = _pillar_label(pillar)
            group = [(f"pillar-{pillar.pk}", gettext("The whole pillar: %s") % label)]
            group += [
                (f"commitment-{c.pk}", f"{c.reference} {c.localized('short_title')}")
                for c in by_pillar.get(pillar.pk, [])
            ]
            choices.append((label, group))
        self.fields["action_about"].choices = choices
        self.subjects = {
            **{f"pillar-{p.pk}": ("pillar", p) for p in self.pillars.values()},
            **{f"commitment-{c.pk}": ("commitment", c) for cs in by_pillar.values() for c in cs},
        }
        for name, message in {
            "action_about": gettext("About: choose the commitment or pillar it concerns."),
            "action_organization": gettext("Owning organisation: choose one of the parties."),
            "action_owner": gettext("Owner: choose someone of the parties, or no one."),
            "commitment_pillar": gettext("Pillar: choose where the new commitment goes."),
            "commitment_lead": gettext("Lead organisation: choose the party that leads it."),
        }.items():
            self.fields[name].error_messages["invalid_choice"] = message
        self.default_due = default_due(meeting)
        if self.default_due is not None:
            self.fields["action_due"].initial = timezone.localtime(self.default_due, zone).date()

    def clean_action_organization(self) -> Organization | None:
        return self.parties.get(self.cleaned_data["action_organization"])

    def clean_commitment_lead(self) -> Organization | None:
        return self.parties.get(self.cleaned_data["commitment_lead"])

    def clean_action_owner(self) -> User | None:
        return self.people.get(self.cleaned_data["action_owner"])

    def clean_commitment_pillar(self) -> Pillar | None:
        return self.pillars.get(self.cleaned_data["commitment_pillar"])

    def clean(self) -> dict:
        data = super().clean()
        becomes = data.get("becomes")
        if becomes == self.Becomes.ACTION:
            self._clean_action(data)
        elif becomes == self.Becomes.COMMITMENT:
            self._clean_commitment(data)
        return data

    def _require(self, data: dict, names: dict[str, str]) -> None:
        for name, message in names.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)

    def _clean_action(self, data: dict) -> None:
        self._require(
            data,
            {
                "action_text": gettext("Action: say what is to be done."),
                "action_about": gettext("About: choose the commitment or pillar it concerns."),
                "action_organization": gettext("Owning organisation: choose one of the parties."),
            },
        )
        about = data.get("action_about")
        if about and about not in self.subjects:
            self.add_error(
                "action_about", gettext("About: choose the commitment or pillar it concerns.")
            )
        owner, organization = data.get("action_owner"), data.get("action_organization")
        if owner and organization and owner.organization_id != organization.pk:
            self.add_error(
                "action_owner",
                gettext("Owner: %(name)s is not in %(organization)s; choose someone who is.")
                % {"name": _owner_label(owner), "organization": organization.short_name},
            )
        due = data.get("action_due")
        if due is None and "action_due" not in self.errors and self.default_due is None:
            self.add_error(
                "action_due",
                gettext("Due: no next meeting is planned yet, so give the date it is due."),
            )
        meeting_day = timezone.localtime(self.meeting.starts_at, self.zone).date()
        if due is not None and due < meeting_day:
            self.add_error(
                "action_due",
                gettext(
                    "Due: the action cannot be due before the meeting that decided it (%(day)s)."
                )
                % {"day": meeting_day.isoformat()},
            )

    def _clean_commitment(self, data: dict) -> None:
        self._require(
            data,
            {
                "commitment_pillar": gettext("Pillar: choose where the new commitment goes."),
                "commitment_text": gettext("Commitment text: write the commitment."),
                "commitment_short_title": gettext(
                    "Short title: give the commitment a short title."
                ),
                "commitment_lead": gettext("Lead organisation: choose the party that leads it."),
            },
        )

    def due_at(self) -> datetime.datetime:
        """The due date's moment: the next meeting's deadline itself on its day, else the
        end of the chosen day where the recorder reads dates."""
        due = self.cleaned_data.get("action_due")
        if due is None or (
            self.default_due is not None
            and due == timezone.localtime(self.default_due, self.zone).date()
        ):
            return self.default_due
        start_of_next_day = datetime.datetime.combine(
            due + datetime.timedelta(days=1), datetime.time(), tzinfo=self.zone
        )
        return start_of_next_day - datetime.timedelta(microseconds=1)

    def action(self) -> dict | None:
        if self.cleaned_data["becomes"] != self.Becomes.ACTION:
            return None
        kind, subject = self.subjects[self.cleaned_data["action_about"]]
        return {
            "text": self.cleaned_data["action_text"],
            "organization": self.cleaned_data["action_organization"],
            "owner": self.cleaned_data["action_owner"],
            "due_at": self.due_at(),
            kind: subject,
        }

    def commitment(self) -> dict | None:
        if self.cleaned_data["becomes"] != self.Becomes.COMMITMENT:
            return None
        return {
            "pillar": self.cleaned_data["commitment_pillar"],
            "text": self.cleaned_data["commitment_text"],
            "short_title": self.cleaned_data["commitment_short_title"],
            "lead": self.cleaned_data["commitment_lead"],
        }


def _owner_label(user: User) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.organization.short_name})" if user.organization else name


def _pillar_label(pillar: Pillar) -> str:
    return f"{pillar.position}. {pillar.localized('title')}"
