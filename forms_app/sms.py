"""Sending SMS through a configurable backend, like Django's email backends.

settings.SMS_BACKEND names a class with `send(number, text, reference=None) -> SmsSent` and
`status(gateway_id) -> "sent" | "delivered" | "failed"`. `reference` makes a send idempotent
where the gateway supports it (the same reference again is the same message). Shipped: console
(the log), file (an outbox folder, for development), locmem (tests) and an HTTP gateway (the
mock gateway among the registry mocks, or an operator's with the same contract).
"""

import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

outbox: list[tuple[str, str]] = []  # filled by the locmem backend, for tests


@dataclass(frozen=True)
class SmsSent:
    gateway_id: str
    status: str = "sent"  # "sent" until a delivery report says "delivered" or "failed"


class SmsError(Exception):
    """The gateway refused the message; `transient` when trying again later may help."""

    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


class ConsoleBackend:
    def send(self, number: str, text: str, reference: str | None = None) -> SmsSent:
        logger.info("SMS to %s: %s", number, text)
        return SmsSent(reference or uuid.uuid4().hex, "delivered")

    def status(self, gateway_id: str) -> str:
        return "delivered"


class LocmemBackend(ConsoleBackend):
    def send(self, number: str, text: str, reference: str | None = None) -> SmsSent:
        outbox.append((number, text))
        return SmsSent(reference or uuid.uuid4().hex, "delivered")


class FileBackend(ConsoleBackend):
    """Each message a file in settings.SMS_FILE_PATH: development's outbox."""

    def send(self, number: str, text: str, reference: str | None = None) -> SmsSent:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = reference or uuid.uuid4().hex
        safe_name = re.sub(r"[^\w.-]", "_", name)
        path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{safe_name}.json"
        path.write_text(json.dumps({"to": number, "text": text}, ensure_ascii=False))
        return SmsSent(name, "delivered")


class HttpGatewayBackend:
    """An SMS gateway over HTTP (settings.SMS_GATEWAY: URL, API_KEY, TIMEOUT)."""

    def __init__(self):
        config = settings.SMS_GATEWAY
        self.http = httpx.Client(
            base_url=config["URL"].rstrip("/") + "/",
            headers={"X-Api-Key": config["API_KEY"]},
            timeout=config.get("TIMEOUT", 5.0),
        )

    def send(self, number: str, text: str, reference: str | None = None) -> SmsSent:
        try:
            response = self.http.post(
                "v1/messages", json={"to": number, "text": text, "reference": reference or ""}
            )
        except httpx.TransportError as error:
            raise SmsError(str(error), transient=True) from error
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsError(f"gateway answered {response.status_code}", transient=True)
        if response.status_code >= 400:
            raise SmsError(f"gateway refused: {response.text[:200]}", transient=False)
        body = response.json()
        return SmsSent(body["id"], "failed" if body.get("status") == "failed" else "sent")

    def status(self, gateway_id: str) -> str:
        response = self.http.get(f"v1/messages/{gateway_id}")
        response.raise_for_status()
        return {"delivered": "delivered", "failed": "failed"}.get(response.json()["status"], "sent")


def backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(number: str, text: str, reference: str | None = None) -> SmsSent:
    return backend().send(number, text, reference)
