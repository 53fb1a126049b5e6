"""Build the demo plan from the two published texts of the 3 November 2021 readout,
through the same importer an administrator uses."""

from pathlib import Path

from workplan.models import Organization, WorkPlan

from .importer import import_readout


def import_demo_readouts(
    plan: WorkPlan,
    organizations: dict[str, Organization],
    paths: list[Path],
    pillar_titles: list[str],
) -> None:
    us_text, ca_text = (path.read_text(encoding="utf-8") for path in paths)
    # The U.S. version creates the pillars and commitments; Canada's attaches to them.
    import_readout(us_text, plan=plan, organization=organizations["US"], published=plan.started_on)
    import_readout(ca_text, plan=plan, organization=organizations["CA"], published=plan.started_on)
    # The ministers' own names for the pillars; the readout's lead-ins stay beside them.
    for pillar, title in zip(plan.pillars.order_by("position"), pillar_titles, strict=True):
        pillar.title = title
        pillar.save(update_fields=["title"])
