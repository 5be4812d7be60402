import unicodedata

from django import forms, template
from django.utils.formats import number_format
from django.utils.functional import LazyObject
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lotse.core import reference

register = template.Library()


@register.filter
def grouped(number: int) -> str:
    """A count with the locale's thousands separator ("11.151" in German). Not switched on
    globally (USE_THOUSAND_SEPARATOR): it would group ids in links and form values too."""
    return number_format(number, force_grouping=True)


@register.filter
def isolated(value: object) -> SafeString:
    """`value` as a unit of its own direction inside text of another (FSI … PDI): a Latin name
    in an Arabic sentence keeps its full stop and brackets where they belong. Used in the PDFs:
    WeasyPrint ignores `<bdi>`."""
    return format_html("\u2068{}\u2069", value)


@register.filter
def text_direction(value: object) -> str:
    """ "rtl" or "ltr" by the first letter that has a direction, for a block (a table cell)
    that may wrap: isolation ends at a line break, a block's own direction does not."""
    for char in str(value):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@register.filter
def nationality(code: str) -> str:
    return reference.nationality_name(code) if code else ""


@register.filter
def language(code: str) -> str:
    return reference.language_name(code) if code else ""


@register.inclusion_tag("core/components/submission_key.html", takes_context=True)
def submission_key(context: template.Context) -> dict[str, str]:
    """The hidden key that recognises a second click on this form (core.submissions)."""
    from lotse.core.submissions import FIELD, key_for_page

    return {"name": FIELD, "value": str(key_for_page(context["request"]))}


def _sent_back(value: object) -> bool:
    # A lazy value (the CSRF token, the user) is left alone: evaluating it has side effects.
    if isinstance(value, LazyObject) or not getattr(value, "is_bound", False):
        return False
    if isinstance(value, forms.BaseForm):
        return bool(value.errors)
    if isinstance(value, forms.BaseFormSet):
        return value.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Error: " before the page's title when a form on it was sent back with problems (the
    GOV.UK / KERN pattern): the title is the first thing a screen reader announces."""
    if any(_sent_back(value) for value in context.flatten().values()):
        return _("Error:") + " "
    return ""
