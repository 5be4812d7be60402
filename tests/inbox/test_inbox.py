"""The inbox: sources register, the page lists what waits per user (overdue first), and the
e-mail says only that something waits."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from lotse.inbox import registry, services
from lotse.inbox.models import NotificationPreference
from lotse.inbox.registry import InboxRow, InboxSource
from lotse.inbox.selectors import inbox_of, waiting_count
from lotse.network.access import membership_of
from lotse.network.enums import Role
from tests.conftest import Network, client_for
from tests.mail import Mailbox


def _rows(user: User) -> list[InboxRow]:
    membership = membership_of(user)
    if membership is None or membership.role != Role.COUNSELLOR:
        return []
    today = timezone.localdate()
    return [
        InboxRow(title="Fresh", url="/fresh/", due=today + datetime.timedelta(days=3)),
        InboxRow(title="Late", url="/late/", due=today - datetime.timedelta(days=1)),
        InboxRow(title="Later", url="/later/", due=today - datetime.timedelta(days=5)),
        InboxRow(title="Undated", url="/undated/"),
    ]


SOURCE = InboxSource(
    key="tests.waiting",
    heading="Test-Eingang",
    rows=_rows,
    count=lambda user: len(_rows(user)),
    shown=lambda user: getattr(membership_of(user), "role", None) != Role.VOLUNTEER,
)


@pytest.fixture
def source() -> Iterator[InboxSource]:
    registry.register(SOURCE)
    yield SOURCE
    registry.unregister(SOURCE.key)


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_register_twice_with_another_source_refused(source: InboxSource) -> None:
    registry.register(source)  # the same source again is harmless
    with pytest.raises(ValueError, match="registered already"):
        registry.register(InboxSource(key=source.key, heading="Anders", rows=_rows))


def test_inbox_lists_overdue_first_longest_overdue_first(net: Network, source: Any) -> None:
    (entry,) = [e for e in inbox_of(net.counsellor) if e.source.key == "tests.waiting"]

    assert [shown.row.title for shown in entry.rows] == ["Later", "Late", "Fresh", "Undated"]
    assert entry.overdue == 2


def test_waiting_count_sums_the_sources_the_user_has(net: Network, source: Any) -> None:
    assert waiting_count(net.counsellor) == 4
    assert waiting_count(net.coordinator) == 0
    assert waiting_count(net.volunteer) == 0


def test_page_shows_rows_and_badge_to_the_counsellor(net: Network, source: Any) -> None:
    response = client_for(net.counsellor).get("/inbox/", HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Eingang</h1>' in html
    assert "Test-Eingang" in html
    assert html.index("/later/") < html.index("/late/") < html.index("/fresh/")
    assert html.count(">überfällig<") == 2
    # The source's count is loaded after the page, like the navigation's badge.
    assert 'hx-get="/inbox/badge/?source=tests.waiting"' in html
    assert "4 warten" not in html
    client = client_for(net.counsellor)
    source_badge = client.get("/inbox/badge/?source=tests.waiting", HTTP_ACCEPT_LANGUAGE="de")
    assert "4 warten" in source_badge.content.decode()
    badge = client.get("/inbox/badge/", HTTP_ACCEPT_LANGUAGE="de")
    assert "4 warten" in badge.content.decode()


def test_source_badge_is_empty_for_a_source_the_user_does_not_have(
    net: Network, source: Any
) -> None:
    client = client_for(net.volunteer)

    unknown = client.get("/inbox/badge/?source=nothing.here", HTTP_ACCEPT_LANGUAGE="de")
    hidden = client.get("/inbox/badge/?source=tests.waiting", HTTP_ACCEPT_LANGUAGE="de")

    assert (unknown.status_code, hidden.status_code) == (200, 200)
    assert "warten" not in unknown.content.decode() + hidden.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "data_protection", "volunteer", "team_lead"])
def test_page_without_rows_for_other_personas(net: Network, source: Any, persona: str) -> None:
    response = client_for(getattr(net, persona)).get("/inbox/", HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/late/" not in html
    assert ("Test-Eingang" in html) is (persona != "volunteer")


def test_page_asks_anonymous_to_log_in(db: Any) -> None:
    from django.test import Client

    response = Client().get("/inbox/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_notification_preference_switched_on_and_off(net: Network) -> None:
    client = client_for(net.counsellor)

    client.post("/inbox/notifications/", {"email": "on"})
    assert NotificationPreference.objects.get(user=net.counsellor).email is True
    response = client.post("/inbox/notifications/", {}, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert NotificationPreference.objects.get(user=net.counsellor).email is False
    assert "Sie erhalten keine E-Mails mehr zu Ihrem Eingang." in response.content.decode()


def test_notify_mails_only_who_chose_it_and_names_no_one(
    net: Network,
    source: Any,
    smtp_server: Mailbox,
    immediate_tasks: None,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.LOTSE_BASE_URL = "https://lotse.example"
    net.counsellor.email = "berater@sozialwerk.example"
    net.counsellor.save()
    net.colleague.email = "kollegin@sozialwerk.example"
    net.colleague.save()
    services.notification_preference_set(actor=net.counsellor, email=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[net.counsellor, net.colleague], kind="tests.waiting")
        assert smtp_server.messages == []  # not before the change is committed

    assert smtp_server.recipients() == ["berater@sozialwerk.example"]
    (message,) = smtp_server.messages
    text = Mailbox.text(message)
    assert message["Subject"] == "In Lotse wartet etwas auf Sie"
    assert "Test-Eingang" in text
    assert "https://lotse.example/inbox/" in text
    assert net.participant.last_name not in text
    assert net.counsellor.get_full_name() not in text


def test_notify_failing_mail_server_keeps_the_change(
    net: Network, immediate_tasks: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    net.counsellor.email = "berater@sozialwerk.example"
    net.counsellor.save()
    services.notification_preference_set(actor=net.counsellor, email=True)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        preference = services.notification_preference_set(actor=net.counsellor, email=True)
        services.notify(recipients=[net.counsellor], kind="tests.waiting")

    assert len(callbacks) == 1  # the notice was tried, and refused by the server
    assert NotificationPreference.objects.filter(pk=preference.pk, email=True).exists()
