from tests.conftest import client_for


def test_it_matches_the_two_governments_versions_11_of_11(staff, demo):
    response = client_for(staff).get(f"/plans/{demo.slug}/readouts/compare/")
    assert response.status_code == 200
    assert response.context["matched"] == 11
    page = response.content.decode()
    assert "11 of 11 commitments matched" in page
    assert "<del>As it pertains to " in page
    assert "<ins>Specifically on " in page


def test_it_shows_the_readout_text_with_its_provenance(staff, demo):
    readout = demo.readouts.get(organization__short_name="ISED", language="en")
    page = client_for(staff).get(f"/readouts/{readout.pk}/").content.decode()
    assert "Innovation, Science and Economic Development Canada" in page
    assert "Associated links" not in page  # furniture dropped from the shown text


def test_it_hides_readouts_of_other_plans(outsider, demo):
    readout = demo.readouts.first()
    assert client_for(outsider).get(f"/readouts/{readout.pk}/").status_code == 404
    assert client_for(outsider).get(f"/plans/{demo.slug}/readouts/compare/").status_code == 404
