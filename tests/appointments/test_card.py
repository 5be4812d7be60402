"""The printable appointment card and the calendar file: real files, opened and read, named for
the person who saves them."""

import io

import pypdf
import pytest
from django.urls import reverse

from lotse.participants.models import Participant
from tests.appointments.helpers import book
from tests.conftest import Network, client_for

pytestmark = pytest.mark.django_db


def test_the_card_is_a_pdf_in_german_and_the_persons_language(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="uk")
    appointment = book(net, interpreter_language="uk")

    answer = client_for(net.counsellor).get(
        reverse("appointments:card", args=[net.participant.pk, appointment.pk])
    )

    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == (f'inline; filename="terminkarte-{appointment.pk}.pdf"')
    reader = pypdf.PdfReader(io.BytesIO(answer.content))
    text = " ".join(" ".join((page.extract_text() or "") for page in reader.pages).split())
    assert "Terminkarte" in text
    assert "Eine Sprachmittlung ist dabei." in text
    assert "Картка зустрічі" in text
    assert "Буде присутній перекладач." in text


def test_the_calendar_file_is_named_for_the_appointment(net: Network) -> None:
    appointment = book(net)

    answer = client_for(net.counsellor).get(
        reverse("appointments:ics", args=[net.participant.pk, appointment.pk])
    )

    assert answer["Content-Disposition"] == f'attachment; filename="termin-{appointment.pk}.ics"'
