"""Each plan's content revision (dashboard.PlanRevision), raised by the database itself
whenever a row the plan's dashboard reads changes, so a cached dashboard can never outlive
its data, whatever wrote the change (the app, admin, a bulk import, raw SQL); and the status
tallies, which move here from workplan (state only: the table keeps its name).

- Row triggers, BEFORE the change: each finds the plan (or plans) of the old and the new row
  and raises their revisions in the writer's own statement, so the new value becomes visible
  with the change at COMMIT. A reader cannot cache a board between a writer's INSERT and its
  COMMIT and then keep it.
- A writer holds its plan's row until it commits, and only its plan's: writers of different
  plans never wait on each other. `take_tallies` holds the plan's row while it counts and
  stores (dashboard/tallies.py); as the trigger fires before the change, a writer who would
  make the counts stale either committed before the counting began or waits, and its change
  then forgets the tallies just stored (workplan's migration 0006): none slips in between.
- On commitments the UPDATE triggers watch the columns the board reads, `status` included, so
  a status changed by hand shows too; `version`, `updated_at` and `target_date` change with a
  status update, whose history row raises the revision. On people, the names and the
  organisation: a login changes neither.
- TRUNCATE cannot name its plans: it fires nothing, and the revisions' table is truncated with
  the rest when a test database is flushed. Clear the cache after truncating by hand or
  restoring a backup.
"""

import uuid

from django.db import migrations, models

STATUSES = [
    ("not_started", "Not started"),
    ("on_track", "Underway – on track"),
    ("challenges", "Underway – with challenges"),
    ("completed", "Completed – fully"),
    ("completed_modified", "Completed – modified"),
    ("not_pursued", "Not being pursued"),
]

PLAN_OF_COMMITMENT = (
    "SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id"
    " WHERE c.id = {row}.commitment_id"
)
# (table, operations, UPDATE OF these columns only or None for any, the plans of {row}: a
# SELECT whose column is named plan_id).
WATCHED = [
    ("workplan_workplan", "INSERT UPDATE DELETE", None, "SELECT {row}.id AS plan_id"),
    ("workplan_workplan_parties", "INSERT UPDATE DELETE", None, "SELECT {row}.workplan_id AS plan_id"),
    ("workplan_pillar", "INSERT UPDATE DELETE", None, "SELECT {row}.plan_id AS plan_id"),
    ("meetings_meeting", "INSERT UPDATE DELETE", None, "SELECT {row}.plan_id AS plan_id"),
    (
        "workplan_commitment",
        "INSERT UPDATE DELETE",
        "pillar_id, position, text, short_title, status",
        "SELECT plan_id FROM workplan_pillar WHERE id = {row}.pillar_id",
    ),
    ("workplan_statusupdate", "INSERT", None, PLAN_OF_COMMITMENT),  # the history only grows
    ("workplan_commitmentlead", "INSERT UPDATE DELETE", None, PLAN_OF_COMMITMENT),
    ("workplan_commitment_owners", "INSERT UPDATE DELETE", None, PLAN_OF_COMMITMENT),
    (
        "workplan_commitmentlead_officials",
        "INSERT UPDATE DELETE",
        None,
        "SELECT p.plan_id FROM workplan_commitmentlead l"
        " JOIN workplan_commitment c ON c.id = l.commitment_id"
        " JOIN workplan_pillar p ON p.id = c.pillar_id WHERE l.id = {row}.commitmentlead_id",
    ),
    (
        "workplan_organization",
        "UPDATE DELETE",
        None,
        "SELECT workplan_id AS plan_id FROM workplan_workplan_parties WHERE organization_id = {row}.id"
        " UNION SELECT p.plan_id FROM workplan_commitmentlead l"
        " JOIN workplan_commitment c ON c.id = l.commitment_id"
        " JOIN workplan_pillar p ON p.id = c.pillar_id WHERE l.organization_id = {row}.id",
    ),
    (
        "workplan_user",
        "UPDATE DELETE",
        "username, first_name, last_name, organization_id",
        # The plans that name the person: as an owner, a lead's official or an author.
        "SELECT p.plan_id FROM workplan_commitment_owners o"
        " JOIN workplan_commitment c ON c.id = o.commitment_id"
        " JOIN workplan_pillar p ON p.id = c.pillar_id WHERE o.user_id = {row}.id"
        " UNION SELECT p.plan_id FROM workplan_commitmentlead_officials f"
        " JOIN workplan_commitmentlead l ON l.id = f.commitmentlead_id"
        " JOIN workplan_commitment c ON c.id = l.commitment_id"
        " JOIN workplan_pillar p ON p.id = c.pillar_id WHERE f.user_id = {row}.id"
        " UNION SELECT DISTINCT p.plan_id FROM workplan_statusupdate s"
        " JOIN workplan_commitment c ON c.id = s.commitment_id"
        " JOIN workplan_pillar p ON p.id = c.pillar_id WHERE s.author_id = {row}.id",
    ),
]


def raise_plans(plans: str, new_epoch: str) -> str:
    """Raise the revisions of the plans the SELECT `plans` names, making missing rows."""
    return (
        "INSERT INTO dashboard_planrevision (plan_id, epoch, value)"  # noqa: S608 - constants only
        f" SELECT plan_id, {new_epoch}, 1 FROM (SELECT DISTINCT plan_id FROM ({plans}) AS named"
        " WHERE plan_id IS NOT NULL) AS changed WHERE true"
        " ON CONFLICT (plan_id) DO UPDATE SET value = dashboard_planrevision.value + 1"
    )


def postgresql_statements(watched: list) -> list[str]:
    statements = []
    for table, operations, columns, plans in watched:
        # OLD is null on INSERT and NEW on DELETE: a moved row raises both plans.
        both = f"{plans.format(row='OLD')} UNION {plans.format(row='NEW')}"
        statements.append(
            f"CREATE FUNCTION {table}_raise_plan_revision() RETURNS trigger AS $$"
            f" BEGIN {raise_plans(both, 'gen_random_uuid()')};"
            " RETURN COALESCE(NEW, OLD); END; $$ LANGUAGE plpgsql"
        )
        events = [
            f"UPDATE OF {columns}" if operation == "UPDATE" and columns else operation
            for operation in operations.split()
        ]
        statements.append(
            f"CREATE TRIGGER {table}_raise_plan_revision BEFORE {' OR '.join(events)}"
            f" ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_raise_plan_revision()"
        )
    return statements


def sqlite_triggers(watched: list) -> list[tuple[str, str]]:
    """(name, statement): one trigger per table and operation; OLD and NEW are what exist."""
    triggers = []
    for table, operations, columns, plans in watched:
        for operation in operations.split():
            rows = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[operation]
            named = " UNION ".join(plans.format(row=row) for row in rows)
            event = f"UPDATE OF {columns}" if operation == "UPDATE" and columns else operation
            name = f"{table}_raise_plan_revision_{operation.lower()}"
            body = raise_plans(named, "lower(hex(randomblob(16)))")
            triggers.append(
                (name, f"CREATE TRIGGER {name} BEFORE {event} ON {table} BEGIN {body}; END")
            )
    return triggers


def install(schema_editor, watched: list) -> None:
    """The row triggers of `watched` (later migrations watch more tables the same way)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in postgresql_statements(watched):
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        for _name, statement in sqlite_triggers(watched):
            schema_editor.execute(statement, params=None)


def uninstall(schema_editor, watched: list) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table, *_rest in watched:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_raise_plan_revision ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_raise_plan_revision()")
    elif vendor == "sqlite":
        for name, _statement in sqlite_triggers(watched):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_triggers(apps, schema_editor):
    PlanRevision = apps.get_model("dashboard", "PlanRevision")
    WorkPlan = apps.get_model("workplan", "WorkPlan")
    plans = WorkPlan.objects.values_list("pk", flat=True)
    PlanRevision.objects.bulk_create([PlanRevision(plan_id=pk) for pk in plans])
    install(schema_editor, WATCHED)


def drop_triggers(apps, schema_editor):
    uninstall(schema_editor, WATCHED)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("workplan", "0008_tallies_to_dashboard_drop_content_revision"),
        ("meetings", "0003_reminder_claim_token"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StatusTally",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("moment", models.DateTimeField(verbose_name="moment")),
                        (
                            "status",
                            models.CharField(
                                choices=STATUSES, max_length=20, verbose_name="status"
                            ),
                        ),
                        ("count", models.PositiveIntegerField(verbose_name="count")),
                        (
                            "organization",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=models.deletion.CASCADE,
                                related_name="+",
                                to="workplan.organization",
                                verbose_name="lead organisation",
                            ),
                        ),
                        (
                            "pillar",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE,
                                related_name="+",
                                to="workplan.pillar",
                                verbose_name="pillar",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE,
                                related_name="+",
                                to="workplan.workplan",
                                verbose_name="work plan",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "status tally",
                        "verbose_name_plural": "status tallies",
                        "db_table": "workplan_statustally",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", [key for key, _ in STATUSES])),
                                name="statustally_status_valid",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("organization__isnull", True)),
                                fields=("plan", "moment", "pillar", "status"),
                                name="statustally_unique_all",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("organization__isnull", False)),
                                fields=("plan", "moment", "pillar", "organization", "status"),
                                name="statustally_unique_lead",
                            ),
                        ],
                    },
                )
            ]
        ),
        migrations.CreateModel(
            name="PlanRevision",
            fields=[
                (
                    "plan",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="workplan.workplan",
                        verbose_name="work plan",
                    ),
                ),
                (
                    "epoch",
                    models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="epoch"),
                ),
                ("value", models.BigIntegerField(default=1, verbose_name="revision")),
            ],
            options={
                "verbose_name": "content revision",
                "verbose_name_plural": "content revisions",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
