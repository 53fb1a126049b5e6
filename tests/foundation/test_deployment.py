"""Production settings and the embedded (no-server) path, each checked in a real subprocess."""

import os
import secrets
import subprocess
import sys

from tests.conftest import ROOT

TEST_ONLY_VARIABLES = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_SETTINGS_MODULE",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # Drop what config.test_settings put in this process's environment.
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_passes_the_deployment_checklist_in_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "accord.example.org",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/accord",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = run(
        ["manage.py", "check"],
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": ""},
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_it_runs_on_sqlite_and_a_folder_broker_with_no_servers(tmp_path):
    result = run(
        ["scripts/embedded_check.py"],
        {"DJANGO_SETTINGS_MODULE": "config.settings", "ACCORD_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "on sqlite, 0 failed" in result.stdout
    assert (tmp_path / "accord.sqlite3").exists()
