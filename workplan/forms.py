"""Forms of the commitments pages: the status update an official writes, and the filters."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dates import add_months
from .models import Commitment, Organization, Pillar, WorkPlan
from .status import STATUSES_REQUIRING_NOTE, Status

NOTE_MAX_LENGTH = 5000
# A target date further away than this is almost certainly a typo (2205 for 2025).
TARGET_DATE_MAX_YEARS = 10


class CommitmentStatusForm(forms.Form):
    """What an official may change. Author, organisation and the old status are never read
    from the request: they come from the logged-in user and the database."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        error_messages={
            "required": _("Status: choose the commitment's current status."),
            "invalid_choice": _("Status: choose one of the statuses in the list."),
        },
    )
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What happened since the last update. "
            "Required for “with challenges” and “not being pursued”."
        ),
        error_messages={
            "max_length": _(
                "Progress note: shorten it to %(limit_value)d characters or fewer "
                "(it has %(show_value)d); link to a longer document as evidence instead."
            ),
        },
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Optional: a web page that shows the progress, starting with https://."),
        error_messages={
            "invalid": _(
                "Evidence link: enter a web address starting with http:// or https://, "
                "e.g. https://www.canada.ca/…"
            ),
            "max_length": _(
                "Evidence link: use a web address of at most %(limit_value)d characters."
            ),
        },
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: when the commitment should be delivered."),
        error_messages={"invalid": _("Target date: enter a date such as 2027-03-31.")},
    )
    # The version the official saw when opening the form: a save made against an older
    # version is refused (see Commitment.record_status) instead of overwriting silently.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("The form is missing its version: reload the page and try again."),
            "invalid": _("The form's version is not valid: reload the page and try again."),
            "min_value": _("The form's version is not valid: reload the page and try again."),
        },
    )

    def __init__(self, *args, commitment: Commitment, **kwargs) -> None:
        self.commitment = commitment
        # Several rows may have their form open at once: ids must not collide.
        kwargs.setdefault("auto_id", f"c{commitment.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "status": commitment.status,
                "target_date": commitment.target_date,
                "version": commitment.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["maxlength"] = NOTE_MAX_LENGTH
        # accord.js moves focus here when htmx swaps the form in.
        self.fields["status"].widget.attrs["data-autofocus"] = ""

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()

    def clean_target_date(self) -> datetime.date | None:
        target = self.cleaned_data["target_date"]
        if target is None:
            return None
        plan: WorkPlan = self.commitment.pillar.plan
        if target < plan.started_on:
            raise forms.ValidationError(
                gettext("Target date: choose a date on or after the plan's start, %(start)s.")
                % {"start": date_format(plan.started_on, "DATE_FORMAT")}
            )
        today = timezone.localdate()
        latest = add_months(today, 12 * TARGET_DATE_MAX_YEARS)
        if target > latest:
            raise forms.ValidationError(
                gettext(
                    "Target date: choose a date before %(latest)s (at most %(years)d years ahead)."
                )
                % {"latest": date_format(latest, "DATE_FORMAT"), "years": TARGET_DATE_MAX_YEARS}
            )
        return target

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") in STATUSES_REQUIRING_NOTE and not cleaned.get("note"):
            self.add_error(
                "note",
                gettext(
                    "Progress note: explain why the status is “%(status)s” — readers need to know."
                )
                % {"status": Status(cleaned["status"]).label},
            )
        return cleaned


class CommitmentFilterForm(forms.Form):
    """The list's filters, read from the query string so a filtered view can be shared."""

    pillar = forms.ModelChoiceField(
        label=_("Pillar"), queryset=Pillar.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    mine = forms.BooleanField(label=_("Only those I can update"), required=False)
    stale = forms.BooleanField(label=_("Not updated since the last meeting"), required=False)

    def __init__(self, *args, plan: WorkPlan, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["pillar"].queryset = plan.pillars.all()
        self.fields["lead"].queryset = plan.parties.all()
        self.fields["lead"].label_from_instance = lambda org: org.short_name
        self.fields["pillar"].label_from_instance = lambda pillar: (
            f"{pillar.position}. {pillar.localized('title')}"
        )
