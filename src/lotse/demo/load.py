"""Loading the demo network through the real services, so its data is consistent and audited.

The demo accounts act as the actors: each participant is registered, documented, counselled,
enrolled, shared and closed by the account a real network would use for it. Profiles and career
plans (`lotse.demo.profiles`) are the exception: written in bulk with their history, and one
summary audit event ("profiles.demo_imported") per participant, to keep the load fast.
"""

import datetime
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history

from lotse.audit.services import audit_record
from lotse.demo import vocabulary as voc
from lotse.demo.appointments import load_appointments
from lotse.demo.events import events_load
from lotse.demo.generator import DEMO_PARTICIPANTS, DEMO_SEED, PersonPlan, people_plan
from lotse.demo.matching import matching_load
from lotse.demo.offers import load_offers
from lotse.demo.placements import load_placements
from lotse.demo.profiles import ProfilePlan, profiles_plan
from lotse.demo.referrals import load_referrals
from lotse.demo.reporting import load_reporting
from lotse.demo.responsibilities import load_responsibilities
from lotse.demo.statistics import load_statistics
from lotse.network import services as network_services
from lotse.network.models import ConsultationHour, Membership, Network, Organisation, Site
from lotse.participants import services
from lotse.participants.models import Participant, StatusChange, Task
from lotse.participants.services import next_task_refresh
from lotse.profiles import models as profile_models
from lotse.reporting.services import esf_facts_rebuild

# Fixed submission keys (uuid5 of the participant's index and the contact's number) keep even
# the keys deterministic.
_KEY_NAMESPACE = uuid.UUID("6f1d2b0e-7c1a-4e38-9a55-2b1c3d4e5f60")
# The documented public default of the demo (README); a password set by the user is never shown.
DEFAULT_DEMO_PASSWORD = "lotse-demo"  # noqa: S105


@dataclass(frozen=True)
class LoadResult:
    network: Network
    participants: int
    seconds: float


def demo_password() -> str:
    return settings.LOTSE_DEMO_PASSWORD


def password_source() -> str:
    """What `lotse demo accounts` may print: the default, never a password set by the user."""
    if settings.LOTSE_DEMO_PASSWORD == DEFAULT_DEMO_PASSWORD:
        return _('"lotse-demo" (default; set LOTSE_DEMO_PASSWORD to change it)')
    return _("from the environment variable LOTSE_DEMO_PASSWORD")


def network_is_empty() -> bool:
    return not Network.objects.exists()


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _create_organisations(network: Network) -> tuple[dict[str, Organisation], dict[str, Site]]:
    organisations: dict[str, Organisation] = {}
    sites: dict[str, Site] = {}
    for spec in voc.ORGANISATIONS:
        organisation = network_services.organisation_save(
            actor=None,  # set-up before any account exists
            network=network,
            organisation=Organisation(
                name=spec.name,
                kind=spec.kind,
                file_number_prefix=spec.prefix,
                contact_email=spec.email,
                contact_phone=spec.phone,
            ),
        )
        organisations[spec.key] = organisation
        for site_spec in spec.sites:
            site = Site.objects.create(
                organisation=organisation,
                name=site_spec.name,
                street=site_spec.street,
                postcode=site_spec.postcode,
                city=site_spec.city,
                by_appointment=site_spec.by_appointment,
            )
            ConsultationHour.objects.bulk_create(
                ConsultationHour(site=site, weekday=day, starts_at=_time(start), ends_at=_time(end))
                for day, start, end in site_spec.hours
            )
            audit_record(
                actor=None,
                action="network.site.created",
                obj=site,
                organisation_id=organisation.pk,
                network_id=organisation.network_id,
            )
            sites[site_spec.key] = site
    return organisations, sites


def _create_accounts(organisations: dict[str, Organisation]) -> dict[str, User]:
    password = demo_password()
    users: dict[str, User] = {}
    for spec in voc.ACCOUNTS:
        organisation = organisations[spec.organisation]
        domain = organisation.contact_email.split("@", 1)[1]
        membership = network_services.account_create(
            actor=None,
            organisation=organisation,
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@{domain}",
            role=spec.role,
            password=password,
            must_change_password=False,  # the demo password is published
        )
        users[spec.username] = membership.user
    return users


def _load_person(
    plan: PersonPlan,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    sites: dict[str, Site],
) -> Participant:
    actor = users[plan.counsellor]
    participant = services.participant_create(
        actor=actor,
        person={
            "first_names": plan.first_names,
            "last_name": plan.last_name,
            "aliases": plan.aliases,
            "birth_date": plan.birth_date,
            "birth_year": plan.birth_year,
            "birth_date_precision": plan.birth_date_precision,
            "gender": plan.gender,
            "nationality": plan.nationality,
            "street": plan.street,
            "postcode": plan.postcode,
            "city": plan.city,
            "phone": plan.phone,
            "email": plan.email,
            "preferred_language": plan.preferred_language,
            "interpreter_needed": plan.interpreter_needed,
            "interpreter_language": plan.interpreter_language,
            "wishes": plan.wishes,
            "site": sites[plan.site],
        },
        documents=[
            {
                "document_type": d.document_type,
                "section": d.section,
                "issued_on": d.issued_on,
                "valid_until": d.valid_until,
                "annotation": d.annotation,
            }
            for d in plan.documents
        ],
    )
    # The services stamp "today"; the demo's history happened earlier.
    Participant.objects.filter(pk=participant.pk).update(
        created_at=timezone.make_aware(
            datetime.datetime.combine(plan.registered_on, datetime.time(10))
        )
    )
    StatusChange.objects.filter(participant=participant).update(effective_on=plan.registered_on)
    for consent in plan.consents:
        recorded = services.consent_record(
            actor=actor,
            participant=participant,
            purpose=consent.purpose,
            organisations=[organisations[key] for key in consent.organisations],
            given_on=consent.given_on,
            form=consent.form,
            witness=consent.witness,
            valid_until=consent.valid_until,
        )
        if consent.revoked_on is not None:
            services.consent_revoke(actor=actor, consent=recorded, revoked_on=consent.revoked_on)
    if plan.entry_date is not None:
        services.participant_enrol(actor=actor, participant=participant, entry_date=plan.entry_date)
    site = sites[plan.site]
    for number, contact in enumerate(plan.contacts):
        recorded_contact = services.contact_record(
            actor=actor,
            participant=participant,
            submission_key=uuid.uuid5(_KEY_NAMESPACE, f"{plan.index}-{number}"),
            took_place_on=contact.took_place_on,
            duration_minutes=contact.duration_minutes,
            form=contact.form,
            topics=contact.topics,
            site=site if contact.form == "in_person" else None,
            interpreter_language=contact.interpreter_language,
            note=contact.note,
            next_steps=[(s.description, s.due_on) for s in contact.steps],
        )
        done = [s for s in contact.steps if s.done_on is not None]
        if done:
            steps = Task.objects.filter(contact=recorded_contact).order_by("pk")
            for step, step_plan in zip(steps, contact.steps, strict=True):
                if step_plan.done_on is not None:
                    services.task_complete(
                        actor=actor,
                        task=step,
                        expected_version=step.version,
                        done_on=step_plan.done_on,
                    )
    if plan.exit_date is not None:
        services.participant_exit(
            actor=actor,
            participant=participant,
            exit_date=plan.exit_date,
            outcome=plan.exit_outcome,
        )
    for key in plan.shares:
        services.share_start(actor=actor, participant=participant, organisation=organisations[key])
    if plan.volunteer:
        services.volunteer_assign(
            actor=actor, participant=participant, volunteer=users["ehrenamt.sozialwerk"]
        )
    return participant


# Profiles are written in bulk, one insert per model for the whole demo (the services would take
# one audited transaction per entry); each participant's profile leaves one summary audit event.
_PROFILE_MODELS = (
    profile_models.LanguageSkill,
    profile_models.LanguageCertificate,
    profile_models.LanguageCourse,
    profile_models.EducationStage,
    profile_models.WorkExperience,
    profile_models.Skill,
    profile_models.Resources,
    profile_models.DesiredOccupation,
    profile_models.Recognition,
    profile_models.HealthRestriction,
    profile_models.CareerGoal,
    profile_models.CareerStep,
    profile_models.CareerActivity,
)


def _profile_rows(
    profile: ProfilePlan,
    participant: Participant,
    actor: User,
    users: dict[str, User],
    organisations: dict[str, Organisation],
) -> list[Any]:
    """Unsaved model instances of one profile, in the order of `_PROFILE_MODELS`."""
    pm = profile_models
    common = {"participant": participant, "updated_by": actor}
    rows: list[Any] = [
        pm.LanguageSkill(language=x.language, level=x.level, **common) for x in profile.languages
    ]
    rows += [
        pm.LanguageCertificate(
            language="de", kind=c.kind, name=c.name, level=c.level, issued_on=c.issued_on, **common
        )
        for c in profile.certificates
    ]
    rows += [
        pm.LanguageCourse(
            kind=c.kind,
            status=c.status,
            target_level=c.target_level,
            provider=c.provider,
            started_on=c.started_on,
            ended_on=c.ended_on,
            **common,
        )
        for c in profile.courses
    ]
    rows += [
        pm.EducationStage(
            country=e.country,
            from_year=e.from_year,
            to_year=e.to_year,
            completed=e.completed,
            isced_level=e.isced_level,
            certificate=e.certificate,
            documents_exist=e.documents_exist,
            german_equivalent=e.german_equivalent,
            **common,
        )
        for e in profile.education
    ]
    rows += [
        pm.WorkExperience(
            kldb_code=w.occupation.kldb_code,
            isco_code=w.occupation.isco_code,
            label=w.occupation.label,
            country=w.country,
            started_on=w.started_on,
            ended_on=w.ended_on,
            employer=w.employer,
            tasks=w.tasks,
            informal=w.informal,
            **common,
        )
        for w in profile.work
    ]
    rows += [pm.Skill(label=k.label, evidence=k.evidence, **common) for k in profile.skills]
    r = profile.resources
    rows.append(
        pm.Resources(
            latin_literacy=r.latin_literacy,
            driving_licences=list(r.driving_licences),
            childcare_duties=r.childcare_duties,
            hours_per_week=r.hours_per_week,
            shift_work=r.shift_work,
            mobility=list(r.mobility),
            desired_regions=r.desired_regions,
            **common,
        )
    )
    rows += [
        pm.DesiredOccupation(kldb_code=o.kldb_code, isco_code=o.isco_code, label=o.label, **common)
        for o in profile.desired
    ]
    rows += [
        pm.Recognition(
            qualification=x.qualification,
            authority=x.authority,
            reference_kldb_code=x.reference.kldb_code,
            reference_label=x.reference.label,
            status=x.status,
            result=x.result,
            adaptation_measures=x.adaptation_measures,
            applied_on=x.applied_on,
            decided_on=x.decided_on,
            zeugnisbewertung=x.zeugnisbewertung,
            zeugnisbewertung_on=x.zeugnisbewertung_on,
            **common,
        )
        for x in profile.recognitions
    ]
    rows += [
        pm.HealthRestriction(description=h.description, work_impact=h.work_impact, **common)
        for h in profile.health
    ]
    for g in profile.goals:
        goal = pm.CareerGoal(
            kind=g.kind,
            target_kldb_code=g.target.kldb_code if g.target else "",
            target_label=g.target_label,
            target_date=g.target_date,
            status=g.status,
            **common,
        )
        rows.append(goal)
        rows += [
            pm.CareerStep(
                goal=goal,
                network_id=participant.network_id,
                description=s.description,
                organisation=organisations[s.organisation],
                assignee_id=users[s.responsible_user].pk if s.responsible_user else None,
                assignee_name=s.responsible_person,
                due_on=s.due_on,
                status=s.status,
                done_on=s.due_on if s.status == "done" else None,
                created_by=actor,
                **common,
            )
            for s in g.steps
        ]
    rows += [
        pm.CareerActivity(kind=a.kind, took_place_on=a.took_place_on, content=a.content, **common)
        for a in profile.activities
    ]
    for row in rows:
        row._history_user = actor
    return rows


def _load_profiles(
    profiles: dict[int, ProfilePlan],
    loaded: list[tuple[PersonPlan, Participant]],
    users: dict[str, User],
    organisations: dict[str, Organisation],
) -> int:
    by_model: dict[type, list[Any]] = {model: [] for model in _PROFILE_MODELS}
    events = []
    for plan, participant in loaded:
        profile = profiles.get(plan.index)
        if profile is None:
            continue
        actor = users[plan.counsellor]
        rows = _profile_rows(profile, participant, actor, users, organisations)
        counts: dict[str, int] = {}
        for row in rows:
            by_model[type(row)].append(row)
            name = type(row)._meta.model_name
            counts[name] = counts.get(name, 0) + 1
        events.append((actor, participant, counts))
    for model in _PROFILE_MODELS:  # goals before their steps
        if model is profile_models.CareerStep:
            # A step is a task too (multi-table inheritance), which bulk_create cannot insert.
            for step in by_model[model]:
                step.save()
            continue
        bulk_create_with_history(by_model[model], model, batch_size=500)
    for participant_id in {step.participant_id for step in by_model[profile_models.CareerStep]}:
        next_task_refresh(participant_id=participant_id)
    for actor, participant, counts in events:
        audit_record(
            actor=actor,
            action="profiles.demo_imported",
            obj=participant,
            participant_id=participant.pk,
            detail={"entries": counts},
        )
    return len(events)


def demo_plan(
    today: datetime.date | None = None, count: int = DEMO_PARTICIPANTS
) -> list[PersonPlan]:
    return list(people_plan(today=today or timezone.localdate(), count=count, seed=DEMO_SEED))


def demo_load(
    *, count: int = DEMO_PARTICIPANTS, plans: Iterable[PersonPlan] | None = None
) -> LoadResult:
    """Create the demo network with its accounts and `count` participants."""
    started = time.perf_counter()
    plans = demo_plan(count=count) if plans is None else plans
    with scopes_disabled(), transaction.atomic():
        network = Network.objects.create(
            name=voc.NETWORK_NAME, running_since=datetime.date(2022, 7, 1)
        )
        organisations, sites = _create_organisations(network)
        users = _create_accounts(organisations)
        load_responsibilities(network, organisations, users["koordination"])
        load_offers(
            network=network,
            organisations=organisations,
            sites=sites,
            users=users,
            today=timezone.localdate(),
        )
        loaded = [(plan, _load_person(plan, users, organisations, sites)) for plan in plans]
        profiles = profiles_plan((plan for plan, _ in loaded), today=timezone.localdate())
        _load_profiles(profiles, loaded, users, organisations)
        matching_load(network, organisations, users)
        load_placements(network, (p for _plan, p in loaded))
        events_load(
            network=network,
            organisations=organisations,
            sites=sites,
            users=users,
            participants=[p for _plan, p in loaded],
            today=timezone.localdate(),
        )
        load_reporting(network.pk, users)
        load_statistics(network, users["koordination"])
        load_referrals(organisations, users)
        load_appointments(network=network, participants=(p for _, p in loaded))
        # The profiles went in in bulk (no signals): the report's facts from all of it.
        esf_facts_rebuild(network_id=network.pk)
    return LoadResult(network, len(loaded), time.perf_counter() - started)


def demo_accounts() -> list[tuple[str, str, str, str]]:
    """(username, organisation, role, what the role sees) of the demo accounts as loaded."""
    memberships = {
        m.user.get_username(): m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=[a.username for a in voc.ACCOUNTS]
        )
    }
    rows = []
    for spec in voc.ACCOUNTS:
        membership = memberships.get(spec.username)
        organisation = membership.organisation.name if membership else "–"
        role = str(membership.get_role_display()) if membership else str(spec.role.label)
        rows.append((spec.username, organisation, role, str(spec.description)))
    return rows
