"""Build the demo plan's pillars and commitments from the seed readouts.

Stand-in until the readout importer lands: reads the U.S. text's bullets only."""

from pathlib import Path

from workplan.models import Commitment, Organization, Pillar, WorkPlan


def import_demo_readouts(
    plan: WorkPlan,
    organizations: dict[str, Organization],
    paths: list[Path],
    pillar_titles: list[str],
) -> None:
    lines = [line.strip() for line in paths[0].read_text(encoding="utf-8").splitlines()]
    pillar = None
    pillar_position = 0
    position = 0
    for line in lines:
        if line.endswith("agreed to:"):
            pillar_position += 1
            position = 0
            pillar = Pillar.objects.create(
                plan=plan,
                position=pillar_position,
                title=pillar_titles[pillar_position - 1],
                lead_in=line,
            )
        elif line.startswith("•") and pillar is not None:
            position += 1
            text = line.lstrip("• ").removesuffix("; and").rstrip(";. ")
            Commitment.objects.create(
                pillar=pillar, position=position, text=text, short_title=text[:60]
            )
