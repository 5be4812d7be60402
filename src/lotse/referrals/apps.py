from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "lotse.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from lotse.core.figures import register_figures
        from lotse.inbox.registry import register as register_source
        from lotse.participants.access import AccessGrant, AccessKind, register_access_grant
        from lotse.participants.caseload import CaseloadMark, register_caseload_mark
        from lotse.participants.sections import register
        from lotse.referrals import rules  # noqa: F401 (who may refer)
        from lotse.referrals.case_section import SECTION
        from lotse.referrals.figures import referral_figures
        from lotse.referrals.inbox_sources import SOURCES
        from lotse.referrals.selectors import open_referral_marks, referred_participant_ids
        from lotse.referrals.services import referrals_on_revocation, referrals_revocation_note

        register_access_grant(
            AccessGrant(
                AccessKind.REFERRAL,
                referred_participant_ids,
                revocation_note=referrals_revocation_note,
                on_revocation=referrals_on_revocation,
            )
        )
        register_caseload_mark(CaseloadMark("referrals.open", open_referral_marks))
        register(SECTION)
        register_figures("referrals", referral_figures)
        for source in SOURCES:
            register_source(source)
