"""Status colours have one definition (workplan/status.py): the stylesheet that paints the
badges and bars is written from it, and no static CSS file repeats them."""

from __future__ import annotations

import re

from django.test import Client

from tests.conftest import ROOT
from workplan.status import all_styles


def test_it_serves_each_statuss_colour_from_the_one_definition(db):
    response = Client().get("/statuses.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "public" in response["Cache-Control"]
    css = response.content.decode()
    for style in all_styles():
        assert f".{style.css_class} {{ background: {style.colour}; }}" in css
    assert "&#" not in css  # nothing HTML-escaped


def test_no_static_stylesheet_writes_a_status_colour_again():
    classes = "|".join(re.escape(style.css_class) for style in all_styles())
    rule = re.compile(rf"\.({classes})\s*\{{[^}}]*background(-color)?\s*:")
    for path in (ROOT / "static" / "css").glob("*.css"):
        assert not rule.search(path.read_text()), path


def test_every_page_links_it(client):
    login = client.get("/login/").content.decode()

    assert '<link rel="stylesheet" href="/statuses.css">' in login
