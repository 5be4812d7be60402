"""Human-readable names for the action codes the services write. Unknown codes are shown as is,
so a new code never breaks the log page; it only lacks a nicer name until it is added here."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "participants.participant.created": _("Participant registered"),
    "participants.participant.viewed": _("Participant viewed"),
    "participants.participant.listed": _("Participant listed"),
    "participants.participant.search_hit": _("Participant found by a search"),
    "participants.participant.changed": _("Participant changed"),
    "participants.participant.enrolled": _("Participant enrolled"),
    "participants.participant.exited": _("Case closed"),
    "participants.participant.transferred": _("Case moved to another counsellor"),
    "participants.residence_document.recorded": _("Residence document recorded"),
    "participants.contact.recorded": _("Counselling contact recorded"),
    "participants.next_step.completed": _("Next step completed"),
    "participants.task.created": _("Task added"),
    "participants.task.changed": _("Task changed"),
    "participants.task.completed": _("Task marked as done"),
    "participants.task.deleted": _("Task deleted"),
    "participants.task.listed": _("Task listed"),
    "participants.consent.recorded": _("Consent recorded"),
    "participants.consent.revoked": _("Consent revoked"),
    "participants.share.started": _("Case shared"),
    "participants.share.ended": _("Share ended"),
    "participants.volunteer.assigned": _("Volunteer assigned"),
    "participants.volunteer.removed": _("Volunteer assignment ended"),
    "participants.intake_draft.saved": _("Intake draft saved"),
    "participants.intake_draft.discarded": _("Intake draft deleted by its author"),
    "participants.intake_draft.purged": _("Intake drafts deleted after the retention period"),
    "participants.duplicate_check.performed": _("Duplicate check performed"),
    "participants.intake_draft.viewed": _("Intake draft viewed"),
    "participants.participant.exported": _("All data of a participant exported"),
    "participants.participant.erased": _("All data of a participant deleted"),
    "network.organisation.created": _("Organisation created"),
    "network.organisation.changed": _("Organisation changed"),
    "network.site.created": _("Site created"),
    "network.site.changed": _("Site changed"),
    "network.account.created": _("Account created"),
    "network.account.changed": _("Account changed"),
    "core.otp_device.confirmed": _("Second factor confirmed"),
    "core.password.changed": _("Own password changed"),
    "network.account.credentials_reset": _("Password or second factor reset by the team lead"),
    "audit.log.searched": _("Audit log searched"),
    "audit.log.exported": _("Audit log exported"),
    "participants.contact.listed": _("Counselling contacts listed"),
    "api.token.created": _("API token created"),
    "api.token.revoked": _("API token revoked"),
    "profiles.profile.viewed": _("Competence profile viewed"),
    "profiles.health.viewed": _("Health restrictions viewed"),
    "profiles.cv.exported": _("CV exported"),
    "profiles.plan.exported": _("Plan agreement exported"),
    "profiles.career_step.overdue_listed": _("Overdue career step listed"),
    "profiles.demo_imported": _("Demo profile loaded"),
    "workpermission.assessment.viewed": _("Labour-market access assessed"),
    "workpermission.radar.listed": _("Deadline listed"),
    "workpermission.residence_facts.changed": _("Residence facts changed"),
    "offers.offer.created": _("Offer added"),
    "offers.offer.changed": _("Offer changed"),
    "offers.catalogue.published": _("Offer catalogue published"),
    "offers.catalogue.withdrawn": _("Public offer catalogue withdrawn"),
    "offers.eligibility.viewed": _("Offers checked for a participant"),
    "employers.employer.created": _("Employer added"),
    "employers.employer.changed": _("Employer changed"),
    "employers.employer.viewed": _("Employer and its contact persons viewed"),
    "employers.contact_person.created": _("Contact person at an employer added"),
    "employers.contact_person.changed": _("Contact person at an employer changed"),
    "employers.contact_person.viewed": _("Contact person at an employer viewed"),
    "employers.contact_person.removed": _("Contact person at an employer removed"),
    "employers.contact.recorded": _("Contact with an employer recorded"),
    "employers.step.completed": _("Next step with an employer done"),
    "employers.vacancy.created": _("Vacancy added"),
    "employers.vacancy.changed": _("Vacancy changed"),
    "employers.vacancies.imported": _("Vacancies imported from the BA job search"),
    "matches.vacancies.viewed": _("Matching vacancies shown for a participant"),
    "matches.new_matches.found": _("New matches searched for"),
    "matches.new_match.listed": _("New match listed in the inbox"),
    "matches.candidate.listed": _("Participant listed as a candidate for a vacancy"),
    "matches.candidate.anonymous_listed": _(
        "Participant listed as an anonymous candidate for another organisation's vacancy"
    ),
    "reporting.statistics.published": _("Open statistics published or changed"),
    "reporting.statistics.withdrawn": _("Open statistics withdrawn"),
    "reporting.esf_record.changed": _("ESF data of a participant changed"),
    "reporting.follow_up.answered": _("Six-month follow-up answered"),
    "reporting.follow_up.scheduled": _("Six-month follow-up scheduled"),
    "reporting.not_reportable.listed": _("Participants not yet reportable listed"),
    "reporting.report.people_listed": _("Participants behind a report figure listed"),
    "reporting.report.requested": _("Report requested"),
    "reporting.situation.deleted": _("Situation after leaving deleted"),
    "reporting.situation.none_confirmed": _("No situation after leaving confirmed"),
    "reporting.situation.recorded": _("Situation after leaving recorded"),
}
# Profile entries are written as profiles.<entry>.<verb>; the entry shows in the object column.
PROFILE_VERBS: dict[str, Promise] = {
    "created": _("Profile entry added"),
    "changed": _("Profile entry changed"),
    "deleted": _("Profile entry deleted"),
}


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    if label is None and code.startswith("profiles."):
        label = PROFILE_VERBS.get(code.rsplit(".", 1)[-1])
    return str(label) if label is not None else code


# The areas of the action codes, as the officer's filter groups them (code prefix → name).
ACTION_AREAS: dict[str, Promise] = {
    "participants.": _("Participants and cases"),
    "profiles.": _("Competence profiles and career plans"),
    "workpermission.": _("Work permission"),
    "offers.": _("Offers"),
    "employers.": _("Employers and vacancies"),
    "matches.": _("Matching"),
    "reporting.": _("Reports and statistics"),
    "network.": _("Network, organisations and accounts"),
    "core.": _("Sign-in"),
    "api.": _("API"),
    "audit.": _("Audit log"),
}
