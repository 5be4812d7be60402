import datetime
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.caseload import caseload_rows
from lotse.participants.enums import document_title
from tests.audit.helpers import listed
from tests.conftest import Network, client_for, share_with_consent
from tests.factories import member, participant_for


def _names(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "Muhammad",
        "Mohamed",
        "muham",
        "Almasri",
        "al masri",
        "محمد",
        "Мухаммад",
        "01.04.1999",
        "1999-04-01",
        "1999",
    ],
)
def test_search_finds_the_participant_by_variant_date_or_year(net: Network, query: str) -> None:
    page = _names(client_for(net.counsellor).get("/participants/", {"q": query}))
    assert "Al-Masri" in page


def test_search_by_file_number(net: Network) -> None:
    page = _names(
        client_for(net.counsellor).get("/participants/", {"q": net.participant.file_number})
    )
    assert "Al-Masri" in page


@pytest.mark.parametrize("query", ["Mahmoud", "Petrenko", "02.04.1999", "1998"])
def test_search_does_not_find_other_people(net: Network, query: str) -> None:
    assert "Al-Masri" not in _names(client_for(net.counsellor).get("/participants/", {"q": query}))


def test_counsellor_sees_own_participants_by_default_team_lead_sees_all(net: Network) -> None:
    participant_for(net.colleague, first_names="Olena", last_name="Kowalenko")
    own = _names(client_for(net.counsellor).get("/participants/"))
    assert "Al-Masri" in own
    assert "Kowalenko" not in own
    everyone = _names(client_for(net.team_lead).get("/participants/"))
    assert "Al-Masri" in everyone
    assert "Kowalenko" in everyone


def test_expiring_filter_and_highlight(net: Network) -> None:
    soon = participant_for(net.counsellor, first_names="Dawit", last_name="Tesfaye")
    services.residence_document_record(
        actor=net.counsellor,
        participant=soon,
        document_type="duldung",
        valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    expired = participant_for(net.counsellor, first_names="Hana", last_name="Jalali")
    services.residence_document_record(
        actor=net.counsellor,
        participant=expired,
        document_type="duldung",
        valid_until=timezone.localdate() - datetime.timedelta(days=3),
    )
    page = _names(client_for(net.counsellor).get("/participants/", {"expiring": "on"}))
    assert "Tesfaye" in page
    assert "Jalali" in page  # expired: needs action even sooner
    assert "Al-Masri" not in page
    assert "lotse-expiring" in page


def test_status_filter(net: Network) -> None:
    services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=datetime.date(2025, 3, 1)
    )
    client = client_for(net.counsellor)
    assert "Al-Masri" in _names(client.get("/participants/", {"status": "enrolled"}))
    assert "Al-Masri" not in _names(client.get("/participants/", {"status": "exited"}))


def test_volunteer_list_shows_only_assigned_participants_without_case_data(net: Network) -> None:
    client = client_for(net.volunteer)
    assert "Al-Masri" not in _names(client.get("/participants/"))
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    page = _names(client.get("/participants/"))
    assert "Al-Masri" in page
    assert "Aufenthaltsgestattung" not in page
    assert net.participant.file_number not in page  # contact data only, as in the API


def test_htmx_search_returns_only_the_results_partial(net: Network) -> None:
    response = client_for(net.counsellor).get(
        "/participants/", {"q": "Muhammad"}, headers={"HX-Request": "true"}
    )
    page = _names(response)
    assert 'id="results"' in page
    assert "<html" not in page
    assert "Al-Masri" in page


@pytest.mark.parametrize("query", ["01/04/1999", "04/01/1999"])
def test_dates_with_slashes_are_read_day_first_in_german(net: Network, query: str) -> None:
    found = "Al-Masri" in _names(client_for(net.counsellor).get("/participants/", {"q": query}))
    assert found == (query == "01/04/1999")


@pytest.mark.parametrize("query", ["01/04/1999", "04/01/1999", "04/13/1999"])
def test_dates_with_slashes_are_read_day_first_in_english_too(net: Network, query: str) -> None:
    # English pages show dates day first (en-GB); month first only where nothing else is a date.
    client = client_for(net.counsellor)
    client.cookies["django_language"] = "en"
    found = "Al-Masri" in _names(client.get("/participants/", {"q": query}))
    assert found == (query == "01/04/1999")


def test_the_end_of_a_file_number_finds_the_participant_and_no_one_else(net: Network) -> None:
    other = participant_for(net.counsellor, first_names="Olena", last_name="Kowalenko")
    client = client_for(net.counsellor)
    number = net.participant.file_number  # SW-<year>-00001
    for end in (number[-5:], number[-2:], number.split("-", 1)[1]):
        page = _names(client.get("/participants/", {"q": end}))
        assert "Al-Masri" in page, end
        assert "Kowalenko" not in page, end
    assert other.file_number[-5:] != number[-5:]
    assert "Al-Masri" not in _names(client.get("/participants/", {"q": "99999"}))


def test_a_filter_in_error_keeps_the_usual_list(net: Network) -> None:
    participant_for(net.colleague, first_names="Olena", last_name="Kowalenko")
    response = client_for(net.counsellor).get("/participants/", {"q": "x" * 201})
    page = _names(response)
    assert 'class="kern-error"' in page
    assert "Al-Masri" in page
    assert "Kowalenko" not in page  # a colleague's: the counsellor's own list, not everyone's


def test_bad_filter_input_is_answered_without_error(net: Network) -> None:
    response = client_for(net.counsellor).get(
        "/participants/", {"q": "x" * 500, "site": "abc", "status": "nonsense", "page": "-3"}
    )
    assert response.status_code == 200


def _count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    cache.clear()  # the filter's lists of sites and counsellors are read afresh each time
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_caseload_query_count_does_not_grow_with_rows(net: Network) -> None:
    client = client_for(net.counsellor)
    one = _count_queries(client, "/participants/")
    for n in range(2):
        extra = participant_for(net.counsellor, first_names=f"Extra{n}", last_name="Person")
        services.residence_document_record(
            actor=net.counsellor, participant=extra, document_type="duldung"
        )
    assert _count_queries(client, "/participants/") == one


def test_team_lead_starts_with_the_organisation_and_chooses_the_shared_cases(
    net: Network,
) -> None:
    share_with_consent(net)  # Al-Masri, of the owner, is shared with the other organisation
    participant_for(net.other_counsellor, first_names="Olena", last_name="Kowalenko")
    client = client_for(member(net.other, Role.TEAM_LEAD))

    organisation = client.get("/participants/").content.decode()
    shared = _names(client.get("/participants/", {"counsellor": "shared"}))
    everything = _names(client.get("/participants/", {"counsellor": ""}))

    assert "Kowalenko" in organisation
    assert "Al-Masri" not in organisation
    assert 'value="organisation" selected' in organisation
    assert "Al-Masri" in shared
    assert "Kowalenko" not in shared
    assert "Al-Masri" in everything
    assert "Kowalenko" in everything


def test_pages_merge_own_and_shared_participants_in_name_order(net: Network) -> None:
    share_with_consent(net)  # Al-Masri, of the owner, is shared with the other organisation
    for i in range(30):
        participant_for(net.other_counsellor, first_names="Testa", last_name=f"Ab{i:02}")
        participant_for(net.other_counsellor, first_names="Testa", last_name=f"Be{i:02}")
    client = client_for(net.other_counsellor)

    first = _names(client.get("/participants/", {"counsellor": ""}))
    shown_before = len(listed("participants.participant.listed"))
    second = _names(client.get("/participants/", {"counsellor": "", "page": 2}))
    shown = len(listed("participants.participant.listed"))

    assert "61 Teilnehmende" in first
    assert all(name in first for name in ("Ab00", "Ab29", "Al-Masri", "Be18"))
    assert "Be19" not in first
    assert all(name in second for name in ("Be19", "Be29"))
    assert not any(name in second for name in ("Al-Masri", "Be18", "Ab00"))
    assert shown - shown_before == 11


def test_counsellor_finds_the_cases_shared_with_the_organisation(net: Network) -> None:
    share_with_consent(net)
    participant_for(net.other_counsellor, first_names="Olena", last_name="Kowalenko")
    client = client_for(net.other_counsellor)

    mine = _names(client.get("/participants/"))
    shared = _names(client.get("/participants/", {"counsellor": "shared"}))

    assert "Al-Masri" not in mine  # its counsellor works at the owner
    assert "Kowalenko" in mine
    assert "Al-Masri" in shared
    assert "Kowalenko" not in shared
    assert 'value="shared" selected' in shared
    assert '<span class="kern-label">geteilt</span>' in shared


def test_site_and_counsellor_filters_narrow_the_list(net: Network) -> None:
    from lotse.network.models import Site

    main_site = Site.objects.get(name="Hauptstelle")
    branch = Site.objects.create(organisation=net.owner, name="Zweigstelle Nord")
    Site.objects.create(organisation=net.other, name="Hauptstelle")
    at_branch = participant_for(net.colleague, first_names="Olena", last_name="Kowalenko")
    services.participant_update(
        actor=net.colleague,
        participant=at_branch,
        changes={"site": branch},
        expected_version=at_branch.version,
    )
    client = client_for(net.team_lead)

    by_site = _names(client.get("/participants/", {"site": branch.pk}))
    by_other_site = _names(client.get("/participants/", {"site": main_site.pk}))
    by_counsellor = _names(client.get("/participants/", {"counsellor": net.colleague.pk}))

    assert "Kowalenko" in by_site
    assert "Al-Masri" not in by_site
    assert "Kowalenko" not in by_other_site
    assert f'value="{branch.pk}" selected>Zweigstelle Nord</option>' in by_site
    assert ">Hauptstelle (Jobcenter Test)</option>" in by_site  # where shared cases are
    assert "Kowalenko" in by_counsellor
    assert "Al-Masri" not in by_counsellor
    assert f'<option value="{net.colleague.pk}" selected>' in by_counsellor


def test_rows_escape_everything_typed_in(net: Network) -> None:
    hostile = participant_for(
        net.counsellor, first_names="<script>alert(1)</script>", last_name='Kaya"><b>'
    )
    services.residence_document_record(
        actor=net.counsellor,
        participant=hostile,
        document_type="duldung",
        section="60a <i>",
        valid_until=timezone.localdate() + datetime.timedelta(days=5),
    )
    services.contact_record(
        actor=net.counsellor,
        participant=hostile,
        submission_key=uuid.uuid4(),
        took_place_on=timezone.localdate(),
        duration_minutes=30,
        form="in_person",
        topics=["other"],
        next_steps=[("<img src=x onerror=alert(1)>", None)],
    )
    page = client_for(net.counsellor).get("/participants/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The rows are rendered by Jinja2, which writes a quote as &#34; (Django: &quot;).
    assert "Kaya&#34;&gt;&lt;b&gt;" in page
    assert "<img src=x" not in page
    assert "60a &lt;i&gt;" in page
    assert "<i>" not in page


def test_volunteer_rows_escape_everything_typed_in(net: Network) -> None:
    hostile = participant_for(net.counsellor, last_name="<b>Bold</b>", phone="+49 170 1")
    services.volunteer_assign(actor=net.counsellor, participant=hostile, volunteer=net.volunteer)
    page = client_for(net.volunteer).get("/participants/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert "<b>Bold" not in page


def _complete(net: Network, task: Any, today: datetime.date) -> None:
    task.refresh_from_db()
    services.task_complete(
        actor=net.counsellor, task=task, expected_version=task.version, done_on=today
    )


def test_next_step_column_follows_the_open_steps(net: Network) -> None:
    today = timezone.localdate()
    contact = services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=today,
        duration_minutes=30,
        form="in_person",
        topics=["other"],
        next_steps=[
            ("Apply later", today + datetime.timedelta(days=10)),
            ("Call the school", today + datetime.timedelta(days=2)),
            ("Undated task", None),
        ],
    )
    client = client_for(net.counsellor)
    steps = {step.description: step for step in contact.tasks.all()}

    def shown() -> str:
        page = client.get("/participants/").content.decode()
        return next(
            name for name in ("Call the school", "Apply later", "Undated task", "") if name in page
        )

    assert shown() == "Call the school"
    _complete(net, steps["Call the school"], today)
    assert shown() == "Apply later"
    _complete(net, steps["Apply later"], today)
    assert shown() == "Undated task"
    _complete(net, steps["Undated task"], today)
    assert shown() == ""


def test_deactivated_counsellors_stay_in_the_filter_marked_and_last(
    net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    from lotse.network import services as network_services
    from lotse.network.models import Membership

    net.colleague.first_name, net.colleague.last_name = "Anna", "Aalto"
    net.colleague.save()
    client = client_for(net.team_lead)
    assert (
        f'<option value="{net.colleague.pk}">Anna Aalto</option>'
        in client.get("/participants/").content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):  # the change forgets the list
        network_services.account_change(
            actor=net.team_lead,
            membership=Membership.objects.get(user=net.colleague),
            role="counsellor",
            is_active=False,
            expected_version=1,
        )
    page = client.get("/participants/").content.decode()
    counsellors = page[
        page.index('name="counsellor"') : page.index("</select>", page.index('name="counsellor"'))
    ]
    assert f'<option value="{net.colleague.pk}">Anna Aalto (deaktiviert)</option>' in counsellors
    assert counsellors.rstrip().endswith("Anna Aalto (deaktiviert)</option>")


def test_the_heading_says_whose_participants_are_listed(net: Network) -> None:
    heading = '<h1 class="kern-heading-large">{}</h1>'
    counsellor = client_for(net.counsellor)
    assert heading.format("Meine Teilnehmenden") in _names(counsellor.get("/participants/"))
    everyone = _names(counsellor.get("/participants/", {"counsellor": "organisation"}))
    assert heading.format("Teilnehmende") in everyone
    assert heading.format("Teilnehmende") in _names(client_for(net.team_lead).get("/participants/"))


def test_caseload_rows_refuses_a_list_of_ids(net: Network) -> None:
    """The rows come from what the access selectors returned, never from ids taken on trust."""
    with pytest.raises(TypeError):
        caseload_rows(
            [net.participant.pk],  # type: ignore[arg-type]
            ordering=("last_name", "pk"),
            own_organisation_id=net.owner.pk,
            today=timezone.localdate(),
        )


def test_row_shows_the_document_and_its_expiry_in_german(net: Network) -> None:
    valid_until = timezone.localdate() + datetime.timedelta(days=10)
    services.residence_document_record(
        actor=net.counsellor,
        participant=net.participant,
        document_type="duldung",
        section="60a",
        valid_until=valid_until,
    )
    page = (
        client_for(net.counsellor)
        .get("/participants/", headers={"accept-language": "de"})
        .content.decode()
    )
    cell = page.split('<td class="kern-table__cell lotse-expiring">', 1)[1].split("</td>", 1)[0]
    with translation.override("de"):
        title = document_title("duldung", "60a")
    assert cell == (
        f'{title}<br><span class="kern-body--small">'
        f"gültig bis {valid_until:%d.%m.%Y} – läuft bald ab</span>"
    )


def test_row_links_the_name_to_the_participant_page_and_marks_shared_cases(
    net: Network,
) -> None:
    shared = participant_for(net.colleague, first_names="Olena", last_name="Kowalenko")
    share_with_consent(net)
    page = (
        client_for(net.other_counsellor)
        .get("/participants/", {"counsellor": "shared"}, headers={"accept-language": "de"})
        .content.decode()
    )
    assert (
        f'<a class="kern-link" href="/participants/{net.participant.pk}/">Al-Masri, Mohammad</a>'
        ' <span class="kern-badge kern-badge--info kern-badge--small">'
        '<span class="kern-label">geteilt</span></span>'
    ) in page
    assert "Kowalenko" not in page
    assert f"/participants/{shared.pk}/" not in page


def test_caseload_filters_cached_without_a_search_term_never_with_one(net: Network) -> None:
    from lotse.participants.forms import CaseloadFilterForm

    def key(**data: str) -> str | None:
        form = CaseloadFilterForm({"counsellor": "me", **data}, organisation=net.owner)
        form.is_valid()
        return form.fragment_key()

    with translation.override("de"):
        plain = key()
        assert plain is not None
        assert key() == plain
        assert key(status="enrolled") != plain
        # What someone searched for never goes into the cache.
        assert key(q="Kaya") is None
        assert key(site="abc") is None
    with translation.override("en"):
        assert key() != plain
    member(net.owner, Role.COUNSELLOR, username="neu.beraterin")
    cache.clear()  # the list of counsellors is cached for a minute; its services forget it
    with translation.override("de"):
        assert key() != plain


def test_volunteer_search_hint_promises_names_only(net: Network) -> None:
    page = client_for(net.volunteer).get("/participants/", HTTP_ACCEPT_LANGUAGE="de")
    text = page.content.decode()
    assert '<div class="kern-hint" id="id_q_helptext">Name in beliebiger Schreibweise</div>' in text
