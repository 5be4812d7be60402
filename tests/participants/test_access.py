"""Persona tests: who sees which participant page, and what leaks where (DESIGN.md §3, §4)."""

import contextlib
import datetime
import re

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.network.enums import Role
from lotse.participants import services
from tests.audit.helpers import listed
from tests.conftest import SECRET_ANNOTATION, SECRET_NOTE, Network, client_for, share_with_consent

# The contacts' notes are in the timeline, which the page loads on demand.
TIMELINE = "sections/participants.timeline/"
CASE_PAGES = [
    "",
    "edit/",
    "enrol/",
    "contacts/new/",
    "documents/new/",
    "consents/new/",
    "shares/new/",
    TIMELINE,
]


def _url(net: Network, suffix: str = "") -> str:
    return f"/participants/{net.participant.pk}/{suffix}"


def test_owner_counsellor_sees_the_whole_case(net: Network) -> None:
    client = client_for(net.counsellor)
    page = client.get(_url(net)).content.decode()
    assert "Al-Masri" in page
    assert SECRET_NOTE in client.get(_url(net, TIMELINE)).content.decode()
    assert SECRET_ANNOTATION in page


def test_team_lead_and_colleague_of_the_owner_see_the_case(net: Network) -> None:
    for user in (net.team_lead, net.colleague):
        assert client_for(user).get(_url(net)).status_code == 200


@pytest.mark.parametrize("suffix", CASE_PAGES)
def test_other_organisation_without_consent_gets_404(net: Network, suffix: str) -> None:
    response = client_for(net.other_counsellor).get(_url(net, suffix))
    assert response.status_code == 404
    assert SECRET_NOTE not in response.content.decode()


def test_missing_and_forbidden_participants_look_the_same(net: Network) -> None:
    client = client_for(net.other_counsellor)
    forbidden = client.get(_url(net))
    missing = client.get("/participants/999999/")

    def visible(response) -> str:  # type: ignore[no-untyped-def]
        # Nonces and CSRF tokens differ per response by design.
        return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())

    assert (forbidden.status_code, visible(forbidden)) == (missing.status_code, visible(missing))


def test_consent_without_share_gives_no_access(net: Network) -> None:
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="case_sharing",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 404


def test_shared_organisation_sees_the_case_and_may_add_contacts(net: Network) -> None:
    share_with_consent(net)
    client = client_for(net.other_counsellor)
    page = client.get(_url(net)).content.decode()
    assert "Al-Masri" in page
    assert SECRET_NOTE in client.get(_url(net, TIMELINE)).content.decode()
    assert client.get(_url(net, "contacts/new/")).status_code == 200
    for owner_only in ("edit/", "enrol/", "documents/new/", "consents/new/", "shares/new/"):
        assert client.get(_url(net, owner_only)).status_code == 404
    assert "Al-Masri" in client.get("/participants/?counsellor=").content.decode()


def test_third_organisation_not_covered_by_the_consent_gets_404(net: Network) -> None:
    share_with_consent(net)
    assert client_for(net.third_counsellor).get(_url(net)).status_code == 404


def test_revoking_the_consent_cuts_access_at_once_and_the_owner_sees_why(net: Network) -> None:
    consent = share_with_consent(net)
    services.consent_revoke(actor=net.counsellor, consent=consent, revoked_on=timezone.localdate())
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 404
    list_page = client_for(net.other_counsellor).get("/participants/?counsellor=")
    assert "Al-Masri" not in list_page.content.decode()
    owner = client_for(net.counsellor)
    owner_panel = owner.get(
        _url(net, "consents/"), headers={"accept-language": "de", "HX-Request": "true"}
    ).content.decode()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert f"Kein Zugriff: Die Einwilligung wurde am {today} widerrufen." in owner_panel


def test_expired_consent_cuts_access(net: Network) -> None:
    consent = share_with_consent(net)
    consent.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    consent.save()
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 404


def test_ending_the_share_cuts_access(net: Network) -> None:
    share_with_consent(net)
    share = net.participant.shares.get()
    client_for(net.counsellor).post(_url(net, f"shares/{share.pk}/end/"))
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 404


def test_volunteer_sees_only_contact_data_of_assigned_participants(net: Network) -> None:
    client = client_for(net.volunteer)
    assert client.get(_url(net)).status_code == 404
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    page = client.get(_url(net)).content.decode()
    assert "+49 170 0000000" in page
    assert net.participant.file_number not in page  # contact data only, as in the API
    assert SECRET_NOTE not in page
    assert SECRET_ANNOTATION not in page
    for suffix in CASE_PAGES[1:]:
        assert client.get(_url(net, suffix)).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "data_protection"])
def test_coordinator_and_data_protection_officer_see_no_case_file(
    net: Network, persona: str
) -> None:
    client = client_for(getattr(net, persona))
    for suffix in CASE_PAGES:
        response = client.get(_url(net, suffix))
        assert response.status_code == 404
        assert SECRET_NOTE not in response.content.decode()
    assert client.get("/participants/").status_code == 403
    assert client.get("/participants/intake/").status_code == 403


def test_anonymous_user_is_sent_to_the_login(net: Network) -> None:
    from django.test import Client

    response = Client().get(_url(net))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_viewing_a_participant_is_audited(net: Network) -> None:
    client_for(net.counsellor).get(_url(net))
    event = AuditEvent.objects.filter(action="participants.participant.viewed").get()
    assert (event.actor_id, event.participant_id, event.organisation_id) == (
        net.counsellor.pk,
        net.participant.pk,
        net.owner.pk,
    )


def test_search_hits_are_audited_with_each_hit(net: Network) -> None:
    client_for(net.counsellor).get("/participants/?q=Muhammad")
    assert listed("participants.participant.search_hit") == [net.participant.pk]


def test_a_consent_for_another_purpose_does_not_open_the_case(net: Network) -> None:
    consent = services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="reporting",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    assert consent.purpose == "reporting"
    with contextlib.suppress(services.DomainError):
        services.share_start(
            actor=net.counsellor, participant=net.participant, organisation=net.other
        )
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 404


def test_volunteer_searches_cannot_probe_the_birth_date(net: Network) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    client = client_for(net.volunteer)
    hit = client.get("/participants/", {"q": "01.04.1999"}).content.decode()
    miss = client.get("/participants/", {"q": "02.04.1999"}).content.decode()
    assert ("Al-Masri" in hit) == ("Al-Masri" in miss)
    by_status = client.get("/participants/", {"status": "exited"}).content.decode()
    assert "Al-Masri" in by_status


def test_shared_organisation_cannot_close_the_owners_tasks(net: Network) -> None:
    share_with_consent(net)
    step = services.task_create(
        actor=net.counsellor, participant=net.participant, description="Termin ABH"
    )
    client = client_for(net.other_counsellor)
    page = client.get(_url(net)).content.decode()
    assert "Termin ABH" in page
    assert f"tasks/{step.pk}/done/" not in page  # no button that would answer 404
    response = client.post(_url(net, f"tasks/{step.pk}/done/"), {"version": step.version})
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done_on is None
    assert f"tasks/{step.pk}/done/" in client_for(net.counsellor).get(_url(net)).content.decode()


def test_a_user_without_membership_sees_no_participant_of_any_network(net: Network) -> None:
    from tests.factories import UserFactory

    client = client_for(UserFactory())
    assert client.get(_url(net)).status_code == 404
    assert client.get("/").status_code == 403


def test_the_audit_diff_keeps_personal_values_out(net: Network) -> None:
    from lotse.audit.services import masked_diff

    diff = masked_diff(
        {
            "postcode": ("", "12345"),
            "birth_year": (1999, 1987),
            "status": ("registered", "enrolled"),
        }
    )
    assert diff == {"postcode": "•••", "birth_year": "•••", "status": ["registered", "enrolled"]}


def test_owner_assigns_and_removes_a_volunteer_who_then_sees_contact_data_only(
    net: Network,
) -> None:
    owner = client_for(net.counsellor)
    volunteer = client_for(net.volunteer)
    assert "Al-Masri" not in volunteer.get("/participants/").content.decode()
    form = owner.get(_url(net, "volunteers/new/")).content.decode()
    assert f'value="{net.volunteer.pk}"' in form

    assigned = owner.post(_url(net, "volunteers/new/"), {"volunteer": net.volunteer.pk})

    assert assigned.status_code == 302
    assert "Al-Masri" in volunteer.get("/participants/").content.decode()
    page = volunteer.get(_url(net)).content.decode()
    assert net.participant.phone in page
    assert SECRET_ANNOTATION not in page
    removed = owner.post(_url(net, f"volunteers/{net.volunteer.pk}/remove/"))
    assert removed.status_code == 302
    assert volunteer.get(_url(net)).status_code == 404
    actions = list(
        AuditEvent.objects.filter(action__startswith="participants.volunteer.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["participants.volunteer.assigned", "participants.volunteer.removed"]


def test_only_the_owner_assigns_and_only_own_volunteers(net: Network) -> None:
    from tests.factories import member

    share_with_consent(net)
    foreign = member(net.other, Role.VOLUNTEER, "ehrenamt.jobcenter")

    assert client_for(net.other_counsellor).get(_url(net, "volunteers/new/")).status_code == 404
    assert client_for(net.volunteer).get(_url(net, "volunteers/new/")).status_code == 404
    response = client_for(net.counsellor).post(
        _url(net, "volunteers/new/"), {"volunteer": foreign.pk}
    )
    assert response.status_code == 200
    assert not net.participant.volunteers.exists()
