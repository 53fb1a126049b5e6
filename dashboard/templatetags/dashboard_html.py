"""The dashboard's repeated fragments — a pillar's stacked bar and the commitment rows —
written in Python: on a large plan the page prints dozens of bars and over a hundred rows,
and building them through the template engine cost most of the page's time. The markup is
the one the templates had (templates/dashboard/_bar.html documents it)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

register = template.Library()


def labelled(label: str, value: object) -> str:
    """ "Label: value", with the colon each language puts (French: a space before it)."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


def format_date(value, format_string: str) -> str:
    """The `date` filter as templates apply it: a datetime is first put in the reader's
    time zone (called from Python, the filter alone would print the UTC date)."""
    return date_filter(template_localtime(value), format_string)


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
            'aria-labelledby="{}-title">\n  <title id="{}-title">{}</title>\n'
            '  <rect x="0" y="0" width="1000" height="28" fill="#f3f5f8"/>\n',
            bar_id,
            bar_id,
            labelled(total, summary),
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
                "  <g>\n    <title>{}</title>\n"
                '    <rect x="{}" y="0" width="{}" height="28" fill="{}"/>\n'
                "    {}\n    {}\n  </g>\n",
                labelled(style.label, segment.count),
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
        '  <li><span class="tally__swatch {}" aria-hidden="true">{}</span> {} '
        "<strong>{}</strong></li>",
        (
            (style.css_class, style.symbol, gettext("%(label)s:") % {"label": style.label}, count)
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
def commitments_head() -> SafeString:
    """The <thead> of templates/dashboard/_commitments.html."""
    heads = [
        gettext("No."),
        gettext("Commitment"),
        gettext("Status"),
        gettext("Lead organisations"),
        gettext("Last update"),
    ]
    cells = format_html_join("", '<th scope="col">{}</th>', ((head,) for head in heads))
    return format_html("<thead><tr>{}</tr></thead>", cells)


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


def _moment_label(point, fmt: str) -> str:
    label = format_date(point.moment, fmt)
    return label if point.is_meeting else f"{gettext('As of')} {label}"


@register.simple_tag
def trend_columns(columns, chart: dict, as_of) -> SafeString:
    """The trend chart's columns: one <g> per point with its title, bars and label."""
    bottom = chart["bottom"] + 12
    lines = []
    for column in columns:
        point = column.point
        counts = "; ".join(f"{style.label} {count}" for style, count in point.tally.items if count)
        bars = []
        for bar in column.bars:
            bars.append(
                format_html(
                    '          <rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>\n',
                    bar.x,
                    bar.y,
                    bar.width,
                    bar.height,
                    bar.style.colour,
                )
            )
            if bar.style.svg_pattern_id:
                bars.append(
                    format_html(
                        '          <rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})"/>\n',
                        bar.x,
                        bar.y,
                        bar.width,
                        bar.height,
                        bar.style.svg_pattern_id,
                    )
                )
        if point.is_meeting:
            label = format_date(point.moment, "N Y")
        elif as_of:
            label = format_date(as_of, "j N Y")
        else:
            label = gettext("now")
        lines.append(
            format_html(
                "        <g>\n          <title>{}</title>\n{}"
                '          <text x="{}" y="{}" text-anchor="end" transform="rotate(-45 {} {})" '
                'class="trend__label" fill="#1b1b1b">{}</text>\n        </g>\n',
                labelled(_moment_label(point, "j N Y"), counts),
                mark_safe("".join(bars)),  # noqa: S308 - escaped above
                column.label_x,
                bottom,
                column.label_x,
                bottom,
                label,
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 - every line is escaped above


@register.simple_tag
def trend_rows(columns) -> SafeString:
    """The rows of the trend's table: a meeting (or the date shown) and its counts."""
    return format_html_join(
        "\n",
        '          <tr><th scope="row">{}</th>{}</tr>',
        (
            (
                _moment_label(column.point, "j F Y"),
                format_html_join("", "<td>{}</td>", ((c,) for _, c in column.point.tally.items)),
            )
            for column in columns
        ),
    )


def _author(note) -> str:
    return f"{note.author_name} ({note.organization})" if note.organization else note.author_name


@register.simple_tag
def changed_rows(rows) -> SafeString:
    """The <tr>s of templates/dashboard/_changed_table.html."""
    to = gettext("to")
    return format_html_join(
        "\n",
        "    <tr>\n      <td>{}</td>\n      <td>{}</td>\n"
        '      <td class="change">{} <span aria-hidden="true">→</span>'
        '<span class="visually-hidden">{}</span> {}</td>\n'
        '      <td>{}<br><span class="muted">{}, {}</span></td>\n    </tr>',
        (
            (
                row.commitment.reference,
                row.commitment.short_title,
                status_badge(row.changed_from),
                to,
                status_badge(row.status),
                row.change.note or "—",
                _author(row.change),
                format_date(row.change.created_at, "j F Y"),
            )
            for row in rows
        ),
    )


@register.simple_tag
def stale_rows(rows) -> SafeString:
    """The <tr>s of templates/dashboard/_stale_table.html."""
    never = gettext("never")
    return format_html_join(
        "\n",
        "    <tr>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n"
        "      <td>{}</td>\n      <td>{}</td>\n    </tr>",
        (
            (
                row.commitment.reference,
                row.commitment.short_title,
                status_badge(row.status),
                row.lead_names or "—",
                format_date(row.last_update.created_at, "j F Y") if row.last_update else never,
            )
            for row in rows
        ),
    )
