import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(("language", "expected"), [("de", "11.151 / 7"), ("en", "11,151 / 7")])
def test_grouped_counts_use_the_locale_thousands_separator(language: str, expected: str) -> None:
    page = Template("{% load lotse %}{{ big|grouped }} / {{ small|grouped }}")
    with translation.override(language):
        assert page.render(Context({"big": 11151, "small": 7})) == expected


def test_ids_in_links_stay_ungrouped() -> None:
    link = Template('<a href="/participants/{{ pk }}/">{{ pk }}</a>')
    with translation.override("de"):
        assert link.render(Context({"pk": 123456})) == '<a href="/participants/123456/">123456</a>'
