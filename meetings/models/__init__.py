"""The meetings app's models, one module per subject; import them from here."""

from .decisions import Action, ActionQuerySet, Decision, default_due, tally_of_meeting
from .meeting import Meeting, MeetingQuerySet, Reminder, ReminderQuerySet
from .quarter import (
    CONFIDENCE_DEFINITIONS,
    Assessment,
    CheckIn,
    Confidence,
    MeetingRecord,
    ProposalAnswer,
    SigningRefused,
    SignOff,
    StatusProposal,
    assessed_commitments,
    assessments,
    missing_checkins,
    snapshot,
)

__all__ = [
    "CONFIDENCE_DEFINITIONS",
    "Action",
    "ActionQuerySet",
    "Assessment",
    "CheckIn",
    "Confidence",
    "Decision",
    "Meeting",
    "MeetingQuerySet",
    "MeetingRecord",
    "ProposalAnswer",
    "Reminder",
    "ReminderQuerySet",
    "SignOff",
    "SigningRefused",
    "StatusProposal",
    "assessed_commitments",
    "assessments",
    "default_due",
    "missing_checkins",
    "snapshot",
    "tally_of_meeting",
]
