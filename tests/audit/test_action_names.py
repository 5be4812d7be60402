"""Every action a service writes has a readable name in the officer's log and filter: the
offers' events were shown as "offers.eligibility.viewed" and could not be filtered."""

import re
from pathlib import Path

from django.utils import translation

from lotse.audit.actions import ACTION_AREAS, ACTION_LABELS

SRC = Path(__file__).resolve().parents[2] / "src" / "lotse"
AREAS = "|".join(area.rstrip(".") for area in ACTION_AREAS)
CODE = re.compile(rf'"((?:{AREAS})\.[a-z_]+\.[a-z_]+)"')
ACTION = re.compile(r'action=f?"([a-z_]+(?:\.[a-z_{}]+)+)"')
# The referrals write their answers as f"referrals.referral.{action}" (services._changed).
REFERRAL_ANSWER = re.compile(r'_changed\(\s*actor,\s*locked,\s*"([a-z_]+)"')


def _sources() -> list[str]:
    return [
        path.read_text(encoding="utf-8")
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and path.name != "actions.py"
    ]


def test_every_written_action_has_a_readable_name_and_an_area() -> None:
    sources = _sources()
    # Every area that writes: the referrals', events' and placements' codes were shown as
    # codes and missing from the filter, since no area named them.
    areas = {code.split(".")[0] + "." for text in sources for code in ACTION.findall(text)}
    assert sorted(areas - set(ACTION_AREAS)) == []
    written = {
        code
        for text in sources
        for code in [*CODE.findall(text), *ACTION.findall(text)]
        if "{" not in code and not code.startswith("profiles.")  # profiles: PROFILE_VERBS
    }
    written |= {
        f"referrals.referral.{verb}" for text in sources for verb in REFERRAL_ANSWER.findall(text)
    }
    assert {"offers.eligibility.viewed", "appointments.imported", "referrals.referral.declined",
            "inbox.notification.switched_off"} <= written  # fmt: skip
    assert sorted(written - set(ACTION_LABELS)) == []
    assert all(any(code.startswith(area) for area in ACTION_AREAS) for code in ACTION_LABELS)


def test_the_log_filter_asks_for_the_name_first_and_labels_the_file_number() -> None:
    from lotse.dataprotection.forms import AuditLogFilterForm

    fields = list(AuditLogFilterForm.base_fields)
    assert fields.index("name") < fields.index("participant")
    with translation.override("en"):
        label = str(AuditLogFilterForm.base_fields["participant"].label)
    assert label == "Participant's file number"
