import contextlib
import importlib
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.utils import translation

from lotse.core.forms import PLAIN_FIELDS, KernForm, KernFormMixin
from lotse.participants.forms import ConsentRecordForm, ContactDetailsForm
from lotse.referrals.forms import DeclineForm


class _PlaceForm(KernForm):
    where = forms.ChoiceField(
        label="Where",
        choices=[("", "– please choose –"), ("a", "Berlin <Mitte>"), ("b", "Köln")],
    )
    how = forms.ChoiceField(
        label="How", choices=[("", "none"), ("p", "Phone")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", help_text="Shown to the team", max_length=20)
    urgent = forms.BooleanField(label="Urgent", required=False)


def _kern_forms() -> list[type[Any]]:
    for config in apps.get_app_configs():
        if config.name.startswith("lotse."):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.forms")
    found, todo = [], list(KernFormMixin.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("lotse."):
            found.append(cls)
    return found


def test_no_form_of_the_house_declares_djangos_plain_fields() -> None:
    """Line breaks counted once and impossible ids refused come with our field classes."""
    plain = []
    for cls in _kern_forms():
        inherited = {
            name
            for base in cls.__mro__
            if base.__module__.startswith("django.")
            for name in getattr(base, "base_fields", {})
        }
        plain += [
            f"{cls.__module__}.{cls.__name__}.{name}"
            for name, field in getattr(cls, "base_fields", {}).items()
            if type(field) in PLAIN_FIELDS and name not in inherited
        ]
    assert plain == []


def test_a_select_renders_its_options_escaped_with_the_choice_selected() -> None:
    form = _PlaceForm({"where": "a"})
    with translation.override("en"):
        html = str(form["where"])
    assert html == (
        '<select name="where" class="kern-form-input__select" required id="id_where">'
        '<option value="">– please choose –</option>'
        '<option value="a" selected>Berlin &lt;Mitte&gt;</option>'
        '<option value="b">Köln</option></select>'
    )


def test_a_field_in_error_is_described_by_its_hint_and_its_error() -> None:
    form = _PlaceForm({"where": "a", "how": "p", "note": "x" * 21})
    with translation.override("de"):
        html = form["note"].as_field_group()
    assert html == (
        '<div class="kern-form-input kern-form-input--error">\n'
        '  <label class="kern-label" for="id_note">Note</label>\n'
        '  <div class="kern-hint" id="id_note_helptext">Shown to the team</div>\n'
        '  <p class="kern-error" id="id_note_error" role="alert">Bitte sicherstellen, dass der'
        " Wert aus höchstens 20 Zeichen besteht. (Er besteht aus 21 Zeichen.)</p>\n"
        '  <input type="text" name="note" value="xxxxxxxxxxxxxxxxxxxxx" maxlength="20"'
        ' class="kern-form-input__input kern-form-input__input--error" required'
        ' aria-invalid="true" aria-describedby="id_note_helptext id_note_error" id="id_note">\n'
        "</div>"
    )


def test_a_required_radio_group_offers_no_empty_radio_and_is_a_fieldset() -> None:
    form = _PlaceForm()
    with translation.override("de"):
        html = form["how"].as_field_group()
    assert html.count('type="radio"') == 1
    assert '<legend class="kern-label">How</legend>' in html


def test_an_optional_checkbox_stands_before_its_label() -> None:
    with translation.override("de"):
        html = _PlaceForm()["urgent"].as_field_group()
    assert html.split() == [
        "<div",
        'class="kern-form-check">',
        "<input",
        'type="checkbox"',
        'name="urgent"',
        'class="kern-form-check__checkbox"',
        'id="id_urgent">',
        "<label",
        'class="kern-label"',
        'for="id_urgent">Urgent</label>',
        "</div>",
    ]


def test_an_optional_field_says_so_after_its_label() -> None:
    class Optional(KernForm):
        city = forms.CharField(label="City", required=False)

    with translation.override("de"):
        html = Optional()["city"].as_field_group()
    assert [line.strip() for line in html.splitlines() if "<label" in line] == [
        '<label class="kern-label" for="id_city">City'
        ' <span class="kern-label__optional">– optional</span></label>'
    ]


def test_a_radio_group_in_error_names_its_message_for_screen_readers() -> None:
    from django import forms as django_forms

    from lotse.core.forms import KernForm

    class ChoiceForm(KernForm):
        kind = django_forms.ChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=django_forms.RadioSelect, help_text="Pick one"
        )

    form = ChoiceForm({})
    form.is_valid()
    html = str(form["kind"].as_field_group())
    assert 'aria-describedby="id_kind_helptext id_kind_error"' in html
    assert '<div class="kern-hint" id="id_kind_helptext">Pick one</div>' in html
    assert '<p class="kern-error" id="id_kind_error" role="alert">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "field", "says"),
    [
        (
            lambda: ContactDetailsForm(organisation_id=0),
            "interpreter_language",
            "nötig bei „Sprachmittlung benötigt“",
        ),
        (
            lambda: ConsentRecordForm(network_id=0),
            "witness",
            "nötig bei mündlicher Einwilligung mit Zeug*in",
        ),
        (lambda: DeclineForm(version=1), "note", "nötig bei „Sonstiges“"),
    ],
)
def test_a_field_needed_only_for_some_answers_says_when(form: Any, field: str, says: str) -> None:
    with translation.override("de"):
        html = form()[field].as_field_group()
    assert f'<span class="kern-label__optional">– {says}</span>' in html
    assert "– optional" not in html


def test_every_field_said_to_be_needed_sometimes_is_a_field_not_always_required() -> None:
    named = {form: form.required_when for form in _kern_forms() if form.required_when}
    assert len(named) >= 5
    for form, fields in named.items():
        declared = form.base_fields  # type: ignore[attr-defined]
        for name in fields:
            assert name in declared, (form, name)
            assert not declared[name].required, (form, name)
