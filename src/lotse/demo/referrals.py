"""Demo referrals: a few referrals of the welfare association's participants to the education
provider and the Jobcenter, one in each state, and one to a provider outside the network
(its letter). Each under a recorded consent for referrals, through the services."""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.network.models import Organisation
from lotse.participants import services as participant_services
from lotse.participants.access import participant_for_user
from lotse.participants.models import Participant
from lotse.referrals import services
from lotse.referrals.models import Referral

# (target key or "" for outside, states it goes through, reason, request)
PLANS = (
    ("lw", (), "Möchte Deutsch für den Beruf lernen (Ziel B2).", "Bitte um einen Kursplatz."),
    ("lw", ("accept",), "Interesse an einer Qualifizierung in der Pflege.", "Erstgespräch."),
    ("lw", ("accept", "start"), "Berufssprachkurs für die Logistik.", "Aufnahme im März."),
    ("jc", ("accept", "start", "complete"), "Unterstützung bei der Arbeitssuche.", "Vermittlung."),
    ("lw", ("decline",), "Vorbereitung auf den Hauptschulabschluss.", "Platz im Vorkurs."),
    ("", (), "Beratung zur Anerkennung des Abschlusses.", "Termin zur Anerkennungsberatung."),
)
OUTSIDE = "IQ Anerkennungsberatung Musterstadt"


def load_referrals(organisations: dict[str, Organisation], users: dict[str, User]) -> int:
    sender = users["beratung.sozialwerk"]
    answering = {"lw": users["beratung.lernwerk"], "jc": users["beratung.jobcenter"]}
    participants = list(
        Participant.objects.filter(organisation=organisations["sw"]).order_by("pk")[: len(PLANS)]
    )
    today = timezone.localdate()
    made = 0
    for participant, (target, steps, reason, request) in zip(participants, PLANS, strict=False):
        if target:
            participant_services.consent_record(
                actor=sender,
                participant=participant,
                purpose="referral",
                organisations=[organisations[target]],
                given_on=today - datetime.timedelta(days=30),
                form="signed_paper",
            )
        case = participant_for_user(sender, participant.pk)
        referral = services.referral_create(
            actor=sender,
            case=case,
            target_organisation=organisations[target] if target else None,
            outside_provider="" if target else OUTSIDE,
            reason=reason,
            request=request,
            disclosures=["languages"],
        )
        made += 1
        if not steps and target:
            # Unanswered for two weeks: overdue in the provider's inbox.
            Referral.objects.filter(pk=referral.pk).update(
                due_on=today - datetime.timedelta(days=4),
                requested_at=timezone.now() - datetime.timedelta(days=14),
            )
            continue
        if not target:
            continue
        actor = answering[target]
        for step in steps:
            referral = Referral.objects.get(pk=referral.pk)
            if step == "accept":
                services.referral_accept(
                    actor=actor, referral=referral, expected_version=referral.version
                )
            elif step == "start":
                services.referral_start(
                    actor=actor,
                    referral=referral,
                    started_on=today,
                    expected_version=referral.version,
                )
            elif step == "complete":
                services.referral_complete(
                    actor=actor,
                    referral=referral,
                    outcome="started",
                    completed_on=today,
                    expected_version=referral.version,
                )
            else:
                services.referral_decline(
                    actor=actor,
                    referral=referral,
                    reason="no_capacity",
                    note="Nächster Kurs ab Herbst.",
                    expected_version=referral.version,
                )
    return made
