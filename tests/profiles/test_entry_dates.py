"""Dates of the participant's past: an activity that took place, work since birth (also when
only the year of birth is known)."""

import datetime

import pytest

from lotse.participants.models import Participant
from lotse.profiles import services
from lotse.profiles.services import ProfileValidationError
from tests.conftest import Network
from tests.profiles.helpers import work


def test_an_activity_cannot_lie_in_the_future(net: Network) -> None:
    later = datetime.date.today() + datetime.timedelta(days=400)
    with pytest.raises(ProfileValidationError) as refused:
        services.career_activity_save(
            actor=net.counsellor,
            participant=net.participant,
            data={"kind": "career_orientation", "took_place_on": later, "content": "Messe"},
        )
    assert "took_place_on" in refused.value.errors


def test_work_cannot_begin_before_the_year_of_birth(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(
        birth_date=None, birth_year=2007, birth_date_precision="year"
    )
    net.participant.refresh_from_db()
    with pytest.raises(ProfileValidationError) as refused:
        work(net, started_on=datetime.date(2005, 1, 1), ended_on=None)
    assert "started_on" in refused.value.errors
