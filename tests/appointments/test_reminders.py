import datetime
import smtplib

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from lotse.appointments.models import Reminder
from lotse.appointments.services import reminders_queue, reminders_retry
from lotse.participants.models import Participant
from tests.appointments.helpers import at, book
from tests.conftest import Network
from tests.mail import Mailbox

pytestmark = pytest.mark.django_db


def _tomorrow_at_ten(net: Network, **values):  # type: ignore[no-untyped-def]
    day = timezone.localdate() + datetime.timedelta(days=1)
    return book(net, starts_at=at(day, 10), ends_at=at(day, 10, 30), **values)


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # The worker closes old connections between tasks; the test's one lives in its transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _work() -> None:
    """The real worker over the real queue on the test database."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_reminder_reaches_the_participant_in_arabic(net: Network, smtp_server: Mailbox) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="ar")
    appointment = _tomorrow_at_ten(net, interpreter_language="ar")
    assert reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=20)) == 1
    _work()
    [message] = smtp_server.messages
    assert message["To"] == "m.almasri@mail.example"
    text = Mailbox.text(message)
    assert "موعد" in text  # "appointment"
    assert "Hauptstelle" in text
    assert "Termin" in text  # the German text below
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert 'dir="rtl"' in html.get_content()
    assert Reminder.objects.get().status == "sent"


def test_the_lead_time_is_the_networks(net: Network, smtp_server: Mailbox) -> None:
    from lotse.appointments.models import AppointmentSettings

    AppointmentSettings.objects.create(network=net.participant.network, reminder_lead_hours=2)
    appointment = _tomorrow_at_ten(net)
    assert reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=3)) == 0
    assert reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=1)) == 1
    # Once queued, never twice.
    assert reminders_queue(now=appointment.starts_at - datetime.timedelta(minutes=30)) == 0


def test_without_e_mail_the_card_is_offered(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(email="")
    appointment = _tomorrow_at_ten(net)
    reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=1))
    assert Reminder.objects.get().status == "card"


def test_a_failing_smtp_server_leaves_the_reminder_failed_for_retry(
    net: Network,
    smtp_server: Mailbox,
    settings,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    appointment = _tomorrow_at_ten(net)
    good = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=1))
    _work()
    reminder = Reminder.objects.get()
    assert (reminder.status, reminder.attempts) == ("failed", 1)
    assert reminder.error
    settings.MAILERS = good
    assert reminders_retry() == 1
    _work()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1
    assert smtplib  # the real SMTP client, no stub


def test_the_counsellors_inbox_lists_coming_appointments_and_failed_reminders(
    net: Network,
) -> None:
    from django.urls import reverse

    from tests.conftest import client_for

    Participant.objects.filter(pk=net.participant.pk).update(email="")
    soon = timezone.now() + datetime.timedelta(hours=2)
    appointment = book(net, starts_at=soon, ends_at=soon + datetime.timedelta(minutes=30))
    reminders_queue(now=timezone.now())
    page = client_for(net.counsellor).get(reverse("inbox:page"))
    text = page.content.decode()
    assert "Terminerinnerungen" in text
    assert net.participant.file_number in text
    assert "Terminkarte drucken" in text
    assert appointment.reminder.status == "card"


def test_the_inbox_row_says_since_when_it_waits_and_when_it_is_due(net: Network) -> None:
    from django.urls import reverse

    from tests.appointments.helpers import german

    Participant.objects.filter(pk=net.participant.pk).update(email="")
    appointment = _tomorrow_at_ten(net)
    reminders_queue(now=appointment.starts_at - datetime.timedelta(hours=23))
    text = german(net.counsellor).get(reverse("inbox:page")).content.decode()
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert f"seit {today:%d.%m.%Y}" in text
    assert f"fällig {tomorrow:%d.%m.%Y}, 10:00, Hauptstelle" in text
