"""A plan whose commitments have no lead organisation says so on its pages, since no official
can update anything in it; admins get the link to set the leads."""

from __future__ import annotations

from readouts.importer import import_readout
from tests.conftest import client_for
from tests.importing.conftest import US

NOTICE = "No commitment of this plan has a lead organisation yet."


def test_a_plan_without_leads_says_so_and_links_admins_to_fix_it(db, admin_user, staff):
    text = US.read_text(encoding="utf-8").replace("Secure .gov websites", "Secure sites")
    plan = import_readout(text, plan_slug="no-leads").plan
    assert plan.slug == "no-leads"
    plan.parties.add(staff.organization)

    for url in (f"/plans/{plan.slug}/commitments/", f"/plans/{plan.slug}/"):
        admin_page = client_for(admin_user).get(url).content.decode()
        assert NOTICE in admin_page
        assert f"/admin/workplan/commitment/?pillar__plan__id__exact={plan.pk}" in admin_page
        staff_page = client_for(staff).get(url).content.decode()
        assert NOTICE in staff_page and "An administrator sets them." in staff_page
        assert "/admin/workplan/commitment/" not in staff_page


def test_a_plan_with_leads_says_nothing_of_the_kind(demo, us_official):
    page = client_for(us_official).get(f"/plans/{demo.slug}/commitments/").content.decode()
    assert NOTICE not in page
