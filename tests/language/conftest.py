"""The plan's own words in French beside the English, set here rather than taken from the
demo, and a French reader to read them."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from tests.checkins.conftest import ca_signatory, joint, us_signatory
from tests.conftest import client_for
from workplan.models import Commitment, Pillar, User, WorkPlan

PLAN_FR = "Plan de travail États-Unis–Canada & partenaires"


def pillar_fr(position: int) -> str:
    return f"Pilier {position} : sécurité & résilience"


def short_title_fr(commitment: Commitment) -> str:
    return f"Engagement {commitment.reference} : minéraux & industrie"


def text_fr(commitment: Commitment) -> str:
    return f"Le texte français de l'engagement {commitment.reference}.\nDeuxième ligne."


def give_french(plan: WorkPlan) -> None:
    """French for the plan's title and every pillar and commitment."""
    WorkPlan.objects.filter(pk=plan.pk).update(title_fr=PLAN_FR)
    for pillar in Pillar.objects.filter(plan=plan):
        Pillar.objects.filter(pk=pillar.pk).update(title_fr=pillar_fr(pillar.position))
    for commitment in Commitment.objects.filter(pillar__plan=plan).select_related("pillar"):
        Commitment.objects.filter(pk=commitment.pk).update(
            short_title_fr=short_title_fr(commitment), text_fr=text_fr(commitment)
        )


def without_french(commitment: Commitment) -> Commitment:
    """The commitment with its French short title and text blanked: the English shows."""
    Commitment.objects.filter(pk=commitment.pk).update(short_title_fr="", text_fr="")
    commitment.refresh_from_db()
    return commitment


def first_commitment(plan: WorkPlan, position: int = 1) -> Commitment:
    return (
        Commitment.objects.filter(pillar__plan=plan, pillar__position=position)
        .select_related("pillar")
        .order_by("position")
        .first()
    )


def french_reader(user: User) -> Client:
    """The user's browser, switched to French."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def english_only(english: str) -> str:
    """How a page marks English standing in for missing French (workplan/_localized.html);
    the tag's own words are the catalogue's, so only its opening is compared."""
    return f'<span lang="en">{english}</span> <span class="english-only">'


# The check-in tests' signatories and jointly led commitment (tests/checkins/conftest.py).
__all__ = ["ca_signatory", "joint", "us_signatory"]
