from django import template

from lotse.core import reference

register = template.Library()


@register.filter
def nationality(code: str) -> str:
    return reference.nationality_name(code) if code else ""


@register.filter
def language(code: str) -> str:
    return reference.language_name(code) if code else ""


@register.filter
def topic_labels(codes: list[str]) -> str:
    from lotse.participants.enums import Topic

    return ", ".join(str(Topic(c).label) if c in Topic.values else c for c in codes)
