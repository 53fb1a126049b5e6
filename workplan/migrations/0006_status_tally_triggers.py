"""Forget a plan's status tallies (StatusTally) in the database itself whenever something
could change them, so that bulk inserts and raw SQL cannot leave a stale trend behind:

- a status update dated before a tallied meeting (backdated history, e.g. load_demo);
- a commitment added, deleted or moved to another pillar;
- a lead organisation added, removed or changed;
- a pillar moved to another plan.

An update dated now (the usual case) deletes nothing: it changes no past meeting's counts.
The next `take_tallies` run takes the forgotten tallies again; until then the dashboard
replays the history for them."""

from django.db import migrations

POSTGRESQL = """
CREATE FUNCTION workplan_statustally_after_updates() RETURNS trigger AS $$
BEGIN
    DELETE FROM workplan_statustally t
    USING (
        SELECT p.plan_id, MIN(a.created_at) AS since
        FROM added a
        JOIN workplan_commitment c ON c.id = a.commitment_id
        JOIN workplan_pillar p ON p.id = c.pillar_id
        GROUP BY p.plan_id
    ) x
    WHERE t.plan_id = x.plan_id AND t.moment > x.since;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workplan_statustally_after_updates
    AFTER INSERT ON workplan_statusupdate
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION workplan_statustally_after_updates();

CREATE FUNCTION workplan_statustally_after_commitment() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT plan_id FROM workplan_pillar WHERE id = OLD.pillar_id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT plan_id FROM workplan_pillar WHERE id = NEW.pillar_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workplan_statustally_after_commitment_change
    AFTER INSERT OR DELETE ON workplan_commitment
    FOR EACH ROW EXECUTE FUNCTION workplan_statustally_after_commitment();
CREATE TRIGGER workplan_statustally_after_commitment_move
    AFTER UPDATE OF pillar_id ON workplan_commitment
    FOR EACH ROW WHEN (OLD.pillar_id IS DISTINCT FROM NEW.pillar_id)
    EXECUTE FUNCTION workplan_statustally_after_commitment();

CREATE FUNCTION workplan_statustally_after_lead() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = OLD.commitment_id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = NEW.commitment_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workplan_statustally_after_lead_change
    AFTER INSERT OR DELETE ON workplan_commitmentlead
    FOR EACH ROW EXECUTE FUNCTION workplan_statustally_after_lead();
CREATE TRIGGER workplan_statustally_after_lead_move
    AFTER UPDATE OF commitment_id, organization_id ON workplan_commitmentlead
    FOR EACH ROW WHEN (
        OLD.commitment_id IS DISTINCT FROM NEW.commitment_id
        OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
    )
    EXECUTE FUNCTION workplan_statustally_after_lead();

CREATE FUNCTION workplan_statustally_after_pillar() RETURNS trigger AS $$
BEGIN
    DELETE FROM workplan_statustally WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workplan_statustally_after_pillar_move
    AFTER UPDATE OF plan_id ON workplan_pillar
    FOR EACH ROW WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id)
    EXECUTE FUNCTION workplan_statustally_after_pillar();
"""

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS workplan_statustally_after_updates ON workplan_statusupdate;
DROP TRIGGER IF EXISTS workplan_statustally_after_commitment_change ON workplan_commitment;
DROP TRIGGER IF EXISTS workplan_statustally_after_commitment_move ON workplan_commitment;
DROP TRIGGER IF EXISTS workplan_statustally_after_lead_change ON workplan_commitmentlead;
DROP TRIGGER IF EXISTS workplan_statustally_after_lead_move ON workplan_commitmentlead;
DROP TRIGGER IF EXISTS workplan_statustally_after_pillar_move ON workplan_pillar;
DROP FUNCTION IF EXISTS workplan_statustally_after_updates();
DROP FUNCTION IF EXISTS workplan_statustally_after_commitment();
DROP FUNCTION IF EXISTS workplan_statustally_after_lead();
DROP FUNCTION IF EXISTS workplan_statustally_after_pillar();
"""

# SQLite has row triggers only, one statement list each; datetimes are ISO text there, so
# comparing them as text orders them as Django's own queries do.
SQLITE = [
    """
    CREATE TRIGGER workplan_statustally_after_updates
    AFTER INSERT ON workplan_statusupdate
    BEGIN
        DELETE FROM workplan_statustally
        WHERE moment > NEW.created_at
          AND plan_id = (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = NEW.commitment_id);
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_commitment_insert
    AFTER INSERT ON workplan_commitment
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT plan_id FROM workplan_pillar WHERE id = NEW.pillar_id);
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_commitment_delete
    AFTER DELETE ON workplan_commitment
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT plan_id FROM workplan_pillar WHERE id = OLD.pillar_id);
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_commitment_move
    AFTER UPDATE OF pillar_id ON workplan_commitment
    WHEN OLD.pillar_id IS NOT NEW.pillar_id
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id IN (
            SELECT plan_id FROM workplan_pillar WHERE id IN (OLD.pillar_id, NEW.pillar_id)
        );
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_lead_insert
    AFTER INSERT ON workplan_commitmentlead
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = NEW.commitment_id);
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_lead_delete
    AFTER DELETE ON workplan_commitmentlead
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id = (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = OLD.commitment_id);
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_lead_move
    AFTER UPDATE OF commitment_id, organization_id ON workplan_commitmentlead
    WHEN OLD.commitment_id IS NOT NEW.commitment_id
      OR OLD.organization_id IS NOT NEW.organization_id
    BEGIN
        DELETE FROM workplan_statustally
        WHERE plan_id IN (
            (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = OLD.commitment_id),
            (SELECT p.plan_id FROM workplan_commitment c JOIN workplan_pillar p ON p.id = c.pillar_id WHERE c.id = NEW.commitment_id)
        );
    END
    """,
    """
    CREATE TRIGGER workplan_statustally_after_pillar_move
    AFTER UPDATE OF plan_id ON workplan_pillar
    WHEN OLD.plan_id IS NOT NEW.plan_id
    BEGIN
        DELETE FROM workplan_statustally WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
    END
    """,
]
SQLITE_NAMES = [
    "workplan_statustally_after_updates",
    "workplan_statustally_after_commitment_insert",
    "workplan_statustally_after_commitment_delete",
    "workplan_statustally_after_commitment_move",
    "workplan_statustally_after_lead_insert",
    "workplan_statustally_after_lead_delete",
    "workplan_statustally_after_lead_move",
    "workplan_statustally_after_pillar_move",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP, params=None)
    elif vendor == "sqlite":
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("workplan", "0005_status_tally")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
