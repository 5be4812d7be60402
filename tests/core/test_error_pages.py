"""What the "no access" pages tell each role (issue 12, part 5)."""

import re

from django.utils import timezone

from lotse.participants import services
from lotse.participants.models import Share
from tests.conftest import SECRET_NOTE, Network, client_for, share_with_consent

ENDED = "Diese Person ist in Lotse nicht (mehr) erfasst, oder Ihr Zugriff auf sie ist beendet"


def _main(response) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode()
    return re.sub(r"\s+", " ", text[text.index("<main") : text.index("</main>")])


def test_a_former_link_after_a_revocation_reads_as_ended_or_never_existed(net: Network) -> None:
    consent = share_with_consent(net)
    client = client_for(net.other_counsellor)
    link = f"/participants/{net.participant.pk}/"
    assert client.get(link).status_code == 200

    services.consent_revoke(actor=net.counsellor, consent=consent, revoked_on=timezone.localdate())
    after_revocation = client.get(link, headers={"accept-language": "de"})
    never_existed = client.get("/participants/987654/", headers={"accept-language": "de"})

    assert after_revocation.status_code == never_existed.status_code == 404
    assert ENDED in _main(after_revocation)
    # No hint which: the page for a person who never existed is the same page.
    assert _main(after_revocation) == _main(never_existed)
    page = after_revocation.content.decode()
    for secret in (net.participant.last_name, net.participant.file_number, SECRET_NOTE):
        assert secret not in page


def test_an_ended_share_answers_every_page_of_the_case_alike(net: Network) -> None:
    share_with_consent(net)
    services.share_end(
        actor=net.counsellor, share=Share.objects.get(organisation=net.other, ended_at=None)
    )
    client = client_for(net.other_counsellor)
    for path in ("", "contacts/new/"):
        response = client.get(
            f"/participants/{net.participant.pk}/{path}", headers={"accept-language": "de"}
        )
        assert response.status_code == 404
        assert ENDED in _main(response)


def test_other_missing_pages_keep_the_plain_not_found(net: Network) -> None:
    response = client_for(net.coordinator).get(
        "/network/organisations/424242/", headers={"accept-language": "de"}
    )
    assert response.status_code == 404
    assert "Nicht gefunden" in _main(response)
    assert ENDED not in _main(response)


def test_forbidden_page_tells_a_counsellor_to_ask_the_team_lead(net: Network) -> None:
    response = client_for(net.counsellor).get(
        "/network/accounts/", headers={"accept-language": "de"}
    )
    assert response.status_code == 403
    assert "wenden Sie sich bitte an Ihre Teamleitung" in _main(response)


def test_forbidden_page_never_sends_a_coordinator_or_officer_to_a_team_lead(
    net: Network,
) -> None:
    for user, path in (
        (net.coordinator, "/participants/"),
        (net.data_protection, "/network/accounts/"),
    ):
        response = client_for(user).get(path, headers={"accept-language": "de"})
        assert response.status_code == 403
        main = _main(response)
        assert "Teamleitung" not in main
        assert "gehört zu einer anderen Rolle im Netzwerk" in main
