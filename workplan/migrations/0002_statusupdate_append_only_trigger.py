"""On PostgreSQL the history is append-only in the database itself, not only in Python:
a trigger refuses UPDATE and DELETE of status updates (TRUNCATE, used by test tear-down
and operators, is not a row operation and stays possible)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION workplan_statusupdate_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'status updates are append-only (% refused)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workplan_statusupdate_append_only
    BEFORE UPDATE OR DELETE ON workplan_statusupdate
    FOR EACH ROW EXECUTE FUNCTION workplan_statusupdate_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS workplan_statusupdate_append_only ON workplan_statusupdate;
DROP FUNCTION IF EXISTS workplan_statusupdate_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("workplan", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
