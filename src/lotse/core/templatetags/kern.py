"""KERN UX components: the design system's markup for buttons, pagination and description lists
in one place (`core/templates/core/components/`), so pages name a component instead of copying
its classes. Each tag only renders its template."""

from typing import Any

from django import template
from django.core.paginator import Page
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.inclusion_tag("core/components/button.html")
def button(
    label: str,
    variant: str = "primary",
    *,
    size: str = "",
    name: str = "",
    value: str = "",
) -> dict[str, Any]:
    """A form's submit button: `{% button _("Save") %}`; `variant` is primary, secondary or
    tertiary, `size` x-small; `name` and `value` tell the view which button was pressed."""
    return {"label": label, "variant": variant, "size": size, "name": name, "value": value}


@register.inclusion_tag("core/components/link_button.html")
def link_button(
    label: str,
    href: str,
    variant: str = "secondary",
    *,
    size: str = "",
    download: bool = False,
    hx_target: str = "",
) -> dict[str, Any]:
    """A link that looks like a button: `{% link_button _("Cancel") href "tertiary" %}`. With
    `hx_target`, htmx loads `href` in place of that element (the link still works without
    JavaScript)."""
    return {
        "label": label,
        "href": href,
        "variant": variant,
        "size": size,
        "download": download,
        "hx_target": hx_target,
    }


@register.inclusion_tag("core/components/pagination.html")
def pagination(page: Page, querystring: str = "") -> dict[str, Any]:  # type: ignore[type-arg]
    """Previous and next links of `page`, keeping the list's other parameters."""
    return {"page": page, "querystring": querystring}


@register.simple_block_tag
def description_item(content: SafeString, term: str) -> SafeString:
    """`{% description_item _("Name") %}…{% enddescription_item %}`: one term of a
    description list and its value (the rendered, escaped content of the block, without the
    line breaks that a long value is written over)."""
    value = mark_safe(content.strip())  # noqa: S308 - the block's own rendered, escaped output
    return render_to_string(
        "core/components/description_item.html", {"term": term, "content": value}
    )


@register.inclusion_tag("core/components/table_head.html")
def table_head(*labels: str, actions: str = "") -> dict[str, Any]:
    """A table's column headers: `{% table_head _("Name") _("Role") actions=_("Actions") %}`;
    `actions` heads a column of buttons, read out to screen readers only."""
    return {"labels": labels, "actions": actions}
