from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from workplan.models import Organization, WorkPlan

from .importer import SLUG_MAX_LENGTH, PlanSetup
from .parser import ReadoutParseError
from .uploads import decode_readout

LANGUAGE_CHOICES = [("", _("As detected in the text")), ("en", _("English")), ("fr", _("French"))]


class ImportReadoutForm(forms.Form):
    upload = forms.FileField(
        label=_("Readout file"),
        required=False,
        help_text=_("Plain text, or an HTML page saved from a browser (at most 2 MB)."),
    )
    text = forms.CharField(
        label=_("…or paste the readout"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
    )
    plan = forms.ModelChoiceField(
        label=_("Work plan"),
        queryset=WorkPlan.objects.all(),
        required=False,
        empty_label=_("Create a new work plan from this readout"),
        help_text=_("Choose a plan to attach another government's version of its readout."),
    )
    organization = forms.ModelChoiceField(
        label=_("Published by"), queryset=Organization.objects.all(), required=False
    )
    published = forms.DateField(
        label=_("Published on"),
        required=False,
        help_text=_("YYYY-MM-DD; leave blank to use the date found in the text."),
    )
    url = forms.URLField(label=_("URL"), required=False, assume_scheme="https")
    language = forms.ChoiceField(
        label=_("Language of the readout"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_(
            "The French version of a plan's readout gives the plan its French titles and "
            "texts, pillar by pillar and commitment by commitment."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        if upload:
            try:
                text, _encoding = decode_readout(upload.read())
            except ReadoutParseError as error:
                raise ValidationError({"upload": str(error)}) from error
        elif text.strip():
            try:
                text, _encoding = decode_readout(text.encode("utf-8"))
            except ReadoutParseError as error:
                raise ValidationError({"text": str(error)}) from error
        else:
            raise ValidationError(_("Upload a readout file or paste its text."))
        cleaned["text"] = text
        return cleaned


class ConfirmImportForm(forms.Form):
    """The preview carries the source text back unchanged, with the outline as corrected."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    outline = forms.CharField(
        label=_("Outline"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "spellcheck": "false"}),
        help_text=_(
            "“# ” starts a pillar, “> ” is its lead-in sentence, “- ” starts a commitment and "
            "“~ ” under it is its short title and “@ ” its lead organisations (short names; "
            "under a pillar's title, of all its commitments); a line without a mark continues "
            "the one above. Correct it, then preview again."
        ),
        error_messages={"required": _("Outline: write at least one pillar and commitment.")},
    )
    plan = forms.ModelChoiceField(
        queryset=WorkPlan.objects.all(), required=False, widget=forms.HiddenInput
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(), required=False, widget=forms.HiddenInput
    )
    published = forms.DateField(required=False, widget=forms.HiddenInput)
    url = forms.URLField(required=False, widget=forms.HiddenInput, assume_scheme="https")
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, required=False, widget=forms.HiddenInput)

    # A new plan's setup (readouts.importer.PlanSetup), so that it is ready to use.
    plan_title = forms.CharField(label=_("Plan title"), max_length=200, required=False)
    plan_title_fr = forms.CharField(
        label=_("Plan title in French"),
        max_length=200,
        required=False,
        help_text=_("Shown to French readers; without it they see the English, marked."),
    )
    plan_slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=_("Letters, digits and hyphens: /plans/<short name>/."),
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations whose officials report on the plan."),
    )
    first_meeting = forms.DateTimeField(
        label=_("First meeting"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Meetings follow at the cadence below, up to the next one to come."),
    )
    cadence_months = forms.IntegerField(
        label=_("Meet every (months)"), min_value=1, max_value=12, required=False
    )

    def __init__(self, *args, pillars: Sequence[str] = (), **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # A lead organisation per pillar, for all its commitments at once.
        for position, title in enumerate(pillars, start=1):
            self.fields[f"lead_{position}"] = forms.ModelChoiceField(
                label=format_lazy(
                    _("Lead of pillar {position}: {title}"), position=position, title=title[:60]
                ),
                queryset=Organization.objects.order_by("name"),
                required=False,
                empty_label=_("None yet"),
            )
        self.pillar_count = len(pillars)

    def clean_plan_slug(self) -> str:
        slug = self.cleaned_data["plan_slug"]
        taken = WorkPlan.objects.filter(slug=slug).first() if slug else None
        if taken is not None:
            raise ValidationError(
                _("“%(slug)s” is the short name of “%(plan)s”: choose another.")
                % {"slug": slug, "plan": taken.title}
            )
        return slug

    def setup(self) -> PlanSetup | None:
        """The new plan's setup, or None when attaching to an existing plan."""
        data = self.cleaned_data
        if data.get("plan") is not None:
            return None
        return PlanSetup(
            title=data.get("plan_title") or "",
            title_fr=data.get("plan_title_fr") or "",
            slug=data.get("plan_slug") or "",
            parties=tuple(data.get("parties") or ()),
            leads={
                position: data[f"lead_{position}"]
                for position in range(1, self.pillar_count + 1)
                if data.get(f"lead_{position}")
            },
            first_meeting=data.get("first_meeting"),
            cadence_months=data.get("cadence_months") or 0,
        )

    @property
    def lead_fields(self) -> list:
        return [self[f"lead_{n}"] for n in range(1, self.pillar_count + 1)]
