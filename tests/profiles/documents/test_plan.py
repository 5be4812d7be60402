"""The career plan agreement: German and the participant's language, who may print it."""

import datetime
import json
import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.core.templatetags.lotse import isolated, text_direction
from lotse.participants.models import Participant
from lotse.profiles.documents.plan import LANGUAGES, plan_context
from lotse.profiles.selectors import goals_of
from tests.conftest import Network, client_for, share_with_consent
from tests.profiles.documents.helpers import full_profile, in_text, pdf_text
from tests.profiles.helpers import SECRET_HEALTH

TITLES = {
    "ar": "اتفاق حول التخطيط المهني",
    "fa": "توافق‌نامه برنامه‌ریزی مسیر شغلی",
    "uk": "Угода про планування професійного шляху",
    "en": "Career plan agreement",
}
NOTHING = {
    "ar": "لم يُسجَّل شيء بعد.",
    "fa": "هنوز چیزی ثبت نشده است.",
    "uk": "Ще нічого не внесено.",
    "en": "Nothing recorded yet.",
}


def _get(net: Network, user: Any = None, **params: str) -> Any:
    url = reverse("profile_documents:plan", args=[net.participant.pk])
    return client_for(user or net.counsellor).get(url, params)


@pytest.mark.parametrize(
    ("language", "needles"),
    [
        (
            "ar",
            [
                "اتفاق حول التخطيط المهني",
                "اتفقنا معاً على الأهداف والخطوات التالية",
                "الأهداف والخطوات",
                "التدريب المهني",
                "التوقيع",
            ],
        ),
        (
            "fa",
            [
                "توافق‌نامه برنامه‌ریزی مسیر شغلی",
                "ما با هم اهداف و گام‌های زیر را توافق کرده‌ایم",
                "اهداف و گام‌ها",
                "آموزش حرفه‌ای",
                "امضا",
            ],
        ),
        (
            "uk",
            [
                "Угода про планування професійного шляху",
                "Ми разом домовилися про такі цілі та кроки",
                "Цілі та кроки",
                "Підпис",
            ],
        ),
        (
            "en",
            [
                "Career plan agreement",
                "We have agreed on the following goals and steps together",
                "Goals and steps",
                "Goal 1: vocational training: Pflegefachkraft",
                "Signature",
            ],
        ),
    ],
)
def test_plan_agreement_in_german_and_the_participant_language(
    net: Network, language: str, needles: list[str]
) -> None:
    full_profile(net)
    response = _get(net, language=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'_{language}.pdf"')
    text = pdf_text(response.content)
    # The German part, with who does what and by when.
    for german in (
        "Vereinbarung zur Berufswegeplanung",
        "Mohammad Al-Masri",
        "Ausbildung: Pflegefachkraft",
        "Zeugnisse übersetzen lassen",
        "Sozialwerk Test",
        "30.09.2026",
        "Termin bei der Berufsberatung",
        "Frau Yilmaz (Jobcenter Test)",
        "15.10.2026",
        "Unterschrift Teilnehmer/in",
        "Unterschrift Berater/in",
    ):
        assert german in text, german
    # The participant's part, right-to-left for Arabic and Farsi.
    for needle in needles:
        assert in_text(needle, text), needle
    # Typed text and dates appear in both parts.
    assert text.count("Zeugnisse übersetzen lassen") == 2
    assert text.count("15.10.2026") == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_marks_the_translated_part_with_language_and_direction(
    net: Network, language: str
) -> None:
    context = plan_context(net.participant, [], language=language, today=datetime.date(2026, 5, 4))
    html = render_to_string("profiles/documents/plan.html", context)
    direction = "rtl" if language in ("ar", "fa") else "ltr"
    assert '<section lang="de" dir="ltr">' in html
    assert f'<section lang="{language}" dir="{direction}" class="translation">' in html
    assert NOTHING[language] in html
    assert "04.05.2026" in html


def test_plan_sentences_are_whole_in_each_language(net: Network) -> None:
    """Each part says its sentences in its own order, with only the typed values isolated."""
    full_profile(net)
    goals = goals_of(net.participant)
    context = plan_context(net.participant, goals, language="ar", today=datetime.date(2026, 5, 4))
    html = render_to_string("profiles/documents/plan.html", context)
    german, arabic = html.split('<section lang="ar" dir="rtl" class="translation">')
    assert re.findall(r"<h3>(.*?)</h3>", german) == [
        "Ziel 1: Ausbildung: \u2068Pflegefachkraft\u2069"
    ]
    assert re.findall(r"<h3>(.*?)</h3>", arabic) == [
        "الهدف 1: التدريب المهني: \u2068Pflegefachkraft\u2069"
    ]
    assert "<p>Zieldatum: \u2068–\u2069 · Stand: offen</p>" in german
    assert "<p>التاريخ المستهدف: \u2068–\u2069 · الحالة: مفتوح</p>" in arabic
    signatures = arabic[arabic.index('<table class="signatures">') :]
    assert re.findall(r'<div class="line">(.*?)<br>', signatures) == [
        "Ort, Datum, Unterschrift Teilnehmer/in",
        "Ort, Datum, Unterschrift Berater/in",
    ]
    assert re.findall(r'<span lang="ar" dir="rtl">(.*?)</span>', signatures) == [
        "المكان والتاريخ · التوقيع – المشارك/المشاركة",
        "المكان والتاريخ · التوقيع – المستشار/المستشارة",
    ]


def test_plan_leaves_out_dropped_steps_and_health(net: Network) -> None:
    full_profile(net)
    text = pdf_text(_get(net, language="en").content)
    assert "Gestrichener Schritt" not in text
    assert SECRET_HEALTH not in text
    assert "Nicht schwer heben" not in text


@pytest.mark.parametrize(
    ("preferred", "expected"), [("ar", "ar"), ("prs", "fa"), ("uk", "uk"), ("tr", "en"), ("", "en")]
)
def test_plan_language_defaults_to_the_participant(
    net: Network, preferred: str, expected: str
) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language=preferred)
    response = _get(net)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'_{expected}.pdf"')
    assert in_text(TITLES[expected], pdf_text(response.content))


def test_plan_with_an_unknown_language_is_refused(net: Network) -> None:
    response = _get(net, language="xx")
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="profiles.plan.exported").exists()


def test_plan_without_goals_says_so(net: Network) -> None:
    text = pdf_text(_get(net, language="uk").content)
    assert "Noch nichts eingetragen." in text
    assert NOTHING["uk"] in text


def test_plan_download_is_audited_without_personal_values(net: Network) -> None:
    full_profile(net)
    _get(net, language="ar")
    event = AuditEvent.objects.get(action="profiles.plan.exported")
    assert event.participant_id == net.participant.pk
    assert event.detail == {
        "access": "owner",
        "format": "pdf",
        "language": "ar",
        "sections": ["goals", "steps"],
    }
    logged = json.dumps(event.detail, ensure_ascii=False)
    for value in ("Al-Masri", "Pflegefachkraft", "Zeugnisse"):
        assert value not in logged


def test_plan_for_a_shared_case(net: Network) -> None:
    full_profile(net)
    share_with_consent(net)
    response = _get(net, user=net.other_counsellor, language="en")
    assert response.status_code == 200
    assert "Frau Yilmaz" in pdf_text(response.content)
    assert AuditEvent.objects.get(action="profiles.plan.exported").detail["access"] == "shared"


@pytest.mark.parametrize(
    "persona", ["other_counsellor", "volunteer", "coordinator", "data_protection"]
)
def test_plan_is_hidden_from_those_without_the_case(net: Network, persona: str) -> None:
    full_profile(net)
    share_with_consent(net, net.third)
    response = _get(net, user=getattr(net, persona), language="en")
    assert response.status_code == 404
    assert b"Al-Masri" not in response.content
    assert not AuditEvent.objects.filter(action="profiles.plan.exported").exists()


def test_links_snippet_points_at_both_documents(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="prs")
    participant = Participant.objects.get(pk=net.participant.pk)
    html = render_to_string("profiles/documents/links.html", {"participant": participant})
    assert reverse("profile_documents:cv", args=[participant.pk]) in html
    assert reverse("profile_documents:plan", args=[participant.pk]) in html
    assert '<option value="fa" lang="fa" selected>' in html


def test_typed_values_keep_their_own_direction_in_the_right_to_left_part(net: Network) -> None:
    """A Latin name inside Arabic text: without isolation its full stop and brackets jumped to
    the wrong side (".Sozialwerk Musterstadt e.V")."""
    context = plan_context(net.participant, [], language="ar", today=datetime.date(2026, 5, 4))
    html = render_to_string("profiles/documents/plan.html", context)
    arabic = html[html.index('<section lang="ar"') :]
    assert "\u2068Sozialwerk Test\u2069" in arabic
    assert f"\u2068{net.participant.file_number}\u2069" in arabic


def test_isolated_values_are_escaped() -> None:
    assert isolated("<b>e.V.</b>") == "\u2068&lt;b&gt;e.V.&lt;/b&gt;\u2069"


def test_a_cell_takes_the_direction_of_its_first_letter() -> None:
    assert text_direction("Selin Brückner (Sozialwerk Musterstadt e.V.)") == "ltr"
    assert text_direction("(1) محمد Ahmadi") == "rtl"
    assert text_direction("15.10.2026") == "ltr"
