"""A form sent back with problems: a summary at the top that links to each field, and the
page's title starts with "Fehler:"."""

import re

from tests.conftest import Network, client_for

DE = {"accept-language": "de"}


def _title(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match
    return match.group(1)


def test_an_invalid_form_is_summarised_with_links_to_its_fields(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/consents/new/"

    page = client.post(url, {"purpose": "case_sharing"}, headers=DE).content.decode()

    assert _title(page) == "Fehler: Einwilligung erfassen – Lotse"
    start = page.index("data-error-summary")
    summary = page[start : page.index("</ul>", start)]
    assert re.findall(r'<a class="kern-link" href="([^"]+)">([^<]+)</a>', summary) == [
        ("#id_organisations_0", "Einbezogene Träger: Dieses Feld ist ein Pflichtfeld."),
        ("#id_given_on", "Erteilt am: Dieses Feld ist ein Pflichtfeld."),
        ("#id_form_0", "Form der Einwilligung: Dieses Feld ist ein Pflichtfeld."),
    ]
    assert 'tabindex="-1"' in page[page.index("lotse-error-summary") - 200 :][:400]


def test_a_form_without_problems_has_neither_summary_nor_prefix(net: Network) -> None:
    client = client_for(net.counsellor)

    page = client.get(f"/participants/{net.participant.pk}/consents/new/", headers=DE)

    assert "data-error-summary" not in page.content.decode()
    assert _title(page.content.decode()) == "Einwilligung erfassen – Lotse"


def test_a_stale_or_general_problem_is_in_the_summary_without_a_link(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/exit/"

    page = client.post(url, {"exit_date": "", "outcome": ""}, headers={"accept-language": "en"})

    text = page.content.decode()
    assert _title(text) == "Error: Close the case – Lotse"
    assert "Please correct the following" in text


def test_a_form_htmx_sends_back_carries_its_summary(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/profiles/participants/{net.participant.pk}/languages/add/"

    page = client.post(url, {"language": ""}, headers={**DE, "HX-Request": "true"})

    text = page.content.decode()
    assert "<title>" not in text
    start = text.index("data-error-summary")
    assert '<a class="kern-link" href="#id_language">Sprache: ' in text[start:]
