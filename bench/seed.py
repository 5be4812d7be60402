"""Scale seeder: a realistic network at benchmark size, fast. Prints figures, asserts nothing.

    .venv/bin/python bench/seed.py --participants 100000 [--database-url URL]

It reuses the demo's deterministic generator (`lotse.demo.generator`) and vocabulary, one
generator seed per network, and writes rows directly: PostgreSQL's COPY on PostgreSQL, Django's
bulk_create in batches elsewhere. Services and history tables are bypassed on purpose (millions
of audit events are not what the benchmark measures); the derived fields the services keep
(the network on each case-file row, current document, document_valid_until, last_contact_on,
next step, the phonetic name tokens) are written the same way the services compute them.

Layout: one network per 25,000 participants, each with the demo's four organisations and sites,
about one counsellor per 250 participants, a team lead per organisation. In the first network
the Sozialwerk has the accounts the benchmark logs in as: `bench.gross` (500 participants),
`bench.klein` (50) and `bench.leitung` (team lead, the whole organisation).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

PARTICIPANTS_PER_NETWORK = 25_000
CASELOAD = 250
CHUNK = 5_000
BIG, SMALL = 500, 50
BENCH_NETWORK = "Bench-Netzwerk {}"


def setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["LOTSE_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()


@dataclass
class Ids:
    """Next free primary key per table, so rows can reference each other before they exist."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


class Writer:
    """COPY on PostgreSQL; bulk_create in batches on other databases."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.copy = connection.vendor == "postgresql"

    def write(self, model: Any, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.copy:
            table = self.connection.ops.quote_name(model._meta.db_table)
            names = ", ".join(self.connection.ops.quote_name(c) for c in columns)
            json_at = [i for i, c in enumerate(columns) if c == "topics"]
            with (
                self.connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    if json_at:
                        row = tuple(json.dumps(v) if i in json_at else v for i, v in enumerate(row))
                    copy.write_row(row)
        else:
            attnames = {f.column: f.attname for f in model._meta.concrete_fields}
            keys = [attnames[c] for c in columns]
            model.objects.bulk_create(
                (model(**dict(zip(keys, row, strict=True))) for row in rows), batch_size=2000
            )


def _check_columns(model: Any, columns: Sequence[str]) -> None:
    """Fail loudly when the models changed and the seeder no longer writes every column."""
    expected = {f.column for f in model._meta.concrete_fields}
    if set(columns) != expected:
        raise SystemExit(
            f"bench/seed.py is out of date for {model.__name__}: "
            f"missing {sorted(expected - set(columns))}, unknown {sorted(set(columns) - expected)}"
        )


PARTICIPANT_COLUMNS = (
    "id",
    "network_id",
    "organisation_id",
    "file_number",
    "first_names",
    "last_name",
    "aliases",
    "birth_date",
    "birth_year",
    "birth_date_precision",
    "gender",
    "nationality",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "wishes",
    "status",
    "entry_date",
    "exit_date",
    "exit_outcome",
    "site_id",
    "counsellor_id",
    "current_document_id",
    "document_valid_until",
    "document_type",
    "last_contact_on",
    "next_step_id",
    "version",
    "created_at",
    "updated_at",
    "created_by_id",
)
DOCUMENT_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "document_type",
    "section",
    "issued_on",
    "valid_until",
    "annotation",
    "recorded_at",
    "recorded_by_id",
)
STATUS_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "status",
    "effective_on",
    "exit_outcome",
    "recorded_at",
    "recorded_by_id",
)
CONTACT_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "organisation_id",
    "counsellor_id",
    "took_place_on",
    "duration_minutes",
    "form",
    "site_id",
    "topics",
    "interpreter_language",
    "note",
    "submission_key",
    "created_at",
)
STEP_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "contact_id",
    "description",
    "due_on",
    "done_on",
    "organisation_id",
    "assignee_id",
    "assignee_name",
    "status",
    "note",
    "version",
    "created_at",
    "created_by_id",
    "updated_at",
    "updated_by_id",
)
TOKEN_COLUMNS = ("id", "participant_id", "network_id", "token")
CONSENT_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "purpose",
    "given_on",
    "form",
    "witness",
    "valid_until",
    "revoked_on",
    "recorded_at",
    "recorded_by_id",
)
CONSENT_ORG_COLUMNS = ("id", "consent_id", "organisation_id")
SHARE_COLUMNS = (
    "id",
    "participant_id",
    "network_id",
    "organisation_id",
    "started_at",
    "started_by_id",
    "ended_at",
    "ended_by_id",
)


@dataclass
class NetworkSetup:
    network_id: int
    organisations: dict[str, int]  # vocabulary key → id
    prefixes: dict[str, str]
    sites: dict[str, int]
    counsellors: dict[str, list[int]]  # organisation key → counsellor user ids
    reserved: list[tuple[int, int]] = field(default_factory=list)  # (user id, caseload) first


def _create_network(index: int, participants: int, today: datetime.date) -> NetworkSetup:
    from django.contrib.auth import get_user_model

    from lotse.demo import generator, vocabulary
    from lotse.network.enums import Role
    from lotse.network.models import ConsultationHour, Membership, Network, Organisation, Site

    user_model = get_user_model()
    network = Network.objects.create(
        name=BENCH_NETWORK.format(index + 1), running_since=datetime.date(2022, 7, 1)
    )
    organisations: dict[str, int] = {}
    prefixes: dict[str, str] = {}
    sites: dict[str, int] = {}
    counsellors: dict[str, list[int]] = {}
    reserved: list[tuple[int, int]] = []
    shares = {key: weight for key, weight, _c, _s in generator.CASE_OWNERS}
    total = sum(shares.values())
    for spec in vocabulary.ORGANISATIONS:
        organisation = Organisation.objects.create(
            network=network,
            name=spec.name,
            kind=spec.kind,
            file_number_prefix=spec.prefix,
            contact_email=spec.email.replace("@", f"@n{index + 1}."),
            contact_phone=spec.phone,
        )
        organisations[spec.key] = organisation.pk
        prefixes[spec.key] = spec.prefix
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
                ConsultationHour(
                    site=site,
                    weekday=day,
                    starts_at=datetime.time.fromisoformat(a),
                    ends_at=datetime.time.fromisoformat(b),
                )
                for day, a, b in site_spec.hours
            )
            sites[site_spec.key] = site.pk
        if spec.key not in shares:
            continue
        expected = participants * shares[spec.key] / total
        named: list[tuple[str, Role]] = [(f"n{index + 1}.{spec.key}.leitung", Role.TEAM_LEAD)]
        if index == 0 and spec.key == "sw":
            named = [
                ("bench.gross", Role.COUNSELLOR),
                ("bench.klein", Role.COUNSELLOR),
                ("bench.leitung", Role.TEAM_LEAD),
            ]
            expected -= BIG + SMALL
        count = max(1, math.ceil(expected / CASELOAD))
        names = named + [
            (f"n{index + 1}.{spec.key}.{k + 1:03d}", Role.COUNSELLOR) for k in range(count)
        ]
        users = user_model.objects.bulk_create(
            user_model(username=name, password="!", first_name="Bench", last_name=name)
            for name, _role in names
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=organisation, role=role)
            for user, (_name, role) in zip(users, names, strict=True)
        )
        by_name = {u.username: u.pk for u in users}
        if index == 0 and spec.key == "sw":
            reserved = [(by_name["bench.gross"], BIG), (by_name["bench.klein"], SMALL)]
        counsellors[spec.key] = [
            by_name[n]
            for n, role in names
            if role == Role.COUNSELLOR and n not in ("bench.gross", "bench.klein")
        ]
    return NetworkSetup(network.pk, organisations, prefixes, sites, counsellors, reserved)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


def _rows_for(
    plans: Iterable[Any], net: NetworkSetup, ids: Ids, state: dict[str, Any], year: int
) -> dict[str, list[tuple[Any, ...]]]:
    from lotse.participants.names import name_keys

    out: dict[str, list[tuple[Any, ...]]] = {
        k: []
        for k in (
            "participant",
            "document",
            "status",
            "contact",
            "step",
            "token",
            "consent",
            "consent_org",
            "share",
        )
    }
    for plan in plans:
        org_key = plan.organisation
        organisation = net.organisations[org_key]
        if org_key == "sw" and state["reserved"]:
            counsellor, left = state["reserved"][0]
            state["reserved"][0] = (counsellor, left - 1)
            if left - 1 == 0:
                state["reserved"].pop(0)
        else:
            pool = net.counsellors[org_key]
            counsellor = pool[state["turn"] % len(pool)]
            state["turn"] += 1
        state["numbers"][org_key] = number = state["numbers"].get(org_key, 0) + 1
        pid = ids.take("participant")
        site = net.sites[plan.site]
        created = _noon(plan.registered_on)

        document_id = None
        for document in plan.documents:
            document_id = ids.take("document")
            out["document"].append(
                (
                    document_id,
                    pid,
                    net.network_id,
                    document.document_type,
                    document.section,
                    document.issued_on,
                    document.valid_until,
                    document.annotation,
                    created,
                    counsellor,
                )
            )
        current = plan.documents[-1]
        out["status"].append(
            (
                ids.take("status"),
                pid,
                net.network_id,
                "registered",
                plan.registered_on,
                "",
                created,
                counsellor,
            )
        )
        if plan.entry_date:
            out["status"].append(
                (
                    ids.take("status"),
                    pid,
                    net.network_id,
                    "enrolled",
                    plan.entry_date,
                    "",
                    _noon(plan.entry_date),
                    counsellor,
                )
            )
        if plan.exit_date:
            out["status"].append(
                (
                    ids.take("status"),
                    pid,
                    net.network_id,
                    "exited",
                    plan.exit_date,
                    plan.exit_outcome,
                    _noon(plan.exit_date),
                    counsellor,
                )
            )
        open_steps: list[tuple[bool, datetime.date | None, int]] = []
        for contact in plan.contacts:
            contact_id = ids.take("contact")
            out["contact"].append(
                (
                    contact_id,
                    pid,
                    net.network_id,
                    organisation,
                    counsellor,
                    contact.took_place_on,
                    contact.duration_minutes,
                    contact.form,
                    site if contact.form == "in_person" else None,
                    list(contact.topics),
                    contact.interpreter_language,
                    contact.note,
                    uuid.uuid4(),
                    _noon(contact.took_place_on),
                )
            )
            for step in contact.steps:
                step_id = ids.take("step")
                out["step"].append(
                    (
                        step_id,
                        pid,
                        net.network_id,
                        contact_id,
                        step.description,
                        step.due_on,
                        step.done_on,
                        organisation,
                        counsellor,
                        "",
                        "open" if step.done_on is None else "done",
                        "",
                        1,
                        _noon(contact.took_place_on),
                        counsellor,
                        _noon(contact.took_place_on),
                        counsellor,
                    )
                )
                if step.done_on is None:
                    open_steps.append((step.due_on is None, step.due_on, step_id))
        tokens: list[str] = []
        for text in (plan.first_names, plan.last_name, *plan.aliases.splitlines()):
            for key in name_keys(text):
                if key[:64] not in tokens:
                    tokens.append(key[:64])
        out["token"].extend((ids.take("token"), pid, net.network_id, t) for t in tokens)
        for consent in plan.consents:
            consent_id = ids.take("consent")
            out["consent"].append(
                (
                    consent_id,
                    pid,
                    net.network_id,
                    consent.purpose,
                    consent.given_on,
                    consent.form,
                    consent.witness,
                    consent.valid_until,
                    consent.revoked_on,
                    _noon(consent.given_on),
                    counsellor,
                )
            )
            out["consent_org"].extend(
                (ids.take("consent_org"), consent_id, net.organisations[key])
                for key in consent.organisations
            )
        out["share"].extend(
            (
                ids.take("share"),
                pid,
                net.network_id,
                net.organisations[key],
                created,
                counsellor,
                None,
                None,
            )
            for key in plan.shares
        )
        last_contact = plan.contacts[-1].took_place_on if plan.contacts else None
        status = "exited" if plan.exit_date else ("enrolled" if plan.entry_date else "registered")
        out["participant"].append(
            (
                pid,
                net.network_id,
                organisation,
                f"{net.prefixes[org_key]}-{year}-{number:05d}",
                plan.first_names,
                plan.last_name,
                plan.aliases,
                plan.birth_date,
                plan.birth_year,
                plan.birth_date_precision,
                plan.gender,
                plan.nationality,
                plan.street,
                plan.postcode,
                plan.city,
                plan.phone,
                plan.email,
                plan.preferred_language,
                plan.interpreter_needed,
                plan.interpreter_language,
                plan.wishes,
                status,
                plan.entry_date,
                plan.exit_date,
                plan.exit_outcome,
                site,
                counsellor,
                document_id,
                current.valid_until,
                current.document_type,
                last_contact,
                min(open_steps, key=_step_order)[2] if open_steps else None,
                1,
                created,
                created,
                counsellor,
            )
        )
    return out


def _step_order(step: tuple[bool, datetime.date | None, int]) -> tuple[bool, datetime.date, int]:
    """The services' order of open steps: by due date, undated last, then by id."""
    undated, due, step_id = step
    return undated, due or datetime.date.min, step_id


def seed(*, participants: int, today: datetime.date | None = None, quiet: bool = False) -> float:
    """Create `participants` participants in fresh bench networks; returns the seconds taken."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from lotse.demo.generator import DEMO_SEED, people_plan
    from lotse.network.models import Network
    from lotse.participants import models as m

    consent_orgs = m.Consent.organisations.through
    tables = {
        "participant": (m.Participant, PARTICIPANT_COLUMNS),
        "document": (m.ResidenceDocument, DOCUMENT_COLUMNS),
        "status": (m.StatusChange, STATUS_COLUMNS),
        "contact": (m.CounsellingContact, CONTACT_COLUMNS),
        "step": (m.Task, STEP_COLUMNS),
        "token": (m.ParticipantNameToken, TOKEN_COLUMNS),
        "consent": (m.Consent, CONSENT_COLUMNS),
        "consent_org": (consent_orgs, CONSENT_ORG_COLUMNS),
        "share": (m.Share, SHARE_COLUMNS),
    }
    for model, columns in tables.values():
        _check_columns(model, columns)
    if Network.objects.filter(name=BENCH_NETWORK.format(1)).exists():
        raise SystemExit("This database is seeded already; use a fresh database.")
    today = today or timezone.localdate()
    started = time.perf_counter()
    writer = Writer()
    counts = dict.fromkeys(tables, 0)
    with scopes_disabled():
        ids = Ids(
            {
                key: (model.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
                for key, (model, _c) in tables.items()
            }
        )
        networks = max(1, math.ceil(participants / PARTICIPANTS_PER_NETWORK))
        left = participants
        for index in range(networks):
            size = min(PARTICIPANTS_PER_NETWORK, left) if networks > 1 else participants
            left -= size
            with transaction.atomic():
                net = _create_network(index, size, today)
            state: dict[str, Any] = {"reserved": list(net.reserved), "turn": 0, "numbers": {}}
            plans = people_plan(
                today=today, count=size, seed=DEMO_SEED + index, contacts_average=5.5
            )
            while True:
                chunk = [p for _, p in zip(range(CHUNK), plans, strict=False)]
                if not chunk:
                    break
                rows = _rows_for(chunk, net, ids, state, today.year)
                with transaction.atomic():
                    for key, (model, columns) in tables.items():
                        writer.write(model, columns, rows[key])
                        counts[key] += len(rows[key])
            if not quiet:
                print(
                    f"  network {index + 1}/{networks}: {size:,} participants, "
                    f"{time.perf_counter() - started:.1f} s",
                    flush=True,
                )
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [model for model, _c in tables.values()]
            ):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    if not quiet:
        print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        print(
            f"seeded {participants:,} participants in {seconds:.1f} s "
            f"({connection.vendor}, {participants / seconds:,.0f} participants/s)"
        )
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: LOTSE_DATABASE_URL or SQLite")
    parser.add_argument("--no-migrate", action="store_true")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    seed(participants=args.participants)


if __name__ == "__main__":
    sys.exit(main())
