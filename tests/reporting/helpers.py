"""Fictional participants with ESF data, made through the services as a counsellor would."""

import datetime
from typing import Any

from lotse.participants import services as participant_services
from lotse.reporting import services
from tests.factories import participant_for

YEAR_START = datetime.date(2026, 1, 1)
YEAR_END = datetime.date(2026, 12, 31)


def esf_person(
    counsellor: Any,
    *,
    first_names: str,
    gender: str = "female",
    birth_date: datetime.date = datetime.date(2000, 5, 1),
    entry: datetime.date = datetime.date(2026, 2, 1),
    labour_status: str | None = "unemployed",
    isced: int | None = 3,
    exit_on: datetime.date | None = None,
    outcome: str = "employment",
    situation: str | None = None,
) -> Any:
    person = participant_for(
        counsellor,
        first_names=first_names,
        last_name="Testperson",
        gender=gender,
        birth_date=birth_date,
    )
    participant_services.participant_enrol(actor=counsellor, participant=person, entry_date=entry)
    data: dict[str, Any] = {}
    if labour_status is not None:
        data["labour_status"] = labour_status
    if isced is not None:
        data["isced_level"] = isced
    if data:
        services.esf_record_save(actor=counsellor, participant=person, data=data)
    if exit_on is not None:
        participant_services.participant_exit(
            actor=counsellor, participant=person, exit_date=exit_on, outcome=outcome
        )
        person.refresh_from_db()
        if situation is not None:
            services.esf_situation_record(
                actor=counsellor,
                participant=person,
                day=exit_on + datetime.timedelta(days=7),
                situation=situation,
            )
    return person


def esf_caseload(net: Any) -> dict[str, Any]:
    """Four people of the owner organisation and one of the Jobcenter:
    - Amal (f): unemployed, left in June, employed a week later (EECR04);
    - Bashir (m): long-term unemployed, left in June, job searching (EECR01);
    - Dana (diverse): inactive, still in the project;
    - Farid (m): no labour-market status — not reportable yet;
    - Jana (f, Jobcenter): employed at entry."""
    june = datetime.date(2026, 6, 15)
    return {
        "amal": esf_person(net.counsellor, first_names="Amal", exit_on=june, situation="employed"),
        "bashir": esf_person(
            net.counsellor,
            first_names="Bashir",
            gender="male",
            labour_status="long_term_unemployed",
            exit_on=june,
            outcome="job_searching",
            situation="job_searching",
        ),
        "dana": esf_person(
            net.counsellor, first_names="Dana", gender="diverse", labour_status="inactive"
        ),
        "farid": esf_person(net.counsellor, first_names="Farid", gender="male", labour_status=None),
        "jana": esf_person(net.other_counsellor, first_names="Jana", labour_status="employed"),
    }
