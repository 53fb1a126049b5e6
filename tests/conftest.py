"""Shared fixtures: the demo plan and one persona per role (healthchecks style)."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from meetings.models import Meeting
from tests import clock
from workplan.models import Commitment, CommitmentLead, Organization, Pillar, User, WorkPlan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PASSWORD = "demo-password"


def pytest_configure(config: pytest.Config) -> None:
    clock.start_from_environment()
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_services import unreachable

    problems = unreachable()
    if problems:
        pytest.exit(
            " ".join(problems) + " Start them with `docker compose up -d db redis`.", returncode=3
        )


def pytest_report_header(config: pytest.Config) -> str:
    moment = clock.parse_moment(os.environ[clock.ENV]) if os.environ.get(clock.ENV) else None
    return f"clock: {moment.isoformat() if moment else 'the wall clock'} ({clock.ENV})"


@pytest.fixture
def demo(db) -> WorkPlan:
    """The 2021 U.S.–Canada plan exactly as `load_demo` builds it."""
    call_command("load_demo", password=PASSWORD, verbosity=0)
    return WorkPlan.objects.get(slug="us-canada-2021")


@pytest.fixture
def doc(demo) -> Organization:
    return Organization.objects.get(short_name="DOC")


@pytest.fixture
def ised(demo) -> Organization:
    return Organization.objects.get(short_name="ISED")


@pytest.fixture
def us_official(demo) -> User:
    return User.objects.get(username="us-official")


@pytest.fixture
def ca_official(demo) -> User:
    return User.objects.get(username="ca-official")


@pytest.fixture
def staff(demo) -> User:
    return User.objects.get(username="staff")


@pytest.fixture
def admin_user(demo) -> User:
    return User.objects.get(username="admin")


@pytest.fixture
def other_plan(db) -> WorkPlan:
    """A second dialogue (U.S.–Mexico) the demo users are not party to."""
    mexico = Organization.objects.create(
        name="Secretaría de Economía", short_name="SE", country_code="MX"
    )
    plan = WorkPlan.objects.create(
        title="U.S.–Mexico economic dialogue",
        slug="us-mexico",
        started_on=datetime.date(2021, 9, 9),
    )
    plan.parties.add(mexico)
    pillar = Pillar.objects.create(plan=plan, position=1, title="Building back together")
    commitment = Commitment.objects.create(
        pillar=pillar,
        position=1,
        text="Promote sustainable economic development.",
        short_title="Development",
    )
    CommitmentLead.objects.create(commitment=commitment, organization=mexico)
    return plan


@pytest.fixture
def outsider(other_plan) -> User:
    """An official of a department that is party to another plan only."""
    user = User.objects.create_user(
        "mx-official",
        password=PASSWORD,
        organization=Organization.objects.get(short_name="SE"),
        role=User.Role.OFFICIAL,
    )
    return user


def next_meeting(plan: WorkPlan) -> Meeting:
    """The plan's first meeting after now: the one the current quarter's check-ins are for."""
    return plan.meetings.upcoming().earliest()


def last_meeting(plan: WorkPlan) -> Meeting:
    """The plan's latest meeting that has begun: the current quarter started with it."""
    return plan.meetings.past().latest()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def personas(us_official, ca_official, staff, admin_user, outsider) -> dict[str, User]:
    return {
        "us_official": us_official,
        "ca_official": ca_official,
        "staff": staff,
        "admin": admin_user,
        "outsider": outsider,
    }


def commitment_led_only_by(plan: WorkPlan, short_name: str) -> Commitment:
    """A commitment of the plan whose only lead organisation is the given one."""
    for commitment in Commitment.objects.filter(pillar__plan=plan).prefetch_related(
        "leads__organization"
    ):
        leads = [lead.organization.short_name for lead in commitment.leads.all()]
        if leads == [short_name]:
            return commitment
    raise LookupError(short_name)
