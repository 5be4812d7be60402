"""The expected answer of every route of the URLconf to every persona (integreat-cms's
`tests/cms/views/view_config.py` is the model). `tests/test_route_matrix.py` walks the URLconf,
fills each route's parameters from `tests/route_world.py` and requests it as each persona.

A route that is not in `ROUTES` fails the matrix: whoever adds a route decides here who may
open it. Each entry maps a route name to its variants (a label → `Case`): most routes have one,
`""`; routes with a `kind` or `step` slug get one per value that answers differently.

Personas (DESIGN.md §4), by the name this table uses:
- `counsellor` registered the participant; `colleague` and `team_lead` work in the same
  organisation (the case owner);
- `shared` is a counsellor of an organisation the case is shared with under a valid consent;
- `stranger` is a counsellor of a third organisation, with neither consent nor share;
- `volunteer` is assigned to the participant, `other_volunteer` (same organisation) is not;
- `coordinator` and `data_protection` belong to the municipality and see no case file;
- `anonymous` is not logged in.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lotse.profiles.parts import PARTS
from tests.route_world import OFFER_PUBLIC_ID

PERSONAS = (
    "anonymous",
    "counsellor",
    "colleague",
    "team_lead",
    "shared",
    "stranger",
    "volunteer",
    "other_volunteer",
    "coordinator",
    "data_protection",
)
OWNER_ORG = ("counsellor", "colleague", "team_lead")
CASE = (*OWNER_ORG, "shared")
COUNSELLING = (*CASE, "stranger")  # every role that runs intakes and keeps a caseload
VOLUNTEERS = ("volunteer", "other_volunteer")
NO_CASE_FILE = ("coordinator", "data_protection")
LOGGED_IN = tuple(p for p in PERSONAS if p != "anonymous")

LOGIN = 302  # a page redirects an anonymous visitor to the log-in
DENIED_STATUSES = frozenset({401, 403, 404})

# The texts of the case (see `World.secrets`) each persona may read. Any other persona, and
# every persona on a page that refuses them, must not find any of them in the answer.
READABLE: Mapping[str, frozenset[str]] = {
    # An intake draft is its author's alone, even within the organisation.
    "counsellor": frozenset(
        {"name", "file_number", "note", "annotation", "health", "step", "draft"}
    ),
    **dict.fromkeys(
        ("colleague", "team_lead"),
        frozenset({"name", "file_number", "note", "annotation", "health", "step"}),
    ),
    "shared": frozenset({"name", "file_number", "note", "annotation", "step"}),
    # Contact data only: name, phone, e-mail, language — not the file number.
    "volunteer": frozenset({"name"}),
    # The audit log names the case by its file number, never by the person's name.
    "data_protection": frozenset({"file_number"}),
}
# The API checks a body against its schema before it asks who calls: a refused persona's
# request carries a valid body, so that the refusal is what the answer shows.
NEW_PARTICIPANT = {
    "first_names": "Lina",
    "last_name": "Haddad",
    "birth_date": "2001-02-03",
    "gender": "female",
    "nationality": "SY",
}
NEW_CONTACT = {
    "submission_key": "6f1c2b1e-9a53-4a4e-9f53-6a3c6f1f0d11",
    "took_place_on": "2025-03-02",
    "duration_minutes": 30,
    "form": "in_person",
    "topics": ["residence_law"],
}


@dataclass(frozen=True)
class Case:
    """One request: its parameters (a `World` attribute or path like `items.health` → its pk;
    `=text` → the text itself), method, and the status each persona gets."""

    expect: Mapping[str, int]
    args: Mapping[str, str] = field(default_factory=dict)
    method: str = "GET"
    # JSON body for the API's PUT and POST; pages get an empty form.
    json: object = None
    # A query string; `{spec}` in it is a `World` attribute or path, like `args`' values.
    query: str = ""
    # The status of an unsafe request (an empty POST, or `method`) from a persona this case
    # refuses, where it differs from `expect`: 405 where the route takes no POST at all.
    write_denied: Mapping[str, int] = field(default_factory=dict)
    # False where an unsafe request to the same path is another entry (list → create).
    check_writes: bool = True


def statuses(
    allowed: Iterable[str],
    *,
    ok: int = 200,
    denied: int = 404,
    anonymous: int = LOGIN,
    **others: int,
) -> dict[str, int]:
    """`ok` for the allowed personas, `denied` for the rest; single personas by keyword."""
    allowed = set(allowed)
    table = {p: ok if p in allowed else denied for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(others)
    return table


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def get_only(*, anonymous: int = LOGIN) -> dict[str, int]:
    """A read-only route refuses a POST with 405 before it asks who is calling."""
    return {**dict.fromkeys(LOGGED_IN, 405), "anonymous": anonymous}


# The API answers a method a path does not take before it asks who is calling.
API_GET_ONLY = get_only(anonymous=405)


# Volunteers and the roles without case files get 403 from the referral endpoints: by role.
API_NO_CASE_ROLE = {
    "anonymous": 401,
    **dict.fromkeys(("volunteer", "other_volunteer", "coordinator", "data_protection"), 403),
}


def one(case: Case) -> dict[str, Case]:
    return {"": case}


PARTICIPANT = {"pk": "participant"}
CASE_READ = statuses(CASE)
CASE_READ_API = statuses(CASE, anonymous=401, coordinator=403, data_protection=403)
OWNER_ONLY = statuses(OWNER_ORG)
OWNER_ONLY_API = statuses(OWNER_ORG, anonymous=401, coordinator=403, data_protection=403)
# Intake drafts belong to their author alone; roles without intakes are refused by role.
DRAFT_AUTHOR = statuses(("counsellor",), **dict.fromkeys((*VOLUNTEERS, *NO_CASE_FILE), 403))
COORDINATOR_ONLY = statuses(("coordinator",), denied=403)
TEAM_LEAD_ONLY = statuses(("team_lead",), denied=403)
DATA_PROTECTION_ONLY = statuses(("data_protection",), denied=403)
COUNSELLING_ROLES = statuses(COUNSELLING, denied=403)
EVENT = {"pk": "event"}
EMPLOYER = {"pk": "employer"}
PLACEMENT = {"participant_pk": "participant", "pk": "placement"}
EMPLOYER_ROLES = (*COUNSELLING, "coordinator")
EMPLOYER_WORKERS = statuses(EMPLOYER_ROLES, denied=403)
# The event of the world is the owner organisation's.
EVENT_KEEPER_ROLES = (*OWNER_ORG, "coordinator")
EVENT_KEEPERS = statuses(EVENT_KEEPER_ROLES)
REPORTERS = statuses((*COUNSELLING, "coordinator"), denied=403)
# A report of the owner organisation: other organisations' case workers find no such report.
OWN_REPORT = statuses((*OWNER_ORG, "coordinator"), denied=403, shared=404, stranger=404)


def _profile_routes() -> dict[str, dict[str, Case]]:
    def args(kind: str, item: bool = False) -> dict[str, str]:
        found = {"pk": "participant", "kind": f"={kind}"}
        return {**found, "item_pk": f"items.{kind}"} if item else found

    # Health restrictions (Art. 9 GDPR) and every change belong to the case owner alone.
    def read(kind: str) -> dict[str, int]:
        return OWNER_ONLY if PARTS[kind].health else CASE_READ

    # One kind of each shape: a list, the single record, health, the plan, steps under goals.
    kinds = ("languages", "resources", "health", "goals", "steps")
    return {
        "profiles:part": {
            kind: Case(read(kind), args(kind), write_denied=get_only()) for kind in kinds
        },
        "profiles:item_add": {
            kind: Case(OWNER_ONLY, args(kind)) for kind in ("languages", "health", "resources")
        },
        "profiles:item_edit": {kind: Case(OWNER_ONLY, args(kind, item=True)) for kind in kinds},
        "profiles:item_delete": {
            **{kind: Case(OWNER_ONLY, args(kind, item=True)) for kind in ("languages", "health")},
            # Resources are one record that cannot be deleted: no such page, for anyone.
            "resources": Case(statuses(()), args("resources", item=True)),
        },
    }


ROUTES: dict[str, dict[str, Case]] = {
    # --- core and accounts
    "core:home": one(Case(everyone(302), write_denied=get_only())),
    "core:password_change": one(Case(statuses(LOGGED_IN))),
    "login": one(Case(everyone(200))),
    # Log-out and the language switch take POST only; a GET changes nothing.
    "logout": one(Case(everyone(405))),
    "set_language": one(Case(everyone(302))),
    "otp": one(Case(statuses(LOGGED_IN))),
    "api_tokens:list": one(Case(statuses(LOGGED_IN))),
    # A token is revoked by its owner only; anyone else's request finds no such token.
    "api_tokens:revoke": one(
        Case(statuses(("counsellor",), ok=302), args={"pk": "token"}, method="POST")
    ),
    # --- participants: lists and intake
    "participants:caseload": one(Case(statuses((*COUNSELLING, *VOLUNTEERS), denied=403))),
    "participants:intake_start": one(Case(COUNSELLING_ROLES)),
    # The first step of a new intake: nothing personal until its first save makes a draft.
    "participants:intake_new": one(Case(COUNSELLING_ROLES)),
    "participants:intake_review": one(
        # An intake not yet completed sends its author back to the steps.
        Case({**DRAFT_AUTHOR, "counsellor": 302}, args={"draft_pk": "draft"})
    ),
    "participants:intake_discard": one(Case(DRAFT_AUTHOR, args={"draft_pk": "draft"})),
    "participants:intake_step": {
        step: Case(DRAFT_AUTHOR, args={"draft_pk": "draft", "step": f"={step}"})
        for step in ("person", "consent")
    },
    # The team lead moves a counsellor's cases within the organisation.
    "participants:caseload_transfer": one(
        Case(statuses(("team_lead",), denied=403), args={"user_pk": "account"})
    ),
    # --- participants: the case
    "participants:detail": one(Case(statuses((*CASE, "volunteer")), args=PARTICIPANT)),
    # Sections loaded on demand, and the sections' lines among the page's essentials.
    "participants:section": {
        "timeline": Case(
            CASE_READ,
            args={**PARTICIPANT, "key": "=participants.timeline"},
            write_denied=get_only(),
        ),
        "events": Case(
            CASE_READ,
            args={**PARTICIPANT, "key": "=events.attendance"},
            write_denied=get_only(),
        ),
        "esf": Case(
            CASE_READ, args={**PARTICIPANT, "key": "=reporting.esf"}, write_denied=get_only()
        ),
        # A section that is not loaded on demand has no such page.
        "documents": Case(
            statuses(()),
            args={**PARTICIPANT, "key": "=participants.documents"},
            write_denied=get_only(),
        ),
    },
    "participants:section_line": {
        "work permission": Case(
            CASE_READ,
            args={**PARTICIPANT, "key": "=workpermission.assessment"},
            write_denied=get_only(),
        ),
        "no line": Case(
            statuses(()),
            args={**PARTICIPANT, "key": "=participants.timeline"},
            write_denied=get_only(),
        ),
    },
    "participants:edit": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:enrol": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:exit": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:contact_add": one(Case(CASE_READ, args=PARTICIPANT)),
    # Shared organisations add contacts, but the owner's tasks stay with the owner.
    "participants:task_done": one(
        Case(
            statuses(OWNER_ORG, ok=302),
            args={**PARTICIPANT, "task_pk": "next_step"},
            method="POST",
        )
    ),
    "participants:task_add": one(Case(CASE_READ, args=PARTICIPANT)),
    # Who may mark a task done may edit it: the owner's task stays with the owner.
    "participants:task_edit": one(Case(OWNER_ONLY, args={**PARTICIPANT, "task_pk": "next_step"})),
    "tasks:mine": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    "participants:document_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:consents": one(Case(OWNER_ONLY, args=PARTICIPANT, write_denied=get_only())),
    "participants:consent_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:consent_revoke": one(
        Case(OWNER_ONLY, args={**PARTICIPANT, "consent_pk": "consent"})
    ),
    "participants:share_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:share_end": one(
        Case(
            statuses(OWNER_ORG, ok=302),
            args={**PARTICIPANT, "share_pk": "share"},
            method="POST",
        )
    ),
    "participants:volunteer_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "participants:volunteer_remove": one(
        Case(
            statuses(OWNER_ORG, ok=302),
            args={**PARTICIPANT, "user_pk": "volunteer"},
            method="POST",
        )
    ),
    # --- network
    "network:overview": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    "network:organisation_add": one(Case(COORDINATOR_ONLY)),
    "network:organisation_edit": one(Case(COORDINATOR_ONLY, args={"pk": "organisation"})),
    # The organisation has a team lead already: the page says so instead of the form.
    "network:team_lead_add": one(Case(COORDINATOR_ONLY, args={"pk": "organisation"})),
    "network:site_add": one(Case(COORDINATOR_ONLY, args={"organisation_pk": "organisation"})),
    "network:site_edit": one(
        Case(COORDINATOR_ONLY, args={"organisation_pk": "organisation", "pk": "site"})
    ),
    "network:accounts": one(Case(TEAM_LEAD_ONLY)),
    "network:account_edit": one(Case(TEAM_LEAD_ONLY, args={"pk": "account"})),
    # --- inbox: every member of a network has one; what is in it is each source's decision
    "inbox:page": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    "inbox:notifications": one(Case(statuses(LOGGED_IN, ok=302), method="POST")),
    "inbox:badge": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    # --- referrals: the owner refers; sender (owner) and recipient (the sharing organisation)
    # see the referral, nobody else; a referral letter is the sender's
    "referrals:create": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "referrals:detail": one(Case(statuses(CASE), args={"pk": "referral"}, write_denied=get_only())),
    "referrals:letter": one(
        Case(statuses(OWNER_ORG), args={"pk": "outside_referral"}, write_denied=get_only())
    ),
    "referrals:act": {
        action: Case(
            statuses(CASE),
            args={"pk": "referral", "action": f"={action}"},
            method="POST",
        )
        for action in (
            "accept",
            "decline",
            "start",
            "correct_start",
            "complete",
            "outcome",
            "reroute",
        )
    },
    # The sender's cancellation page (a reason required); the recipient cannot cancel.
    "referrals:cancel": one(Case(statuses(OWNER_ORG), args={"pk": "referral"})),
    # Unanswered requests: each case role its own organisation's, the coordinator the
    # network's without names.
    "referrals:overdue": one(
        Case(statuses((*COUNSELLING, "coordinator")), write_denied=get_only())
    ),
    "referrals:settings": one(Case(COORDINATOR_ONLY)),
    # --- offers (network data: every member reads; partners keep their own, the coordinator all)
    "offers:catalogue": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    "offers:detail": one(Case(statuses(LOGGED_IN), args={"pk": "offer"}, write_denied=get_only())),
    "offers:add": one(Case(statuses((*COUNSELLING, "coordinator")))),
    "offers:edit": one(Case(statuses(("stranger", "coordinator")), args={"pk": "offer"})),
    "offers:import": one(Case(COORDINATOR_ONLY)),
    "offers:publish": one(Case(statuses(("coordinator",), ok=302, denied=403), method="POST")),
    "offers:public_catalogue": one(Case(everyone(200), write_denied=everyone(405))),
    "offers:public_detail": one(
        Case(everyone(200), args={"pk": "offer"}, write_denied=everyone(405))
    ),
    # --- employers and vacancies (network data: the partners' case roles and the coordinator
    # read and keep them; volunteers, the funder and the data-protection officer do not)
    "employers:list": one(Case(EMPLOYER_WORKERS)),
    "employers:add": one(Case(EMPLOYER_WORKERS)),
    "employers:detail": one(Case(EMPLOYER_WORKERS, args=EMPLOYER)),
    "employers:edit": one(Case(EMPLOYER_WORKERS, args=EMPLOYER)),
    "employers:person_add": one(Case(EMPLOYER_WORKERS, args=EMPLOYER)),
    "employers:person_edit": one(
        Case(EMPLOYER_WORKERS, args={**EMPLOYER, "person_pk": "employer_person"})
    ),
    # Without the version it showed, a removal is refused as stale: back to the page.
    "employers:person_remove": one(
        Case(
            statuses(EMPLOYER_ROLES, ok=302, denied=403),
            args={**EMPLOYER, "person_pk": "employer_person"},
            method="POST",
        )
    ),
    "employers:contact_add": one(Case(EMPLOYER_WORKERS, args=EMPLOYER)),
    "employers:step_done": one(
        Case(
            statuses(EMPLOYER_ROLES, ok=302, denied=403),
            args={**EMPLOYER, "step_pk": "employer_step"},
            method="POST",
        )
    ),
    "employers:vacancy_add": one(Case(EMPLOYER_WORKERS, args={"employer_pk": "employer"})),
    "employers:vacancies": one(Case(EMPLOYER_WORKERS)),
    "employers:vacancy_import": one(Case(COORDINATOR_ONLY)),
    "employers:vacancy": one(Case(EMPLOYER_WORKERS, args={"pk": "match_vacancy"})),
    "employers:vacancy_edit": one(Case(EMPLOYER_WORKERS, args={"pk": "match_vacancy"})),
    # --- matching (a participant's vacancies: the case; a vacancy's candidates: case roles)
    # --- placements and their follow-up (a case section: reading needs the case file, every
    # change the case owner; the follow-up list is for the case roles, its schedule the
    # coordinator's)
    "placements:placement_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "placements:placement_edit": one(Case(OWNER_ONLY, args=PLACEMENT)),
    "placements:placement_end": one(Case(OWNER_ONLY, args=PLACEMENT)),
    "placements:check_in": one(
        Case(OWNER_ONLY, args={"participant_pk": "participant", "pk": "check_in"})
    ),
    "placements:employer_sheet": one(Case(CASE_READ, args=PLACEMENT, write_denied=get_only())),
    "placements:follow_up": one(Case(COUNSELLING_ROLES)),
    "placements:settings": one(Case(COORDINATOR_ONLY)),
    "matches:match_participant": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    "matches:match_vacancy": one(
        Case(
            statuses(COUNSELLING, denied=403),
            args={"pk": "match_vacancy"},
            write_denied=get_only(),
        )
    ),
    # --- events (network data: every member reads the event; its organisers and the
    # coordinator keep it; names of participants only for case workers who may see the case)
    "events:list": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    "events:add": one(Case(statuses((*COUNSELLING, "coordinator")))),
    "events:overview": one(Case(statuses(("team_lead", "coordinator"), denied=403))),
    "events:detail": one(Case(statuses(LOGGED_IN), args=EVENT, write_denied=get_only())),
    "events:edit": one(Case(EVENT_KEEPERS, args=EVENT)),
    "events:register": one(Case(statuses(COUNSELLING), args=EVENT, method="POST")),
    "events:cancel_registration": one(
        Case(
            statuses(CASE, ok=302),
            args={**EVENT, "rpk": "event_registration"},
            method="POST",
        )
    ),
    "events:certificate": one(
        Case(
            CASE_READ,
            args={**EVENT, "rpk": "event_registration"},
            write_denied=get_only(),
        )
    ),
    "events:session_add": one(Case(EVENT_KEEPERS, args=EVENT, method="POST")),
    # A session with attendance stays: the keeper is told so on the event page.
    "events:session_remove": one(
        Case(
            statuses(EVENT_KEEPER_ROLES, ok=302),
            args={**EVENT, "spk": "event_session"},
            method="POST",
        )
    ),
    "events:attendance": one(
        Case(statuses((*COUNSELLING, "coordinator")), args={**EVENT, "spk": "event_session"})
    ),
    "events:attendance_sheet": one(
        Case(
            statuses((*COUNSELLING, "coordinator")),
            args={**EVENT, "spk": "event_session"},
            write_denied=get_only(),
        )
    ),
    "events:group_add": one(Case(EVENT_KEEPERS, args=EVENT)),
    "events:group_edit": one(Case(EVENT_KEEPERS, args={**EVENT, "gpk": "event_group"})),
    "events:group_remove": one(
        Case(
            statuses(EVENT_KEEPER_ROLES, ok=302),
            args={**EVENT, "gpk": "event_group"},
            method="POST",
        )
    ),
    "events:evaluation": one(Case(EVENT_KEEPERS, args=EVENT)),
    "events:register_case": one(
        Case(statuses(CASE, ok=302), args={"participant_pk": "participant"}, method="POST")
    ),
    # --- responsibilities (network data: every member reads; the coordinator keeps the map)
    "responsibilities:map": one(Case(statuses(LOGGED_IN), write_denied=get_only())),
    "responsibilities:manage": one(Case(COORDINATOR_ONLY)),
    "responsibilities:step_add": one(Case(COORDINATOR_ONLY)),
    "responsibilities:step_edit": one(Case(COORDINATOR_ONLY, args={"pk": "path_step"})),
    "responsibilities:step_delete": one(Case(COORDINATOR_ONLY, args={"pk": "path_step"})),
    "responsibilities:responsibility_add": one(
        Case(COORDINATOR_ONLY, args={"step_pk": "path_step"})
    ),
    "responsibilities:responsibility_edit": one(
        Case(COORDINATOR_ONLY, args={"pk": "responsibility"})
    ),
    "responsibilities:responsibility_delete": one(
        Case(COORDINATOR_ONLY, args={"pk": "responsibility"})
    ),
    "responsibilities:publish": one(
        Case(statuses(("coordinator",), ok=302, denied=403), method="POST")
    ),
    "responsibilities:export": {
        fmt: Case(statuses(LOGGED_IN), args={"fmt": f"={fmt}"}, write_denied=get_only())
        for fmt in ("xlsx", "pdf")
    },
    "responsibilities:public_map": one(
        Case(everyone(200), args={"network_pk": "network"}, write_denied=everyone(405))
    ),
    "responsibilities:public_export": {
        fmt: Case(
            everyone(200),
            args={"network_pk": "network", "fmt": f"={fmt}"},
            write_denied=everyone(405),
        )
        for fmt in ("xlsx", "pdf")
    },
    # --- appointments
    "appointments:mine": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    "appointments:desk": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    # A day of the desk's week, loaded when opened: the owner's site, so nothing for the
    # counsellors of other organisations.
    "appointments:desk_day": one(
        Case(
            statuses(COUNSELLING, denied=403, shared=404, stranger=404),
            query="site={site}&date=2026-12-07",
            write_denied=get_only(),
        )
    ),
    "appointments:settings": one(Case(COORDINATOR_ONLY)),
    # One's own consultation hours (a team lead's team's too, by `?counsellor=`).
    "appointments:hours": one(Case(COUNSELLING_ROLES)),
    "appointments:feed_renew": one(Case(statuses(COUNSELLING, ok=302, denied=403), method="POST")),
    # The secret address is the key: no log-in (the colleague's feed names no one).
    "appointments:feed": one(
        Case(everyone(200), args={"token": "feed_token"}, write_denied=everyone(405))
    ),
    "appointments:case": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    "appointments:add": one(Case(CASE_READ, args=PARTICIPANT)),
    "appointments:book": one(Case(CASE_READ, args=PARTICIPANT)),
    "appointments:edit": one(
        Case(CASE_READ, args={**PARTICIPANT, "appointment_pk": "appointment"})
    ),
    # The front desk's attended / did not attend: a POST of those who work on the case.
    "appointments:mark": one(
        Case(
            statuses(CASE, ok=302, denied=404),
            args={**PARTICIPANT, "appointment_pk": "appointment"},
            method="POST",
        )
    ),
    "appointments:ics": one(
        Case(
            CASE_READ,
            args={**PARTICIPANT, "appointment_pk": "appointment"},
            write_denied=get_only(),
        )
    ),
    "appointments:card": one(
        Case(
            CASE_READ,
            args={**PARTICIPANT, "appointment_pk": "appointment"},
            write_denied=get_only(),
        )
    ),
    # --- audit
    "audit:log": one(Case(DATA_PROTECTION_ONLY, write_denied=get_only(anonymous=405))),
    "audit:export": one(Case(DATA_PROTECTION_ONLY, write_denied=get_only(anonymous=405))),
    # --- work permission
    "workpermission:radar": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    "workpermission:try": one(Case(COUNSELLING_ROLES)),
    "workpermission:assessment": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    "workpermission:facts_edit": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    # --- reporting: the ESF data of a case (the owner's to change)
    "reporting:esf_edit": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "reporting:esf_situation_add": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "reporting:esf_situation_delete": one(
        Case(
            statuses(OWNER_ORG, ok=302),
            args={**PARTICIPANT, "event_pk": "esf_event"},
            method="POST",
        )
    ),
    "reporting:esf_no_situation": one(Case(OWNER_ONLY, args=PARTICIPANT)),
    "reporting:esf_no_situation_undo": one(
        Case(statuses(OWNER_ORG, ok=302), args=PARTICIPANT, method="POST")
    ),
    "reporting:esf_follow_up": one(
        Case(OWNER_ONLY, args={**PARTICIPANT, "follow_up_pk": "esf_follow_up"})
    ),
    # --- reporting: reports are aggregates (case workers of their organisation, the network's
    # coordinator and funder); only case workers open the people behind a number.
    "reporting:reports": one(Case(REPORTERS)),
    "reporting:not_reportable": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    **{
        name: one(Case(OWN_REPORT, args={"pk": "report"}, write_denied=get_only()))
        for name in ("reporting:report", "reporting:report_xlsx", "reporting:report_pdf")
    },
    "reporting:incomplete_exits": one(
        Case({**OWN_REPORT, "coordinator": 403}, args={"pk": "report"}, write_denied=get_only())
    ),
    "reporting:report_people": one(
        Case(
            {**OWN_REPORT, "coordinator": 403},
            args={"pk": "report", "code": "=EECO01"},
            write_denied=get_only(),
        )
    ),
    # --- profiles
    "profiles:occupation_suggest": one(Case(COUNSELLING_ROLES, write_denied=get_only())),
    "profiles:profile": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    "profiles:side_by_side": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    **_profile_routes(),
    "profile_documents:cv": one(Case(CASE_READ, args=PARTICIPANT)),
    "profile_documents:plan": one(Case(CASE_READ, args=PARTICIPANT, write_denied=get_only())),
    # --- reporting: dashboards (aggregates only) and open statistics
    "reporting:dashboard": one(
        Case(statuses((*COUNSELLING, "coordinator"), denied=403), write_denied=get_only())
    ),
    "reporting:statistics_settings": one(Case(COORDINATOR_ONLY)),
    "reporting:statistics_index": one(Case(everyone(200), write_denied=everyone(405))),
    # Not published in the world: only the network's coordinator sees the preview.
    **{
        name: one(
            Case(
                statuses(("coordinator",), anonymous=404),
                args={"network_id": "organisation.network", **table},
                write_denied=everyone(405),
            )
        )
        for name, table in (
            ("reporting:statistics_public", {}),
            ("reporting:statistics_csv", {"table": "=age"}),
            ("reporting:statistics_xlsx", {}),
        )
    },
    # --- API
    "api:openapi-json": one(Case(everyone(200))),
    "api:openapi-view": one(Case(everyone(200))),
    "api:docs_asset": one(Case(everyone(200), args={"name": "=favicon.png"})),
    "api:api-root": one(Case(everyone(404))),
    "api:participant_list": one(
        Case(
            statuses((*COUNSELLING, *VOLUNTEERS), denied=403, anonymous=401),
            check_writes=False,
        )
    ),
    # An empty registration is refused as invalid (422) by those who may register.
    "api:participant_create": one(
        Case(
            statuses(COUNSELLING, ok=201, denied=403, anonymous=401),
            method="POST",
            json=NEW_PARTICIPANT,
        )
    ),
    "api:participant_detail": one(
        Case(
            statuses((*CASE, "volunteer"), anonymous=401, coordinator=403, data_protection=403),
            args={"participant_id": "participant"},
            write_denied=API_GET_ONLY,
        )
    ),
    "api:contact_list": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, check_writes=False)
    ),
    "api:contact_create": one(
        Case(
            {**CASE_READ_API, **dict.fromkeys(CASE, 201)},
            args={"participant_id": "participant"},
            method="POST",
            json=NEW_CONTACT,
        )
    ),
    "api:my_task_list": one(
        Case(
            statuses(COUNSELLING, denied=403, anonymous=401, volunteer=403, other_volunteer=403),
            write_denied=API_GET_ONLY,
        )
    ),
    "api:task_list": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, check_writes=False)
    ),
    "api:task_create": one(
        Case(
            {**CASE_READ_API, **dict.fromkeys(CASE, 201)},
            args={"participant_id": "participant"},
            method="POST",
            json={"description": "Rückruf Ausländerbehörde"},
        )
    ),
    # --- referrals over the API: roles without case files are refused by role (403)
    "api:referral_create": one(
        Case(
            statuses(OWNER_ORG, ok=201, **API_NO_CASE_ROLE),
            args={"participant_id": "participant"},
            method="POST",
            json={"outside_provider": "Volkshochschule", "reason": "Kurs", "request": "Aufnahme"},
        )
    ),
    "api:referral_inbox": one(
        Case(statuses(COUNSELLING, **API_NO_CASE_ROLE), write_denied=API_GET_ONLY)
    ),
    "api:referral_detail": one(
        Case(
            statuses(CASE, **API_NO_CASE_ROLE),
            args={"referral_id": "referral"},
            write_denied=API_GET_ONLY,
        )
    ),
    # The sender cancels; the recipient may not (409), a third organisation finds nothing.
    "api:referral_answer": one(
        Case(
            statuses(OWNER_ORG, shared=409, **API_NO_CASE_ROLE),
            args={"referral_id": "referral"},
            method="POST",
            json={"action": "cancel", "version": 1, "note": "Der Kurs fällt aus."},
        )
    ),
    "api:offer_eligibility": one(
        Case(
            statuses(CASE, **API_NO_CASE_ROLE),
            args={"participant_id": "participant", "offer_id": "offer"},
            write_denied=API_GET_ONLY,
        )
    ),
    # --- the offers over the API: network data, read by every member; kept by the provider's
    # team (the stranger's organisation) and the coordinator. A partner may not name a provider
    # outside the network (422), which the body does.
    "api:offer_list": one(Case(statuses(LOGGED_IN, anonymous=401), check_writes=False)),
    "api:offer_create": one(
        Case(
            statuses(
                ("coordinator",),
                ok=201,
                denied=403,
                anonymous=401,
                **dict.fromkeys(COUNSELLING, 422),
            ),
            method="POST",
            json={"title": "Bewerbungstraining", "kind": "counselling", "outside_provider": "VHS"},
        )
    ),
    "api:offer_detail": one(
        Case(
            statuses(LOGGED_IN, anonymous=401),
            args={"offer_id": "offer"},
            write_denied=API_GET_ONLY,
        )
    ),
    "api:offer_change": one(
        Case(
            statuses(("stranger", "coordinator"), denied=403, anonymous=401),
            args={"offer_id": "offer"},
            method="PATCH",
            json={"seats_free": 3, "version": 1},
        )
    ),
    "api:participant_eligibility": one(
        Case(
            statuses(CASE, **API_NO_CASE_ROLE),
            args={"participant_id": "participant"},
            write_denied=API_GET_ONLY,
        )
    ),
    "api:appointment_list": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, check_writes=False)
    ),
    # Without a counsellor: each persona's booking takes no one's time, so none is refused.
    "api:appointment_create": one(
        Case(
            {**CASE_READ_API, **dict.fromkeys(CASE, 201)},
            args={"participant_id": "participant"},
            method="POST",
            json={
                "kind": "jobcentre",
                "day": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
                "starts": "09:00",
                "ends": "10:00",
                "place": "address",
                "address": "Jobcenter Teststadt, Raum 3",
            },
        )
    ),
    "api:task_done": one(
        Case(
            statuses(OWNER_ORG, anonymous=401, coordinator=403, data_protection=403),
            args={"participant_id": "participant", "task_id": "next_step"},
            method="POST",
            json={"version": 1},
        )
    ),
    "api:responsibility_map": one(
        Case(statuses(LOGGED_IN, denied=403, anonymous=401), write_denied=API_GET_ONLY)
    ),
    "api:responsibilities_for_participant": one(
        Case(
            statuses(CASE, anonymous=401, **dict.fromkeys((*VOLUNTEERS, *NO_CASE_FILE), 403)),
            args={"participant_id": "participant"},
            write_denied=API_GET_ONLY,
        )
    ),
    "api:evaluate_situation": one(
        Case(statuses(COUNSELLING, ok=422, denied=403, anonymous=401), method="POST", json={})
    ),
    "api:placement_list": one(
        Case(
            statuses(CASE, anonymous=401),
            args={"participant_id": "participant"},
            check_writes=False,
        )
    ),
    # The body names no employer of the network: the case owner's request meets the form (422).
    "api:placement_create": one(
        Case(
            statuses(OWNER_ORG, ok=422, anonymous=401),
            args={"participant_id": "participant"},
            method="POST",
            json={
                "employer": 999999,
                "kind": "employment",
                "title": "Lagerhelfer/in",
                "starts_on": "2025-05-01",
            },
        )
    ),
    "api:placement_patch": one(
        Case(
            statuses(OWNER_ORG, anonymous=401),
            args={"placement_id": "placement"},
            method="PATCH",
            json={"version": 1, "title": "Lagerhelfer"},
        )
    ),
    "api:vacancy_matches": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, write_denied=API_GET_ONLY)
    ),
    "api:vacancy_candidates": one(
        Case(
            statuses(COUNSELLING, denied=403, anonymous=401),
            args={"vacancy_id": "match_vacancy"},
            write_denied=API_GET_ONLY,
        )
    ),
    "api:profile_get": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, write_denied=API_GET_ONLY)
    ),
    "api:health_get": one(
        Case(OWNER_ONLY_API, args={"participant_id": "participant"}, write_denied=API_GET_ONLY)
    ),
    "api:health_put": one(
        Case(OWNER_ONLY_API, args={"participant_id": "participant"}, method="PUT", json=[])
    ),
    "api:plan_get": one(
        Case(CASE_READ_API, args={"participant_id": "participant"}, write_denied=API_GET_ONLY)
    ),
    "api:profile_put": {
        kind: Case(
            OWNER_ONLY_API,
            args={"participant_id": "participant", "kind": f"={kind}"},
            method="PUT",
            json=[],
        )
        for kind in ("languages", "health")
    },
    "api:plan_put": one(
        Case(
            OWNER_ONLY_API,
            args={"participant_id": "participant", "kind": "=goals"},
            method="PUT",
            json=[],
        )
    ),
    "api:services": one(Case(everyone(200), write_denied=everyone(405))),
    "api:service": one(
        Case(everyone(200), args={"service_id": f"={OFFER_PUBLIC_ID}"}, write_denied=everyone(405))
    ),
    "api:organizations": one(Case(everyone(200), write_denied=everyone(405))),
    # The whole network's report: the coordinator's (and the funder's), not a case worker's.
    "api:report": one(
        Case(
            statuses(("coordinator",), denied=403, anonymous=401),
            args={"indicator_set": "=esf"},
            query="from=2025-01-01&to=2025-12-31",
            write_denied=API_GET_ONLY,
        )
    ),
    "api:occupations": one(
        Case(statuses(LOGGED_IN, anonymous=401), query="q=Pflege", write_denied=API_GET_ONLY)
    ),
    # Events with counts only: every member of the network reads them.
    "api:event_list": one(
        Case(statuses(LOGGED_IN, anonymous=401), query="year=2026", write_denied=API_GET_ONLY)
    ),
    "api:event_detail": one(
        Case(
            statuses(LOGGED_IN, anonymous=401),
            args={"event_id": "event"},
            write_denied=API_GET_ONLY,
        )
    ),
}
