"""The content revision (workplan.ContentRevision): one row, raised by the database itself
whenever a table the dashboard reads changes, so a cached dashboard can never outlive its
data, whatever wrote the change (the app, admin, a bulk import, raw SQL).

New status updates are left out on purpose: the history's newest id already says that one
arrived, and a trigger there would make every official's update wait on this one row.
For the same reason the commitment trigger ignores the columns `record_status` writes
(status, version, updated_at, target_date, which the dashboard reads from the history)."""

import uuid

from django.db import migrations, models

# Every change to these tables can change what the dashboard shows.
WATCHED = [
    "workplan_workplan",
    "workplan_workplan_parties",
    "workplan_pillar",
    "workplan_commitmentlead",
    "workplan_commitmentlead_officials",
    "workplan_commitment_owners",
    "workplan_organization",
    "meetings_meeting",
]
# (table, operations, columns an UPDATE must set to count)
PARTLY_WATCHED = [
    ("workplan_commitment", ["INSERT", "DELETE"], ["pillar_id", "position", "text", "short_title"]),
    ("workplan_user", ["DELETE"], ["username", "first_name", "last_name", "organization_id"]),
]
RAISE = "UPDATE workplan_contentrevision SET value = value + 1 WHERE id = 1;"


def postgresql_triggers() -> list[str]:
    statements = [
        "CREATE FUNCTION workplan_content_revision_raise() RETURNS trigger AS $$"
        f" BEGIN {RAISE} RETURN NULL; END; $$ LANGUAGE plpgsql"
    ]
    for table in WATCHED:
        statements.append(
            f"CREATE TRIGGER {table}_content_revision"
            f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION workplan_content_revision_raise()"
        )
    for table, operations, columns in PARTLY_WATCHED:
        statements.append(
            f"CREATE TRIGGER {table}_content_revision"
            f" AFTER {' OR '.join([*operations, 'TRUNCATE'])} ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION workplan_content_revision_raise()"
        )
        statements.append(
            f"CREATE TRIGGER {table}_content_revision_update"
            f" AFTER UPDATE OF {', '.join(columns)} ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION workplan_content_revision_raise()"
        )
    return statements


def sqlite_triggers() -> list[tuple[str, str]]:
    """(name, statement): SQLite has row triggers only, one per table and operation."""
    triggers = []
    for table in WATCHED:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_content_revision_{operation.lower()}"
            triggers.append((name, f"AFTER {operation} ON {table}"))
    for table, operations, columns in PARTLY_WATCHED:
        for operation in operations:
            name = f"{table}_content_revision_{operation.lower()}"
            triggers.append((name, f"AFTER {operation} ON {table}"))
        name = f"{table}_content_revision_update"
        triggers.append((name, f"AFTER UPDATE OF {', '.join(columns)} ON {table}"))
    return [(name, f"CREATE TRIGGER {name} {when} BEGIN {RAISE} END") for name, when in triggers]


def create(apps, schema_editor):
    apps.get_model("workplan", "ContentRevision").objects.create(pk=1)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in postgresql_triggers():
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        for _name, statement in sqlite_triggers():
            schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in WATCHED + [table for table, *_ in PARTLY_WATCHED]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_revision ON {table}")
        for table, *_ in PARTLY_WATCHED:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_content_revision_update ON {table}"
            )
        schema_editor.execute("DROP FUNCTION IF EXISTS workplan_content_revision_raise()")
    elif vendor == "sqlite":
        for name, _statement in sqlite_triggers():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("workplan", "0006_status_tally_triggers"),
        ("meetings", "0002_reminder"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "epoch",
                    models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="epoch"),
                ),
                ("value", models.BigIntegerField(default=0, verbose_name="revision")),
            ],
            options={
                "verbose_name": "content revision",
                "verbose_name_plural": "content revisions",
            },
        ),
        migrations.RunPython(create, drop),
    ]
