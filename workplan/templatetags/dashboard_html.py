"""The dashboard's repeated fragments — a pillar's stacked bar and the commitment rows —
written in Python: on a large plan the page prints dozens of bars and over a hundred rows,
and building them through the template engine cost most of the page's time. The markup is
the one the templates had (templates/dashboard/_bar.html documents it)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def status_bar(tally, bar_id: str) -> SafeString:
    """A stacked bar of one tally and the list beside it that says the same in words."""
    segments = tally.segments
    summary = "; ".join(f"{s.style.label} {s.count}" for s in segments)
    total = ngettext("%(total)s commitment", "%(total)s commitments", tally.total) % {
        "total": tally.total
    }
    parts = [
        format_html(
            '<svg class="progress-bar" viewBox="0 0 1000 28" width="100%" role="img" '
            'aria-labelledby="{}-title">\n  <title id="{}-title">{}: {}</title>\n'
            '  <rect x="0" y="0" width="1000" height="28" fill="#f3f5f8"/>\n',
            bar_id,
            bar_id,
            total,
            summary,
        )
    ]
    for segment in segments:
        style = segment.style
        pattern = ""
        if style.svg_pattern_id:
            pattern = format_html(
                '<rect x="{}" y="0" width="{}" height="28" fill="url(#{})"/>',
                segment.x,
                segment.width,
                style.svg_pattern_id,
            )
        symbol = ""
        if segment.shows_symbol:
            symbol = format_html(
                '<text x="{}" y="20" text-anchor="middle" class="progress-bar__symbol" '
                'fill="#ffffff">{}</text>',
                segment.middle,
                style.symbol,
            )
        parts.append(
            format_html(
                "  <g>\n    <title>{}: {}</title>\n"
                '    <rect x="{}" y="0" width="{}" height="28" fill="{}"/>\n'
                "    {}\n    {}\n  </g>\n",
                style.label,
                segment.count,
                segment.x,
                segment.width,
                style.colour,
                pattern,
                symbol,
            )
        )
    parts.append(mark_safe("</svg>\n"))
    items = format_html_join(
        "\n",
        '  <li><span class="tally__swatch {}" aria-hidden="true">{}</span> {}: '
        "<strong>{}</strong></li>",
        (
            (style.css_class, style.symbol, style.label, count)
            for style, count in tally.items
            if count
        ),
    )
    parts.append(format_html('<ul class="tally">\n{}\n</ul>', items))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def status_badge(style) -> SafeString:
    return format_html(
        '<span class="status {}"><span aria-hidden="true">{}</span> {}</span>',
        style.css_class,
        style.symbol,
        style.label,
    )


@register.simple_tag
def commitment_rows(rows) -> SafeString:
    """The <tr>s of templates/dashboard/_commitments.html."""
    no_update = gettext("No update yet")
    lines = []
    for row in rows:
        last = row.last_update
        if last is None:
            when = format_html('<span class="muted">{}</span>', no_update)
        else:
            when = format_html(
                '<span class="last-update__date">{}</span>', format_date(last.created_at, "j F Y")
            )
            if last.note:
                when += format_html(
                    '<br><span class="last-update__note">{}</span>',
                    Truncator(last.note).chars(160),
                )
        lines.append(
            format_html(
                "    <tr>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n"
                "      <td>{}</td>\n      <td>{}</td>\n    </tr>\n",
                row.commitment.reference,
                row.commitment.short_title,
                status_badge(row.status),
                row.lead_names or "—",
                when,
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 - every line is escaped above
