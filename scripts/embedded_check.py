"""The embedded path end to end: no DATABASE_URL, no REDIS_URL — migrate, load the demo
and render every page for every demo login on SQLite. Run by the test suite in a
subprocess with its own ACCORD_VAR_DIR."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
for variable in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(variable, None)
os.environ.setdefault("DEBUG", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pages import app_pages  # noqa: E402

from workplan.models import Commitment, User, WorkPlan  # noqa: E402

# Pages that answer 403 to those who may not act on the sample commitment (the right
# answer), and actions that take only POST (405 to a GET).
REFUSED = {
    "commitment_status": lambda user, commitment: not commitment.can_be_updated_by(user),
    "commitment_checkin": lambda user, commitment: not commitment.is_reported_on_by(user),
}
POST_ONLY = {
    "sign_meeting",
    "propose_status",
    "answer_proposal",
    "record_decision",
    "complete_action",
}


def check_status_update(commitment: Commitment) -> list[str]:
    """SQLite takes record_status's transaction path (PostgreSQL's is one statement):
    an htmx update saves once; a second one at the same version is refused."""
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    path = f"/commitments/{commitment.pk}/status/"
    history = commitment.updates.count()
    form = {"status": "on_track", "note": "Embedded check.", "version": commitment.version}
    answers = [client.post(path, form, headers={"HX-Request": "true"}).status_code for _ in "12"]
    saved = Commitment.objects.get(pk=commitment.pk)
    if answers != [200, 409] or saved.version != commitment.version + 1:
        return [f"status update on SQLite: {answers}, version {saved.version}"]
    if saved.updates.count() != history + 1:
        return ["status update on SQLite: the history did not gain exactly one entry"]
    return []


def main() -> int:
    assert connection.vendor == "sqlite", connection.vendor
    assert settings.CELERY_BROKER_URL == "filesystem://", settings.CELERY_BROKER_URL
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    plan = WorkPlan.objects.get(slug="us-canada-2021")
    first_commitment = Commitment.objects.filter(pillar__plan=plan).order_by("pk").first()
    failures = []
    rendered = 0
    for username in ("us-official", "ca-official", "staff", "admin"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for name, path in [("home", "/"), *app_pages(plan)]:
            response = client.get(path, follow=True)
            rendered += 1
            refused = name in REFUSED and REFUSED[name](user, first_commitment)
            expected = 405 if name in POST_ONLY else 403 if refused else 200
            if response.status_code != expected:
                failures.append(f"{username} {name} {path}: {response.status_code}")
        if username == "admin":
            for path in (
                "/admin/",
                "/admin/workplan/commitment/",
                "/admin/workplan/pillar/",
                "/admin/meetings/checkin/",
                "/admin/meetings/meetingrecord/",
            ):
                rendered += 1
                if (status := client.get(path).status_code) != 200:
                    failures.append(f"admin {path}: {status}")
    failures += check_status_update(first_commitment)
    print(f"embedded: {rendered} pages rendered on {connection.vendor}, {len(failures)} failed")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
