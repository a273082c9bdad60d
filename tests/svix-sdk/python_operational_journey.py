"""Svix's operational webhook endpoints through the official Svix Python SDK 2.x.

Run by tests/svix-operational-webhooks.int.spec.ts against a running Hookport: prints one JSON
object, the outcome of each call by name ("ok", or the error the SDK raised). A
deserialisation error in the SDK is a failure like any other.
"""
import json
import sys
import time

from svix.api import (
    OperationalWebhookEndpointHeadersIn,
    OperationalWebhookEndpointIn,
    OperationalWebhookEndpointSecretIn,
    OperationalWebhookEndpointUpsertIn,
    Svix,
    SvixOptions,
)
from svix.api.operational_webhook_endpoint import OperationalWebhookEndpointListOptions
from svix.exceptions import HttpError, HTTPValidationError

server_url, token, receiver_url = sys.argv[1], sys.argv[2], sys.argv[3]
svix = Svix(token, SvixOptions(server_url=server_url, retry_schedule=[]))
ops = svix.operational_webhook.endpoint
results = {}


def step(name, call):
    try:
        value = call()
        results[name] = "ok"
        return value
    except Exception as error:  # noqa: BLE001 - every failure is reported by name
        results[name] = f"{type(error).__name__}: {error}"[:500]
        return None


def check(name, condition, failure):
    """Records what a user would check of an answer, once the call itself succeeded."""
    if results.get(name, "ok") == "ok" and not condition:
        results[name] = failure


def expect_error(name, kind, status, call):
    try:
        call()
        results[name] = "no error raised"
    except kind as error:
        results[name] = "ok" if error.status_code == status else f"status {error.status_code}"
    except Exception as error:  # noqa: BLE001
        results[name] = f"{type(error).__name__} instead of {kind.__name__}: {error}"[:500]


uid = f"py-ops-{int(time.time() * 1000)}"
created = step(
    "operational_webhook.endpoint.create",
    lambda: ops.create(
        OperationalWebhookEndpointIn(
            url=f"{receiver_url}/py-ops",
            uid=uid,
            event_types=["message.attempt.exhausted", "endpoint.disabled"],
            metadata={"team": "py"},
        )
    ),
)
check(
    "operational_webhook.endpoint.create",
    created is not None and created.event_types == ["message.attempt.exhausted", "endpoint.disabled"],
    "event types not answered",
)
got = step("operational_webhook.endpoint.get", lambda: ops.get(uid))
check("operational_webhook.endpoint.get", got is not None and got.id == created.id, "another endpoint")
listed = step(
    "operational_webhook.endpoint.list",
    lambda: ops.list(OperationalWebhookEndpointListOptions(limit=50)),
)
check(
    "operational_webhook.endpoint.list",
    listed is not None and uid in [endpoint.uid for endpoint in listed.data],
    "the endpoint is not listed",
)
upserted = step(
    "operational_webhook.endpoint.upsert",
    lambda: ops.upsert(
        uid,
        OperationalWebhookEndpointUpsertIn(
            url=f"{receiver_url}/py-ops-2", uid=uid, description="changed", disabled=True
        ),
    ),
)
check(
    "operational_webhook.endpoint.upsert",
    upserted is not None and upserted.description == "changed" and upserted.disabled,
    "not replaced",
)
secret = step("operational_webhook.endpoint.get_secret", lambda: ops.get_secret(uid))
check(
    "operational_webhook.endpoint.get_secret",
    secret is not None and secret.key.startswith("whsec_"),
    "no whsec_ secret",
)
step(
    "operational_webhook.endpoint.rotate_secret",
    lambda: ops.rotate_secret(uid, OperationalWebhookEndpointSecretIn(grace_period_seconds=0)),
)
rotated = ops.get_secret(uid) if secret is not None else None
check(
    "operational_webhook.endpoint.rotate_secret",
    rotated is not None and rotated.key != secret.key,
    "the secret did not change",
)
step(
    "operational_webhook.endpoint.set_headers",
    lambda: ops.set_headers(uid, OperationalWebhookEndpointHeadersIn(headers={"X-Py": "1"})),
)
headers = step("operational_webhook.endpoint.get_headers", lambda: ops.get_headers(uid))
check(
    "operational_webhook.endpoint.get_headers",
    headers is not None and headers.headers == {"X-Py": "1"},
    "headers not kept",
)
expect_error(
    "operational_webhook.endpoint.create (unknown event type)",
    HTTPValidationError,
    422,
    lambda: ops.create(
        OperationalWebhookEndpointIn(url=f"{receiver_url}/py-ops", event_types=["order.paid"])
    ),
)
step("operational_webhook.endpoint.delete", lambda: ops.delete(uid))
expect_error(
    "operational_webhook.endpoint.get (deleted)", HttpError, 404, lambda: ops.get(uid)
)

print(json.dumps(results))
