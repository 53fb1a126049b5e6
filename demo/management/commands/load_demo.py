"""Load the 2021 U.S.–Canada demo work plan. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from dashboard.tallies import take_tallies
from meetings.models import (
    Action,
    CheckIn,
    Confidence,
    Decision,
    Meeting,
    SignOff,
    StatusProposal,
    assessed_commitments,
    default_due,
)
from readouts.importer import import_readout
from workplan.dates import add_months
from workplan.models import Commitment, CommitmentLead, Organization, StatusUpdate, User, WorkPlan
from workplan.status import Status

DEMO_DIR = Path(__file__).resolve().parents[2] / "readouts"
US_READOUT = DEMO_DIR / "2021-11-03_us-commerce_press-release.txt"
CA_READOUT = DEMO_DIR / "2021-11-03_ised-canada_newswire.txt"
# Canada publishes in both official languages: the French version gives the plan its French.
CA_READOUT_FR = DEMO_DIR / "2021-11-03_ised-canada_compte-rendu-fr.txt"
PLAN_SLUG = "us-canada-2021"
PLAN_TITLE = "U.S.–Canada work plan, 3 November 2021"
PLAN_TITLE_FR = "Plan de travail États-Unis–Canada du 3 novembre 2021"
STARTED_ON = datetime.date(2021, 11, 3)
# The pillars as the ministers named them; the readout's lead-in sentences stay beside them.
PILLAR_TITLES = [
    "Supply-chain security and resiliency",
    "Innovation for an inclusive recovery",
    "Collaboration in international fora",
]
PILLAR_TITLES_FR = [
    "Sécurité et résilience des chaînes d'approvisionnement",
    "Innovation pour une relance inclusive",
    "Collaboration au sein des forums internationaux",
]
# Which party leads each commitment ("US", "CA" or both), in the readout's order.
LEADS = ["CA", "US", "US CA", "US", "CA", "US", "US CA", "US", "CA", "CA", "US"]
EASTERN = zoneinfo.ZoneInfo("America/Toronto")
MEETING_LOCATIONS = ["Washington, D.C.", "Ottawa", "Videoconference"]
# Short titles as the officials say them; the readout's full wording stays in the text.
SHORT_TITLES = [
    "Critical minerals and industry engagement",
    "Software supply chain security",
    "Secure telecommunications supply chains, 5G and beyond",
    "Emerging technologies",
    "Artificial intelligence: standards bodies and GPAI",
    "ESG best practices",
    "USPTO–CIPO cooperation",
    "APEC Cross-Border Privacy Rules",
    "Vendor diversity and open radio access networks",
    "Digital issues at the G7 and G20",
    "Hemispheric issues: Leaders' Summit and Summit of the Americas",
]
SHORT_TITLES_FR = [
    "Minéraux critiques et mobilisation de l'industrie",
    "Sécurité de la chaîne d'approvisionnement des logiciels",
    "Chaînes d'approvisionnement sûres en télécommunications, 5G et au-delà",
    "Technologies émergentes",
    "Intelligence artificielle : organismes de normalisation et PMIA",
    "Pratiques exemplaires ESG",
    "Coopération USPTO–OPIC",
    "Règles transfrontalières de protection de la vie privée de l'APEC",
    "Diversité des fournisseurs et réseaux d'accès radio ouverts",
    "Enjeux numériques au G7 et au G20",
    "Enjeux hémisphériques : Sommet des leaders et Sommet des Amériques",
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    country: str | None
    role: str
    language: str
    is_signatory: bool = False


DEMO_USERS = [
    DemoUser("us-official", "Jordan", "Ellis", "US", User.Role.OFFICIAL, "en"),
    DemoUser("ca-official", "Camille", "Tremblay", "CA", User.Role.OFFICIAL, "fr"),
    DemoUser("us-signatory", "Morgan", "Hayes", "US", User.Role.OFFICIAL, "en", True),
    DemoUser("ca-signatory", "Julie", "Gagnon", "CA", User.Role.OFFICIAL, "fr", True),
    DemoUser("staff", "Alex", "Morgan", "CA", User.Role.STAFF, "en"),
    DemoUser("admin", "Sam", "Rivera", None, User.Role.ADMIN, "en"),
]


class Command(BaseCommand):
    help = "Create the 2021 U.S.–Canada demo work plan, its meetings, history and demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default="demo", help="Password of every demo login.")

    @transaction.atomic
    def handle(self, *args, password: str, **options) -> None:
        organizations = {
            "US": Organization.objects.get_or_create(
                short_name="DOC",
                defaults={"name": "U.S. Department of Commerce", "country_code": "US"},
            )[0],
            "CA": Organization.objects.get_or_create(
                short_name="ISED",
                defaults={
                    "name": "Innovation, Science and Economic Development Canada",
                    "country_code": "CA",
                },
            )[0],
        }
        users = {
            spec.username: self.ensure_user(spec, organizations, password) for spec in DEMO_USERS
        }
        plan, _ = WorkPlan.objects.get_or_create(
            slug=PLAN_SLUG, defaults={"title": PLAN_TITLE, "started_on": STARTED_ON}
        )
        plan.parties.add(*organizations.values())
        if not plan.pillars.exists():
            self.import_readouts(plan, organizations)
        self.ensure_leads(plan, organizations, users)
        meetings = self.ensure_meetings(plan)
        if not StatusUpdate.objects.filter(commitment__pillar__plan=plan).exists():
            self.write_history(plan, meetings, users)
            self.decide(plan, meetings, users)
        # The past meetings' tallies, as the beat task would take them.
        take_tallies(plan)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo plan {plan.slug}: {plan.pillars.count()} pillars, "
                    f"{Commitment.objects.filter(pillar__plan=plan).count()} commitments, "
                    f"{plan.meetings.count()} meetings."
                )
            )

    def ensure_user(self, spec: DemoUser, organizations: dict, password: str) -> User:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.org",
                "organization": organizations.get(spec.country),
                "role": spec.role,
                "language": spec.language,
                "is_signatory": spec.is_signatory,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def import_readouts(self, plan: WorkPlan, organizations: dict) -> None:
        """Through the same importer an administrator uses: the U.S. version creates the
        pillars and commitments, Canada's attaches to them."""
        for path, party in [(US_READOUT, "US"), (CA_READOUT, "CA")]:
            text = path.read_text(encoding="utf-8")
            import_readout(
                text, plan=plan, organization=organizations[party], published=plan.started_on
            )
        import_readout(
            CA_READOUT_FR.read_text(encoding="utf-8"),
            plan=plan,
            organization=organizations["CA"],
            published=plan.started_on,
            language="fr",
        )
        # The ministers' own names for the pillars; the readout's lead-ins stay beside them.
        pillars = plan.pillars.order_by("position")
        for pillar, title, title_fr in zip(pillars, PILLAR_TITLES, PILLAR_TITLES_FR, strict=True):
            pillar.title, pillar.title_fr = title, title_fr
            pillar.save(update_fields=["title", "title_fr"])
        plan.title_fr = PLAN_TITLE_FR
        plan.save(update_fields=["title_fr"])

    def ensure_leads(self, plan: WorkPlan, organizations: dict, users: dict) -> None:
        officials = {"US": users["us-official"], "CA": users["ca-official"]}
        commitments = Commitment.objects.filter(pillar__plan=plan).order_by(
            "pillar__position", "position"
        )
        for index, (commitment, parties, title, title_fr) in enumerate(
            zip(commitments, LEADS, SHORT_TITLES, SHORT_TITLES_FR, strict=False)
        ):
            if (commitment.short_title, commitment.short_title_fr) != (title, title_fr):
                commitment.short_title, commitment.short_title_fr = title, title_fr
                commitment.save(update_fields=["short_title", "short_title_fr"])
            for country in parties.split():
                lead, _ = CommitmentLead.objects.get_or_create(
                    commitment=commitment, organization=organizations[country]
                )
                lead.officials.add(officials[country])
            # Each official also owns a couple of their side's files by name.
            if index in (1, 5):
                commitment.owners.add(officials["US"])
            if index in (0, 4):
                commitment.owners.add(officials["CA"])

    def ensure_meetings(self, plan: WorkPlan) -> list[Meeting]:
        """Quarterly from the readout's day up to and including the first one after today."""
        now = timezone.now()
        meetings = []
        quarter = 0
        while True:
            day = add_months(STARTED_ON, plan.cadence_months * quarter)
            # 10:00 in Washington and Ottawa, whatever the season.
            starts_at = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=EASTERN)
            meeting, _ = Meeting.objects.get_or_create(
                plan=plan,
                starts_at=starts_at,
                defaults={
                    "location": MEETING_LOCATIONS[quarter % len(MEETING_LOCATIONS)],
                    "state": Meeting.State.HELD if starts_at <= now else Meeting.State.PLANNED,
                },
            )
            meetings.append(meeting)
            quarter += 1
            if starts_at > now:
                return meetings

    def write_history(self, plan: WorkPlan, meetings: list[Meeting], users: dict) -> None:
        """A plausible, repeatable story: most files move forward each quarter, a few stall,
        and the current quarter is only half reported so there is something to chase."""
        rng = random.Random(2021_11_03)
        now = timezone.now()
        commitments = list(
            Commitment.objects.filter(pillar__plan=plan)
            .prefetch_related("leads__organization")
            .order_by("pillar__position", "position")
        )
        officials = {"US": users["us-official"], "CA": users["ca-official"]}
        path_for = {
            index: PROGRESSIONS[index % len(PROGRESSIONS)] for index in range(len(commitments))
        }
        for quarter, meeting in enumerate(meetings[1:], start=1):
            deadline = meeting.starts_at - datetime.timedelta(days=plan.checkin_offset_days)
            current_quarter = meeting.starts_at > now
            for index, commitment in enumerate(commitments):
                path = path_for[index]
                # Staggered, so that some file moves in most quarters.
                step = min((quarter + index % 4) // 4, len(path) - 1)
                new_status = path[step]
                due_anyway = rng.random() < 0.35
                if current_quarter:
                    if index not in CURRENT_QUARTER_NEWS:
                        continue  # not yet reported this quarter
                    if commitment.status not in FINAL:
                        new_status = CURRENT_QUARTER_NEWS[index]
                if new_status == commitment.status and not due_anyway:
                    continue
                if new_status == commitment.status and new_status in FINAL:
                    continue
                countries = [lead.organization.country_code for lead in commitment.leads.all()]
                author = officials[rng.choice(countries)]
                # Officials report during office hours, Eastern time, in the weeks before.
                day = deadline - datetime.timedelta(days=rng.randint(1, 20))
                at = day.replace(hour=9 + rng.randint(0, 8), minute=0)
                if current_quarter:
                    at = min(at, now - datetime.timedelta(hours=rng.randint(2, 48)))
                which = rng.randrange(len(NOTES[new_status]))
                evidence = ["https://www.commerce.gov/news"] if rng.random() < 0.2 else []
                self.check_in(meeting, commitment, author, new_status, which, evidence, at)
                other = next((o for o in officials.values() if o != author), None)
                if len(countries) > 1 and other is not None:
                    # The other lead party files a day later; now and then it sees the file
                    # differently, and the meeting takes that first.
                    seen = new_status
                    if (quarter + index) % 3 == 1 and new_status not in FINAL:
                        seen = (
                            Status.ON_TRACK
                            if new_status == Status.CHALLENGES
                            else Status.CHALLENGES
                        )
                    later = at + datetime.timedelta(days=1)
                    if current_quarter:
                        later = min(later, now - datetime.timedelta(hours=1))
                    self.check_in(meeting, commitment, other, seen, which, [], later)
            if not current_quarter:
                self.sign(meeting, users)

    def check_in(self, meeting, commitment, author, status, which, evidence, at) -> None:
        """The party's check-in, which records the status in the history as an official's
        does; Canada's officials write theirs in French."""
        french = author.language == "fr"
        notes, steps = (NOTES_FR, NEXT_STEPS_FR) if french else (NOTES, NEXT_STEPS)
        CheckIn.file(
            meeting=meeting,
            commitment=commitment,
            author=author,
            status=status,
            confidence=DEMO_CONFIDENCE[status],
            note=notes[status][min(which, len(notes[status]) - 1)],
            evidence_links=evidence,
            next_steps=steps[status],
            expected_version=commitment.version,
            at=at,
        )

    def sign(self, meeting: Meeting, users: dict) -> None:
        """Where the parties differed, the U.S. signatory proposes Canada's reading and
        Canada's accepts; then both sign the day after the deadline: the record as
        presented."""
        at = meeting.checkin_deadline + datetime.timedelta(hours=22)
        commitments, assessed = assessed_commitments(meeting)
        for commitment in commitments:
            assessment = assessed[commitment.pk]
            if not assessment.parties_differ:
                continue
            canada = next(c for c in assessment.filed if c.organization.country_code == "CA")
            proposal = StatusProposal.propose(
                meeting,
                commitment,
                users["us-signatory"],
                canada.status,
                "Canada's reading reflects the latest milestone; the U.S. side agrees.",
                at=at - datetime.timedelta(hours=4),
            )
            proposal.answer_with(
                users["ca-signatory"], accepted=True, at=at - datetime.timedelta(hours=2)
            )
        for offset, name in enumerate(["us-signatory", "ca-signatory"]):
            SignOff.sign(
                meeting,
                users[name],
                acknowledged_missing=True,
                at=at + datetime.timedelta(hours=offset * 2),
            )

    def decide(self, plan: WorkPlan, meetings: list[Meeting], users: dict) -> None:
        """The last four past meetings' decisions, each an action for one side: those of
        the older meetings done before their due date, but one left open (so overdue), and
        the last meeting's due at the current quarter's deadline, one of them done already."""
        now = timezone.now()
        past = [m for m in meetings if m.starts_at <= now][1:][-4:]
        commitments = list(
            Commitment.objects.filter(pillar__plan=plan)
            .select_related("pillar")
            .prefetch_related("leads__organization")
            .order_by("pillar__position", "position")
        )
        pillars = list(plan.pillars.order_by("position"))
        owners = {"US": users["us-official"], "CA": users["ca-official"]}
        recorders = [users["us-signatory"], users["ca-signatory"]]
        for number, meeting in enumerate(past):
            last = number == len(past) - 1
            due = default_due(meeting)
            recorded_at = meeting.starts_at + datetime.timedelta(hours=3)
            for turn, (text, action) in enumerate(DECISIONS[number % len(DECISIONS)]):
                index, country = action[1], action[2]
                commitment = commitments[index] if index is not None else None
                subject = {"commitment": commitment} if commitment else {"pillar": pillars[-1]}
                decision = Decision.record(
                    meeting=meeting,
                    author=recorders[(number + turn) % 2],
                    text=text,
                    action={
                        "text": action[0],
                        "organization": owners[country].organization,
                        "owner": owners[country],
                        "due_at": due,
                        **subject,
                    },
                    at=recorded_at + datetime.timedelta(minutes=10 * turn),
                )
                left_open = (number == len(past) - 2 and turn == 0) or (last and turn == 1)
                if not left_open:
                    done_at = min(
                        due - datetime.timedelta(days=9), now - datetime.timedelta(days=2)
                    )
                    for item in Action.objects.filter(decision=decision):
                        item.complete(owners[country], at=done_at)
        if past:
            Decision.record(
                meeting=past[-1],
                author=recorders[0],
                text="Ministers noted the G7 digital ministers' agenda and will return to it.",
                at=past[-1].starts_at + datetime.timedelta(hours=4),
            )


DEMO_CONFIDENCE = {
    Status.NOT_STARTED: Confidence.MEDIUM,
    Status.ON_TRACK: Confidence.HIGH,
    Status.CHALLENGES: Confidence.LOW,
    Status.COMPLETED: Confidence.HIGH,
    Status.COMPLETED_MODIFIED: Confidence.HIGH,
    Status.NOT_PURSUED: Confidence.LOW,
}
NEXT_STEPS = {
    Status.NOT_STARTED: "Agree the scope and the lead officials with the other side.",
    Status.ON_TRACK: "Hold the next working-group meeting and circulate its summary.",
    Status.CHALLENGES: "Propose a revised timeline to both ministers' offices.",
    Status.COMPLETED: "Report the results to ministers; close the file.",
    Status.COMPLETED_MODIFIED: "Report what was delivered instead, and why.",
    Status.NOT_PURSUED: "Hand the file over to the trilateral track.",
}
NEXT_STEPS_FR = {
    Status.NOT_STARTED: "Convenir de la portée et des responsables avec l'autre partie.",
    Status.ON_TRACK: "Tenir la prochaine réunion du groupe de travail et en diffuser le résumé.",
    Status.CHALLENGES: "Proposer un calendrier révisé aux cabinets des deux ministres.",
    Status.COMPLETED: "Présenter les résultats aux ministres; clore le dossier.",
    Status.COMPLETED_MODIFIED: "Expliquer ce qui a été réalisé à la place, et pourquoi.",
    Status.NOT_PURSUED: "Confier le dossier au volet trilatéral.",
}
# This quarter so far: 1.1 has recovered and 3.1 has run into trouble; no one else has
# reported yet, so the check-in reminders have something to chase.
CURRENT_QUARTER_NEWS = {0: Status.ON_TRACK, 7: Status.CHALLENGES}
FINAL = {Status.COMPLETED, Status.COMPLETED_MODIFIED, Status.NOT_PURSUED}
# One path per commitment (by index), a step every four quarters; the last step is today's.
_NS, _OT, _CH = Status.NOT_STARTED, Status.ON_TRACK, Status.CHALLENGES
PROGRESSIONS = [
    [_NS, _OT, _OT, _CH, _OT, _CH],
    [_OT, _OT, _CH, _CH, _OT, _OT],
    [_NS, _OT, Status.COMPLETED, Status.COMPLETED, Status.COMPLETED, Status.COMPLETED],
    [_OT, _CH, _OT, _OT, _OT, Status.COMPLETED_MODIFIED],
    [_NS, _NS, _OT, _CH, _CH, Status.NOT_PURSUED],
    [_OT, _OT, _OT, _OT, _OT, _OT],
]
NOTES = {
    Status.NOT_STARTED: ["Scoping with the other party's officials; no work yet."],
    Status.ON_TRACK: [
        "Working group met; terms of reference agreed.",
        "Industry roundtable held with 14 companies; summary circulated.",
        "Joint workshop scheduled; agenda drafted by both sides.",
        "Officials exchanged draft guidance; comments due next month.",
    ],
    Status.CHALLENGES: [
        "Procurement delay on the U.S. side; revised timeline proposed.",
        "Awaiting legal review before data can be shared across the border.",
        "Stakeholder consultation took longer than planned; milestones slipping one quarter.",
    ],
    Status.COMPLETED: [
        "Final report published and presented to ministers.",
        "Memorandum signed; work continues under the regular programme.",
    ],
    Status.COMPLETED_MODIFIED: [
        "Completed as a joint statement instead of a formal agreement.",
    ],
    Status.NOT_PURSUED: [
        "Superseded by the trilateral track agreed at the Leaders' Summit.",
    ],
}
NOTES_FR = {
    Status.NOT_STARTED: [
        "Définition de la portée avec les fonctionnaires de l'autre partie; aucun travail encore."
    ],
    Status.ON_TRACK: [
        "Le groupe de travail s'est réuni; le mandat est convenu.",
        "Table ronde avec 14 entreprises; le résumé a été diffusé.",
        "Atelier conjoint prévu; l'ordre du jour est rédigé par les deux parties.",
        "Projet d'orientation échangé entre fonctionnaires; commentaires attendus en mai.",
    ],
    Status.CHALLENGES: [
        "Retard d'approvisionnement du côté américain; un calendrier révisé est proposé.",
        "Examen juridique en attente avant l'échange transfrontalier des données.",
        "Consultation des parties prenantes plus longue que prévu; jalons reportés d'un trimestre.",
    ],
    Status.COMPLETED: [
        "Rapport final publié et présenté aux ministres.",
        "Protocole d'entente signé; les travaux se poursuivent dans le programme régulier.",
    ],
    Status.COMPLETED_MODIFIED: [
        "Réalisé sous forme de déclaration conjointe plutôt que d'accord officiel.",
    ],
    Status.NOT_PURSUED: [
        "Remplacé par le volet trilatéral convenu au Sommet des leaders.",
    ],
}

# (decision, (its action, the commitment's index or None for the last pillar, who owns it)).
DECISIONS = [
    [
        (
            "Ministers asked officials to map critical-mineral supply chains with industry.",
            ("Circulate the draft supply-chain map to both sides", 0, "CA"),
        ),
        (
            "Ministers asked for a joint note on software supply-chain security.",
            ("Draft the joint note on software bills of materials", 1, "US"),
        ),
    ],
    [
        (
            "Ministers agreed to present AI standards work jointly at the next meeting.",
            ("Prepare the joint AI standards briefing", 4, "CA"),
        ),
        (
            "Ministers asked for options on APEC Cross-Border Privacy Rules outreach.",
            ("Send the CBPR outreach options paper", 7, "US"),
        ),
    ],
    [
        (
            "Ministers asked officials to align the two sides' positions for the G20.",
            ("Share the G20 digital position paper", None, "CA"),
        ),
        (
            "Ministers asked for a USPTO–CIPO progress report.",
            ("Report on the USPTO–CIPO work-sharing pilot", 6, "US"),
        ),
    ],
]
