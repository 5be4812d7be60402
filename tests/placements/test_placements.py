"""Placements and their follow-up from the case: recording, bad input, the version check, the
check-in schedule as tasks, the follow-up list, the end, the exit link and the personas."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from lotse.participants import services as participant_services
from lotse.participants.models import Participant, Task
from lotse.placements.placements import selectors, services
from lotse.placements.placements.models import CheckIn, Placement
from tests.conftest import Network, share_with_consent
from tests.employers.helpers import employer, vacancy
from tests.placements.pagetext import tables
from tests.placements.placement_helpers import enrolled, place

# The placements panel loads lazily, below the participant page's first response.
SECTION = "/participants/{}/sections/placements.placements/"

pytestmark = pytest.mark.django_db


def _german(user: object) -> Client:
    client = Client(headers={"accept-language": "de"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(net: Network, **changes: object) -> dict[str, object]:
    at = Placement.employer.field.related_model.objects.first() or employer(net)  # type: ignore[attr-defined]
    data: dict[str, object] = {
        "employer": at.pk,
        "kind": "employment",
        "title": "Fachkraft für Lagerlogistik",
        "starts_on": "2025-04-01",
        "planned_end_on": "",
        "hours_per_week": "39",
        "ba_consent": "needed",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def test_a_counsellor_records_a_placement_and_the_check_ins_become_tasks(net: Network) -> None:
    enrolled(net)
    client = _german(net.counsellor)
    page = client.get(f"/placements/cases/{net.participant.pk}/new/")
    assert page.status_code == 200
    assert "Vermittlung erfassen" in page.content.decode()
    response = client.post(f"/placements/cases/{net.participant.pk}/new/", _form(net))
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.title, placement.hours_per_week, placement.ba_consent) == (
        "Fachkraft für Lagerlogistik",
        Decimal("39.0"),
        "needed",
    )
    check_ins = list(CheckIn.objects.order_by("due_on").values_list("months", "due_on"))
    assert check_ins == [
        (1, datetime.date(2025, 5, 1)),
        (3, datetime.date(2025, 7, 1)),
        (6, datetime.date(2025, 10, 1)),
    ]
    tasks = list(
        Task.objects.filter(participant=net.participant, due_on__isnull=False)
        .order_by("due_on")
        .values_list("description", "assignee", "due_on")
    )
    assert tasks[0] == (
        "Nachbetreuung nach 1 Monat: Fachkraft für Lagerlogistik bei Lager Süd GmbH",
        net.counsellor.pk,
        datetime.date(2025, 5, 1),
    )
    my_tasks = client.get("/tasks/").content.decode()
    assert "Nachbetreuung nach 1 Monat: Fachkraft für Lagerlogistik bei Lager Süd GmbH" in my_tasks
    assert "Nachbetreuung der Vermittlung bei Lager Süd GmbH" in my_tasks
    case_page = client.get(SECTION.format(net.participant.pk)).content.decode()
    assert "Fachkraft für Lagerlogistik, Lager Süd GmbH" in case_page


def test_a_double_click_records_one_placement(net: Network) -> None:
    enrolled(net)
    client = _german(net.counsellor)
    data = _form(net)
    client.post(f"/placements/cases/{net.participant.pk}/new/", data)
    second = client.post(f"/placements/cases/{net.participant.pk}/new/", data, follow=True)
    assert (
        "Das wurde bereits gespeichert und nicht ein zweites Mal gespeichert."
        in second.content.decode()
    )
    assert Placement.objects.count() == 1
    assert CheckIn.objects.count() == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"starts_on": "2025-01-15"},
            "Die Vermittlung kann nicht vor dem Eintritt der teilnehmenden Person in das "
            "Programm beginnen (01.02.2025).",
        ),
        ({"planned_end_on": "2025-03-01"}, "Das geplante Ende liegt vor dem Beginn."),
        (
            {"probation_ends_on": "2025-03-01"},
            "Die Probezeit kann nicht vor dem Beginn der Vermittlung enden.",
        ),
        ({"hours_per_week": "80"}, "Bitte geben Sie die Wochenstunden zwischen 1 und 60 an."),
    ],
)
def test_bad_input_is_refused_with_a_german_message_and_nothing_is_saved(
    net: Network, changes: dict[str, str], message: str
) -> None:
    enrolled(net)
    response = _german(net.counsellor).post(
        f"/placements/cases/{net.participant.pk}/new/", _form(net, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Placement.objects.count(), CheckIn.objects.count()) == (0, 0)
    assert not Task.objects.filter(participant=net.participant, due_on__isnull=False).exists()


def test_the_service_refuses_an_end_before_the_start(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    with pytest.raises(services.DomainError) as refused:
        services.placement_end(
            actor=net.counsellor,
            placement=placement,
            expected_version=placement.version,
            ended_on=datetime.date(2025, 3, 1),
            end_reason="quit",
        )
    assert refused.value.message == "Die Vermittlung kann nicht enden, bevor sie beginnt."
    assert Placement.objects.get().ended_on is None


def test_the_end_page_refuses_an_end_before_the_start_in_german(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    response = _german(net.counsellor).post(
        f"/placements/cases/{net.participant.pk}/{placement.pk}/end/",
        {"ended_on": "2025-03-01", "end_reason": "quit", "version": placement.version},
    )
    page = response.content.decode()
    assert "Die Vermittlung kann nicht enden, bevor sie beginnt." in page
    # QA walk 14b: the message stands at the date field, not only above the form.
    assert (
        '<p class="kern-error" id="id_ended_on_error" role="alert">'
        "Die Vermittlung kann nicht enden, bevor sie beginnt.</p>"
    ) in page
    assert Placement.objects.get().ended_on is None


def test_two_people_editing_one_placement_the_second_is_refused(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    url = f"/placements/cases/{net.participant.pk}/{placement.pk}/edit/"
    first = _german(net.counsellor)
    second = _german(net.colleague)
    data = _form(net, version=placement.version, employer=placement.employer_id)
    assert first.post(url, {**data, "title": "Lagerist"}).status_code == 302
    refused = second.post(url, {**data, "title": "Staplerfahrer"})
    assert (
        "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert"
        in refused.content.decode()
    )
    assert Placement.objects.get().title == "Lagerist"


def test_a_new_start_moves_the_open_check_ins_and_their_tasks(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    services.placement_update(
        actor=net.counsellor,
        placement=placement,
        expected_version=placement.version,
        changes={"starts_on": datetime.date(2025, 5, 1)},
    )
    assert list(CheckIn.objects.order_by("due_on").values_list("due_on", "task__due_on")) == [
        (datetime.date(2025, 6, 1), datetime.date(2025, 6, 1)),
        (datetime.date(2025, 8, 1), datetime.date(2025, 8, 1)),
        (datetime.date(2025, 11, 1), datetime.date(2025, 11, 1)),
    ]


def test_ending_a_placement_drops_the_later_check_ins_and_cancels_their_tasks(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    services.placement_end(
        actor=net.counsellor,
        placement=placement,
        expected_version=placement.version,
        ended_on=datetime.date(2025, 6, 15),
        end_reason="probation_failed",
    )
    assert list(CheckIn.objects.values_list("months", flat=True)) == [1]
    statuses = sorted(
        Task.objects.filter(participant=net.participant, due_on__isnull=False).values_list(
            "status", flat=True
        )
    )
    assert statuses == ["cancelled", "cancelled", "open"]


def test_a_check_in_at_risk_needs_its_reason_and_completes_its_task(net: Network) -> None:
    enrolled(net)
    place(net)
    first = CheckIn.objects.order_by("due_on").first()
    assert first is not None
    url = f"/placements/cases/{net.participant.pk}/check-ins/{first.pk}/"
    client = _german(net.counsellor)
    data = {"done_on": "2025-05-02", "state": "at_risk", "action": "", "version": first.version}
    refused = client.post(url, data)
    assert "Bitte sagen Sie, was die Vermittlung gefährdet." in refused.content.decode()
    done = client.post(url, {**data, "risks": ["language", "housing"], "action": "Sprachkurs"})
    assert done.status_code == 302
    first.refresh_from_db()
    assert (first.state, first.risks, first.done_on) == (
        "at_risk",
        ["housing", "language"],
        datetime.date(2025, 5, 2),
    )
    assert first.task is not None
    assert first.task.status == "done"


def test_the_follow_up_list_shows_placements_at_risk_and_check_ins_due(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    first = placement.check_ins.order_by("due_on").first()
    assert first is not None
    services.check_in_record(
        actor=net.counsellor,
        check_in=first,
        expected_version=first.version,
        done_on=datetime.date(2025, 5, 2),
        state="at_risk",
        risks=["school"],
        action="Nachhilfe organisiert",
    )
    page = _german(net.counsellor).get("/placements/follow-up/").content.decode()
    assert "Nachbetreuung von Vermittlungen" in page
    assert "Schulteil der Ausbildung" in page
    assert "Nachhilfe organisiert" in page
    # The 3- and 6-month check-ins are overdue (in 2025), both listed.
    assert page.count("Termin erfassen") == 2
    stranger = _german(net.third_counsellor).get("/placements/follow-up/").content.decode()
    assert net.participant.last_name not in stranger
    assert "Keine Vermittlung ist gefährdet." in stranger
    assert _german(net.coordinator).get("/placements/follow-up/").status_code == 403
    assert _german(net.volunteer).get("/placements/follow-up/").status_code == 403


@pytest.mark.parametrize("persona", ["third_counsellor", "volunteer", "coordinator"])
def test_no_placement_page_without_the_case(net: Network, persona: str) -> None:
    enrolled(net)
    placement = place(net)
    client = _german(getattr(net, persona))
    pk = net.participant.pk
    for url in (
        f"/placements/cases/{pk}/new/",
        f"/placements/cases/{pk}/{placement.pk}/edit/",
        f"/placements/cases/{pk}/{placement.pk}/end/",
        f"/placements/cases/{pk}/{placement.pk}/employer-sheet/",
        f"/placements/cases/{pk}/check-ins/{placement.check_ins.first().pk}/",  # type: ignore[union-attr]
    ):
        assert client.get(url).status_code == 404, url


def test_a_shared_case_shows_the_placements_but_only_the_owner_changes_them(net: Network) -> None:
    enrolled(net)
    share_with_consent(net)
    placement = place(net)
    client = _german(net.other_counsellor)
    page = client.get(SECTION.format(net.participant.pk)).content.decode()
    assert "Fachkraft für Lagerlogistik, Lager Süd GmbH" in page
    assert "Vermittlung erfassen" not in page
    assert client.get(f"/placements/cases/{net.participant.pk}/new/").status_code == 404
    edit = f"/placements/cases/{net.participant.pk}/{placement.pk}/edit/"
    assert client.post(edit, _form(net, version=placement.version)).status_code == 404


def test_the_coordinator_sets_the_schedule_and_new_placements_follow_it(net: Network) -> None:
    enrolled(net)
    client = _german(net.coordinator)
    page = client.get("/placements/settings/")
    assert 'value="1, 3, 6"' in page.content.decode()
    bad = client.post("/placements/settings/", {"months": "eins"})
    assert "Bitte geben Sie ganze Monate an" in bad.content.decode()
    assert client.post("/placements/settings/", {"months": "2, 12"}).status_code == 302
    place(net)
    assert sorted(CheckIn.objects.values_list("months", flat=True)) == [2, 12]
    assert _german(net.counsellor).get("/placements/settings/").status_code == 403


def test_closing_the_case_into_employment_links_the_running_placement(net: Network) -> None:
    enrolled(net)
    training = place(net, kind="vocational_training", title="Ausbildung Pflege")
    job = place(
        net, employer=training.employer, title="Lagerhelfer", starts_on=datetime.date(2025, 9, 1)
    )
    participant_services.participant_exit(
        actor=net.counsellor,
        participant=Participant.objects.get(pk=net.participant.pk),
        exit_date=datetime.date(2025, 8, 20),
        outcome="employment",
    )
    linked = dict(Placement.objects.values_list("title", "linked_to_exit_on"))
    assert linked == {"Ausbildung Pflege": None, "Lagerhelfer": datetime.date(2025, 8, 20)}
    assert job.pk == Placement.objects.get(linked_to_exit_on__isnull=False).pk
    page = _german(net.counsellor).get(SECTION.format(net.participant.pk)).content.decode()
    assert "Der Fall wurde am 20.08.2025 mit dieser Vermittlung abgeschlossen." in page


def test_situations_and_figures_for_reporting(net: Network) -> None:
    enrolled(net)
    place(net, starts_on=datetime.date(2025, 3, 1))
    place(net, kind="vocational_training", title="Ausbildung", starts_on=datetime.date(2025, 9, 10))
    participant_services.participant_exit(
        actor=net.counsellor,
        participant=Participant.objects.get(pk=net.participant.pk),
        exit_date=datetime.date(2025, 9, 1),
        outcome="employment",
    )
    pk = net.participant.pk
    situations = selectors.placement_situations([pk])
    assert sorted(situations[pk]) == [
        (datetime.date(2025, 9, 1), "employed"),
        (datetime.date(2025, 9, 10), "education"),
    ]
    ids = Participant.objects.filter(pk=pk).values("pk")
    figures = selectors.placement_figures(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), ids
    )
    assert figures == {"placed": 1, "placements_six_months_old": 1, "stable_after_six_months": 1}


def test_the_export_and_the_eraser_cover_placements_and_check_ins(net: Network) -> None:
    enrolled(net)
    place(net)
    exported = selectors.placements_export(net.participant)
    assert [(p["title"], len(p["check_ins"])) for p in exported["placements"]] == [
        ("Fachkraft für Lagerlogistik", 3)
    ]
    report = services.placements_erase(net.participant)
    assert report == {"placement_records.checkin": 3, "placement_records.placement": 1}
    assert not Placement.history.filter(participant=net.participant).exists()


def test_a_vacancy_prefills_the_form(net: Network) -> None:
    enrolled(net)
    at = employer(net)
    job = vacancy(net, at, start_date=datetime.date(2025, 6, 1))
    page = (
        _german(net.counsellor)
        .get(f"/placements/cases/{net.participant.pk}/new/?vacancy={job.pk}")
        .content.decode()
    )
    assert 'value="2025-06-01"' in page
    assert f'<option value="{job.pk}" selected>' in page


def test_the_report_reads_a_placement_running_on_the_exit_date_as_employed(net: Network) -> None:
    from lotse.reporting.sources import contributors

    enrolled(net)
    place(net, starts_on=datetime.date(2025, 3, 1))
    participant_services.participant_exit(
        actor=net.counsellor,
        participant=Participant.objects.get(pk=net.participant.pk),
        exit_date=datetime.date(2025, 9, 1),
        outcome="employment",
    )
    pk = net.participant.pk
    events = [event for contribute in contributors() for event in contribute([pk]).get(pk, [])]
    assert [(e.day, e.situation.value) for e in events] == [(datetime.date(2025, 9, 1), "employed")]


def _queries_of(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _at_risk(placement: Placement, net: Network) -> None:
    first = placement.check_ins.order_by("due_on").first()
    assert first is not None
    services.check_in_record(
        actor=net.counsellor,
        check_in=first,
        expected_version=first.version,
        done_on=first.due_on,
        state="at_risk",
        risks=["housing"],
        action="",
    )


def test_the_follow_up_list_reads_as_many_queries_for_three_placements_as_for_one(
    net: Network,
) -> None:
    enrolled(net)
    at = employer(net)
    _at_risk(place(net, employer=at), net)
    client = _german(net.counsellor)
    one = _queries_of(client, "/placements/follow-up/")
    for title in ("Lagerhelfer", "Staplerfahrer"):
        _at_risk(place(net, employer=at, title=title), net)
    assert _queries_of(client, "/placements/follow-up/") == one


def test_the_case_page_reads_as_many_queries_for_three_placements_as_for_one(
    net: Network,
) -> None:
    enrolled(net)
    at = employer(net)
    place(net, employer=at)
    client = _german(net.counsellor)
    url = SECTION.format(net.participant.pk)
    one = _queries_of(client, url)
    place(net, employer=at, title="Lagerhelfer")
    place(net, employer=at, title="Staplerfahrer")
    assert _queries_of(client, url) == one


def test_the_timeline_shows_the_placement_its_check_in_and_its_end(net: Network) -> None:
    from django.utils import translation

    from lotse.participants.access import participant_for_user
    from lotse.participants.sections import case_timeline

    enrolled(net)
    placement = place(net)
    _at_risk(placement, net)
    placement.refresh_from_db()
    services.placement_end(
        actor=net.counsellor,
        placement=placement,
        expected_version=placement.version,
        ended_on=datetime.date(2025, 5, 1),
        end_reason="moved_away",
    )
    with translation.override("de"):
        entries = case_timeline(participant_for_user(net.counsellor, net.participant.pk))
        mine = [
            (e.day, e.label, e.text) for e in entries if e.label in ("Vermittlung", "Nachbetreuung")
        ]
    assert mine == [
        (
            datetime.date(2025, 5, 1),
            "Vermittlung",
            "Beendet (weggezogen): Fachkraft für Lagerlogistik",
        ),
        (datetime.date(2025, 5, 1), "Nachbetreuung", "Fachkraft für Lagerlogistik: gefährdet"),
        (
            datetime.date(2025, 4, 1),
            "Vermittlung",
            "Sozialversicherungspflichtige Beschäftigung: Fachkraft für Lagerlogistik, "
            "Lager Süd GmbH",
        ),
    ]


def test_the_follow_up_list_writes_the_risks_and_the_last_check_in_without_stray_spaces(
    net: Network,
) -> None:
    # QA walk 14b: "Sprache , Schulteil der Ausbildung" and "05.12.2026 : …" in the list.
    enrolled(net)
    placement = place(net)
    first = placement.check_ins.order_by("due_on").first()
    assert first is not None
    services.check_in_record(
        actor=net.counsellor,
        check_in=first,
        expected_version=first.version,
        done_on=datetime.date(2025, 5, 2),
        state="at_risk",
        risks=["language", "school"],
        action="Sprachkurs angefragt",
    )
    page = _german(net.counsellor).get("/placements/follow-up/").content.decode()
    rows = tables(page)["Gefährdete Vermittlungen"]
    assert rows[1][2:] == ["Sprache, Schulteil der Ausbildung", "02.05.2025: Sprachkurs angefragt"]
    case_page = _german(net.counsellor).get(SECTION.format(net.participant.pk)).content.decode()
    first_row = tables(case_page)["Nachbetreuung"][1]
    assert first_row[1] == "gefährdet: Sprache, Schulteil der Ausbildung (02.05.2025)"


def test_an_ended_placement_keeps_its_open_check_ins_recordable_from_the_case(
    net: Network,
) -> None:
    # QA walk 14b: once an end was recorded, the open check-ins before it lost their link on
    # the case, though the check-in page takes them.
    enrolled(net)
    placement = place(net)
    services.placement_end(
        actor=net.counsellor,
        placement=placement,
        expected_version=placement.version,
        ended_on=datetime.date(2025, 6, 15),
        end_reason="quit",
    )
    client = _german(net.counsellor)
    page = client.get(SECTION.format(net.participant.pk)).content.decode()
    rows = tables(page)["Nachbetreuung"]
    assert rows[1:] == [
        [
            "01.05.2025 (nach 1 Monat) überfällig",
            "noch nicht erfasst",
            "–",
            "Termin erfassen (Fachkraft für Lagerlogistik, nach 1 Monat)",
        ]
    ]
    check_in = placement.check_ins.get()
    url = f"/placements/cases/{net.participant.pk}/check-ins/{check_in.pk}/"
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200


def test_the_links_of_a_placement_name_it_for_screen_readers(net: Network) -> None:
    # QA walk 14b: three links "Termin erfassen" and "Bearbeiten" per placement said not which.
    enrolled(net)
    place(net)
    page = _german(net.counsellor).get(SECTION.format(net.participant.pk)).content.decode()
    assert '<span class="kern-sr-only">: Fachkraft für Lagerlogistik</span></a>' in page
    assert page.count('<span class="kern-sr-only">: Fachkraft für Lagerlogistik</span>') == 3
    follow_up = _german(net.counsellor).get("/placements/follow-up/").content.decode()
    due = tables(follow_up)["Fällige Termine der Nachbetreuung"]
    name = f"{net.participant.last_name}, {net.participant.first_names}"
    assert due[1][3] == f"Termin erfassen ({name})"


def test_my_tasks_send_a_check_in_to_its_form_instead_of_ticking_it_off(net: Network) -> None:
    """Ticking a check-in's task would record no check-in: "My tasks" links its form."""
    enrolled(net)
    client = _german(net.counsellor)
    client.post(f"/placements/cases/{net.participant.pk}/new/", _form(net))
    first = CheckIn.objects.order_by("due_on").first()
    assert first is not None
    my_tasks = client.get("/tasks/").content.decode()
    form_url = f"/placements/cases/{net.participant.pk}/check-ins/{first.pk}/"
    assert f'href="{form_url}">Erfassen' in my_tasks
    assert f"/tasks/{first.task_id}/done/" not in my_tasks


def test_an_end_still_ahead_is_refused_and_belongs_in_the_planned_end(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    with pytest.raises(services.DomainError) as refused:
        services.placement_end(
            actor=net.counsellor,
            placement=placement,
            expected_version=placement.version,
            ended_on=timezone.localdate() + datetime.timedelta(days=365),
            end_reason="quit",
        )
    assert refused.value.message == (
        "Tragen Sie das Ende ein, wenn es eingetreten ist; "
        "ein bekanntes künftiges Ende ist das geplante Ende."
    )
    assert Placement.objects.get().ended_on is None


def test_an_overdue_check_in_reads_the_same_on_the_case_and_in_the_follow_up_list(
    net: Network,
) -> None:
    # The case said "noch nicht fällig" (not yet, badge "due") where the list said "überfällig".
    enrolled(net)
    place(net)
    client = _german(net.counsellor)
    case_rows = tables(client.get(SECTION.format(net.participant.pk)).content.decode())
    list_rows = tables(client.get("/placements/follow-up/").content.decode())
    assert [row[:2] for row in case_rows["Nachbetreuung"][1:]] == [
        ["01.05.2025 (nach 1 Monat) überfällig", "noch nicht erfasst"],
        ["01.07.2025 (nach 3 Monaten) überfällig", "noch nicht erfasst"],
        ["01.10.2025 (nach 6 Monaten) überfällig", "noch nicht erfasst"],
    ]
    assert [row[0] for row in list_rows["Fällige Termine der Nachbetreuung"][1:]] == [
        "01.05.2025 überfällig",
        "01.07.2025 überfällig",
        "01.10.2025 überfällig",
    ]


def _messages(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def test_recording_a_placement_pending_the_permit_warns_with_the_engines_answer(
    net: Network,
) -> None:
    from tests.workpermission.helpers import gestattung_facts

    enrolled(net)
    gestattung_facts(net, lives_in_reception_centre=False)
    client = _german(net.counsellor)
    url = f"/placements/cases/{net.participant.pk}/new/"
    applied = client.post(url, _form(net, permit_applied_on="2025-04-10"), follow=True)
    training = client.post(url, _form(net, kind="vocational_training"), follow=True)
    # Recorded all the same: the counsellor may record a placement agreed pending the permit.
    assert Placement.objects.count() == 2
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert _messages(applied) == [
        "Die Vermittlung wurde erfasst und die Termine der Nachbetreuung geplant.",
        "Die Erlaubnis zur Beschäftigung ist beantragt (am 10.04.2025), aber noch nicht "
        f"erteilt. Laut Prüfung des Arbeitsmarktzugangs gilt am {today}: Beschäftigung: "
        "Anspruch auf Erlaubnis der Ausländerbehörde — § 61 AsylG (GEAS-Anpassungsgesetz, "
        "Entwurf). Die Person darf erst beginnen, wenn die Erlaubnis der Ausländerbehörde im "
        "Aufenthaltsdokument steht.",
    ]
    assert _messages(training)[1] == (
        "Eine Erlaubnis zur Beschäftigung ist nicht als erteilt erfasst. Laut Prüfung des "
        f"Arbeitsmarktzugangs gilt am {today}: Betriebliche Ausbildung: Anspruch auf Erlaubnis "
        "der Ausländerbehörde — § 61 AsylG (GEAS-Anpassungsgesetz, Entwurf). Die Person darf "
        "erst beginnen, wenn die Erlaubnis der Ausländerbehörde im Aufenthaltsdokument steht."
    )


def test_a_granted_permit_or_a_document_that_allows_the_job_warns_of_nothing(
    net: Network,
) -> None:
    from tests.workpermission.helpers import gestattung_facts, record_document

    enrolled(net)
    gestattung_facts(net, lives_in_reception_centre=False)
    client = _german(net.counsellor)
    url = f"/placements/cases/{net.participant.pk}/new/"
    granted = client.post(
        url, _form(net, permit_applied_on="2025-04-10", permit_granted_on="2025-04-20"), follow=True
    )
    assert _messages(granted) == [
        "Die Vermittlung wurde erfasst und die Termine der Nachbetreuung geplant."
    ]
    record_document(
        net.counsellor,
        net.participant,
        document_type="residence_permit",
        section="§ 25 Abs. 2",
        issued_on=datetime.date(2025, 6, 1),
        valid_until=datetime.date(2028, 6, 1),
    )
    allowed = client.post(url, _form(net), follow=True)
    assert _messages(allowed) == [
        "Die Vermittlung wurde erfasst und die Termine der Nachbetreuung geplant."
    ]


def test_a_duldung_without_the_permit_warns_and_granting_it_later_warns_no_more(
    net: Network,
) -> None:
    from tests.workpermission.helpers import record_document

    enrolled(net)
    record_document(
        net.counsellor,
        net.participant,
        document_type="duldung",
        issued_on=datetime.date(2025, 6, 1),
        valid_until=datetime.date(2027, 6, 1),
    )
    client = _german(net.counsellor)
    recorded = client.post(f"/placements/cases/{net.participant.pk}/new/", _form(net), follow=True)
    warning = _messages(recorded)[1]
    assert warning.startswith(
        "Eine Erlaubnis zur Beschäftigung ist nicht als erteilt erfasst. Laut Prüfung des "
        "Arbeitsmarktzugangs gilt am "
    )
    assert "Beschäftigung: " in warning
    assert "§ 60a" in warning
    placement = Placement.objects.get()
    edit = f"/placements/cases/{net.participant.pk}/{placement.pk}/edit/"
    saved = client.post(
        edit,
        _form(
            net,
            version=placement.version,
            permit_applied_on="2025-04-10",
            permit_granted_on="2025-04-20",
        ),
        follow=True,
    )
    assert _messages(saved) == ["Die Vermittlung wurde gespeichert."]


def _exit(client: Client, net: Network, **changes: str) -> object:
    data = {"exit_date": "2025-08-20", "outcome": "employment", **changes}
    return client.post(f"/participants/{net.participant.pk}/exit/", data, follow=True)


MISMATCH = (
    "Die Vermittlung Ausbildung Pflege bei Lager Süd GmbH (Berufsausbildung, seit 01.04.2025) "
    "läuft und passt nicht zum Verbleib „Beschäftigung“: Mit dem Abschluss des Falls wird keine "
    "Vermittlung mit dem Austritt verknüpft. Wenn die Person darin bleibt, wählen Sie den "
    "Verbleib „Ausbildung“: Dann wird die Vermittlung verknüpft."
)


def test_closing_into_employment_while_a_training_runs_asks_first_and_closes_nothing(
    net: Network,
) -> None:
    enrolled(net)
    place(net, kind="vocational_training", title="Ausbildung Pflege")
    client = _german(net.counsellor)
    asked = _exit(client, net)
    page = " ".join(asked.content.decode().split())  # type: ignore[attr-defined]
    assert MISMATCH in page
    assert "Die laufende Vermittlung Ausbildung Pflege" in page
    # Needed to close the case, so its label does not say "optional".
    assert '<span class="kern-label__optional">– nötig zum Abschließen des Falls</span>' in page
    assert "– optional" not in page
    assert "Am Austrittsdatum beenden (Ausbildung abgebrochen)" in page
    assert "Weiterlaufen lassen, nicht mit dem Austritt verknüpft" in page
    assert Participant.objects.get(pk=net.participant.pk).status == "enrolled"
    unanswered = _exit(client, net, asked="placements.running")
    assert "Bitte wählen Sie, was damit geschieht." in unanswered.content.decode()  # type: ignore[attr-defined]
    assert Participant.objects.get(pk=net.participant.pk).status == "enrolled"


def test_the_counsellor_ends_the_running_training_on_the_exit_date(net: Network) -> None:
    enrolled(net)
    training = place(net, kind="vocational_training", title="Ausbildung Pflege")
    client = _german(net.counsellor)
    closed = _exit(client, net, asked="placements.running", answer_placements_running="end")
    assert _messages(closed) == ["Der Fall wurde abgeschlossen."]
    participant = Participant.objects.get(pk=net.participant.pk)
    assert (participant.status, participant.exit_outcome) == ("exited", "employment")
    training.refresh_from_db()
    assert (training.ended_on, training.end_reason, training.linked_to_exit_on) == (
        datetime.date(2025, 8, 20),
        "training_abandoned",
        None,
    )
    # Its check-ins due before the exit are kept; the later one is dropped with its task.
    assert list(training.check_ins.values_list("months", flat=True)) == [1, 3]


def test_the_counsellor_keeps_the_running_training_and_nothing_of_it_changes(
    net: Network,
) -> None:
    enrolled(net)
    training = place(net, kind="vocational_training", title="Ausbildung Pflege")
    client = _german(net.counsellor)
    _exit(client, net, asked="placements.running", answer_placements_running="keep")
    assert Participant.objects.get(pk=net.participant.pk).status == "exited"
    training.refresh_from_db()
    assert (training.ended_on, training.linked_to_exit_on, training.check_ins.count()) == (
        None,
        None,
        3,
    )


def test_choosing_the_matching_outcome_instead_links_the_training(net: Network) -> None:
    enrolled(net)
    training = place(net, kind="vocational_training", title="Ausbildung Pflege")
    client = _german(net.counsellor)
    _exit(client, net)
    closed = _exit(client, net, outcome="vocational_training", asked="placements.running")
    assert _messages(closed) == ["Der Fall wurde abgeschlossen."]
    training.refresh_from_db()
    assert (training.ended_on, training.linked_to_exit_on) == (None, datetime.date(2025, 8, 20))
