"""The dashboard counts the last meeting's actions (open, overdue): decisions and actions
raise the plan's revision too, by the triggers of migration 0001 (same helpers). Both tables
change (an action is marked done, an admin corrects a decision), so every operation is
watched."""

from importlib import import_module

from django.db import migrations

initial = import_module("dashboard.migrations.0001_initial")

WATCHED = [
    (
        "meetings_decision",
        "INSERT UPDATE DELETE",
        None,
        "SELECT plan_id FROM meetings_meeting WHERE id = {row}.meeting_id",
    ),
    (
        "meetings_action",
        "INSERT UPDATE DELETE",
        None,
        "SELECT m.plan_id FROM meetings_decision d"
        " JOIN meetings_meeting m ON m.id = d.meeting_id WHERE d.id = {row}.decision_id",
    ),
]


def create_triggers(apps, schema_editor):
    initial.install(schema_editor, WATCHED)


def drop_triggers(apps, schema_editor):
    initial.uninstall(schema_editor, WATCHED)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_watch_the_joint_quarter"),
        ("meetings", "0008_decisions_actions"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
