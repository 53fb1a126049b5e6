"""The stored tallies of past meetings agree with the history, and the database forgets
them when an edit could change them."""

import datetime
from collections import Counter

from dashboard.models import StatusTally
from dashboard.tallies import take_tallies
from meetings.models import Meeting
from tests.dashboard.helpers import fresh_commitment, local, status_at
from workplan.models import Commitment, CommitmentLead, Pillar
from workplan.status import Status


def tallies_of(plan, organization=None):
    found = {}
    rows = StatusTally.objects.filter(plan=plan, organization=organization)
    for tally in rows:
        found.setdefault(tally.moment, Counter())[(tally.pillar_id, tally.status)] += tally.count
    return found


def test_it_tallies_every_past_meeting_as_the_history_says(demo, doc):
    past = list(Meeting.objects.past().filter(plan=demo))
    tallies = tallies_of(demo)  # load_demo took them
    assert set(tallies) == {m.starts_at for m in past}
    led = tallies_of(demo, doc)
    for meeting in past:
        expected, expected_led = Counter(), Counter()
        for commitment in Commitment.objects.filter(pillar__plan=demo):
            key = (commitment.pillar_id, status_at(commitment, meeting.starts_at))
            expected[key] += 1
            if commitment.leads.filter(organization=doc).exists():
                expected_led[key] += 1
        assert tallies[meeting.starts_at] == expected, meeting.starts_at
        assert led[meeting.starts_at] == expected_led, meeting.starts_at
    assert take_tallies(demo) == 0  # nothing left to take


def test_a_backdated_update_makes_the_later_tallies_go(demo, us_official):
    moments = sorted(tallies_of(demo))
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    commitment.record_status(
        author=us_official,
        status=Status.CHALLENGES,
        expected_version=commitment.version,
        note="Reported late.",
        at=moments[-3] + datetime.timedelta(days=1),
    )
    assert sorted(tallies_of(demo)) == moments[:-2]
    take_tallies(demo)
    assert sorted(tallies_of(demo)) == moments


def test_an_update_made_now_keeps_every_tally(demo, us_official):
    before = tallies_of(demo)
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    commitment.record_status(
        author=us_official, status=Status.ON_TRACK, expected_version=commitment.version
    )
    assert tallies_of(demo) == before


def test_moving_adding_or_leading_a_commitment_makes_the_plans_tallies_go(demo, ised):
    commitment = Commitment.objects.filter(pillar__plan=demo, pillar__position=1).first()
    commitment.pillar = Pillar.objects.get(plan=demo, position=3)
    commitment.position = 99
    commitment.save()
    assert not StatusTally.objects.filter(plan=demo).exists()

    take_tallies(demo)
    fresh_commitment(demo, title="Added")
    assert not StatusTally.objects.filter(plan=demo).exists()

    take_tallies(demo)
    commitment.short_title = "Renamed"
    commitment.save()  # an edit that moves nothing keeps them
    assert StatusTally.objects.filter(plan=demo).exists()
    lead = CommitmentLead.objects.filter(commitment__pillar__plan=demo).exclude(
        commitment__leads__organization=ised
    )[0]
    CommitmentLead.objects.create(commitment=lead.commitment, organization=ised)
    assert not StatusTally.objects.filter(plan=demo).exists()


def test_the_trend_is_the_same_from_tallies_and_from_the_history(demo, staff, us_official):
    from tests.conftest import client_for

    client = client_for(staff)
    commitment = fresh_commitment(demo, title="Backdated")
    commitment.record_status(
        author=us_official,
        status=Status.ON_TRACK,
        expected_version=1,
        at=local(2023, 3, 1, 12),
    )
    for url in ["/plans/us-canada-2021/", "/plans/us-canada-2021/?as_of=2025-08-03&org=DOC"]:
        assert not StatusTally.objects.filter(plan=demo).exists()
        replayed = client.get(url).context["board"]
        take_tallies(demo)
        tallied = client.get(url).context["board"]
        assert [(p.moment, p.tally.counts) for p in replayed.trend[:-1]] == [
            (p.moment, p.tally.counts) for p in tallied.trend[:-1]
        ]
        assert replayed.trend[-1].tally.counts == tallied.trend[-1].tally.counts
        assert replayed.tally.counts == tallied.tally.counts
        StatusTally.objects.filter(plan=demo).delete()
