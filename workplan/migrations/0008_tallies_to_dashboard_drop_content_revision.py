"""The global content revision goes (dashboard's migration 0001 keeps one per plan) and the
status tallies move to the dashboard app: state only, the table and its triggers stay."""

import importlib

from django.db import migrations

content_revision = importlib.import_module("workplan.migrations.0007_content_revision")


class Migration(migrations.Migration):
    dependencies = [("workplan", "0007_content_revision")]

    operations = [
        migrations.RunPython(content_revision.drop, content_revision.create),
        migrations.DeleteModel(name="ContentRevision"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StatusTally")]
        ),
    ]
