"""The content revision (workplan.ContentRevision): one row, raised by the database itself
whenever a table the dashboard reads changes, so a cached dashboard can never outlive its
data, whatever wrote the change (the app, admin, a bulk import, raw SQL).

- It is raised in the writer's own statement, so it becomes visible with the change at
  COMMIT: a reader cannot cache a board between a writer's INSERT and its COMMIT and then
  keep it (the history's newest id, which an earlier version used, has that gap).
- On commitments it watches the columns the board reads, `status` included, so a status
  changed by hand in the database shows too; `version`, `updated_at` and `target_date`
  change with a status update, which the history trigger already counts.
- On PostgreSQL the triggers fire BEFORE each statement: a writer takes the revision row
  first, then changes its data, and only then do the row triggers of migration 0006 forget
  the tallies its change makes stale. `take_tallies` holds that row while it counts and
  stores (workplan/tallies.py), so a writer either commits before the counting starts or
  waits, and then forgets the tallies just stored; no change slips in between. The
  history's trigger fires before workplan_statustally_after_updates for the same reason.
  (SQLite lets one writer in at a time, so there the order does not matter.)
"""

import uuid

from django.db import migrations, models

RAISE = "UPDATE workplan_contentrevision SET value = value + 1 WHERE id = 1;"
FUNCTION = "workplan_content_revision_raise()"
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
    ("workplan_commitment", ["INSERT", "DELETE"], "pillar_id, position, text, short_title, status"),
    ("workplan_user", ["DELETE"], "username, first_name, last_name, organization_id"),
    ("workplan_statusupdate", ["INSERT"], None),  # the history only grows
]


def postgresql_statements() -> list[str]:
    statements = [
        f"CREATE FUNCTION {FUNCTION} RETURNS trigger AS $$"
        f" BEGIN {RAISE} RETURN NULL; END; $$ LANGUAGE plpgsql"
    ]
    watched = [(table, ["INSERT", "UPDATE", "DELETE"], None) for table in WATCHED]
    for table, operations, columns in watched + PARTLY_WATCHED:
        statements.append(
            f"CREATE TRIGGER {trigger_name(table)} BEFORE {' OR '.join([*operations, 'TRUNCATE'])}"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
        )
        if columns:
            statements.append(
                f"CREATE TRIGGER {table}_content_revision_update BEFORE UPDATE OF {columns}"
                f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
            )
    return statements


def trigger_name(table: str) -> str:
    # Named to sort before workplan_statustally_after_updates (triggers fire in name order).
    if table == "workplan_statusupdate":
        return "workplan_content_revision_statusupdate"
    return f"{table}_content_revision"


def sqlite_triggers() -> list[tuple[str, str]]:
    """(name, statement): SQLite has row triggers only, one per table and operation."""
    triggers = []
    watched = [(table, ["INSERT", "UPDATE", "DELETE"], None) for table in WATCHED]
    for table, operations, columns in watched + PARTLY_WATCHED:
        for operation in operations:
            triggers.append(
                (f"{table}_content_revision_{operation.lower()}", f"AFTER {operation} ON {table}")
            )
        if columns:
            triggers.append(
                (f"{table}_content_revision_update", f"AFTER UPDATE OF {columns} ON {table}")
            )
    return [(name, f"CREATE TRIGGER {name} {when} BEGIN {RAISE} END") for name, when in triggers]


def create(apps, schema_editor):
    apps.get_model("workplan", "ContentRevision").objects.create(pk=1)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in postgresql_statements():
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        for _name, statement in sqlite_triggers():
            schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table, _operations, columns in [(t, [], None) for t in WATCHED] + PARTLY_WATCHED:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")
            if columns:
                schema_editor.execute(
                    f"DROP TRIGGER IF EXISTS {table}_content_revision_update ON {table}"
                )
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}")
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
