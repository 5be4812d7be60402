"""The public catalogue in the participants' languages: its labels translated (Arabic,
Dari/Farsi, Ukrainian besides German and English), right to left for Arabic and Farsi, each
offer in the reader's language where it has one and marked German where not."""

import pytest
from django.test import Client

from lotse.offers import services
from tests.conftest import Network
from tests.offers.helpers import berufssprachkurs


def _published(net: Network):  # type: ignore[no-untyped-def]
    offer = berufssprachkurs(net, documents=["duldung"], legal_spheres=["sgb_ii"])
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    return offer


@pytest.mark.parametrize(
    ("language", "direction", "title", "kind"),
    [
        ("ar", "rtl", "العروض في الشبكة", "دورة اللغة المهنية"),
        ("fa", "rtl", "پیشنهادها در شبکه", "دوره زبان شغلی"),
        ("uk", "ltr", "Пропозиції в мережі", "Професійний мовний курс"),
        ("de", "ltr", "Angebote im Netzwerk", "Berufssprachkurs"),
        ("en", "ltr", "Offers in the network", "Job-related language course"),
    ],
)
def test_the_public_catalogue_speaks_the_readers_language(
    net: Network, language: str, direction: str, title: str, kind: str
) -> None:
    _published(net)
    html = Client().get(f"/offers/public/?lang={language}").content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in html
    assert f'<h1 class="kern-heading-large">{title}</h1>' in html
    assert kind in html


def test_an_offer_in_arabic_reads_right_to_left_with_arabic_labels(net: Network) -> None:
    offer = _published(net)
    html = Client().get(f"/offers/public/{offer.pk}/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert '<article lang="ar" dir="rtl">' in html
    assert "دورة اللغة المهنية B2 للتمريض" in html
    assert "من يمكنه المشاركة" in html  # "Who can take it"
    assert "اللغة الألمانية بمستوى B1 – متوسط على الأقل" in html
    assert "الاثنين, الخميس" in html  # Monday, Thursday
    assert "أوراق الإقامة: Duldung (§ 60a AufenthG)" in html  # the paper's German name
    assert "هذا العرض موصوف باللغة الألمانية فقط." not in html


def test_an_offer_without_a_ukrainian_text_is_shown_in_german_and_says_so(net: Network) -> None:
    offer = _published(net)
    html = Client().get(f"/offers/public/{offer.pk}/?lang=uk").content.decode()
    assert '<html lang="uk" dir="ltr"' in html
    assert '<article lang="de" dir="ltr">' in html
    assert "Berufssprachkurs B2 Pflege" in html
    assert "Ця пропозиція описана лише німецькою мовою." in html
    assert "Хто може взяти участь" in html


def test_the_language_switch_keeps_the_search(net: Network) -> None:
    _published(net)
    html = Client().get("/offers/public/?lang=fa&kind=job_language_course").content.decode()
    assert '<input type="hidden" name="lang" value="fa">' in html
    assert 'href="?lang=ar" lang="ar" hreflang="ar"' in html
    assert "همه انواع" in html  # "all kinds" in the filter
    assert "دورة اللغة المهنية B2 للتمريض" not in html  # no Farsi text: German title
    assert "Berufssprachkurs B2 Pflege" in html


def test_an_unknown_language_falls_back_to_german(net: Network) -> None:
    _published(net)
    html = Client().get("/offers/public/?lang=xx").content.decode()
    assert '<html lang="de" dir="ltr"' in html


def test_the_public_catalogue_pages_in_the_readers_language(net: Network) -> None:
    for number in range(30):
        berufssprachkurs(net, title=f"Kurs {number:02d}", translations={})
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    client = Client()
    first = client.get("/offers/public/?lang=uk&kind=job_language_course").content.decode()
    assert "Kurs 00" in first
    assert "Kurs 25" not in first
    assert "Сторінка 1 з 2" in first
    assert 'href="?lang=uk&amp;kind=job_language_course&amp;page=2">Наступна сторінка' in first
    second = client.get("/offers/public/?lang=uk&kind=job_language_course&page=2")
    assert "Kurs 29" in second.content.decode()
    assert "Kurs 00" not in second.content.decode()
