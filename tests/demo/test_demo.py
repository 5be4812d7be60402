"""The demo network: loaded once per module through `lotse demo load`, then inspected."""

import datetime
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from lotse.audit.models import AuditEvent
from lotse.demo import profiles as demo_profiles
from lotse.demo import vocabulary
from lotse.demo.generator import people_plan
from lotse.demo.load import demo_plan
from lotse.demo.profiles import profiles_plan
from lotse.network.enums import Role
from lotse.network.models import ConsultationHour, Membership, Network, Organisation, Site
from lotse.participants.enums import ExitOutcome, ParticipantStatus
from lotse.participants.models import (
    CounsellingContact,
    Participant,
    ParticipantNameToken,
    ResidenceDocument,
    Share,
)
from lotse.participants.selectors import search_participants
from lotse.profiles.models import (
    CareerActivity,
    CareerGoal,
    CareerStep,
    DesiredOccupation,
    EducationStage,
    HealthRestriction,
    LanguageCertificate,
    LanguageCourse,
    LanguageSkill,
    Recognition,
    Resources,
    Skill,
    WorkExperience,
)
from lotse.taxonomy.importers.curated import parse_curated
from lotse.taxonomy.models import Occupation as TaxonomyOccupation

# Hashing seven demo passwords with Argon2 is slow; the tests need only that they verify.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The demo, loaded once; an outer transaction rolled back at the end keeps the DB clean.

    Each test's own `db` transaction nests inside it as a savepoint.
    """
    out = io.StringIO()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                call_command("demo", "load", "--if-empty", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_demo_plan_same_seed_same_people() -> None:
    today = datetime.date(2026, 3, 15)
    first = list(people_plan(today=today))
    assert first == list(people_plan(today=today))
    # Names and their order (hence the file numbers) do not depend on the day of loading.
    later = list(people_plan(today=today + datetime.timedelta(days=200)))
    assert [(p.organisation, p.last_name, p.first_names) for p in later] == [
        (p.organisation, p.last_name, p.first_names) for p in first
    ]


def test_demo_plan_mix_as_documented() -> None:
    plans = list(people_plan(today=datetime.date(2026, 3, 15)))
    assert len(plans) == 300
    women = sum(p.gender == "female" for p in plans) / len(plans)
    assert 0.33 <= women <= 0.47
    ages = [2026 - p.birth_year for p in plans]
    assert min(ages) >= 15
    assert max(ages) <= 59
    assert sum(18 <= a <= 28 for a in ages) / len(ages) >= 0.4
    assert {"SY", "AF", "UA", "IQ", "GE", "MD", "AL"} <= {p.nationality for p in plans}
    sections = {d.section for p in plans for d in p.documents}
    assert {"§ 25 Abs. 2", "§ 24 Abs. 1", "§ 25a Abs. 1", "§ 25b Abs. 1"} <= sections
    assert any(
        d.document_type == "duldung" and vocabulary.WORK_BAN in d.annotation
        for p in plans
        for d in p.documents
    )
    assert any(p.birth_date is None and p.birth_date_precision == "year" for p in plans)
    assert any(p.aliases for p in plans)


def test_demo_load_prints_summary(demo: str, db: Any) -> None:
    assert "300 participants" in demo


@pytest.mark.usefixtures("demo")
def test_demo_load_organisations_sites_and_hours(db: Any) -> None:
    network = Network.objects.get()
    assert network.name == "Netzwerk Brückenschlag Musterkreis"
    organisations = {o.file_number_prefix: o for o in Organisation.objects.all()}
    assert sorted(organisations) == ["JC", "KV", "LW", "SW"]
    assert organisations["JC"].kind == "jobcentre"
    assert organisations["KV"].kind == "municipality"
    assert all(o.contact_email.endswith(".example") for o in organisations.values())
    nordheim = Site.objects.get(city="Nordheim")
    assert nordheim.by_appointment
    assert not nordheim.consultation_hours.exists()
    sozialwerk_hours = ConsultationHour.objects.filter(
        site__organisation=organisations["SW"]
    ).values_list("weekday", "starts_at", "ends_at")
    assert sorted(sozialwerk_hours) == [
        (0, datetime.time(12), datetime.time(15)),
        (3, datetime.time(12), datetime.time(15)),
    ]


@pytest.mark.usefixtures("demo")
def test_demo_load_accounts_with_roles(db: Any) -> None:
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "koordination": Role.COORDINATOR,
        "beratung.sozialwerk": Role.COUNSELLOR,
        "leitung.sozialwerk": Role.TEAM_LEAD,
        "beratung.jobcenter": Role.COUNSELLOR,
        "beratung.lernwerk": Role.COUNSELLOR,
        "ehrenamt.sozialwerk": Role.VOLUNTEER,
        "datenschutz": Role.DATA_PROTECTION,
        "foerderung": Role.FUNDER,
    }


@pytest.mark.usefixtures("demo")
def test_demo_accounts_log_in_with_demo_password(db: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    request = RequestFactory().post("/accounts/login/")
    for spec in vocabulary.ACCOUNTS:
        user = authenticate(request, username=spec.username, password="lotse-demo")
        assert user is not None, spec.username
        assert not user.membership.must_change_password  # the password is published anyway


@pytest.mark.usefixtures("demo")
def test_demo_load_participants_counts(db: Any) -> None:
    participants = Participant.objects.all()
    assert participants.count() == 300
    status = Counter(participants.values_list("status", flat=True))
    assert 0.28 <= status[ParticipantStatus.EXITED] / 300 <= 0.4
    outcomes = set(participants.exclude(exit_outcome="").values_list("exit_outcome", flat=True))
    assert outcomes <= set(ExitOutcome.values)
    assert len(outcomes) >= 6
    assert not participants.filter(organisation__file_number_prefix="KV").exists()
    volunteer_cases = participants.filter(volunteers__username="ehrenamt.sozialwerk")
    assert volunteer_cases.count() == 5
    assert set(volunteer_cases.values_list("organisation__file_number_prefix", flat=True)) == {"SW"}
    assert Share.objects.filter(ended_at__isnull=True).exists()
    today = timezone.localdate()
    assert participants.filter(
        document_valid_until__gte=today,
        document_valid_until__lte=today + datetime.timedelta(days=30),
    ).exists()


@pytest.mark.usefixtures("demo")
def test_demo_load_derived_fields_consistent(db: Any) -> None:
    last_contacts = dict(
        CounsellingContact.objects.values("participant")
        .annotate(last=Max("took_place_on"))
        .values_list("participant", "last")
    )
    assert dict(Participant.objects.values_list("pk", "last_contact_on")) == last_contacts
    for participant in Participant.objects.select_related("current_document"):
        latest = ResidenceDocument.objects.filter(participant=participant).first()
        assert participant.current_document == latest
        assert participant.document_valid_until == latest.valid_until
    with_tokens = set(ParticipantNameToken.objects.values_list("participant", flat=True))
    assert with_tokens == set(Participant.objects.values_list("pk", flat=True))


@pytest.mark.usefixtures("demo")
def test_demo_load_file_numbers_follow_the_plan(db: Any) -> None:
    """Same seed, same file numbers: the plan decides the order of registration."""
    year = timezone.localdate().year
    prefixes = {o.key: o.prefix for o in vocabulary.ORGANISATIONS}
    numbers: Counter[str] = Counter()
    expected = []
    for plan in demo_plan():
        numbers[plan.organisation] += 1
        prefix = prefixes[plan.organisation]
        expected.append((f"{prefix}-{year}-{numbers[plan.organisation]:05d}", plan.last_name))
    loaded = list(Participant.objects.values_list("file_number", "last_name"))
    assert sorted(loaded) == sorted(expected)


@pytest.mark.usefixtures("demo")
def test_demo_load_if_empty_leaves_existing_network(db: Any) -> None:
    out = io.StringIO()
    call_command("demo", "load", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
    assert Network.objects.count() == 1
    assert Participant.objects.count() == 300
    with pytest.raises(CommandError):
        call_command("demo", "load", stdout=io.StringIO())


@pytest.mark.usefixtures("demo")
def test_demo_search_finds_transliteration_variant(db: Any) -> None:
    with scopes_disabled():
        found = search_participants(Participant.objects.all(), "Muhammad")
        spellings = {p.first_names.split()[0] for p in found}
    assert "Mohammad" in spellings
    assert "Muhammad" in spellings


@pytest.mark.usefixtures("demo")
def test_demo_accounts_table_hides_custom_password(db: Any, settings: Any) -> None:
    settings.LOTSE_DEMO_PASSWORD = "geheim-Passwort-42"
    out = io.StringIO()
    call_command("demo", "accounts", stdout=out)
    text = out.getvalue()
    assert "geheim-Passwort-42" not in text
    assert "LOTSE_DEMO_PASSWORD" in text
    for spec in vocabulary.ACCOUNTS:
        assert spec.username in text
    assert "Sozialwerk Musterstadt e.V." in text


def test_demo_accounts_table_names_default_password(db: Any) -> None:
    out = io.StringIO()
    call_command("demo", "accounts", stdout=out)
    assert '"lotse-demo"' in out.getvalue()


# --- profiles and career plans ------------------------------------------------------------------

PROFILE_MODELS = (
    LanguageSkill,
    LanguageCertificate,
    LanguageCourse,
    EducationStage,
    WorkExperience,
    Skill,
    Resources,
    DesiredOccupation,
    Recognition,
    HealthRestriction,
    CareerGoal,
    CareerStep,
    CareerActivity,
)


def test_demo_profiles_same_seed_same_plans() -> None:
    today = datetime.date(2026, 3, 15)
    first = profiles_plan(people_plan(today=today), today=today)
    assert first == profiles_plan(people_plan(today=today), today=today)
    assert 0.7 <= len(first) / 300 <= 0.9
    # The profile stream is separate: a shorter demo draws the same profiles for its people.
    assert profiles_plan(people_plan(today=today, count=40), today=today) == {
        i: p for i, p in first.items() if i < 40
    }


def test_demo_profiles_plan_mix() -> None:
    today = datetime.date(2026, 3, 15)
    people = {p.index: p for p in people_plan(today=today)}
    profiles = profiles_plan(people.values(), today=today)
    german = Counter(x.level for p in profiles.values() for x in p.languages if x.language == "de")
    assert set(german) == {"A1", "A2", "B1", "B2", "C1"}
    assert all(p.languages[0].level == "native" for p in profiles.values())
    assert {"dtz", "telc", "goethe"} <= {c.kind for p in profiles.values() for c in p.certificates}
    top = Counter(max((e.isced_level for e in p.education), default=-1) for p in profiles.values())
    assert top[-1]
    assert top[1]
    assert top[6]
    assert {len(p.work) for p in profiles.values()} == {0, 1, 2, 3}
    recognitions = [r for p in profiles.values() for r in p.recognitions]
    assert 5 <= len(recognitions) <= 40
    assert {"decided", "in_progress"} <= {r.status for r in recognitions}
    assert sum(len(p.health) for p in profiles.values()) in (3, 4)
    assert {h.description for p in profiles.values() for h in p.health} <= {
        d for d, _ in demo_profiles.HEALTH
    }
    for index, profile in profiles.items():
        if people[index].entry_date is None:
            assert not profile.goals
            assert not profile.activities
    assert any(r.driving_licences for r in (p.resources for p in profiles.values()))
    assert any(p.resources.childcare_duties for p in profiles.values())


@pytest.mark.usefixtures("demo")
def test_demo_load_profiles_for_most_participants(db: Any) -> None:
    with scopes_disabled():
        with_profile = set(LanguageSkill.objects.values_list("participant", flat=True))
        assert 0.7 <= len(with_profile) / Participant.objects.count() <= 0.9
        assert set(Resources.objects.values_list("participant", flat=True)) == with_profile
        imported = AuditEvent.objects.filter(action="profiles.demo_imported")
        assert set(imported.values_list("participant_id", flat=True)) == with_profile
        assert imported.count() == len(with_profile)
        assert 3 <= HealthRestriction.objects.count() <= 4
        assert WorkExperience.objects.exists()
        assert LanguageCertificate.objects.filter(kind="telc").exists()
        assert Recognition.objects.filter(status="decided").exclude(result="").exists()
        goals_of = set(CareerGoal.objects.values_list("participant", flat=True))
        enrolled = set(
            Participant.objects.filter(entry_date__isnull=False).values_list("pk", flat=True)
        )
        assert goals_of
        assert goals_of <= enrolled
        assert CareerActivity.objects.filter(kind="application_training").exists()
        # Simple history is written for the bulk rows, too.
        assert WorkExperience.history.count() == WorkExperience.objects.count()


@pytest.mark.usefixtures("demo")
def test_demo_load_occupation_codes_from_taxonomy(db: Any) -> None:
    curated = {o.kldb_code for o in parse_curated()}
    in_database = set(
        TaxonomyOccupation.objects.exclude(kldb_code="").values_list("kldb_code", flat=True)
    )
    with scopes_disabled():
        codes = [
            *WorkExperience.objects.values_list("kldb_code", flat=True),
            *DesiredOccupation.objects.values_list("kldb_code", flat=True),
            *Recognition.objects.values_list("reference_kldb_code", flat=True),
            *CareerGoal.objects.exclude(target_kldb_code="").values_list(
                "target_kldb_code", flat=True
            ),
        ]
    assert len(codes) > 100
    for code in codes:
        assert re.fullmatch(r"\d{4}[1-4]", code), code
        assert code in curated, code
        assert code in in_database, code


@pytest.mark.usefixtures("demo")
def test_demo_load_career_steps_some_overdue_some_done(db: Any) -> None:
    today = timezone.localdate()
    with scopes_disabled():
        steps = CareerStep.objects.select_related("goal", "organisation")
        overdue = [s for s in steps if s.overdue]
        assert 5 <= len(overdue) < steps.count() / 3
        assert steps.filter(status="done").exists()
        assert steps.filter(due_on__gt=today, status="open").exists()
        network = Network.objects.get()
        for step in steps:
            assert step.goal.participant_id == step.participant_id
            assert step.organisation.network_id == network.pk
        assert len({s.organisation_id for s in steps}) >= 3
        goal_steps = Counter(steps.values_list("goal", flat=True))
        assert min(goal_steps.values()) >= 2
        assert max(goal_steps.values()) <= 4


@pytest.mark.usefixtures("demo")
def test_demo_load_profile_entries_pass_model_validation(db: Any) -> None:
    with scopes_disabled():
        for model in PROFILE_MODELS:
            rows = model.objects.select_related("participant")
            assert rows.exists() or model is HealthRestriction, model
            for row in rows:
                row.full_clean()


@pytest.mark.usefixtures("demo")
def test_demo_accounts_table_is_german_and_names_only_what_exists(db: Any) -> None:
    out = io.StringIO()
    call_command("demo", "accounts", stdout=out)
    text = out.getvalue()
    assert text.startswith(f"Demo-Konten von „{vocabulary.NETWORK_NAME}“:")
    assert "Konto" in text
    assert "Sieht und tut" in text
    assert "Passwort für alle Demo-Konten" in text
    assert "Teamleitung" in text
    assert "Fälle zwischen Berater*innen übergeben" in text
    # Nothing the product does not do (yet): no offers, events or appointments (reports it does:
    # the funder's account reads them).
    assert "die Berichte des Netzwerks" in text
    for promise in ("Angebot", "Veranstaltung", "Termin", "Lösch"):
        assert promise not in text
    assert "network settings" not in text


@pytest.mark.usefixtures("demo")
def test_demo_load_esf_data_for_the_reports(db: Any) -> None:
    from lotse.reporting import indicators, selectors
    from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent

    network = Network.objects.get()
    today = timezone.localdate()
    report = selectors.compute_report(
        network_id=network.pk,
        organisation_id=None,
        indicator_set=indicators.ESF,
        period=indicators.Period(datetime.date(2020, 1, 1), today),
    )
    assert report.value("EECO01").total > 100
    assert report.value("EECR04").total > 0
    # Recorded situations, exit outcomes and referral outcomes feed the results.
    assert report.value("EECR01").total > 0
    assert report.value("EECR02").total > 0
    # A few stay incomplete, so the lists of what is missing show something.
    assert report.not_reportable_total
    assert EsfRecord.objects.filter(disability=True).exists()
    assert EsfSituationEvent.objects.exists()
    assert EsfFollowUp.objects.filter(answered_on__isnull=False).exists()


def test_demo_load_appointments(demo: str, db: Any) -> None:
    from lotse.appointments.models import Appointment

    appointments = Appointment.objects.all()
    assert appointments.filter(starts_at__gte=timezone.now(), kind="counselling").exists()
    assert appointments.filter(status="missed").exists()
    assert appointments.filter(place="address", kind="immigration_office").exists()
    # The volunteer's page has something behind "Termine".
    assert appointments.filter(participant__volunteers__username="ehrenamt.sozialwerk").exists()
    # "Heute" in Meine Termine is never empty: every counsellor with appointments has some today.
    today = timezone.localdate()
    start = datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    counselling = appointments.exclude(counsellor=None)
    today_of = counselling.filter(
        starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
    )
    assert set(today_of.values_list("counsellor", flat=True)) == set(
        counselling.values_list("counsellor", flat=True)
    )


@pytest.mark.parametrize("weekday", range(7))
def test_demo_days_are_this_and_next_week_with_today_first(weekday: int) -> None:
    from lotse.demo.calendar import demo_days

    monday = datetime.date(2026, 12, 7)
    today = monday + datetime.timedelta(days=weekday)
    days = demo_days(today)
    workdays = [monday + datetime.timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]
    assert days == [today, *(d for d in workdays if d != today)]
