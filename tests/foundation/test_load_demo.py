import datetime

from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting
from workplan.models import Commitment, CommitmentLead, Organization, StatusUpdate, User, WorkPlan


def counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "plans": WorkPlan.objects.count(),
        "pillars": WorkPlan.objects.get().pillars.count(),
        "commitments": Commitment.objects.count(),
        "leads": CommitmentLead.objects.count(),
        "updates": StatusUpdate.objects.count(),
        "meetings": Meeting.objects.count(),
        "users": User.objects.count(),
    }


def test_it_loads_the_2021_plan_and_changes_nothing_when_run_again(demo):
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["organizations"] == 2
    assert first["plans"] == 1
    assert first["pillars"] == 3
    assert first["commitments"] == 11
    assert first["updates"] > 20


def test_it_keeps_the_readouts_order_and_wording(demo):
    pillars = list(demo.pillars.all())
    assert [pillar.commitments.count() for pillar in pillars] == [3, 4, 4]
    first = Commitment.objects.filter(pillar__plan=demo).first()
    assert first.text.startswith(
        "Reinforce existing cooperation under the U.S.-Canada Critical Minerals Action Plan"
    )
    assert pillars[0].lead_in.startswith("Acknowledged the importance of cooperation")


def test_it_gives_every_commitment_a_lead_organisation(demo):
    assert not Commitment.objects.filter(pillar__plan=demo, leads__isnull=True).exists()


def test_it_schedules_quarterly_meetings_up_to_the_first_after_today(demo):
    meetings = list(demo.meetings.order_by("starts_at"))
    assert meetings[0].starts_at.date() == datetime.date(2021, 11, 3)
    assert meetings[-1].starts_at > timezone.now() >= meetings[-2].starts_at
    assert meetings[-1].state == Meeting.State.PLANNED
    assert {m.state for m in meetings[:-1]} == {Meeting.State.HELD}


def test_it_creates_one_login_per_role(demo):
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {
        "us-official": "official",
        "ca-official": "official",
        "us-signatory": "official",
        "ca-signatory": "official",
        "staff": "staff",
        "admin": "admin",
    }
    signatories = User.objects.filter(is_signatory=True).values_list("username", flat=True)
    assert sorted(signatories) == ["ca-signatory", "us-signatory"]
    assert User.objects.get(username="us-official").check_password("demo-password")


def test_it_writes_a_history_consistent_with_the_current_statuses(demo):
    for commitment in Commitment.objects.filter(pillar__plan=demo):
        latest = commitment.updates.first()
        if latest is not None:
            assert latest.new_status == commitment.status
            assert commitment.version == commitment.updates.count() + 1
