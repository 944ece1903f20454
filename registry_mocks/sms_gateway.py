"""A stand-in for a mobile operator's SMS gateway, reached over HTTP like the registries.

POST sms/v1/messages {"to": "+99450…", "text": "…", "reference": "…"} → 202 {"id", "status",
"segments"}; the same reference again is the same message (an idempotent send: a sender that
retries never texts a citizen twice). GET sms/v1/messages/<id> → its delivery report
(`accepted`, then `delivered`; or `failed` for a number the gateway can't reach). GET
sms/v1/messages?to=… lists what was sent, for tests and for a person watching the demo.

Kept in this process's memory: a mock, not an operator. Numbers ending in 0000 never deliver.
"""

import json
import threading
import uuid

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import faults
from .views import _has_valid_key

CODE = "sms"
UNDELIVERABLE_SUFFIX = "0000"
GSM_7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)

_messages: dict[str, dict] = {}
_by_reference: dict[str, str] = {}
_lock = threading.Lock()


def segments(text: str) -> int:
    """SMS parts a text takes: 160/153 characters in GSM-7, 70/67 in UCS-2 (Azerbaijani ə, ğ, ı,
    ş, ç and Cyrillic need it)."""
    if set(text) <= GSM_7:
        single, part = 160, 153
    else:
        single, part = 70, 67
    return 1 if len(text) <= single else -(-len(text) // part)


def reset():
    with _lock:
        _messages.clear()
        _by_reference.clear()


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
def messages(request):
    if not _has_valid_key(request):
        return _json({"error": "unauthorized"}, status=401)
    if request.method == "GET":
        to = request.GET.get("to")
        with _lock:
            listed = [m for m in _messages.values() if to in (None, m["to"])]
        return _json({"messages": listed})
    if request.method != "POST":
        return _json({"error": "method_not_allowed"}, status=405)
    # The registries' fault settings work here too: `set_faults("sms", error_rate=0.3)`.
    fault = faults.effective_config(CODE)
    faults.sleep(faults.latency_seconds(fault))
    if faults.draw_failure(fault):
        return _json({"error": "temporarily_unavailable"}, status=503)
    try:
        body = json.loads(request.body)
        to, text, reference = str(body["to"]), str(body["text"]), str(body.get("reference", ""))
    except (ValueError, KeyError, TypeError):
        return _json({"error": "bad_request", "detail": "to and text are required"}, status=400)
    if not to.startswith("+") or not to[1:].isdigit() or not text:
        return _json({"error": "bad_request", "detail": "not a number or no text"}, status=400)
    with _lock:
        if reference and reference in _by_reference:
            message = _messages[_by_reference[reference]]
            return _json({**_summary(message), "duplicate": True}, status=202)
        message = {
            "id": uuid.uuid4().hex,
            "to": to,
            "text": text,
            "reference": reference,
            "segments": segments(text),
            "status": "failed" if to.endswith(UNDELIVERABLE_SUFFIX) else "delivered",
        }
        _messages[message["id"]] = message
        if reference:
            _by_reference[reference] = message["id"]
    return _json(_summary(message), status=202)


@csrf_exempt
def message(request, message_id):
    if not _has_valid_key(request):
        return _json({"error": "unauthorized"}, status=401)
    with _lock:
        found = _messages.get(message_id)
    if found is None:
        return _json({"error": "not_found"}, status=404)
    return _json(_summary(found))


def _summary(message: dict) -> dict:
    return {k: message[k] for k in ("id", "to", "status", "segments", "reference")}
