"""Overdue steps on the caseload and the side-by-side view."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.participants.models import Participant
from tests.audit.helpers import listed
from tests.conftest import Network, client_for, share_with_consent
from tests.profiles.helpers import SECRET_HEALTH, goal, health, language, step, work

BOX = reverse("tasks:mine") + "?box=1"


def test_overdue_box_lists_overdue_open_steps_only(net: Network) -> None:
    today = timezone.localdate()
    the_goal = goal(net)
    step(net, the_goal, today - datetime.timedelta(days=3), description="Zeugnisse übersetzen")
    step(net, the_goal, today + datetime.timedelta(days=3), description="Zukunft")
    step(net, the_goal, today - datetime.timedelta(days=3), description="Erledigt", status="done")
    step(
        net, the_goal, today - datetime.timedelta(days=9), description="Fallen", status="cancelled"
    )
    html = client_for(net.counsellor).get(BOX).content.decode()
    assert "Zeugnisse übersetzen" in html
    assert "Zukunft" not in html
    assert "Erledigt" not in html
    assert "Fallen" not in html
    assert "<html" not in html
    assert listed("participants.task.listed") == [net.participant.pk]
    assert "<html" in client_for(net.team_lead).get(reverse("tasks:mine")).content.decode()


def test_overdue_box_of_others(net: Network) -> None:
    the_goal = goal(net)
    step(net, the_goal, datetime.date(2025, 1, 1), description="Termin Jobcenter")
    # A colleague without the case sees nothing; the shared organisation without consent neither.
    assert "Termin Jobcenter" not in client_for(net.colleague).get(BOX).content.decode()
    assert "Termin Jobcenter" not in client_for(net.other_counsellor).get(BOX).content.decode()
    share_with_consent(net)
    step(
        net,
        the_goal,
        datetime.date(2025, 1, 2),
        description="Vermittlung",
        organisation=net.other,
        assignee=net.other_counsellor,
    )
    html = client_for(net.other_counsellor).get(BOX).content.decode()
    assert "Vermittlung" in html
    assert "Termin Jobcenter" not in html


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_overdue_box_is_refused_to_roles_without_case_files(net: Network, persona: str) -> None:
    assert client_for(getattr(net, persona)).get(BOX).status_code == 403


@pytest.mark.parametrize(
    ("language_code", "direction", "word"),
    [
        ("ar", "rtl", "اللغات"),
        ("fa", "rtl", "زبان‌ها"),
        ("uk", "ltr", "Мови"),
        ("en", "ltr", "Languages"),
    ],
)
def test_side_by_side_in_the_participant_language(
    net: Network, language_code: str, direction: str, word: str
) -> None:
    language(net, "ar", "native")
    work(net)
    health(net)
    the_goal = goal(net)
    step(net, the_goal, datetime.date(2030, 1, 1))
    url = reverse("profiles:side_by_side", args=[net.participant.pk])
    html = client_for(net.counsellor).get(url, {"language": language_code}).content.decode()
    assert 'lang="de" dir="ltr"' in html
    assert f'lang="{language_code}" dir="{direction}"' in html
    assert word in html
    assert "Sprachen" in html
    assert "Muttersprache" in html
    assert "Ich habe alte Menschen gepflegt." in html
    assert SECRET_HEALTH not in html
    event = AuditEvent.objects.get(action="profiles.profile.viewed")
    assert event.detail["language"] == language_code


def test_side_by_side_refuses_unknown_language(net: Network) -> None:
    url = reverse("profiles:side_by_side", args=[net.participant.pk])
    assert client_for(net.counsellor).get(url, {"language": "xx"}).status_code == 400


def test_side_by_side_opens_in_the_participant_language_and_says_so(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="fa")
    url = reverse("profiles:side_by_side", args=[net.participant.pk])
    html = client_for(net.counsellor).get(url).content.decode()
    assert 'lang="fa" dir="rtl"' in html
    assert re.search(r'<option value="fa"[^>]*selected', html)


def _values(html: str) -> list[str]:
    return re.findall(r'<dd class="kern-description-list-item__value">(.*?)</dd>', html)


def test_side_by_side_columns_keep_their_languages_whatever_the_interface_language(
    net: Network,
) -> None:
    """The columns are read to the participant: German and their language, in whole sentences
    of each language, also when the counsellor works in English."""
    the_goal = goal(net)
    step(net, the_goal, datetime.date(2030, 1, 1))
    work(net, ended_on=None, country="DE")
    url = reverse("profiles:side_by_side", args=[net.participant.pk])
    response = client_for(net.counsellor).get(
        url, {"language": "ar"}, headers={"accept-language": "en"}
    )
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in html
    assert "Profile side by side" in html
    german, arabic = html.split('<section lang="ar" dir="rtl"')
    german = german[german.index('<section lang="de" dir="ltr"') :]
    assert _values(german) == [
        "Altenpflegehelfer",
        "Helfer",
        "Deutschland",
        "03/2015–heute",
        "Ich habe alte Menschen gepflegt.",
        "Ausbildung: Pflegefachkraft",
        "–",
        "offen",
        "Bewerbung an Pflegeschule schicken – Wer: Sozialwerk Test – Bis: 01.01.2030 (offen)",
    ]
    assert _values(arabic) == [
        "Altenpflegehelfer",
        "مساعد",
        "ألمانيا",
        "03/2015–اليوم",
        "Ich habe alte Menschen gepflegt.",
        "التدريب المهني: Pflegefachkraft",
        "–",
        "مفتوح",
        "Bewerbung an Pflegeschule schicken – من: Sozialwerk Test – حتى: 01.01.2030 (مفتوحة)",
    ]
