"""A plan's own words in the reader's language (workplan/language.py).

`{% tr commitment "short_title" %}` shows the French value to a French reader, or the
English marked "English only" when the French is missing; `{% tr row.title %}` does the
same for a value already localized (dashboard rows). `{{ plan|localized:"title" }}` is the
plain value, for attributes, page titles and sentences."""

from typing import Any

from django import template
from django.template.context import Context

from workplan.language import Localized, localized_field

register = template.Library()

MARKED = "workplan/_localized.html"


@register.simple_tag(takes_context=True)
def tr(context: Context, item: Any, field: str | None = None, multiline: bool = False) -> str:
    value = localized_field(item, field) if field else item
    if not isinstance(value, Localized):
        value = Localized(value or "")
    if not value.english_only and not multiline:
        # The value alone, escaped as `{{ value }}` would be: most of what a page prints,
        # and rendering the template for it costs several times as much.
        return value
    marked = context.template.engine.get_template(MARKED)
    with context.push(value=value, multiline=multiline):
        return marked.render(context)


@register.filter
def localized(item: Any, field: str) -> Localized:
    return localized_field(item, field)
