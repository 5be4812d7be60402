from typing import Any

import pytest
from django.core.mail import send_mail

from lotse.core.env import ConfigurationError, mailer
from tests.mail import Mailbox


def test_an_smtp_url_becomes_django_settings() -> None:
    options = mailer("smtp+tls://lotse%40example.org:s%3Acret@mail.example.org")["OPTIONS"]
    assert options == {
        "host": "mail.example.org",
        "port": 587,
        "username": "lotse@example.org",
        "password": "s:cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 20,
    }
    assert mailer("smtps://mail.example.org")["OPTIONS"]["port"] == 465  # type: ignore[index]
    assert mailer("smtp://localhost:2525")["OPTIONS"]["port"] == 2525  # type: ignore[index]
    assert str(mailer("console:")["BACKEND"]).endswith("console.EmailBackend")


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "smtp://host:port"])
def test_a_bad_mail_url_is_refused_with_the_setting_named(url: str) -> None:
    with pytest.raises(ConfigurationError, match="LOTSE_EMAIL_URL"):
        mailer(url)


def test_mail_reaches_the_local_smtp_server(smtp_server: Mailbox, settings: Any) -> None:
    send_mail("Neue Nachricht in Lotse", "Es wartet etwas.", None, ["beratung@example.org"])
    [message] = smtp_server.messages
    assert message["Subject"] == "Neue Nachricht in Lotse"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert smtp_server.recipients() == ["beratung@example.org"]
    assert "Es wartet etwas." in Mailbox.text(message)
