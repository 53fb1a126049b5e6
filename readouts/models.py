from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workplan.models import Commitment, Organization, WorkPlan


def content_hash(text: str) -> str:
    """Same document, same hash: line endings and surrounding blanks don't make it new."""
    normalised = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Readout(models.Model):
    """One government's published text of a joint readout, kept word for word."""

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="readouts"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="readouts",
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    raw_text = models.TextField(_("text as imported"))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["plan_id", "published_on", "id"]
        verbose_name = _("readout")
        verbose_name_plural = _("readouts")

    def __str__(self) -> str:
        source = self.organization.short_name if self.organization_id else _("unknown source")
        return f"{self.title or self.plan} ({source})"


class Passage(models.Model):
    """The exact words of one readout that a commitment came from."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="passages"
    )
    readout = models.ForeignKey(
        Readout, verbose_name=_("readout"), on_delete=models.CASCADE, related_name="passages"
    )
    position = models.PositiveSmallIntegerField(_("position in the readout"))
    text = models.TextField(_("passage"))
    similarity = models.FloatField(
        _("similarity to the commitment"),
        null=True,
        blank=True,
        help_text=_("For a second version matched to existing commitments: 0 to 1."),
    )

    class Meta:
        ordering = ["readout_id", "position"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "readout"], name="passage_unique"),
            models.UniqueConstraint(fields=["readout", "position"], name="passage_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
