"""Every migration runs backwards as well as forwards, on both databases: an upgrade that
goes wrong can be undone with `migrate <app> <earlier>`."""

from __future__ import annotations

import secrets

import psycopg
import pytest

from tests.foundation.test_deployment import run

APPS_TOP_DOWN = ["dashboard", "meetings", "readouts", "workplan"]


def migrate_down_and_up(database_url: str, tmp_path) -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "ACCORD_VAR_DIR": str(tmp_path),
    }
    steps = [
        ["migrate", "--no-input"],
        # Back past the per-plan revisions to the global one, and forwards again.
        ["migrate", "--no-input", "workplan", "0007"],
        ["migrate", "--no-input"],
        *(["migrate", "--no-input", app, "zero"] for app in APPS_TOP_DOWN),
        ["migrate", "--no-input"],
        ["makemigrations", "--check", "--dry-run"],
    ]
    for step in steps:
        result = run(["manage.py", *step], env)
        assert result.returncode == 0, f"{step}: {result.stdout}{result.stderr}"


@pytest.fixture
def empty_postgresql_database():
    name = f"accord_migrations_{secrets.token_hex(4)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_migrates_postgresql_down_to_nothing_and_back(empty_postgresql_database, tmp_path):
    migrate_down_and_up(empty_postgresql_database, tmp_path)


def test_it_migrates_sqlite_down_to_nothing_and_back(tmp_path):
    migrate_down_and_up(f"sqlite:///{tmp_path / 'accord.sqlite3'}", tmp_path)
