"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for e-mail tests."""

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class _Keep:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class Mailbox:
    """What the server received: parsed messages with their envelope."""

    def __init__(self, keep: _Keep) -> None:
        self._keep = keep

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self._keep.messages)

    def recipients(self) -> list[str]:
        return [to for _, tos in self._keep.envelopes for to in tos]

    @staticmethod
    def text(message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        return str(body.get_content())


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Mailbox]:
    """Points Django's SMTP backend at a fresh local server and yields its mailbox."""
    keep = _Keep()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(keep, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port},
            }
        }
        yield Mailbox(keep)
    finally:
        controller.stop()
