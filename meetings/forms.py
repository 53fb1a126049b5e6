"""The quarterly check-in an official files for their party."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.forms import NOTE_MAX_LENGTH, CommitmentStatusForm

from .models import Confidence

EVIDENCE_MAX_LINKS = 5
EVIDENCE_LINK_MAX_LENGTH = 500


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
