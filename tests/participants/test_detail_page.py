"""What the participant page shows: the kernel's panels and timeline (panels.py, timeline.py)."""

import datetime
import re
import uuid
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.enums import document_title
from lotse.participants.models import Child, Consent, Share
from tests.conftest import Network, client_for, share_with_consent
from tests.factories import OrganisationFactory, member

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
PAYLOAD = "<script>alert(1)</script>"


def _url(net: Network) -> str:
    return f"/participants/{net.participant.pk}/"


def _consents_url(net: Network) -> str:
    return f"/participants/{net.participant.pk}/consents/"


def _timeline_url(net: Network) -> str:
    return f"/participants/{net.participant.pk}/sections/participants.timeline/"


HX = {"HX-Request": "true"}


def _english(user: Any) -> Any:
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client


def _contact(net: Network, actor: Any, on: datetime.date, **fields: Any) -> Any:
    fields = {"topics": ["employment"], "form": "phone", "duration_minutes": 30, **fields}
    return services.contact_record(
        actor=actor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=on,
        **fields,
    )


def _query_count(user: Any, url: str) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_participant_page_needs_as_many_queries_for_a_full_case_as_for_a_small_one(
    net: Network,
) -> None:
    share_with_consent(net)
    # Once per process: caches warm up (content types, the sites and counsellors of the menu).
    _query_count(net.counsellor, _url(net))
    small_owner = _query_count(net.counsellor, _url(net))
    small_shared = _query_count(net.other_counsellor, _url(net))
    for n in range(3):
        _contact(net, net.counsellor, TODAY - n * DAY, next_steps=[(f"Schritt {n}", None)])
        _contact(net, net.other_counsellor, TODAY - n * DAY, next_steps=[(f"JC {n}", TODAY)])
        services.residence_document_record(
            actor=net.counsellor, participant=net.participant, document_type="duldung"
        )
        Child.objects.create(
            participant=net.participant, network_id=net.participant.network_id, birth_year=2015 + n
        )
        services.volunteer_assign(
            actor=net.counsellor,
            participant=net.participant,
            volunteer=member(net.owner, Role.VOLUNTEER),
        )
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="referral",
        organisations=[net.third, net.municipality],
        given_on=TODAY,
        form="signed_paper",
    )
    services.share_start(actor=net.counsellor, participant=net.participant, organisation=net.third)

    assert _query_count(net.counsellor, _url(net)) == small_owner
    assert _query_count(net.other_counsellor, _url(net)) == small_shared


def test_participant_page_escapes_everything_users_entered(net: Network) -> None:
    participant = net.participant
    participant.first_names = PAYLOAD
    participant.save()
    share_with_consent(net, OrganisationFactory(network=participant.network, name=PAYLOAD))
    services.residence_document_record(
        actor=net.counsellor,
        participant=participant,
        document_type="duldung",
        section=PAYLOAD,
        annotation=PAYLOAD,
    )
    services.consent_record(
        actor=net.counsellor,
        participant=participant,
        purpose="referral",
        organisations=[net.other],
        given_on=TODAY,
        form="verbal_with_witness",
        witness=PAYLOAD,
    )
    _contact(net, net.counsellor, TODAY, note=PAYLOAD, next_steps=[(PAYLOAD, TODAY)])
    volunteer = member(net.owner, Role.VOLUNTEER, PAYLOAD)
    volunteer.first_name = volunteer.last_name = ""
    volunteer.save()
    services.volunteer_assign(actor=net.counsellor, participant=participant, volunteer=volunteer)

    client = client_for(net.counsellor)
    page = client.get(_url(net)).content.decode()
    panel = client.get(_consents_url(net), headers=HX).content.decode()
    timeline = client.get(_timeline_url(net), headers=HX).content.decode()

    assert PAYLOAD not in page + panel + timeline
    # name (title, heading), section (header, card), annotation, step (header; open tasks: text
    # and the edit link's label); in the consents panel: witness, organisation (consent, share),
    # volunteer; in the timeline: section, note, step
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 8
    assert panel.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4
    assert timeline.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3


def test_owner_sees_each_share_and_why_it_gives_no_access(net: Network) -> None:
    share_with_consent(net)  # Jobcenter Test: access
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="case_sharing",
        organisations=[net.third, net.municipality],
        given_on=TODAY - 10 * DAY,
        form="signed_paper",
    )
    for organisation in (net.third, net.municipality):
        services.share_start(
            actor=net.counsellor, participant=net.participant, organisation=organisation
        )
    services.share_end(actor=net.counsellor, share=Share.objects.get(organisation=net.municipality))
    Consent.objects.filter(organisations=net.third).update(valid_until=TODAY - DAY)
    unconsented = OrganisationFactory(network=net.participant.network, name="Ohne Einwilligung")
    Share.objects.create(
        participant=net.participant,
        network=net.participant.network,
        organisation=unconsented,
        started_by=net.counsellor,
    )

    page = _english(net.counsellor).get(_consents_url(net), headers=HX).content.decode()
    shares = re.findall(r"<li>([^<]*? – [^<\n]*)", page)

    assert shares == [
        "Ohne Einwilligung – No access: no valid consent covers this organisation.",
        f"Kreis Test – Share ended on {TODAY:%d/%m/%Y}.",
        f"Lernwerk Test – No access: the consent expired on {TODAY - DAY:%d/%m/%Y}.",
        "Jobcenter Test – has access",
    ]
    assert "Kreis Test, Lernwerk Test" in page  # the organisations a consent covers, by name
    assert client_for(net.other_counsellor).get(_url(net)).status_code == 200
    assert client_for(net.third_counsellor).get(_url(net)).status_code == 404


def test_participant_page_loads_the_consents_panel_by_htmx_with_a_link_without_it(
    net: Network,
) -> None:
    services.volunteer_assign(
        actor=net.counsellor,
        participant=net.participant,
        volunteer=member(net.owner, Role.VOLUNTEER, "helferin"),
    )
    client = _english(net.counsellor)

    page = client.get(_url(net)).content.decode()
    slot = re.search(r'<section[^>]*id="consents"[^>]*>.*?</section>', page, re.S)
    panel = client.get(_consents_url(net), headers=HX).content.decode()
    own_page = client.get(_consents_url(net)).content.decode()

    assert slot is not None
    assert f'hx-get="{_consents_url(net)}"' in slot.group()
    assert (
        f'<a class="kern-link" href="{_consents_url(net)}">Show consents, shares and volunteers</a>'
        in slot.group()
    )
    assert "No volunteer assigned." not in page
    assert panel.startswith('<section class="lotse-section" id="consents"')
    assert "No consent recorded. Without a consent the case cannot be shared." in panel
    assert "<title>" not in panel
    assert "<title>" in own_page
    assert "No consent recorded. Without a consent the case cannot be shared." in own_page


def test_consents_panel_link_reads_german(net: Network) -> None:
    client = client_for(net.counsellor)
    client.cookies["django_language"] = "de"

    page = client.get(_url(net)).content.decode()

    assert (
        f'<a class="kern-link" href="{_consents_url(net)}">'
        "Einwilligungen, Freigaben und Ehrenamtliche anzeigen</a>"
    ) in page


def test_consents_panel_is_audited_and_refused_to_everyone_but_the_owner(net: Network) -> None:
    share_with_consent(net)

    answers = {
        persona: client_for(getattr(net, persona)).get(_consents_url(net), headers=HX).status_code
        for persona in ("counsellor", "other_counsellor", "third_counsellor")
    }
    event = AuditEvent.objects.get(action="participants.participant.viewed")

    assert answers == {"counsellor": 200, "other_counsellor": 404, "third_counsellor": 404}
    assert (event.actor_id, event.participant_id, event.detail) == (
        net.counsellor.pk,
        net.participant.pk,
        {"access": "owner", "panel": "consents"},
    )


def test_sharing_organisation_may_complete_only_the_tasks_given_to_it(
    net: Network,
) -> None:
    share_with_consent(net)
    own = _contact(net, net.counsellor, TODAY, next_steps=[("Termin ABH", None)])
    theirs = _contact(net, net.other_counsellor, TODAY, next_steps=[("Bewerbung", None)])
    own_step, their_step = own.tasks.get(), theirs.tasks.get()

    shared_page = client_for(net.other_counsellor).get(_url(net)).content.decode()
    owner_page = client_for(net.counsellor).get(_url(net)).content.decode()

    assert f"tasks/{their_step.pk}/done/" in shared_page
    assert f"tasks/{own_step.pk}/done/" not in shared_page
    assert f"tasks/{their_step.pk}/done/" in owner_page
    assert f"tasks/{own_step.pk}/done/" in owner_page
    assert "Consents and sharing" not in shared_page
    assert "Einwilligungen und Weitergabe" not in shared_page


def test_timeline_lists_contacts_with_steps_status_changes_and_documents_newest_first(
    net: Network,
) -> None:
    Child.objects.create(
        participant=net.participant, network_id=net.participant.network_id, birth_year=2019
    )
    Child.objects.create(
        participant=net.participant, network_id=net.participant.network_id, birth_year=2016
    )
    services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=TODAY - 3 * DAY
    )
    contact = _contact(
        net,
        net.counsellor,
        TODAY - 2 * DAY,
        topics=["language", "housing"],
        interpreter_language="ar",
        note="Erste Zeile\nzweite Zeile",
        next_steps=[("Kurs suchen", TODAY + DAY), ("Anrufen", TODAY - DAY)],
    )
    call = contact.tasks.get(description="Anrufen")
    services.task_complete(
        actor=net.counsellor, task=call, expected_version=call.version, done_on=TODAY
    )

    client = _english(net.counsellor)
    page = client.get(_url(net)).content.decode()
    timeline = client.get(_timeline_url(net), headers=HX).content.decode()
    timeline = timeline[timeline.index('id="h-timeline"') : timeline.index("</ol>")]
    texts = [" ".join(t.split()) for t in re.findall(r">([^<>]+)<", timeline) if t.strip()]

    assert "2016, 2019" in page
    assert texts[1:] == [
        f"{TODAY:%d/%m/%Y}",
        "Status: registered",
        f"{TODAY - 2 * DAY:%d/%m/%Y}",
        "Counselling contact (phone, 30 min.)",
        f"language, housing · interpreter: Arabic · {net.counsellor.get_full_name()}",
        "Erste Zeile",
        "zweite Zeile",
        f"→ Anrufen ({TODAY - DAY:%d/%m/%Y}) ✓",
        f"→ Kurs suchen ({TODAY + DAY:%d/%m/%Y})",
        f"{TODAY - 3 * DAY:%d/%m/%Y}",
        "Status: enrolled",
        "01/02/2025",
        "Counselling contact (in person, 45 min.)",
        f"residence law · {net.counsellor.get_full_name()}",
        "Vertraulich-Notiz-7731",
        "10/01/2025",
        "Residence document: Aufenthaltsgestattung (§ 55 AsylG)",
    ]


def test_open_tasks_are_listed_by_due_date_with_undated_ones_last(net: Network) -> None:
    _contact(
        net,
        net.counsellor,
        TODAY,
        next_steps=[("Ohne Datum", None), ("Später", TODAY + 9 * DAY), ("Bald", TODAY + DAY)],
    )
    page = client_for(net.counsellor).get(_url(net)).content.decode()
    steps = page[page.index('id="h-tasks"') :]
    assert steps.index("Bald") < steps.index("Später") < steps.index("Ohne Datum")


def test_a_document_names_its_legal_basis_once() -> None:
    assert document_title("residence_permit", "§ 25 Abs. 2") == "Aufenthaltserlaubnis § 25 Abs. 2"
    assert document_title("gestattung", "§55 AsylG") == "Aufenthaltsgestattung (§ 55 AsylG)"
    assert document_title("duldung", "") == "Duldung (§ 60a AufenthG)"
    assert document_title("unbekannt", " ") == "unbekannt"


def test_completing_a_step_says_so(net: Network) -> None:
    step = _contact(net, net.counsellor, TODAY, next_steps=[("Termin ABH", None)]).tasks.get()
    client = client_for(net.counsellor)
    page = client.post(
        _url(net) + f"tasks/{step.pk}/done/", {"version": step.version}, follow=True
    ).content.decode()
    assert "„Termin ABH“ ist als erledigt markiert." in page
    step.refresh_from_db()
    assert step.done_on == TODAY


def test_timeline_and_title_read_as_whole_german_sentences(net: Network) -> None:
    services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=TODAY - 3 * DAY
    )
    _contact(net, net.counsellor, TODAY - 2 * DAY, topics=["housing"], interpreter_language="ar")

    client = client_for(net.counsellor)
    html = client.get(_url(net), headers={"accept-language": "de"}).content.decode()
    timeline = client.get(_timeline_url(net), headers=HX).content.decode()
    timeline = timeline[timeline.index('id="h-timeline"') : timeline.index("</ol>")]
    texts = [" ".join(t.split()) for t in re.findall(r">([^<>]+)<", timeline) if t.strip()]
    subline = re.search(r'<p class="kern-subline">(.*?)</p>', html, re.DOTALL)

    assert subline is not None
    assert " ".join(subline.group(1).split()) == (
        f"{net.participant.file_number} · eingetreten · Eintritt {TODAY - 3 * DAY:%d.%m.%Y}"
    )
    contact = texts.index("Beratungskontakt (Telefon, 30 Min.)")
    assert texts[contact : contact + 2] == [
        "Beratungskontakt (Telefon, 30 Min.)",
        f"Wohnen · Sprachmittlung: Arabisch · {net.counsellor.get_full_name()}",
    ]
