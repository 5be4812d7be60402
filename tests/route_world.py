"""The case the route matrix requests every page of: a participant with something of every kind
a page can show (documents, consents, shares, contacts, steps, profile entries of each kind,
residence facts, a volunteer), plus a draft, an account and a token to fill the other routes.

Every object is made through the service a user's action would call, so the matrix sees the
data as the pages do."""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.test import Client

from lotse.api import services as api_services
from lotse.appointments.services import calendar_feed_of
from lotse.events import services as event_services
from lotse.network.enums import Role
from lotse.network.models import Organisation, Site
from lotse.offers import services as offer_services
from lotse.participants import services
from lotse.participants.access import participant_for_user
from lotse.participants.models import Consent, IntakeDraft, Share, Task
from lotse.profiles import services as profile_services
from lotse.profiles.parts import PARTS
from lotse.reporting import services as reporting_services
from lotse.reporting.models import EsfFollowUp, EsfSituationEvent
from lotse.responsibilities.services import map_publish
from tests.appointments.helpers import book
from tests.conftest import SECRET_ANNOTATION, SECRET_NOTE, Network, share_with_consent
from tests.events.helpers import jobcenter_staff, multiplier_training
from tests.factories import member
from tests.offers.helpers import berufssprachkurs
from tests.profiles.helpers import SECRET_HEALTH
from tests.referrals.helpers import refer, referral_consent
from tests.responsibilities.helpers import demo_path
from tests.workpermission.helpers import gestattung_facts

SECRET_DRAFT = "Entwurfsname-Geheim-5102"
SECRET_STEP = "Termin beim Therapeuten-3390"


@dataclass
class World:
    net: Network
    unassigned_volunteer: Any
    consent: Consent
    share: Share
    next_step: Task
    draft: IntakeDraft
    site: Site
    token: Any
    # One entry of each profile kind, by kind (`resources` is the participant's single one).
    items: dict[str, Any]
    # An offer of the third organisation (the stranger's), in a published catalogue.
    offer: Any = None
    # An open vacancy of the network, for matching's candidates.
    match_vacancy: Any = None
    # Its employer, a contact person there, and an open next step from a contact.
    employer: Any = None
    employer_person: Any = None
    employer_step: Any = None
    # An event of the owner organisation with the participant registered and present at its
    # past session, and a counted group.
    event: Any = None
    event_registration: Any = None
    event_session: Any = None
    event_group: Any = None
    # The ESF section's situation after leaving and six-month follow-up.
    esf_event: Any = None
    esf_follow_up: Any = None
    # A report of the owner organisation.
    report: Any = None
    # A row of the network's responsibility map, which the network publishes.
    responsibility: Any = None
    # A referral from the owner to the sharing organisation (requested), and one to a provider
    # outside the network (its letter).
    referral: Any = None
    outside_referral: Any = None
    # An appointment of the case (its note is the case's secret note), and the calendar feed
    # of a colleague without appointments (the feed is open to whoever knows its address).
    appointment: Any = None
    feed_token: str = ""
    # A placement of the case at the world's employer (with the consent to contact with
    # employers, for its sheet), and its first check-in.
    placement: Any = None
    check_in: Any = None

    @property
    def participant(self) -> Any:
        return self.net.participant

    @property
    def path_step(self) -> Any:
        return self.responsibility.step

    @property
    def network(self) -> Any:
        return self.net.owner.network

    @property
    def organisation(self) -> Organisation:
        return self.net.owner

    @property
    def account(self) -> Any:
        return self.net.counsellor

    @property
    def volunteer(self) -> Any:
        return self.net.volunteer

    def personas(self) -> dict[str, Any]:
        """Persona name (as the expected table spells it) → user, `None` for anonymous."""
        net = self.net
        return {
            "anonymous": None,
            "counsellor": net.counsellor,
            "colleague": net.colleague,
            "team_lead": net.team_lead,
            "shared": net.other_counsellor,
            "stranger": net.third_counsellor,
            "volunteer": net.volunteer,
            "other_volunteer": self.unassigned_volunteer,
            "coordinator": net.coordinator,
            "data_protection": net.data_protection,
        }

    def clients(self) -> dict[str, Client]:
        clients = {}
        for name, user in self.personas().items():
            client = Client(headers={"accept-language": "de"})
            if user is not None:
                client.force_login(user)
            clients[name] = client
        return clients

    def secrets(self) -> dict[str, str]:
        """Texts of the case, by what they are; which persona may read which is in the table."""
        participant = self.participant
        return {
            "name": participant.last_name,
            "file_number": participant.file_number,
            "note": SECRET_NOTE,
            "annotation": SECRET_ANNOTATION,
            "health": SECRET_HEALTH,
            "step": SECRET_STEP,
            "draft": SECRET_DRAFT,
        }


def _profile_items(net: Network) -> dict[str, Any]:
    actor, participant = net.counsellor, net.participant
    day = datetime.date(2024, 5, 1)

    def save(part: str, **data: Any) -> Any:
        return PARTS[part].save(actor=actor, participant=participant, data=data, item=None)

    goal = save("goals", kind="vocational_training", target_label="Pflegefachkraft")
    items = {
        "languages": save("languages", language="ar", level="native"),
        "certificates": save(
            "certificates", language="de", kind="goethe", level="B1", issued_on=day
        ),
        "courses": save("courses", kind="integration", status="attending"),
        "education": save("education", country="SY", from_year=2005, to_year=2011, isced_level=3),
        "recognition": save("recognition", qualification="Krankenpflege", status="applied"),
        "work": save(
            "work",
            label="Altenpflegehelfer",
            kldb_code="82101",
            country="SY",
            started_on=datetime.date(2015, 3, 1),
        ),
        "skills": save("skills", label="Pflege", evidence="stated"),
        "resources": profile_services.resources_save(
            actor=actor, participant=participant, data={"childcare_duties": True}, item=None
        ),
        "desired": save("desired", label="Pflegefachkraft", kldb_code="81302"),
        "health": save("health", description=SECRET_HEALTH, work_impact="Nicht schwer heben"),
        "goals": goal,
        "steps": save(
            "steps",
            goal=goal,
            description="Bewerbung schreiben",
            organisation=net.owner,
        ),
        "activities": save(
            "activities", kind="career_orientation", took_place_on=day, content="Berufe erkundet"
        ),
    }
    assert set(items) == set(PARTS)
    return items


def build_world(net: Network) -> World:
    consent = share_with_consent(net)
    share = Share.objects.get(participant=net.participant, organisation=net.other)
    contact = services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=datetime.date(2025, 3, 1),
        duration_minutes=30,
        form="phone",
        topics=["health"],
        next_steps=[(SECRET_STEP, datetime.date(2025, 4, 1))],
    )
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    draft = services.intake_draft_save(
        actor=net.counsellor,
        draft=None,
        step="person",
        data={"first_names": "Nadia", "last_name": SECRET_DRAFT},
    )
    gestattung_facts(net)
    token, _key = api_services.api_token_create(
        actor=net.counsellor, user=net.counsellor, name="Tabellenprogramm"
    )
    employer_parts = _employer(_open_vacancy(net), net)
    return World(
        net=net,
        unassigned_volunteer=member(net.owner, Role.VOLUNTEER, "ehrenamt-frei"),
        consent=consent,
        share=share,
        next_step=Task.objects.get(contact=contact),
        draft=draft,
        site=Site.objects.get(organisation=net.owner),
        token=token,
        items=_profile_items(net),
        offer=_published_offer(net),
        **employer_parts,
        **_placement(net, employer_parts["employer"]),
        **_event(net),
        **_esf(net),
        responsibility=_published_responsibility(net),
        **_referrals(net),
        appointment=book(net, note=SECRET_NOTE, interpreter_language="ar"),
        feed_token=calendar_feed_of(net.colleague).token,
    )


def _esf(net: Network) -> dict[str, Any]:
    # Made directly: through the services they need an exit, which would change the pages of
    # the enrolment routes the matrix requests too.
    participant = net.participant
    return {
        "esf_event": EsfSituationEvent.objects.create(
            participant=participant,
            network_id=participant.network_id,
            day=datetime.date(2025, 5, 2),
            situation="employed",
        ),
        "esf_follow_up": EsfFollowUp.objects.create(
            participant=participant,
            network_id=participant.network_id,
            exit_on=datetime.date(2025, 4, 30),
        ),
        "report": reporting_services.report_request(
            actor=net.counsellor,
            network=net.owner.network,
            organisation=net.owner,
            key="esf",
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
        ),
    }


def _referrals(net: Network) -> dict[str, Any]:
    referral_consent(net, net.other)
    return {
        "referral": refer(net, target_organisation=net.other),
        "outside_referral": refer(
            net, target_organisation=None, outside_provider="Volkshochschule Musterstadt"
        ),
    }


OFFER_PUBLIC_ID = "0b6f9d1e-3c1a-4a8e-9f0e-2d8f6a7b5c4d"


def _open_vacancy(net: Network) -> Any:
    from lotse.employers.models import Employer, Vacancy

    employer = Employer.objects.create(network=net.owner.network, name="Lager Nord GmbH")
    return Vacancy.objects.create(
        network=net.owner.network,
        employer=employer,
        kind="job",
        title="Lagerhelfer/in",
        kldb_code="51311",
    )


def _employer(vacancy: Any, net: Network) -> dict[str, Any]:
    from lotse.employers import services as employer_services
    from lotse.employers.models import ContactPerson

    employer = vacancy.employer
    person = employer_services.contact_person_save(
        actor=net.coordinator,
        employer=employer,
        person=ContactPerson(name="Frauke Lagerhaus", function="Personal"),
        expected_version=None,
    )
    contact = employer_services.employer_contact_record(
        actor=net.counsellor,
        employer=employer,
        organisation=net.owner,
        kind="visit",
        took_place_on=datetime.date(2025, 3, 3),
        person=person,
        next_step="Praktikumsplätze nachfragen",
    )
    return {
        "match_vacancy": vacancy,
        "employer": employer,
        "employer_person": person,
        "employer_step": contact.steps.get(),
    }


def _placement(net: Network, employer: Any) -> dict[str, Any]:
    from lotse.placements.placements.services import placement_record

    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="employer_contact",
        organisations=[net.owner],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    placement = placement_record(
        actor=net.counsellor,
        participant=net.participant,
        values={
            "employer": employer,
            "kind": "employment",
            "title": "Lagerhelfer/in",
            "starts_on": datetime.date(2025, 4, 1),
        },
    )
    return {"placement": placement, "check_in": placement.check_ins.order_by("due_on").first()}


def _published_offer(net: Network) -> Any:
    offer = berufssprachkurs(net, public_id=uuid.UUID(OFFER_PUBLIC_ID))
    offer_services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    return offer


def _event(net: Network) -> dict[str, Any]:
    event = multiplier_training(net)
    registration = event_services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    session = event.sessions.get()
    event_services.attendance_record(
        actor=net.counsellor,
        session=session,
        present={registration.pk: True},
        registrations=[registration],
    )
    return {
        "event": event,
        "event_registration": registration,
        "event_session": session,
        "event_group": jobcenter_staff(net, event),
    }


def _published_responsibility(net: Network) -> Any:
    responsibility = demo_path(net)["sgb_ii"]
    map_publish(actor=net.coordinator, network=net.owner.network, public=True)
    return responsibility
