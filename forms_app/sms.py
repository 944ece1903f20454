"""Sending SMS through a configurable backend, like Django's email backends.

settings.SMS_BACKEND names a class with `send(number, text)`. The default prints to the log;
a ministry plugs in its operator's gateway.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

outbox: list[tuple[str, str]] = []  # filled by the locmem backend, for tests


class ConsoleBackend:
    def send(self, number: str, text: str):
        logger.info("SMS to %s: %s", number, text)


class LocmemBackend:
    def send(self, number: str, text: str):
        outbox.append((number, text))


def send_sms(number: str, text: str):
    import_string(settings.SMS_BACKEND)().send(number, text)
