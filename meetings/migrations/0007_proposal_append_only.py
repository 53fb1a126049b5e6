"""Proposals of an agreed status and their answers are append-only too: a new proposal
replaces an unanswered one, nothing is rewritten (meetings_append_only(), migration 0005)."""

from django.db import migrations

TABLES = ["meetings_statusproposal", "meetings_proposalanswer"]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION meetings_append_only()",
            params=None,
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_status_proposal")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
