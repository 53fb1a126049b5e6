from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workplan.models import Organization, WorkPlan

from .parser import ReadoutParseError
from .uploads import decode_readout


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
            "“# ” starts a pillar, “> ” is its lead-in sentence, “- ” starts a commitment; "
            "a line without a mark continues the one above. Correct it, then preview again."
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
