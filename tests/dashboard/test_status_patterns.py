"""Statuses told apart without colour: each patterned status is drawn as one shape filled
with a pattern of its own colour, defined once on the page."""

from __future__ import annotations

import re

from tests.conftest import client_for
from workplan.status import all_styles


def test_it_fills_each_patterned_status_with_a_pattern_of_its_colour(demo, staff):
    for url in ("/plans/us-canada-2021/", "/plans/us-canada-2021/briefing/"):
        html = client_for(staff).get(url).content.decode()

        patterns = dict(re.findall(r'<pattern id="([^"]+)"(.*?)</pattern>', html, re.S))
        patterned = [style for style in all_styles() if style.svg_pattern_id]
        assert len(patterned) == 3
        for style in patterned:
            assert f'fill="{style.colour}"' in patterns[style.svg_pattern_id], style.key
        used = set(re.findall(r'fill="url\(#([^)]+)\)"', html))
        assert used  # the demo has commitments with challenges
        assert used <= set(patterns), url
        assert len(patterns) == len(set(re.findall(r'<pattern id="([^"]+)"', html)))
