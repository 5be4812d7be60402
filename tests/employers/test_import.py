"""The BA job search import on the project's own fixture files: valid, malformed JSON, wrong
shape, a bad record among good ones; idempotent by reference number; all or nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from lotse.audit.models import AuditEvent
from lotse.employers.importer import ImportRefusedError, ba_jobs_import
from lotse.employers.models import Employer, Vacancy
from tests.conftest import Network, client_for
from tests.employers.helpers import employer

FIXTURES = Path(__file__).parent / "fixtures"


def _import(net: Network, name: str) -> object:
    return ba_jobs_import(
        actor=net.coordinator,
        network=net.owner.network,
        content=(FIXTURES / name).read_bytes(),
    )


def test_a_job_search_file_becomes_vacancies_of_found_or_new_employers(net: Network) -> None:
    known = employer(net, name="Beispiel Logistik GmbH")
    result = _import(net, "ba_jobs.json")
    assert (result.created, result.updated, result.employers_created) == (3, 0, 1)  # type: ignore[attr-defined]
    rows = {
        v.ba_reference: (v.employer.name, v.kind, v.kldb_code, v.level, v.min_german)
        for v in Vacancy.objects.select_related("employer")
    }
    assert rows == {
        "10001-1000000001-S": ("Beispiel Logistik GmbH", "job", "51312", "skilled", "B1"),
        "10001-1000000002-S": ("Beispiel Logistik GmbH", "training_dual", "51312", "skilled", "B1"),
        "10001-1000000003-S": ("Gasthaus Zur Linde", "mini_job", "29301", "helper", ""),
    }
    first = Vacancy.objects.get(ba_reference="10001-1000000001-S")
    assert first.employer == known
    assert (first.shift_work, first.suitable_for_refugees, first.source) == (True, True, "ba")
    assert "Gabelstapler fahren" in first.description
    assert AuditEvent.objects.filter(action="employers.vacancies.imported").count() == 1


def test_importing_the_same_file_twice_changes_nothing(net: Network) -> None:
    _import(net, "ba_jobs.json")
    versions = sorted(Vacancy.objects.values_list("pk", "version"))
    result = _import(net, "ba_jobs.json")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)  # type: ignore[attr-defined]
    assert sorted(Vacancy.objects.values_list("pk", "version")) == versions
    assert Employer.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ba_jobs_malformed.json", "Die Datei ist kein JSON"),
        ("ba_jobs_wrong_shape.json", "keine Liste „stellenangebote“"),
    ],
)
def test_a_file_that_is_not_a_job_search_result_is_refused(
    net: Network, name: str, message: str
) -> None:
    with translation.override("de"), pytest.raises(ImportRefusedError) as refused:
        _import(net, name)
    with translation.override("de"):
        assert message in str(refused.value.problems[0])
    assert not Vacancy.objects.exists()


def test_a_bad_record_among_good_ones_imports_nothing_and_names_each_problem(
    net: Network,
) -> None:
    with translation.override("de"), pytest.raises(ImportRefusedError) as refused:
        _import(net, "ba_jobs_bad_record.json")
    with translation.override("de"):
        problems = [str(p) for p in refused.value.problems]
    assert all(
        p.startswith("Stellenangebot 2 (Referenznummer 10001-2000000002-S)") for p in problems
    )
    assert len(problems) == 4  # postcode, kind of offer, start date, level of German
    assert not Vacancy.objects.exists()
    assert not Employer.objects.exists()


def test_the_command_imports_and_refuses_like_the_service(net: Network, capsys: object) -> None:
    call_command(
        "employers", "import-ba-jobs", str(FIXTURES / "ba_jobs.json"), "--user", "koordination"
    )
    assert Vacancy.objects.count() == 3
    with pytest.raises(CommandError, match="Nothing imported: 4 problem"):
        call_command(
            "employers",
            "import-ba-jobs",
            str(FIXTURES / "ba_jobs_bad_record.json"),
            "--user",
            "koordination",
        )
    with pytest.raises(CommandError, match="is no network coordinator"):
        call_command(
            "employers", "import-ba-jobs", str(FIXTURES / "ba_jobs.json"), "--user", "berater"
        )
    assert Vacancy.objects.count() == 3


def test_the_coordinator_uploads_a_file_and_sees_the_problems(net: Network) -> None:
    client = client_for(net.coordinator)
    client.cookies["django_language"] = "de"
    upload = SimpleUploadedFile(
        "jobs.json", (FIXTURES / "ba_jobs_bad_record.json").read_bytes(), "application/json"
    )
    response = client.post("/employers/vacancies/import/", {"file": upload})
    assert response.status_code == 400
    assert "Nichts wurde importiert" in response.content.decode()
    upload = SimpleUploadedFile(
        "jobs.json", (FIXTURES / "ba_jobs.json").read_bytes(), "application/json"
    )
    response = client.post("/employers/vacancies/import/", {"file": upload})
    assert response.status_code == 302
    assert Vacancy.objects.count() == 3
