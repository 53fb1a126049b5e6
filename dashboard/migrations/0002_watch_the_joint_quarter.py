"""The joint quarter on the dashboard (dashboard/joint.py) reads check-ins, proposals of an
agreed status and their answers, signatures and frozen records: their rows raise the plan's
revision too, by the triggers of migration 0001 (same helpers). These tables only grow (the
meetings app's append-only triggers refuse UPDATE and DELETE), so INSERT is watched alone."""

from importlib import import_module

from django.db import migrations

initial = import_module("dashboard.migrations.0001_initial")

PLAN_OF_MEETING = "SELECT plan_id FROM meetings_meeting WHERE id = {row}.meeting_id"
# (table, operations, UPDATE OF these columns or None, the plans of {row}), as in 0001.
WATCHED = [
    ("meetings_checkin", "INSERT", None, PLAN_OF_MEETING),
    ("meetings_signoff", "INSERT", None, PLAN_OF_MEETING),
    ("meetings_meetingrecord", "INSERT", None, PLAN_OF_MEETING),
    ("meetings_statusproposal", "INSERT", None, PLAN_OF_MEETING),
    (
        "meetings_proposalanswer",
        "INSERT",
        None,
        "SELECT m.plan_id FROM meetings_statusproposal p"
        " JOIN meetings_meeting m ON m.id = p.meeting_id WHERE p.id = {row}.proposal_id",
    ),
]


def create_triggers(apps, schema_editor):
    initial.install(schema_editor, WATCHED)


def drop_triggers(apps, schema_editor):
    initial.uninstall(schema_editor, WATCHED)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("meetings", "0007_proposal_append_only"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
