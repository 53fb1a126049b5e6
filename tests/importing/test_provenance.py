from tests.conftest import client_for, commitment_led_only_by


def test_it_shows_which_readouts_a_commitment_comes_from(ca_official, demo):
    commitment = commitment_led_only_by(demo, "ISED")
    page = client_for(ca_official).get(f"/commitments/{commitment.pk}/").content.decode()

    assert "From the joint readout of 3 November 2021" in page
    us = demo.readouts.get(organization__short_name="DOC")
    ca = demo.readouts.get(organization__short_name="ISED", language="en")
    assert f'<a href="/readouts/{us.pk}/">U.S. Department of Commerce</a>; ' in page
    assert (
        f'<a href="/readouts/{ca.pk}/">Innovation, Science and Economic Development Canada</a>'
        in page
    )
    assert commitment.passages.get(readout=ca).text in page
