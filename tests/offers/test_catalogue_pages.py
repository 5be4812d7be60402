"""The logged-in catalogue a page at a time: fifty offers a page, in a stable order, for a
participant eligible first, then unknown, then not eligible, the filters kept from page to page,
and as many queries for a long catalogue as for a short one."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.offers import selectors
from lotse.offers.models import Offer
from lotse.profiles import services as profile_services
from tests.conftest import Network, client_for


def _offers(net: Network, prefix: str, count: int, **criteria: object) -> None:
    Offer.objects.bulk_create(
        Offer(
            network=net.owner.network,
            provider=net.third,
            kind="language_course",
            title=f"{prefix} {number:03d}",
            description="Ein Kurs.",
            **criteria,
        )
        for number in range(count)
    )
    # bulk_create bypasses the service that forgets the prepared catalogue.
    selectors.forget_catalogue(net.owner.network.pk)


def _client(net: Network) -> Client:
    client = client_for(net.counsellor)
    client.cookies["django_language"] = "de"
    return client


def _titles(page: str) -> list[str]:
    return re.findall(r'href="/offers/\d+/[^"]*">([^<]+)</a>', page)


def _get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_catalogue_pages_fifty_offers_at_a_time_in_title_order(net: Network) -> None:
    _offers(net, "Kurs", 120)
    client = _client(net)
    first = _get(client, "/offers/")
    assert _titles(first) == [f"Kurs {n:03d}" for n in range(50)]
    assert "Seite 1 von 3" in first
    assert 'href="?&amp;page=2">Nächste Seite</a>' in first
    last = _get(client, "/offers/?page=3")
    assert _titles(last) == [f"Kurs {n:03d}" for n in range(100, 120)]
    assert "Seite 3 von 3" in last
    # A page beyond the last shows the last.
    assert _titles(_get(client, "/offers/?page=9")) == _titles(last)


def test_the_filters_are_kept_from_page_to_page(net: Network) -> None:
    _offers(net, "Pflegekurs", 60)
    _offers(net, "Lagerkurs", 60)
    client = _client(net)
    first = _get(client, "/offers/?text=Pflege")
    assert "Seite 1 von 2" in first
    assert 'href="?text=Pflege&amp;page=2">Nächste Seite</a>' in first
    second = _get(client, "/offers/?text=Pflege&page=2")
    assert _titles(second) == [f"Pflegekurs {n:03d}" for n in range(50, 60)]


def test_for_a_participant_eligible_first_then_unknown_then_not_eligible(net: Network) -> None:
    profile_services.language_skill_save(
        actor=net.counsellor, participant=net.participant, data={"language": "de", "level": "A2"}
    )
    _offers(net, "A nicht", 40, min_german="B1")  # not eligible: B1 needed, A2 known
    _offers(net, "B unbekannt", 40, postcodes=["281"])  # unknown: no place of residence
    _offers(net, "C offen", 40)  # eligible: asks nothing
    client = _client(net)
    base = f"/offers/?participant={net.participant.pk}"
    pages = [_get(client, f"{base}&page={number}") for number in (1, 2, 3)]
    titles = [title for page in pages for title in _titles(page)]
    assert titles == (
        [f"C offen {n:03d}" for n in range(40)]
        + [f"B unbekannt {n:03d}" for n in range(40)]
        + [f"A nicht {n:03d}" for n in range(40)]
    )
    assert "Seite 2 von 3" in pages[1]
    assert f'href="?participant={net.participant.pk}&amp;page=3">Nächste Seite</a>' in pages[1]
    assert "Deutsch B1 nötig, vorhanden A2" in pages[2]
    assert "Deutsch B1 nötig" not in pages[0]

    # The filters and the participant together, kept on the next page.
    filtered = _get(client, f"{base}&text=unbekannt")
    assert _titles(filtered) == [f"B unbekannt {n:03d}" for n in range(40)]
    assert "Seite" not in filtered  # one page: no pagination


def _queries(client: Client, path: str) -> int:
    client.get(path)  # the prepared catalogue and the session are read once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_offers(net: Network) -> None:
    client = _client(net)
    with_participant = f"/offers/?participant={net.participant.pk}"
    _offers(net, "Kurs", 3, min_german="B1")
    few = (_queries(client, "/offers/"), _queries(client, with_participant))
    _offers(net, "Mehr", 150, postcodes=["281"])
    _offers(net, "Noch mehr", 150, min_age=18)
    many = (_queries(client, "/offers/"), _queries(client, with_participant))
    assert many == few
