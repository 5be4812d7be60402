"""The case kernel: one access object (`CaseAccess`) with `rules` predicates, and the registry
of case sections that the participant page, the timeline, the export and the eraser iterate."""

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone, translation
from django_scopes import scope

from lotse.audit.models import AuditEvent
from lotse.core.errors import DomainError
from lotse.participants import services
from lotse.participants.access import AccessKind, case_for_display, participant_for_user
from lotse.participants.models import (
    CounsellingContact,
    Participant,
    ResidenceDocument,
)
from lotse.participants.sections import (
    CaseSection,
    TimelineEntry,
    case_sections,
    register,
    unregister,
)
from lotse.participants.selectors import NextTask, next_task_of
from lotse.profiles.models import LanguageSkill
from lotse.workpermission.models import ResidenceFacts
from tests.conftest import Network, client_for, share_with_consent

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _case(user: Any, net: Network, **kwargs: Any) -> Any:
    with scope(network=net.participant.network_id):
        return participant_for_user(user, net.participant.pk, **kwargs)


def test_case_access_kind_follows_organisation_share_and_assignment(net: Network) -> None:
    share_with_consent(net)
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    kinds = {
        name: _case(getattr(net, name), net).kind
        for name in ("counsellor", "team_lead", "other_counsellor", "volunteer")
    }
    assert kinds == {
        "counsellor": AccessKind.OWNER,
        "team_lead": AccessKind.OWNER,
        "other_counsellor": AccessKind.SHARED,
        "volunteer": AccessKind.VOLUNTEER,
    }


PERMISSIONS = (
    "participants.view_contact_data",
    "participants.view_case",
    "participants.add_contact",
    "participants.complete_any_task",
    "participants.change_case",
    "participants.manage_consent",
    "participants.assign_volunteer",
    "participants.export_case",
    "participants.erase_case",
    "profiles.view_profile",
    "profiles.change_profile",
    "profiles.view_health",
    "workpermission.view_assessment",
    "workpermission.change_facts",
)


def test_each_kind_of_access_has_its_capabilities(net: Network) -> None:
    share_with_consent(net)
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    granted = {
        name: [p for p in PERMISSIONS if _case(getattr(net, name), net).allows(p)]
        for name in ("counsellor", "other_counsellor", "volunteer")
    }
    assert granted == {
        "counsellor": list(PERMISSIONS),
        "other_counsellor": [
            "participants.view_contact_data",
            "participants.view_case",
            "participants.add_contact",
            "profiles.view_profile",
            "workpermission.view_assessment",
        ],
        "volunteer": ["participants.view_contact_data"],
    }


def test_templates_ask_the_same_predicates_through_case_can(net: Network) -> None:
    share_with_consent(net)
    case = _case(net.other_counsellor, net)
    assert (
        case.can.participants.view_case,
        case.can.participants.change_case,
        case.can["profiles"]["view_health"],
    ) == (True, False, False)


def test_user_has_perm_answers_for_a_case_like_the_case_itself(net: Network) -> None:
    case = _case(net.counsellor, net)
    assert (
        net.counsellor.has_perm("participants.change_case", case),
        net.counsellor.has_perm("participants.change_case"),
    ) == (True, False)


def test_a_required_permission_the_user_lacks_is_a_404_like_a_missing_case(
    net: Network,
) -> None:
    share_with_consent(net)
    with pytest.raises(Http404):
        _case(net.other_counsellor, net, require="participants.change_case")
    with scope(network=net.participant.network_id), pytest.raises(Http404):
        participant_for_user(net.counsellor, net.participant.pk + 1000)


def test_obtaining_a_case_for_display_writes_the_viewed_event(net: Network) -> None:
    with scope(network=net.participant.network_id):
        case_for_display(net.counsellor, net.participant.pk, channel="test")
    event = AuditEvent.objects.get(action="participants.participant.viewed")
    assert (event.participant_id, event.actor, event.detail) == (
        net.participant.pk,
        net.counsellor,
        {"access": "owner", "channel": "test"},
    )


def test_a_refused_display_writes_no_event(net: Network) -> None:
    share_with_consent(net)
    with scope(network=net.participant.network_id), pytest.raises(Http404):
        case_for_display(
            net.other_counsellor, net.participant.pk, require="participants.change_case"
        )
    assert AuditEvent.objects.filter(action="participants.participant.viewed").count() == 0


def test_sections_are_registered_by_their_apps_in_order() -> None:
    assert [s.key for s in case_sections()] == [
        "participants.documents",
        "profiles.profile",
        "workpermission.assessment",
        "offers.catalogue",
        "placements.placements",
        "matches.vacancies",
        "referrals",
        "responsibilities.for_person",
        "appointments",
        "participants.tasks",
        "participants.contacts",
        "participants.consents",
        "events.attendance",
        "participants.status",
        "reporting.esf",
        "participants.timeline",
    ]


def test_a_section_key_cannot_be_registered_twice_with_another_meaning() -> None:
    with pytest.raises(ValueError, match="registered already"):
        register(CaseSection(key="profiles.profile", order=1))


@pytest.fixture
def extra_section() -> Iterator[CaseSection]:
    """A section as a later app (appointments, referrals) would register it."""

    def panel(case: Any, _request: Any) -> dict[str, Any] | None:
        if not case.allows("participants.view_case"):
            return None
        return {"text": f"Termine für {case.participant.file_number}"}

    def timeline(case: Any) -> list[TimelineEntry]:
        moment = timezone.now()
        return [TimelineEntry(TODAY, moment, "Termin", "Erstgespräch Jobcenter")]

    section = CaseSection(
        key="tests.appointments",
        order=35,
        panel_template="tests/appointments_panel.html",
        panel_context=panel,
        timeline_entries=timeline,
    )
    register(section)
    yield section
    unregister(section.key)


def test_the_participant_page_shows_a_registered_section_s_panel_and_timeline(
    net: Network, extra_section: CaseSection, tmp_path: Any, settings: Any
) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "appointments_panel.html").write_text(
        '<section id="appointments"><p>{{ panel.text }}</p></section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    client = client_for(net.counsellor)
    with translation.override("de"):
        page = client.get(f"/participants/{net.participant.pk}/", headers={"accept-language": "de"})
        timeline = client.get(
            f"/participants/{net.participant.pk}/sections/participants.timeline/",
            headers={"accept-language": "de", "HX-Request": "true"},
        )
    html = page.content.decode()
    assert page.status_code == 200
    assert f"<p>Termine für {net.participant.file_number}</p>" in html
    assert '<p class="kern-body">Termin: Erstgespräch Jobcenter</p>' in timeline.content.decode()
    # In the order of the registry: after the work permission, before the open steps.
    assert html.index('id="work-permission"') < html.index('id="appointments"')


def test_a_volunteer_sees_no_section_panel(net: Network, extra_section: CaseSection) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    page = client_for(net.volunteer).get(f"/participants/{net.participant.pk}/")
    assert page.status_code == 200
    assert "Termine für" not in page.content.decode()


@pytest.fixture
def lazy_section(tmp_path: Any, settings: Any) -> Iterator[CaseSection]:
    """A long section loaded on demand, with a line among the page's essentials."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "internships_panel.html").write_text(
        '<section id="internships"><p>{{ panel.text }}</p></section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    def panel(case: Any, _request: Any) -> dict[str, Any]:
        return {"text": f"Praktika von {case.participant.file_number}"}

    section = CaseSection(
        key="tests.internships",
        order=70,
        label="Praktika",
        anchor="internships",
        lazy=True,
        requires="participants.change_case",
        panel_template="tests/internships_panel.html",
        panel_context=panel,
        header_line=lambda case: f"2 Praktika, nächstes ab {TODAY:%d.%m.%Y}",
    )
    register(section)
    yield section
    unregister(section.key)


def test_a_lazy_section_is_a_slot_in_the_navigation_and_loads_on_its_own(
    net: Network, lazy_section: CaseSection
) -> None:
    share_with_consent(net)
    client = client_for(net.counsellor)
    base = f"/participants/{net.participant.pk}/sections/tests.internships/"

    page = client.get(f"/participants/{net.participant.pk}/").content.decode()
    panel = client.get(base, headers={"HX-Request": "true"})
    line = client.get(base + "line/", headers={"HX-Request": "true"})
    own_page = client.get(base).content.decode()

    assert "Praktika von" not in page
    assert f'hx-get="{base}" hx-trigger="intersect once"' in page
    assert f'<a class="kern-link" href="{base}">„Praktika“ anzeigen</a>' in page
    assert '<li><a class="kern-link" href="#internships">Praktika</a></li>' in page
    assert f'hx-get="{base}line/" hx-trigger="load"' in page
    assert panel.content.decode() == (
        f'<section id="internships"><p>Praktika von {net.participant.file_number}</p></section>'
    )
    assert line.content.decode().strip() == (
        f"<span>2 Praktika, nächstes ab {TODAY:%d.%m.%Y}</span>"
    )
    assert "<title>" in own_page
    assert "Praktika von" in own_page
    events = AuditEvent.objects.filter(action="participants.participant.viewed")
    assert [e.detail for e in events.order_by("pk")][1:3] == [
        {"access": "owner", "panel": "tests.internships"},
        {"access": "owner", "line": "tests.internships"},
    ]
    # The section requires what the sharing organisation lacks: neither slot, line nor panel.
    shared = client_for(net.other_counsellor)
    shared_page = shared.get(f"/participants/{net.participant.pk}/").content.decode()
    assert "internships" not in shared_page
    assert shared.get(base, headers={"HX-Request": "true"}).status_code == 404
    assert shared.get(base + "line/", headers={"HX-Request": "true"}).status_code == 404


def test_only_a_lazy_section_has_a_page_and_only_a_section_with_a_line_a_line(
    net: Network,
) -> None:
    client = client_for(net.counsellor)
    base = f"/participants/{net.participant.pk}/sections/"
    assert client.get(base + "participants.documents/").status_code == 404
    assert client.get(base + "no.such.section/").status_code == 404
    assert client.get(base + "participants.timeline/line/").status_code == 404
    assert client.get(base + "participants.timeline/").status_code == 200


def test_the_next_task_is_the_open_task_due_first(net: Network) -> None:
    services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=TODAY,
        duration_minutes=30,
        form="phone",
        topics=["employment"],
        next_steps=[("Ohne Datum", None), ("Später", TODAY + DAY), ("Erledigt", TODAY - DAY)],
    )
    done = net.participant.tasks.get(description="Erledigt")
    services.task_complete(
        actor=net.counsellor, task=done, expected_version=done.version, done_on=TODAY
    )

    with scope(network=net.participant.network_id):
        task = next_task_of(participant_for_user(net.counsellor, net.participant.pk))

    assert task == NextTask("Später", TODAY + DAY)


def _fill_sections(net: Network) -> None:
    p = net.participant
    LanguageSkill.objects.create(participant=p, language="ar", level="B1")
    ResidenceFacts.objects.create(participant=p, entry_date=datetime.date(2022, 3, 1))
    share_with_consent(net)


def test_the_export_holds_the_person_and_every_section_s_part(net: Network) -> None:
    _fill_sections(net)
    with scope(network=net.participant.network_id):
        case = participant_for_user(net.counsellor, net.participant.pk)
        data = services.participant_export(actor=net.counsellor, case=case)
    assert data["participant"]["last_name"] == "Al-Masri"
    assert [d["document_type"] for d in data["residence_documents"]] == ["gestattung"]
    assert [c["topics"] for c in data["counselling_contacts"]] == [["residence_law"]]
    assert [c["purpose"] for c in data["consents"]] == ["case_sharing"]
    assert [(s["organisation__name"]) for s in data["shares"]] == ["Jobcenter Test"]
    assert [row["language"] for row in data["profile.languages"]] == ["ar"]
    assert [row["entry_date"] for row in data["residence_facts"]] == ["2022-03-01"]
    event = AuditEvent.objects.get(action="participants.participant.exported")
    assert event.participant_id == net.participant.pk
    assert event.detail["parts"] == sorted(data)


def test_only_the_case_owner_exports_or_erases(net: Network) -> None:
    share_with_consent(net)
    with scope(network=net.participant.network_id):
        case = participant_for_user(net.other_counsellor, net.participant.pk)
        with translation.override("en"), pytest.raises(DomainError) as export_error:
            services.participant_export(actor=net.other_counsellor, case=case)
        with translation.override("en"), pytest.raises(DomainError) as erase_error:
            services.participant_erase(actor=net.other_counsellor, case=case)
    assert (export_error.value.message, erase_error.value.message) == (
        "Only the organisation that registered the person can export.",
        "Only the organisation that registered the person can delete it.",
    )
    assert Participant.objects.filter(pk=net.participant.pk).exists()


def test_erasing_removes_every_section_s_data_and_its_history(net: Network) -> None:
    _fill_sections(net)
    pk = net.participant.pk
    with scope(network=net.participant.network_id):
        case = participant_for_user(net.counsellor, pk)
        removed = services.participant_erase(actor=net.counsellor, case=case)
    assert removed["participants.residencedocument"] == 1
    assert removed["participants.counsellingcontact"] == 1
    assert removed["participants.consent"] == 1
    assert removed["profiles.languageskill"] == 1
    assert removed["workpermission.residencefacts"] == 1
    assert removed["participants.participant"] == 1
    assert not Participant.objects.filter(pk=pk).exists()
    assert not Participant.history.filter(id=pk).exists()
    assert not ResidenceDocument.history.filter(participant_id=pk).exists()
    assert not CounsellingContact.objects.filter(participant_id=pk).exists()
    assert not LanguageSkill.history.filter(participant_id=pk).exists()
    event = AuditEvent.objects.get(action="participants.participant.erased")
    assert (event.participant_id, event.detail["removed"]) == (pk, removed)


def test_a_sharing_organisation_reads_whose_case_it_is_and_may_not_change_it(
    net: Network,
) -> None:
    share_with_consent(net)
    with translation.override("de"):
        shared = client_for(net.other_counsellor).get(
            f"/participants/{net.participant.pk}/", headers={"accept-language": "de"}
        )
        owner = client_for(net.counsellor).get(
            f"/participants/{net.participant.pk}/", headers={"accept-language": "de"}
        )
    badge = '<span class="kern-label">Freigegeben von Sozialwerk Test</span>'
    edit = f'href="/participants/{net.participant.pk}/edit/"'
    assert (badge in shared.content.decode(), edit in shared.content.decode()) == (True, False)
    assert (badge in owner.content.decode(), edit in owner.content.decode()) == (False, True)
