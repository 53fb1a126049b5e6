"""python manage.py import_readout PATH [--plan SLUG] [--source ORG] [--published DATE]
[--url URL] [--outline FILE] [--language en|fr] [--dry-run] [--format text|json]

`--dry-run --format json` prints the structure with its outline (readouts/outline_text.py);
correct that outline in a file and import with `--outline FILE` to use it instead of the
parser's reading.

`--plan SLUG --language fr` reads the French version of the plan's readout: each pillar and
commitment gets the French of the one at its place (readouts/translation.py). When they do
not pair up, nothing is written and the problems say where; `--dry-run` shows the pairs."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from readouts.importer import import_readout, preview_import
from readouts.parser import ReadoutParseError
from readouts.uploads import decode_readout
from workplan.models import Organization, WorkPlan


class Command(BaseCommand):
    help = "Import a published joint readout (text or HTML) into a work plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The readout file (plain text or HTML).")
        parser.add_argument("--plan", help="Attach to this existing plan (slug).")
        parser.add_argument("--source", help="Publishing organisation (short name or name).")
        parser.add_argument("--published", help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--url", default="", help="Where the readout was published.")
        parser.add_argument(
            "--outline",
            help="An outline file (# pillar, > lead-in, - commitment) to import instead of "
            "the parser's structure.",
        )
        parser.add_argument(
            "--language",
            choices=["en", "fr"],
            help="The readout's language (default: as detected). French into an existing "
            "plan fills its French titles and texts.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        published = None
        if options["published"]:
            try:
                published = datetime.date.fromisoformat(options["published"])
            except ValueError as error:
                raise CommandError(
                    f"--published must be a date as YYYY-MM-DD, not {options['published']!r}."
                ) from error
        plan = None
        if options["plan"]:
            plan = WorkPlan.objects.filter(slug=options["plan"]).first()
            if plan is None:
                raise CommandError(f"No work plan with slug {options['plan']!r}.")
        organization = None
        if options["source"]:
            name = options["source"]
            organization = Organization.objects.filter(
                Q(short_name__iexact=name) | Q(name__iexact=name)
            ).first()
            if organization is None:
                raise CommandError(
                    f"No organisation named {name!r} (use its short name, e.g. DOC)."
                )
        outline = None
        if options["outline"]:
            try:
                outline = Path(options["outline"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(
                    f"Cannot read the outline {options['outline']}: {error}."
                ) from error
        try:
            text, _encoding = decode_readout(data)
            if options["dry_run"]:
                preview = preview_import(
                    text, plan=plan, outline=outline, language=options["language"]
                )
                self.report_structure(preview, options["format"], published)
                if problems := (
                    preview.outline_problems
                    or ([preview.problem] if preview.problem else [])
                    or list(preview.alignment.problems if preview.alignment else [])
                ):
                    raise CommandError(" ".join(problems))
                return
            result = import_readout(
                text,
                plan=plan,
                organization=organization,
                published=published,
                url=options["url"],
                outline=outline,
                language=options["language"],
            )
        except ReadoutParseError as error:
            raise CommandError(str(error)) from error
        if result.duplicate:
            self.stdout.write(
                f"Already imported as readout {result.readout.pk} of {result.plan.slug}: "
                "nothing to do."
            )
            return
        if result.translated:
            self.stdout.write(
                self.style.SUCCESS(
                    f"French added to {result.plan.slug}: {result.translated} commitments and "
                    f"{result.plan.pillars.count()} pillars."
                )
            )
            for warning in result.warnings:
                self.stdout.write(f"  check: {warning}")
        elif result.created_commitments:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported into {result.plan.slug}: {result.plan.pillars.count()} pillars, "
                    f"{result.created_commitments} commitments."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Attached to {result.plan.slug}: {result.matched} commitments matched, "
                    f"{len(result.unmatched)} unmatched."
                )
            )
            for text in result.unmatched:
                self.stdout.write(f"  unmatched: {text}")

    def report_structure(
        self, preview, output_format: str, published: datetime.date | None
    ) -> None:
        structure = preview.parsed.as_dict() | {"outline": preview.outline}
        if preview.problem:
            structure["problem"] = preview.problem
        if preview.outline_problems:
            structure["outline_problems"] = preview.outline_problems
        if published:
            structure["published"] = published.isoformat()
        if preview.alignment is not None:
            structure["translation"] = {
                "problems": list(preview.alignment.problems),
                "warnings": list(preview.alignment.warnings),
                "pairs": [
                    {
                        "reference": pair.commitment.reference,
                        "english": pair.commitment.text,
                        "french": pair.translation.text if pair.translation else None,
                    }
                    for pillar in preview.alignment.pillars
                    for pair in pillar.commitments
                ],
            }
        if output_format == "json":
            self.stdout.write(json.dumps(structure, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Title: {structure['title'] or '—'}")
        self.stdout.write(f"Published: {structure['published'] or '—'}")
        self.stdout.write(f"Cadence: {structure['cadence_months'] or '—'} months")
        for number, pillar in enumerate(structure["pillars"], start=1):
            self.stdout.write(f"{number}. {pillar['heading']}")
            for commitment in pillar["commitments"]:
                self.stdout.write(f"   - {commitment}")
        for warning in structure.get("translation", {}).get("warnings", []):
            self.stdout.write(f"Check: {warning}")
