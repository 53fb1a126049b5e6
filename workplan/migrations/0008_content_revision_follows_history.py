"""The content revision also follows the history and the status column, and is raised
before the change rather than after it.

- 0007 left new status updates to the cache key's "newest update id", but ids are handed
  out at INSERT and become visible at COMMIT, so a reader could cache a board under an id
  that a slower, earlier update then joined unseen. A counter raised in the writer's own
  transaction has no such gap.
- It also watches `status` on commitments, which the board reads, so a status changed by
  hand in the database shows too.
- On PostgreSQL the triggers fire BEFORE each statement: a writer takes the revision row
  first, then changes its data, and only then do the row triggers of migration 0006 forget
  the tallies its change makes stale. `take_tallies` holds that row while it counts and
  stores (workplan/tallies.py), so a writer either commits before the counting starts or
  waits, and then forgets the tallies just stored; no change slips in between. (SQLite
  lets one writer in at a time, so there the order does not matter.)
"""

from django.db import migrations

RAISE = "UPDATE workplan_contentrevision SET value = value + 1 WHERE id = 1;"
FUNCTION = "workplan_content_revision_raise()"
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
COMMITMENT_COLUMNS = "pillar_id, position, text, short_title"
USER_COLUMNS = "username, first_name, last_name, organization_id"


def postgresql_triggers(when: str, status: bool) -> list[str]:
    """The 0007 set with `when` (BEFORE or AFTER); with `status`, also the history and the
    commitment's status column."""
    commitment_columns = COMMITMENT_COLUMNS + (", status" if status else "")
    statements = []
    for table in WATCHED:
        statements.append(
            f"CREATE TRIGGER {table}_content_revision {when} INSERT OR UPDATE OR DELETE"
            f" OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
        )
    for table, operations, columns in [
        ("workplan_commitment", "INSERT OR DELETE", commitment_columns),
        ("workplan_user", "DELETE", USER_COLUMNS),
    ]:
        statements.append(
            f"CREATE TRIGGER {table}_content_revision {when} {operations} OR TRUNCATE"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
        )
        statements.append(
            f"CREATE TRIGGER {table}_content_revision_update {when} UPDATE OF {columns}"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
        )
    if status:
        statements.append(
            f"CREATE TRIGGER workplan_statusupdate_content_revision {when} INSERT OR TRUNCATE"
            f" ON workplan_statusupdate FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}"
        )
    return statements


def postgresql_drops() -> list[str]:
    tables = [*WATCHED, "workplan_commitment", "workplan_user", "workplan_statusupdate"]
    drops = [f"DROP TRIGGER IF EXISTS {table}_content_revision ON {table}" for table in tables]
    for table in ("workplan_commitment", "workplan_user"):
        drops.append(f"DROP TRIGGER IF EXISTS {table}_content_revision_update ON {table}")
    return drops


def sqlite_statements(status: bool) -> list[str]:
    columns = COMMITMENT_COLUMNS + (", status" if status else "")
    statements = [
        "DROP TRIGGER IF EXISTS workplan_commitment_content_revision_update",
        "CREATE TRIGGER workplan_commitment_content_revision_update"
        f" AFTER UPDATE OF {columns} ON workplan_commitment BEGIN {RAISE} END",
        "DROP TRIGGER IF EXISTS workplan_statusupdate_content_revision_insert",
    ]
    if status:
        statements.append(
            "CREATE TRIGGER workplan_statusupdate_content_revision_insert"
            f" AFTER INSERT ON workplan_statusupdate BEGIN {RAISE} END"
        )
    return statements


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = postgresql_drops() + postgresql_triggers("BEFORE", status=True)
    elif vendor == "sqlite":
        statements = sqlite_statements(status=True)
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = postgresql_drops() + postgresql_triggers("AFTER", status=False)
    elif vendor == "sqlite":
        statements = sqlite_statements(status=False)
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("workplan", "0007_content_revision")]

    operations = [migrations.RunPython(forwards, backwards)]
