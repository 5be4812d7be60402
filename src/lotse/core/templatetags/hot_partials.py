"""`{% jinja_partial "app/name.html" key=value … %}`: a partial rendered by Django's Jinja2
backend inside a Django template, for a hot list whose rows Django's engine places too slowly
(the caseload: ~60 µs a row against ~20 µs). The partial's output is escaped by Jinja2
(autoescape on), so it is safe to place as it is."""

from typing import Any

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def jinja_partial(template_name: str, **context: Any) -> SafeString:
    partial = engines["jinja2"].get_template(template_name)
    return mark_safe(partial.render(context))  # noqa: S308 (Jinja2 output, autoescaped)
