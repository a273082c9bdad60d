"""Every supported operation of the shared resources, through the official Svix Python SDK 2.x.

Run by tests/svix-sdk.int.spec.ts against a running Hookport: prints one JSON object, the
outcome of each call by name ("ok", or the error the SDK raised). A deserialisation error in the
SDK is a failure like any other.
"""
import json
import sys
import urllib.error
import urllib.request
import time
import traceback
from datetime import datetime, timedelta, timezone

from svix.api import (
    ApplicationIn,
    ApplicationListOptions,
    ApplicationPatch,
    EndpointHeadersIn,
    EndpointHeadersPatchIn,
    EndpointIn,
    EndpointCreateOptions,
    EndpointListOptions,
    EndpointPatch,
    EndpointSecretRotateIn,
    EndpointUpsertIn,
    EventExampleIn,
    EventTypeIn,
    EventTypeListOptions,
    EventTypePatch,
    EventTypeUpsertIn,
    MessageIn,
    RecoverIn,
    AppPortalAccessIn,
    ApplicationTokenExpireIn,
    Svix,
    SvixOptions,
)
from svix.api.message_attempt import (
    MessageAttemptListAttemptedMessagesOptions,
    MessageAttemptListByEndpointOptions,
    MessageAttemptListByMsgOptions,
)
from svix.api.event_type import EventTypeListOptions
from svix.exceptions import HttpError, HTTPValidationError
from svix.models import MessageStatus, Ordering, ReplayIn, StatusCodeClass

server_url, token, receiver_url = sys.argv[1], sys.argv[2], sys.argv[3]
svix = Svix(token, SvixOptions(server_url=server_url, retry_schedule=[]))
results = {}
state = {}


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


def eventually(read, condition, attempts=100):
    """The delivery log is a projection: what a call changed shows there shortly after."""
    value = None
    for _ in range(attempts):
        try:
            value = read()
        except Exception:  # noqa: BLE001 - retried, the last answer is checked by the caller
            value = None
        if value is not None and condition(value):
            return value
        time.sleep(0.1)
    return value


def expect_error(name, kind, status, call):
    try:
        call()
        results[name] = "no error raised"
    except kind as error:
        results[name] = "ok" if error.status_code == status else f"status {error.status_code}"
    except Exception as error:  # noqa: BLE001
        results[name] = f"{type(error).__name__} instead of {kind.__name__}: {error}"[:500]


suffix = str(int(time.time() * 1000))
uid = f"py-sdk-{suffix}"
app = step("application.create", lambda: svix.application.create(ApplicationIn(name="Py SDK", uid=uid)))
step("application.get", lambda: svix.application.get(uid))
step("application.list", lambda: svix.application.list())
step(
    "application.get_or_create",
    lambda: svix.application.get_or_create(ApplicationIn(name="Py SDK", uid=uid)),
)
step("application.patch", lambda: svix.application.patch(uid, ApplicationPatch(throttle_rate=50)))
step(
    "application.upsert",
    # PUT replaces: as on Svix, a uid left out is cleared, so it is sent again.
    lambda: svix.application.upsert(
        uid, ApplicationIn(name="Py SDK 2", uid=uid, throttle_rate=10)
    ),
)
step("health.get", lambda: svix.health.get())
# PUT creates what does not exist, as on Svix.
created_uid = f"py-upserted-{suffix}"
step(
    "application.upsert (creates)",
    lambda: svix.application.upsert(created_uid, ApplicationIn(name="Upserted", uid=created_uid)),
)
step("application.get (upserted)", lambda: svix.application.get(created_uid))
step(
    "event_type.upsert (creates)",
    lambda: svix.event_type.upsert(f"py.upserted.{suffix}", EventTypeUpsertIn(description="new")),
)
step("event_type.get (upserted)", lambda: svix.event_type.get(f"py.upserted.{suffix}"))

event_type = f"py.event.{suffix}"
step(
    "event_type.create",
    lambda: svix.event_type.create(EventTypeIn(name=event_type, description="From Python")),
)
step("event_type.list", lambda: svix.event_type.list())
step("event_type.get", lambda: svix.event_type.get(event_type))
step(
    "event_type.patch",
    lambda: svix.event_type.patch(event_type, EventTypePatch(description="patched")),
)
step(
    "event_type.upsert",
    lambda: svix.event_type.upsert(event_type, EventTypeUpsertIn(description="updated")),
)

endpoint = step(
    "endpoint.create",
    lambda: svix.endpoint.create(
        uid,
        EndpointIn(url=f"{receiver_url}/py", event_types=[event_type], throttle_rate=100),
    ),
)
endpoint_id = endpoint.id if endpoint else "missing"
step("endpoint.get", lambda: svix.endpoint.get(uid, endpoint_id))
step("endpoint.list", lambda: svix.endpoint.list(uid))
step(
    "endpoint.patch",
    lambda: svix.endpoint.patch(uid, endpoint_id, EndpointPatch(description="patched")),
)
step(
    "endpoint.upsert",
    lambda: svix.endpoint.upsert(
        uid, endpoint_id, EndpointUpsertIn(url=f"{receiver_url}/py", event_types=[event_type])
    ),
)
step("endpoint.get_secret", lambda: svix.endpoint.get_secret(uid, endpoint_id))
step(
    "endpoint.set_headers",
    lambda: svix.endpoint.set_headers(uid, endpoint_id, EndpointHeadersIn(headers={"X-Py": "1"})),
)
step(
    "endpoint.patch_headers",
    lambda: svix.endpoint.patch_headers(
        uid, endpoint_id, EndpointHeadersPatchIn(headers={"X-Py-2": "2"})
    ),
)
step("endpoint.get_headers", lambda: svix.endpoint.get_headers(uid, endpoint_id))
step("endpoint.get_stats", lambda: svix.endpoint.get_stats(uid, endpoint_id))

upserted_endpoint = f"py-ep-{suffix}"
step(
    "endpoint.upsert (creates)",
    lambda: svix.endpoint.upsert(
        uid, upserted_endpoint, EndpointUpsertIn(url=f"{receiver_url}/py-upserted")
    ),
)
step("endpoint.get (upserted)", lambda: svix.endpoint.get(uid, upserted_endpoint))
newest = step(
    "endpoint.list (order descending)",
    lambda: svix.endpoint.list(uid, EndpointListOptions(order=Ordering.DESCENDING, limit=1)),
)
if newest is not None and [e.uid for e in newest.data] != [upserted_endpoint]:
    results["endpoint.list (order descending)"] = "the newest endpoint is not first"
step(
    "application.list (order descending)",
    lambda: svix.application.list(ApplicationListOptions(order=Ordering.DESCENDING)),
)
step(
    "event_type.list (order descending)",
    lambda: svix.event_type.list(EventTypeListOptions(order=Ordering.DESCENDING)),
)
# A retried create (the SDK sends one key and retries): the same endpoint, not a second one.
retried = EndpointCreateOptions(idempotency_key=f"py-retry-{suffix}")
retried_in = EndpointIn(url=f"{receiver_url}/py-retried")
first_create = step(
    "endpoint.create (Idempotency-Key)", lambda: svix.endpoint.create(uid, retried_in, retried)
)
second_create = step(
    "endpoint.create (the same Idempotency-Key again)",
    lambda: svix.endpoint.create(uid, retried_in, retried),
)
if first_create and second_create and first_create.id != second_create.id:
    results["endpoint.create (the same Idempotency-Key again)"] = "made a second endpoint"
# The checks below count one endpoint in this application: the two above go.
step("endpoint.delete (upserted)", lambda: svix.endpoint.delete(uid, upserted_endpoint))
if first_create:
    step("endpoint.delete (retried)", lambda: svix.endpoint.delete(uid, first_create.id))

event_id = f"evt-{suffix}"
message = step(
    "message.create",
    lambda: svix.message.create(
        uid, MessageIn(event_type=event_type, payload={"hello": "py"}, event_id=event_id)
    ),
)
message_id = message.id if message else "missing"
step("message.get", lambda: svix.message.get(uid, message_id))
fetched = step("message.get (by eventId)", lambda: svix.message.get(uid, event_id))
if fetched is not None and fetched.id != message_id:
    results["message.get (by eventId)"] = f"answered {fetched.id}, not {message_id}"
step("message.list", lambda: svix.message.list(uid))
inline_uid = f"py-inline-{suffix}"
step(
    "message.create (inline application)",
    lambda: svix.message.create(
        inline_uid,
        MessageIn(event_type=event_type, payload={}, application=ApplicationIn(name="Py Inline")),
    ),
)
step("application.get (created inline)", lambda: svix.application.get(inline_uid))
step(
    "message.create (deliverAt)",
    # In the inline application: the replay below counts the messages of this one.
    lambda: svix.message.create(
        inline_uid,
        MessageIn(
            event_type=event_type,
            payload={"later": True},
            deliver_at=datetime.now(timezone.utc) + timedelta(minutes=2),
        ),
    ),
)

attempts = None
for _ in range(100):
    attempts = step(
        "message_attempt.list_by_msg",
        lambda: svix.message_attempt.list_by_msg(uid, message_id),
    )
    if attempts and attempts.data:
        break
    time.sleep(0.1)
attempt_id = attempts.data[0].id if attempts and attempts.data else "missing"
step(
    "message_attempt.list_by_endpoint",
    lambda: svix.message_attempt.list_by_endpoint(uid, endpoint_id),
)
step("message_attempt.get", lambda: svix.message_attempt.get(uid, message_id, attempt_id))
attempted = step(
    "message_attempt.list_attempted_messages",
    lambda: svix.message_attempt.list_attempted_messages(uid, endpoint_id),
)
if attempted is not None and message_id not in [m.id for m in attempted.data]:
    results["message_attempt.list_attempted_messages"] = "the sent message is not listed"
step(
    "message_attempt.resend",
    lambda: svix.message_attempt.resend(uid, message_id, endpoint_id),
)
step(
    "endpoint.send_example",
    lambda: svix.endpoint.send_example(uid, endpoint_id, EventExampleIn(event_type=event_type)),
)
recovered = step(
    "endpoint.recover",
    lambda: svix.endpoint.recover(
        uid, endpoint_id, RecoverIn(since=datetime.now(timezone.utc) - timedelta(hours=1))
    ),
)
recover_task_id = recovered.id if recovered else "missing"
task = step("background_task.get (recover)", lambda: svix.background_task.get(recover_task_id))
check(
    "background_task.get (recover)",
    task is not None and task.status.value == "finished" and task.task.value == "endpoint.recover",
    f"not a finished recover task: {task}",
)
tasks = step("background_task.list", lambda: svix.background_task.list())
check(
    "background_task.list",
    tasks is not None and recover_task_id in [t.id for t in tasks.data],
    "the recover task is not listed",
)

# Every Svix status filter value (0 success, 1 pending, 2 fail, 3 sending) and the other filters.
hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
for status in [MessageStatus.SUCCESS, MessageStatus.PENDING, MessageStatus.FAIL, MessageStatus.SENDING]:
    name = f"message_attempt.list_by_msg (status {status.value})"
    listed = step(
        name,
        lambda: svix.message_attempt.list_by_msg(
            uid, message_id, MessageAttemptListByMsgOptions(status=status)
        ),
    )
    # The first attempt succeeded: listed under 0 only (a recorded attempt is never 1 or 3).
    check(
        name,
        listed is not None and (attempt_id in [a.id for a in listed.data]) == (status.value == 0),
        f"status {status.value} answered {[a.id for a in listed.data] if listed else None}",
    )
    step(
        f"message_attempt.list_by_endpoint (status {status.value})",
        lambda: svix.message_attempt.list_by_endpoint(
            uid, endpoint_id, MessageAttemptListByEndpointOptions(status=status)
        ),
    )
    step(
        f"message_attempt.list_attempted_messages (status {status.value})",
        lambda: svix.message_attempt.list_attempted_messages(
            uid, endpoint_id, MessageAttemptListAttemptedMessagesOptions(status=status)
        ),
    )
filtered = step(
    "message_attempt.list_by_endpoint (status_code_class, event_types, before/after)",
    lambda: svix.message_attempt.list_by_endpoint(
        uid,
        endpoint_id,
        MessageAttemptListByEndpointOptions(
            status_code_class=StatusCodeClass.CODE2XX,
            event_types=[event_type],
            after=hour_ago,
            before=datetime.now(timezone.utc) + timedelta(minutes=1),
        ),
    ),
)
check(
    "message_attempt.list_by_endpoint (status_code_class, event_types, before/after)",
    filtered is not None and attempt_id in [a.id for a in filtered.data],
    "the 2xx attempt is not listed",
)
by_channel = step(
    "message_attempt.list_by_msg (channel)",
    lambda: svix.message_attempt.list_by_msg(
        uid, message_id, MessageAttemptListByMsgOptions(channel="no-such-channel")
    ),
)
check("message_attempt.list_by_msg (channel)", by_channel is not None and not by_channel.data, "a message without the channel matched")
step(
    "message_attempt.list_attempted_messages (channel, event_types, before/after)",
    lambda: svix.message_attempt.list_attempted_messages(
        uid,
        endpoint_id,
        MessageAttemptListAttemptedMessagesOptions(
            channel="no-such-channel", event_types=[event_type], after=hour_ago
        ),
    ),
)

destinations = step(
    "message_attempt.list_attempted_destinations",
    lambda: svix.message_attempt.list_attempted_destinations(uid, message_id),
)
check(
    "message_attempt.list_attempted_destinations",
    destinations is not None
    and [(d.id, d.url) for d in destinations.data] == [(endpoint_id, f"{receiver_url}/py")],
    f"answered {destinations.data if destinations else None}",
)

# Replay-missing: an endpoint created after the message gets it.
late = step(
    "endpoint.create (late)",
    lambda: svix.endpoint.create(uid, EndpointIn(url=f"{receiver_url}/py-late", event_types=[event_type])),
)
late_id = late.id if late else "missing"
replayed = step(
    "endpoint.replay_missing",
    lambda: svix.endpoint.replay_missing(uid, late_id, ReplayIn(since=hour_ago)),
)
replay_task = step(
    "background_task.get (replay)",
    lambda: svix.background_task.get(replayed.id if replayed else "missing"),
)
check(
    "background_task.get (replay)",
    replay_task is not None
    and replay_task.status.value == "finished"
    and replay_task.data.get("messagesSent") == 1,
    f"not a finished replay of one message: {replay_task}",
)
late_messages = eventually(
    lambda: svix.message_attempt.list_attempted_messages(uid, late_id),
    lambda page: any(m.id == message_id and m.status.value == 0 for m in page.data),
)
results["endpoint.replay_missing delivers"] = (
    "ok"
    if late_messages and any(m.id == message_id and m.status.value == 0 for m in late_messages.data)
    else f"the late endpoint did not receive the message: {late_messages}"
)

# Content expunge: the payload is gone, the message still listed; the response body gone.
step("message_attempt.expunge_content", lambda: svix.message_attempt.expunge_content(uid, message_id, attempt_id))
expunged_attempt = eventually(
    lambda: svix.message_attempt.get(uid, message_id, attempt_id),
    lambda attempt: attempt.response == "EXPUNGED",
)
check(
    "message_attempt.expunge_content",
    expunged_attempt is not None and expunged_attempt.response == "EXPUNGED",
    f"response still {expunged_attempt.response if expunged_attempt else None!r}",
)
step("message.expunge_content", lambda: svix.message.expunge_content(uid, message_id))
expunged = eventually(
    lambda: svix.message.get(uid, message_id), lambda m: m.payload == {"expired": True}
)
check(
    "message.expunge_content",
    expunged is not None and expunged.payload == {"expired": True},
    f"payload still {expunged.payload if expunged else None!r}",
)
listed_after = step("message.list (after expunge)", lambda: svix.message.list(uid))
check(
    "message.list (after expunge)",
    listed_after is not None and message_id in [m.id for m in listed_after.data],
    "the expunged message is no longer listed",
)
expect_error(
    "message_attempt.resend (expunged) refused",
    HttpError,
    400,
    lambda: svix.message_attempt.resend(uid, message_id, endpoint_id),
)
step(
    "endpoint.rotate_secret",
    lambda: svix.endpoint.rotate_secret(uid, endpoint_id, EndpointSecretRotateIn()),
)
access = step(
    "authentication.app_portal_access",
    lambda: svix.authentication.app_portal_access(uid, AppPortalAccessIn()),
)
# Logout with the app token app-portal-access answered: its portal URL opens no more.
app_svix = Svix(access.token if access else "missing", SvixOptions(server_url=server_url, retry_schedule=[]))
step("authentication.logout", lambda: app_svix.authentication.logout())
expect_error("authentication.logout (again) refused", HttpError, 401, lambda: app_svix.authentication.logout())


def exchange_status(code):
    request = urllib.request.Request(
        f"{server_url}/portal-api/v1/session/exchange",
        data=json.dumps({"code": code}).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


logged_out_exchange = exchange_status(access.token if access else "missing")
results["authentication.logout ends the portal access"] = (
    "ok" if logged_out_exchange == 401 else f"the logged-out code still exchanged: {logged_out_exchange}"
)
expect_error("authentication.logout (API key) refused", HttpError, 401, lambda: svix.authentication.logout())
portal_inline_uid = f"py-portal-inline-{suffix}"
step(
    "authentication.app_portal_access (inline application)",
    lambda: svix.authentication.app_portal_access(
        portal_inline_uid, AppPortalAccessIn(application=ApplicationIn(name="Py Portal Inline"))
    ),
)
step("application.get (created with portal access)", lambda: svix.application.get(portal_inline_uid))
step(
    "authentication.expire_all",
    lambda: svix.authentication.expire_all(uid, ApplicationTokenExpireIn()),
)

# Errors surface as the SDK's own exceptions.
expect_error("error.404", HttpError, 404, lambda: svix.application.get("no-such-app"))
expect_error(
    "error.422",
    HTTPValidationError,
    422,
    lambda: svix.endpoint.create(uid, EndpointIn(url="not a url")),
)

step("endpoint.delete", lambda: svix.endpoint.delete(uid, endpoint_id))
step("event_type.delete", lambda: svix.event_type.delete(event_type))
results["event_type.delete archives"] = (
    "ok"
    if event_type not in [t.name for t in svix.event_type.list().data]
    else "still listed after delete"
)
archived = step(
    "event_type.list (include_archived)",
    lambda: svix.event_type.list(EventTypeListOptions(include_archived=True)),
)
check(
    "event_type.list (include_archived)",
    archived is not None and event_type in [t.name for t in archived.data if t.archived],
    "the archived type is not listed as archived",
)
# Un-archive, as Svix documents: create it again, or set archived to false.
step(
    "event_type.create (unarchives)",
    lambda: svix.event_type.create(EventTypeIn(name=event_type, description="back")),
)
check(
    "event_type.create (unarchives)",
    event_type in [t.name for t in svix.event_type.list().data],
    "still archived after create",
)
svix.event_type.delete(event_type)
restored = step(
    "event_type.patch (archived=false)",
    lambda: svix.event_type.patch(event_type, EventTypePatch(archived=False)),
)
check(
    "event_type.patch (archived=false)",
    restored is not None and not restored.archived and event_type in [t.name for t in svix.event_type.list().data],
    "still archived after patch",
)
step("application.delete", lambda: svix.application.delete(uid))
print(json.dumps(results))
