"""Every action a service writes has a readable name in the officer's log and filter: the
offers' events were shown as "offers.eligibility.viewed" and could not be filtered."""

import re
from pathlib import Path

from django.utils import translation

from lotse.audit.actions import ACTION_AREAS, ACTION_LABELS

SRC = Path(__file__).resolve().parents[2] / "src" / "lotse"
AREAS = "|".join(area.rstrip(".") for area in ACTION_AREAS)
CODE = re.compile(rf'"((?:{AREAS})\.[a-z_]+\.[a-z_]+)"')


def test_every_written_action_has_a_readable_name_and_an_area() -> None:
    written = {
        code
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and path.name != "actions.py"
        for code in CODE.findall(path.read_text(encoding="utf-8"))
        if not code.startswith("profiles.")  # profiles.<entry>.<verb>: PROFILE_VERBS
    }
    assert "offers.eligibility.viewed" in written
    assert sorted(written - set(ACTION_LABELS)) == []
    assert all(any(code.startswith(area) for area in ACTION_AREAS) for code in ACTION_LABELS)


def test_the_log_filter_asks_for_the_name_first_and_labels_the_file_number() -> None:
    from lotse.dataprotection.forms import AuditLogFilterForm

    fields = list(AuditLogFilterForm.base_fields)
    assert fields.index("name") < fields.index("participant")
    with translation.override("en"):
        label = str(AuditLogFilterForm.base_fields["participant"].label)
    assert label == "Participant's file number"
