"""The mapping from stored data to the engine's input: paragraphs, documents, nationality."""

import datetime

import pytest

from lotse.legal import DECISION_CHOICES, DOCUMENT_CHOICES, Document
from lotse.participants.enums import DocumentType
from lotse.workpermission.enums import DECISION_CHOICES_LABELLED, DOCUMENT_CHOICES_LABELLED
from lotse.workpermission.selectors import (
    DOCUMENT_MAP,
    build_situation,
    nationality_code,
    parse_section,
)


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("§ 25 Abs. 2", "25(2)"),
        ("§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", "25(2)"),
        ("§25 Abs.1", "25(1)"),
        ("§ 25 Absatz 3 AufenthG", "25(3)"),
        ("§ 25 abs 5", "25(5)"),
        ("25 II", "25(2)"),
        ("§ 25 Abs. IV", "25(4)"),
        ("25(3)", "25(3)"),
        ("AE nach § 25 Abs. 4 S. 2 AufenthG", "25(4)"),
        ("§ 24", "24"),
        ("§ 24 Abs. 1 AufenthG", "24"),
        ("§ 16g", "16g"),
        ("§ 16g Abs. 1", "16g"),
        ("§ 25a", "25a"),
        ("§ 25a Abs. 1 AufenthG", "25a"),
        ("§ 25 b", "25b"),
        ("§ 104c", "104c"),
        ("", None),
        (None, None),
        ("keine Angabe", None),
    ],
)
def test_parse_section_reads_printed_paragraphs(text: str | None, section: str | None) -> None:
    assert parse_section(text) == section


def test_document_map_covers_every_document_type_and_engine_document() -> None:
    assert set(DOCUMENT_MAP) == set(DocumentType.values)
    assert {d.value for d in DOCUMENT_MAP.values()} == set(DOCUMENT_CHOICES)
    assert DOCUMENT_MAP["fictional_certificate"] is Document.FIKTIONSBESCHEINIGUNG


def test_choices_are_the_engines_own() -> None:
    assert [v for v, _label in DECISION_CHOICES_LABELLED] == list(DECISION_CHOICES)
    assert [v for v, _label in DOCUMENT_CHOICES_LABELLED] == list(DOCUMENT_CHOICES)


@pytest.mark.parametrize(
    ("stored", "engine"),
    [
        ("SY", "SY"),
        ("af", "AF"),
        ("stateless", "stateless"),
        ("unclear", "unknown"),
        ("", "unknown"),
    ],
)
def test_nationality_code(stored: str, engine: str) -> None:
    assert nationality_code(stored) == engine


def test_section_only_for_permits() -> None:
    common = {
        "reference_date": datetime.date(2025, 5, 1),
        "valid_until": None,
        "annotation": "",
        "nationality": "SY",
        "birth_date": None,
        "facts": None,
    }
    permit = build_situation(document_type="residence_permit", section="§ 25 Abs. 2", **common)
    fiktion = build_situation(document_type="fictional_certificate", section="§ 24", **common)
    duldung = build_situation(document_type="duldung", section="§ 60a Abs. 2", **common)
    assert permit.residence_permit_section == "25(2)"
    assert (fiktion.document, fiktion.residence_permit_section) == (
        Document.FIKTIONSBESCHEINIGUNG,
        "24",
    )
    assert duldung.residence_permit_section is None
