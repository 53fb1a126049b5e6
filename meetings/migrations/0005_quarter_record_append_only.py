"""Check-ins, signatures and signed records are append-only in the database itself, as
the status history is (workplan/migrations/0002): a correction is a new row, never an
overwrite, and a signature is never withdrawn."""

from django.db import migrations

TABLES = ["meetings_checkin", "meetings_signoff", "meetings_meetingrecord"]

CREATE = """
CREATE FUNCTION meetings_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION meetings_append_only();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE, params=None)
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table), params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS meetings_append_only()", params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_quarter_record")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
