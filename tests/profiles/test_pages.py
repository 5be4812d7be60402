"""The profile section and its parts through every persona (DESIGN.md §4)."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lotse.audit.models import AuditEvent
from lotse.profiles.models import HealthRestriction, LanguageSkill, WorkExperience
from tests.conftest import SECRET_NOTE, Network, client_for, share_with_consent
from tests.profiles.helpers import SECRET_HEALTH, goal, health, language, step, work

HX = {"HX-Request": "true", "Accept-Language": "de"}


def profile_url(net: Network) -> str:
    return reverse("profiles:profile", args=[net.participant.pk])


def add_url(net: Network, kind: str) -> str:
    return reverse("profiles:item_add", args=[net.participant.pk, kind])


def test_participant_page_has_the_profile_slot(net: Network) -> None:
    page = client_for(net.counsellor).get(reverse("participants:detail", args=[net.participant.pk]))
    html = page.content.decode()
    assert profile_url(net) in html
    assert html.index(profile_url(net)) < html.index(
        reverse("workpermission:assessment", args=[net.participant.pk])
    )


def test_owner_sees_the_section_as_partial_and_page_and_it_is_audited(net: Network) -> None:
    language(net)
    work(net)
    health(net)
    client = client_for(net.counsellor)
    response = client.get(profile_url(net), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Altenpflegehelfer" in html
    assert "82101" in html
    assert add_url(net, "languages") in html
    # Health data is behind its own, audited request.
    assert SECRET_HEALTH not in html
    assert reverse("profiles:part", args=[net.participant.pk, "health"]) in html
    assert "<html" in client.get(profile_url(net)).content.decode()
    event = AuditEvent.objects.filter(action="profiles.profile.viewed").first()
    assert (event.participant_id, event.detail) == (net.participant.pk, {"access": "owner"})
    assert not AuditEvent.objects.filter(action="profiles.health.viewed").exists()


def test_health_part_is_shown_to_the_owner_and_each_view_is_audited(net: Network) -> None:
    health(net)
    url = reverse("profiles:part", args=[net.participant.pk, "health"])
    for persona in ("counsellor", "team_lead", "colleague"):
        html = client_for(getattr(net, persona)).get(url, headers=HX).content.decode()
        assert SECRET_HEALTH in html
    assert AuditEvent.objects.filter(action="profiles.health.viewed").count() == 3


def test_health_changes_are_audited_fully_masked(net: Network) -> None:
    restriction = health(net)
    event = AuditEvent.objects.get(action="profiles.health_restriction.created")
    assert set(event.detail["changes"]) == {"description", "work_impact"}
    assert SECRET_HEALTH not in str(event.detail)
    url = reverse("profiles:item_edit", args=[net.participant.pk, "health", restriction.pk])
    client = client_for(net.counsellor)
    assert SECRET_HEALTH in client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="profiles.health.viewed").count() == 1
    response = client.post(
        url, {"description": "Allergie", "work_impact": "", "valid_until": "", "version": "1"}
    )
    assert response.status_code == 302
    changed = AuditEvent.objects.get(action="profiles.health_restriction.changed")
    assert changed.detail == {"changes": {"description": "•••", "work_impact": "•••"}}
    assert HealthRestriction.objects.get().history.count() == 2


@pytest.mark.parametrize("persona", ["other_counsellor", "third_counsellor"])
def test_other_organisation_without_consent_gets_404(net: Network, persona: str) -> None:
    lang = language(net)
    client = client_for(getattr(net, persona))
    pk = net.participant.pk
    for url in (
        profile_url(net),
        reverse("profiles:part", args=[pk, "languages"]),
        reverse("profiles:part", args=[pk, "health"]),
        add_url(net, "languages"),
        reverse("profiles:item_edit", args=[pk, "languages", lang.pk]),
        reverse("profiles:item_delete", args=[pk, "languages", lang.pk]),
        reverse("profiles:side_by_side", args=[pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_shared_organisation_reads_but_sees_no_health_and_cannot_edit(net: Network) -> None:
    share_with_consent(net)
    lang = language(net)
    health(net)
    client = client_for(net.other_counsellor)
    html = client.get(profile_url(net), headers=HX).content.decode()
    assert "<li>Arabisch: <strong>Muttersprache</strong>" in html
    assert SECRET_HEALTH not in html
    assert reverse("profiles:part", args=[net.participant.pk, "health"]) not in html
    assert add_url(net, "languages") not in html
    pk = net.participant.pk
    assert client.get(reverse("profiles:part", args=[pk, "health"])).status_code == 404
    assert client.get(add_url(net, "health")).status_code == 404
    assert (
        client.post(add_url(net, "languages"), {"language": "en", "level": "B1"}).status_code == 404
    )
    edit = reverse("profiles:item_edit", args=[pk, "languages", lang.pk])
    assert client.post(edit, {"language": "ar", "level": "A1"}).status_code == 404
    delete = reverse("profiles:item_delete", args=[pk, "languages", lang.pk])
    assert client.post(delete).status_code == 404
    assert LanguageSkill.objects.get().level == "native"
    side = client.get(reverse("profiles:side_by_side", args=[pk])).content.decode()
    assert SECRET_HEALTH not in side


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_roles_without_case_file_get_nothing(net: Network, persona: str) -> None:
    net.participant.volunteers.add(
        net.volunteer, through_defaults={"network_id": net.participant.network_id}
    )
    language(net)
    health(net)
    client = client_for(getattr(net, persona))
    pk = net.participant.pk
    for url in (
        profile_url(net),
        reverse("profiles:part", args=[pk, "health"]),
        add_url(net, "languages"),
        reverse("profiles:side_by_side", args=[pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET_HEALTH not in response.content.decode()
        assert SECRET_NOTE not in response.content.decode()
    detail = client.get(reverse("participants:detail", args=[pk]))
    assert profile_url(net) not in detail.content.decode()


def test_owner_adds_with_htmx_and_gets_the_part_back(net: Network) -> None:
    client = client_for(net.counsellor)
    form = client.get(add_url(net, "languages"), headers=HX).content.decode()
    assert 'hx-post="' in form
    assert 'hx-target="#profile-languages"' in form
    response = client.post(add_url(net, "languages"), {"language": "uk", "level": "B2"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="profile-languages"' in html
    assert "<html" not in html
    skill = LanguageSkill.objects.get()
    assert (skill.language, skill.level, skill.updated_by) == ("uk", "B2", net.counsellor)
    event = AuditEvent.objects.get(action="profiles.language_skill.created")
    assert event.detail == {"changes": {"language": "•••", "level": "•••"}}


def test_owner_edits_and_deletes_without_javascript(net: Network) -> None:
    job = work(net)
    client = client_for(net.counsellor)
    url = reverse("profiles:item_edit", args=[net.participant.pk, "work", job.pk])
    page = client.get(url).content.decode()
    assert "<html" in page
    assert 'value="2015-03"' in page
    data = {
        "label": "Koch",
        "kldb_code": "29302",
        "isco_code": "",
        "esco_uri": "",
        "country": "SY",
        "started_on": "2016-01",
        "ended_on": "",
        "employer": "",
        "tasks": "Kochen",
        "informal": "on",
        "version": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("#profile-work")
    job.refresh_from_db()
    assert (job.label, job.started_on, job.ended_on, job.informal) == (
        "Koch",
        datetime.date(2016, 1, 1),
        None,
        True,
    )
    assert int(job.level) == 2
    delete = reverse("profiles:item_delete", args=[net.participant.pk, "work", job.pk])
    assert "<html" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not WorkExperience.objects.exists()
    assert AuditEvent.objects.filter(action="profiles.work_experience.deleted").count() == 1


def test_resources_and_plan_forms_save(net: Network) -> None:
    client = client_for(net.counsellor)
    response = client.post(
        add_url(net, "resources"),
        {
            "latin_literacy": "partly",
            "driving_licences": ["B", "BE"],
            "childcare_duties": "on",
            "hours_per_week": "20",
            "shift_work": "false",
            "mobility": ["public_transport", "bicycle"],
            "desired_regions": "Landkreis Test",
        },
        headers=HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "B, BE" in html
    the_goal = goal(net)
    url = add_url(net, "steps") + f"?goal={the_goal.pk}"
    form = client.get(url, headers=HX).content.decode()
    assert f'value="{the_goal.pk}" selected' in form
    response = client.post(
        url,
        {
            "goal": the_goal.pk,
            "description": "Anmeldung Sprachkurs",
            "organisation": net.other.pk,
            "assignee": net.other_counsellor.pk,
            "assignee_name": "",
            "due_on": "2025-01-01",
            "status": "open",
            "note": "",
        },
        headers=HX,
    )
    html = response.content.decode()
    assert 'id="profile-goals"' in html
    assert "Anmeldung Sprachkurs" in html
    assert "Jobcenter Test" in html
    assert '<span class="kern-label">überfällig</span>' in html


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("languages", {"language": "xx", "level": "B1"}, "language"),
        ("languages", {"language": "ar", "level": "D1"}, "level"),
        ("languages", {"language": "ar", "level": "B1", "reading": "Z9"}, "reading"),
        (
            "certificates",
            {"language": "de", "kind": "goethe", "level": "B1", "issued_on": "1980-01-01"},
            "issued_on",
        ),
        (
            "certificates",
            {"language": "de", "kind": "goethe", "level": "B1", "issued_on": "2999-01-01"},
            "issued_on",
        ),
        (
            "education",
            {
                "country": "SY",
                "from_year": "2010",
                "to_year": "2005",
                "isced_level": "3",
                "completed": "on",
            },
            "to_year",
        ),
        (
            "education",
            {
                "country": "SY",
                "from_year": "2010",
                "to_year": "2999",
                "isced_level": "3",
                "completed": "on",
            },
            "to_year",
        ),
        (
            "education",
            {"country": "XX", "from_year": "2010", "to_year": "2012", "isced_level": "9"},
            "isced_level",
        ),
        (
            "work",
            {"label": "Koch", "kldb_code": "2930", "country": "SY", "started_on": "2016-01"},
            "kldb_code",
        ),
        (
            "work",
            {"label": "Koch", "kldb_code": "29309", "country": "SY", "started_on": "2016-01"},
            "kldb_code",
        ),
        (
            "work",
            {
                "label": "Koch",
                "kldb_code": "29302",
                "isco_code": "51",
                "country": "SY",
                "started_on": "2016-01",
            },
            "isco_code",
        ),
        (
            "work",
            {
                "label": "Koch",
                "kldb_code": "29302",
                "country": "SY",
                "started_on": "2018-01",
                "ended_on": "2016-01",
            },
            "ended_on",
        ),
        (
            "work",
            {"label": "Koch", "kldb_code": "29302", "country": "SY", "started_on": "2999-01"},
            "started_on",
        ),
        (
            "recognition",
            {"qualification": "Diplom", "status": "decided", "result": "partial"},
            "adaptation_measures",
        ),
        (
            "recognition",
            {"qualification": "Diplom", "status": "applied", "result": "full"},
            "result",
        ),
        ("skills", {"label": "Schweißen", "evidence": "rumour"}, "evidence"),
        ("skills", {"label": "Schweißen", "evidence": "stated", "esco_uri": "x"}, "esco_uri"),
        ("resources", {"driving_licences": ["B", "Z"]}, "driving_licences"),
        ("resources", {"hours_per_week": "90"}, "hours_per_week"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    net: Network, kind: str, data: dict[str, str], field: str
) -> None:
    net.participant.birth_date = datetime.date(1990, 5, 1)
    net.participant.birth_year = 1990
    net.participant.save(update_fields=["birth_date", "birth_year"])
    response = client_for(net.counsellor).post(add_url(net, kind), data, headers=HX)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert (
        not AuditEvent.objects.filter(action__startswith="profiles.")
        .exclude(action__endswith=".viewed")
        .exists()
    )


def test_duplicate_language_and_messages_in_german(net: Network) -> None:
    language(net)
    client = client_for(net.counsellor)
    client.post(reverse("set_language"), {"language": "de"})
    response = client.post(add_url(net, "languages"), {"language": "ar", "level": "B1"})
    message = "Diese Sprache ist bereits im Profil erfasst."
    with translation.override("de"):
        assert dict(response.context["form"].errors) == {"language": [message]}
    assert message in response.content.decode()
    assert LanguageSkill.objects.count() == 1


def test_step_with_organisation_of_another_network_is_refused(net: Network) -> None:
    from tests.factories import NetworkFactory, OrganisationFactory

    foreign = OrganisationFactory(network=NetworkFactory(), name="Fremd", file_number_prefix="FR")
    the_goal = goal(net)
    response = client_for(net.counsellor).post(
        add_url(net, "steps"),
        {
            "goal": the_goal.pk,
            "description": "x",
            "organisation": foreign.pk,
            "status": "open",
        },
    )
    assert "organisation" in response.context["form"].errors


def test_profile_section_query_count_is_constant(net: Network) -> None:
    client = client_for(net.counsellor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(profile_url(net), headers=HX).status_code == 200
        return len(queries)

    the_goal = goal(net, "Ziel 0")
    step(net, the_goal, datetime.date(2030, 1, 1))
    language(net, "ar")
    work(net, "Job 0")
    one = count()
    for index in (1, 2):
        other_goal = goal(net, f"Ziel {index}")
        step(net, other_goal, datetime.date(2030, 1, 1))
        step(net, the_goal, datetime.date(2030, 1, 1), assignee=net.colleague)
        language(net, ("en", "fa")[index - 1])
        work(net, f"Job {index}")
    assert count() == one


def _heading_levels(html: str) -> list[int]:
    main = html[html.index("<main") : html.index("</main>")]
    return [int(level) for level in re.findall(r"<h([1-6])\b", main)]


def test_pages_have_one_h1_and_headings_that_skip_no_level(net: Network) -> None:
    language(net)
    goal(net)
    pk = net.participant.pk
    client = client_for(net.counsellor)
    for url in (
        profile_url(net),
        reverse("profiles:part", args=[pk, "languages"]),
        add_url(net, "languages"),
        reverse("workpermission:assessment", args=[pk]),
        reverse("participants:detail", args=[pk]),
    ):
        levels = _heading_levels(client.get(url).content.decode())
        assert levels.count(1) == 1, url
        assert levels[0] == 1, url
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("item_pk", [1, 999999])
def test_resources_cannot_be_deleted_and_answer_404_for_any_id(
    net: Network, method: str, item_pk: int
) -> None:
    url = f"/profiles/participants/{net.participant.pk}/resources/{item_pk}/delete/"

    response = getattr(client_for(net.counsellor), method)(url)

    assert response.status_code == 404
