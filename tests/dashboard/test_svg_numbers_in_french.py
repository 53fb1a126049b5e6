import re

from django.conf import settings

from tests.conftest import client_for


def test_svg_coordinates_keep_a_decimal_point_in_french(demo, staff):
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/plans/us-canada-2021/")

    html = response.content.decode()
    assert '<html lang="fr">' in html
    coordinates = re.findall(r'\s(?:x|y|width|height)="([^"]*)"', html)
    assert coordinates
    assert all(re.fullmatch(r"-?\d+(\.\d+)?%?", value) for value in coordinates), coordinates
