"""The receiving organisation sees on the caseload's first view that cases are shared with it
(issue 12, part 5)."""

import re

from django.utils import timezone

from lotse.participants import services
from tests.conftest import Network, client_for, share_with_consent

DE = {"accept-language": "de"}


def _notice(page: str) -> str | None:
    found = re.search(r'<p class="kern-body" id="shared-cases">(.*?)</p>', page, re.S)
    return re.sub(r"\s+", " ", found.group(1)).strip() if found else None


def test_a_counsellor_sees_the_cases_shared_with_the_organisation_on_the_first_view(
    net: Network,
) -> None:
    share_with_consent(net)
    client = client_for(net.other_counsellor)

    first = client.get("/participants/", headers=DE).content.decode()

    today = timezone.localdate().strftime("%d.%m.%Y")
    notice = _notice(first)
    assert notice is not None
    assert f"Andere Träger teilen 1 Fall mit Ihrem Träger (zuletzt am {today})." in notice
    assert 'href="/participants/?counsellor=shared">Geteilte Fälle anzeigen</a>' in notice
    assert "Al-Masri" not in first.split('id="shared-cases"')[1].split("</p>")[0]
    shared = client.get("/participants/?counsellor=shared", headers=DE).content.decode()
    assert "Al-Masri" in shared
    # Showing them already: the count stays, the link goes.
    assert "Geteilte Fälle anzeigen" not in (_notice(shared) or "")


def test_no_notice_without_shares_after_a_revocation_or_for_the_owner(net: Network) -> None:
    assert _notice(client_for(net.other_counsellor).get("/participants/").content.decode()) is None
    consent = share_with_consent(net)
    assert _notice(client_for(net.counsellor).get("/participants/").content.decode()) is None
    assert _notice(client_for(net.volunteer).get("/participants/").content.decode()) is None
    services.consent_revoke(actor=net.counsellor, consent=consent, revoked_on=timezone.localdate())
    assert _notice(client_for(net.other_counsellor).get("/participants/").content.decode()) is None


def test_the_live_search_answer_carries_no_notice(net: Network) -> None:
    share_with_consent(net)
    page = client_for(net.other_counsellor).get(
        "/participants/", {"q": "Al"}, headers={**DE, "HX-Request": "true"}
    )
    assert _notice(page.content.decode()) is None


def test_the_count_is_kept_and_counted_afresh_once_a_share_changes(
    net: Network, django_capture_on_commit_callbacks
) -> None:
    client = client_for(net.other_counsellor)
    assert _notice(client.get("/participants/", headers=DE).content.decode()) is None
    with django_capture_on_commit_callbacks(execute=True):
        consent = share_with_consent(net)
    notice = _notice(client.get("/participants/", headers=DE).content.decode())
    assert notice is not None
    assert "teilen 1 Fall" in notice

    with django_capture_on_commit_callbacks(execute=True):
        services.consent_revoke(
            actor=net.counsellor, consent=consent, revoked_on=timezone.localdate()
        )
    assert _notice(client.get("/participants/", headers=DE).content.decode()) is None
