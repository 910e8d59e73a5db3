"""Rules between fields that a JSON Schema cannot state, for scripts/schemathesis.sh.

Each filter drops generated requests that break one such rule, so that a "schema-valid
request rejected" finding means the document is wrong and not that the fuzzer combined two
individually valid fields the server rightly refuses together. The server still checks
every rule (tests/api covers each answer); nothing else is filtered.

Maps give generated requests what no schema can: customer ids that exist, so creating
orders, invoices and tickets and changing a customer's status get past "no such customer",
and the signed-in administrator's password, so a suspension gets past its confirmation.
Hooks apply to the fuzzing and stateful phases; the coverage phase builds its requests
without them (see scripts/schemathesis.toml).
"""

import os
import re
import uuid
from datetime import datetime

import schemathesis


def _instant(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None  # Not a date-time: leave it to the server to refuse.


def _in_order(earlier, later):
    a, b = _instant(earlier), _instant(later)
    return a is None or b is None or a <= b


# The audit log's range is [from, to): `to` before `from` is a 422 naming `to`.
@schemathesis.hook.apply_to(operation_id="get_tenant_audit_log")
def filter_query(ctx, query):
    query = query or {}
    return _in_order(query.get("from"), query.get("to"))


# An amount may have as many decimals as its currency has (JPY none, the others two); the
# document's pattern allows two for every currency. An invoice is not due before it is issued.
@schemathesis.hook.apply_to(operation_id=["create_order", "create_invoice"])
def filter_body(ctx, body):
    if not isinstance(body, dict):
        return True
    # An invoice is given one amount or lines, not both.
    if "amount" in body and "lines" in body:
        return False
    amount = body.get("total", body.get("amount"))
    if body.get("currency") == "JPY" and isinstance(amount, str) and "." in amount:
        return False
    lines = body.get("lines")
    if body.get("currency") == "JPY" and isinstance(lines, list):
        if any(isinstance(l, dict) and "." in str(l.get("unit_amount", "")) for l in lines):
            return False
    # Each bound holds alone (quantity up to 1,000,000, 15 whole digits), but a line's amount
    # is quantity × unit_amount in minor units and must fit in 64 bits: a 422 naming
    # lines[i].quantity otherwise (tests/api covers it), a rule between two fields.
    if isinstance(lines, list) and any(_line_overflows(l, body.get("currency")) for l in lines):
        return False
    return _in_order(body.get("issued_at"), body.get("due_at"))


def _line_overflows(line, currency):
    if not isinstance(line, dict):
        return False
    quantity = line.get("quantity", 1)
    unit = line.get("unit_amount")
    if isinstance(quantity, float) and quantity.is_integer():
        quantity = int(quantity)  # the server reads 3.0 as 3
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not isinstance(unit, str):
        return False
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", unit):
        return False  # Not an amount: left to the server to refuse.
    whole, _, fraction = unit.partition(".")
    places = 0 if currency == "JPY" else 2  # without a currency, the larger bound
    minor = int(whole) * 10**places + int(fraction.ljust(places, "0")[:places] or "0")
    return quantity * minor > 2**63 - 1


# The seeded customers' ids, from scripts/schemathesis.sh.
_TENANTS = [int(i) for i in os.environ.get("SCHEMATHESIS_TENANT_IDS", "").split(",") if i]


# A random `tenant_id` names no customer, so every create would stop at 404. An integer
# within int64 is never the invalid part of a negative case (the field has no other bound),
# so replacing it keeps positive cases positive and negative ones negative.
@schemathesis.hook.apply_to(operation_id=["create_order", "create_invoice", "create_ticket"])
def map_body(ctx, body):
    tenant = body.get("tenant_id") if isinstance(body, dict) else None
    in_int64 = isinstance(tenant, int) and not isinstance(tenant, bool) and -(2**63) <= tenant < 2**63
    if _TENANTS and in_int64:
        body["tenant_id"] = _TENANTS[tenant % len(_TENANTS)]
    return body


# A tenant created on a package: `cycle` and `payment_method` need a `plan` (a rule between
# fields); the plan must be one of the catalogue's (schemathesis.sh adds `schemathesis`, on
# every cycle); a card number must pass the Luhn check and its expiry lie ahead, which no
# pattern states. Well-formed values are mapped to ones that satisfy those rules; others are
# left as they are, so negative cases stay negative.
_CARD = re.compile(r"[ -]*(?:[0-9][ -]*){12,19}")  # the document's pattern
# A language tag of the document's shape; whether its subtags are registered (IANA's
# registry) only the server knows, so a well-formed tag is mapped to a registered one.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?")


# A payment method's variants are closed (`additionalProperties: false`), yet the fuzzing
# phase has sent a card with extra keys as a valid case; the server's 422 for unknown fields
# is covered by tests/api/errors.rs, so such bodies are left out here rather than misread.
_PAYMENT_FIELDS = {"card": {"type", "number", "exp_month", "exp_year"}, "invoice": {"type"}, "none": {"type"}}


@schemathesis.hook.apply_to(operation_id="create_tenant")
def filter_body(ctx, body):
    if not isinstance(body, dict):
        return True
    given = lambda key: body.get(key) is not None
    method = body.get("payment_method")
    if isinstance(method, dict) and method.get("type") in _PAYMENT_FIELDS:
        if not set(method) <= _PAYMENT_FIELDS[method["type"]]:
            return False
    if body.get("link_policy") is True and not given("policy"):
        return False
    # The activation link is how the administrator chooses a password: it refuses one given
    # with it (422 naming admin_notification, tests/api/mail), which no schema can state.
    if body.get("admin_notification") == "activation_link" and given("admin_password"):
        return False
    return given("plan") or not (given("cycle") or given("payment_method"))


def _known_properties(body):
    """Custom property values must be of properties in the library, which the fuzzer edits
    as it goes (it may delete even the predefined one): a schema-valid object of values
    becomes the empty object, always accepted; a malformed one stays as sent."""
    values = body.get("custom_properties")
    scalar = (str, int, float, bool, type(None))
    if isinstance(values, dict) and all(isinstance(v, scalar) for v in values.values()):
        body["custom_properties"] = {}


@schemathesis.hook.apply_to(operation_id="create_tenant")
def map_body(ctx, body):
    if not isinstance(body, dict):
        return body
    _registered_language(body)
    _known_properties(body)
    if isinstance(body.get("plan"), str):
        body["plan"] = "schemathesis"
    # A policy must be one of the caller's (schemathesis.sh creates `schemathesis`).
    policy = body.get("policy")
    if isinstance(policy, int) and not isinstance(policy, bool) and os.environ.get("SCHEMATHESIS_POLICY_ID"):
        body["policy"] = int(os.environ["SCHEMATHESIS_POLICY_ID"])
    method = body.get("payment_method")
    if isinstance(method, dict) and method.get("type") == "card":
        if isinstance(method.get("number"), str) and _CARD.fullmatch(method["number"]):
            method["number"] = "4242 4242 4242 4242"
        # Any integer is a schema-valid year; one in the past is refused against the clock.
        year = method.get("exp_year")
        integral = isinstance(year, int) or (isinstance(year, float) and year.is_integer())
        if integral and not isinstance(year, bool) and -(2**31) <= year < 2**31:
            method["exp_year"] = 2099
    return body


# A suspension is confirmed with the caller's own password; any other is a 403. The
# fuzzer suspending customers is harmless to the run: it signs in to the management tenant,
# which nobody can suspend (`own_tenant`), and `activate` undoes it. A string `password` is
# never the invalid part of a negative case (the field has no other rule).
@schemathesis.hook.apply_to(operation_id="suspend_tenant")
def map_body(ctx, body):
    password = os.environ.get("SCHEMATHESIS_ADMIN_PASSWORD")
    if password and isinstance(body, dict) and isinstance(body.get("password"), str):
        body["password"] = password
    return body


# Status changes of a random id answer 404 before any rule runs; the seeded customers give
# them something to suspend, activate and deactivate (the management tenant, id 1, cannot
# change its own status, so the run keeps its access). Path ids are bounded by int64 only.
@schemathesis.hook.apply_to(operation_id=["suspend_tenant", "activate_tenant", "deactivate_tenant"])
def map_path_parameters(ctx, path_parameters):
    tenant = (path_parameters or {}).get("id")
    in_int64 = isinstance(tenant, int) and not isinstance(tenant, bool) and -(2**63) <= tenant < 2**63
    if _TENANTS and in_int64:
        path_parameters["id"] = _TENANTS[tenant % len(_TENANTS)]
    return path_parameters


# An Idempotency-Key names one request: a client sends a new key for each new request and
# the same one only to retry it, and the server answers a key reused on another request
# with 422 `idempotency_key_reused`. Generated keys repeat ("0", "a") across unrelated
# requests, so a well-formed generated key is replaced by a fresh one; a malformed one is
# left as it is, so negative cases stay negative.
_KEY = re.compile(r"[!-~]{1,255}")


@schemathesis.hook
def map_headers(ctx, headers):
    if headers and isinstance(headers.get("Idempotency-Key"), str) and _KEY.fullmatch(headers["Idempotency-Key"]):
        headers["Idempotency-Key"] = f"fuzz-{uuid.uuid4().hex}"
    return headers


# The catalogue's `schemathesis` plan is what tenants are created on (above): archiving or
# repricing it would turn those creations into 422s, so other codes stand in for it.
@schemathesis.hook.apply_to(operation_id=["archive_plan", "update_plan"])
def map_path_parameters(ctx, path_parameters):
    if (path_parameters or {}).get("code") == "schemathesis":
        path_parameters["code"] = "schemathesis-not"
    return path_parameters


# A plan has at least one price, which an object schema with only optional properties cannot
# demand without also being read as a limit on what the server answers.
# JPY prices have no decimals (as amounts above).
@schemathesis.hook.apply_to(operation_id=["create_plan", "update_plan"])
def filter_body(ctx, body):
    if not isinstance(body, dict):
        return True
    prices = body.get("prices")
    if prices == {}:
        return False
    if body.get("currency") == "JPY" and isinstance(prices, dict):
        return not any("." in str(v) for v in prices.values() if v is not None)
    return True


# A billing run may be dated at most a year after now (a rule against the clock, which no
# schema states; beyond it the server answers 422 `too_far_ahead` naming `at`). A
# well-formed later date is mapped to now; a malformed one is left for the server to refuse.
@schemathesis.hook.apply_to(operation_id="create_billing_run")
def map_body(ctx, body):
    if isinstance(body, dict) and isinstance(body.get("at"), str):
        at = _instant(body["at"])
        if at is not None and at.tzinfo is not None:
            now = datetime.now(at.tzinfo)
            if (at - now).days >= 365:
                body["at"] = now.isoformat()
    return body


# A plan has at least one price: a `prices` object whose every cycle is null or absent is a
# 422 naming `prices` (a rule across the object's optional fields). Its feature and quota
# keys must be in the catalogues (`GET /features`, `GET /quota-definitions`): a rule against
# stored data, which no schema states; unknown keys are a 422 naming `features[i]` or
# `quotas.<key>` (tests/api/capabilities covers them). Plans naming any are left out.
@schemathesis.hook.apply_to(operation_id=["create_plan", "update_plan"])
def filter_body(ctx, body):
    if not isinstance(body, dict):
        return True
    if body.get("features") or body.get("quotas"):
        return False
    prices = body.get("prices")
    if isinstance(prices, dict):
        return any(prices.get(cycle) is not None for cycle in ("monthly", "quarterly", "yearly"))
    return True



def _registered_language(body):
    """See _LANGUAGE: a well-formed tag becomes a registered one; others stay as sent."""
    if isinstance(body.get("language"), str) and _LANGUAGE.fullmatch(body["language"]):
        body["language"] = "en-GB"


@schemathesis.hook.apply_to(operation_id="update_tenant")
def map_body(ctx, body):
    if isinstance(body, dict):
        _registered_language(body)
        _known_properties(body)
    return body


def _day(value):
    try:
        return datetime.strptime(str(value), "%Y-%m-%d").date()
    except ValueError:
        return None  # Not a date: leave it to the server to refuse.


# A tenant's usage covers at most 366 days, `from` not after `to`; `to` defaults to today in
# the tenant's time zone, so `from` alone reaches back at most a year (rules between the two
# parameters and against the clock; the server answers 422 naming `from` or `to`). Its
# microservice usage takes the same range.
@schemathesis.hook.apply_to(operation_id=["get_tenant_usage", "get_tenant_microservice_usage"])
def filter_query(ctx, query):
    query = query or {}
    start, end = _day(query.get("from")), _day(query.get("to"))
    if start is None and "from" in query:
        return True
    if end is None and "to" in query:
        return True
    end = end or datetime.now().date()
    if start is None:
        return True
    return 0 <= (end - start).days <= 364


# A meter's `property` names what a `unique_count` counts: that aggregation needs one and
# the others take none, else a 422 naming `property` (a rule between two fields).
@schemathesis.hook.apply_to(operation_id="create_meter")
def filter_body(ctx, body):
    if not isinstance(body, dict) or "aggregation" not in body:
        return True
    return (body.get("property") is not None) == (body["aggregation"] == "unique_count")


# A meter's `quota` names a quota of the catalogue of the kind the meter can be measured
# against: a consumable one for a `sum` or `count` counter, an allocation one for a gauge,
# none for the others (else a 422 naming `quota`; tests/api/usage/quota_feed.rs covers each).
# Quota definitions are never deleted, so the seeded ones below always exist.
@schemathesis.hook.apply_to(operation_id="create_meter")
def map_body(ctx, body):
    if not isinstance(body, dict) or not isinstance(body.get("quota"), str):
        return body
    if body.get("kind") == "gauge":
        body["quota"] = "max_devices"
    elif body.get("kind") == "counter" and body.get("aggregation") in ("sum", "count"):
        body["quota"] = "extra_workflow_triggers"
    else:
        body.pop("quota")
    return body


# A consume's own `idempotency_key` answers a retry with the first answer, and the same key
# with another amount is a 422 `idempotency_key_reused` (tests/api/capabilities covers it).
# Generated keys repeat across unrelated requests ("0"), so each request gets a fresh one, as
# the Idempotency-Key header does above; a key the schema forbids is left as sent.
@schemathesis.hook.apply_to(operation_id="consume_quota")
def map_body(ctx, body):
    key = body.get("idempotency_key") if isinstance(body, dict) else None
    if isinstance(key, str) and 1 <= len(key) <= 255:
        body["idempotency_key"] = f"fuzz-{uuid.uuid4().hex}"
    return body


# The usage table's range keeps the rule of a tenant's usage (at most 366 days, `from` not
# after `to`, `to` by default today in UTC).
@schemathesis.hook.apply_to(operation_id=["get_usage_statistics", "export_usage_statistics"])
def filter_query(ctx, query):
    query = query or {}
    start, end = _day(query.get("from")), _day(query.get("to"))
    if (start is None and "from" in query) or (end is None and "to" in query):
        return True
    if start is None:
        return True
    return 0 <= ((end or datetime.utcnow().date()) - start).days <= 364


# The table's `sort`, `filter`, `trend` and `columns` name columns and meters that exist
# only at run time (every meter adds columns), which no schema states; a generated name is
# replaced by a real one of the same shape, and a value the schema forbids is left as sent.
# tests/api/usage/table.rs covers the 422s for unknown names.
_COLUMNS = ["id", "domain", "name", "status", "parent_id", "created_at", "api_requests", "storage", "peak_storage"]


@schemathesis.hook.apply_to(operation_id=["get_usage_statistics", "export_usage_statistics"])
def map_query(ctx, query):
    if not isinstance(query, dict):
        return query
    sort = query.get("sort")
    if isinstance(sort, str) and re.fullmatch(r"-?[a-z][a-z0-9_]{0,69}", sort):
        column = _COLUMNS[len(sort) % len(_COLUMNS)]
        query["sort"] = f"-{column}" if sort.startswith("-") else column
    condition = query.get("filter")
    if isinstance(condition, str) and len(condition) <= 1000:
        query["filter"] = f"api_requests>={len(condition)}"
    if isinstance(query.get("trend"), str) and re.fullmatch(r"[a-z][a-z0-9_]{0,63}", query["trend"]):
        query["trend"] = "api_requests"
    if isinstance(query.get("columns"), str) and len(query["columns"]) <= 2000:
        query["columns"] = "domain,api_requests,peak_storage"
    return query


# Without `tenant`, a sign-in takes the tenant the request's Host names (tenant domain
# login); the fuzzer's host (127.0.0.1) names none, so the server rightly answers 422 naming
# `tenant` (tests/api/support covers both). A sign-in without a tenant is sent for one.
@schemathesis.hook.apply_to(operation_id="login")
def map_body(ctx, body):
    if isinstance(body, dict) and body.get("tenant") is None:
        body["tenant"] = "management"
    return body


# Two retention rules for the same data type and filter contradict each other: the server
# answers 422 `duplicate` naming the second (tests/api/policies), a rule between array items
# that no schema states.
@schemathesis.hook.apply_to(operation_id=["put_tenant_retention_rules", "create_tenant_policy", "update_tenant_policy"])
def filter_body(ctx, body):
    rules = body.get("retention_rules") if isinstance(body, dict) else None
    if not isinstance(rules, list):
        return True
    seen = set()
    for rule in rules:
        if not isinstance(rule, dict):
            return True
        key = (str(rule.get("data_type")), str(rule.get("filter") or "").strip())
        if key in seen:
            return False
        seen.add(key)
    return True


# An application's fields depend on its type and billing mode, rules between fields: only a
# microservice has a billing mode, isolation and instance limits (a web application given
# one is a 422 naming it); a microservice billed by `subscription` needs a
# `subscription_price` and one billed by `resources` (the default) refuses it; a JPY price
# has no decimals. tests/api/applications covers each answer.
_RUNTIME_FIELDS = ("billing_mode", "isolation", "cpu_millicores", "memory_mb")


@schemathesis.hook.apply_to(operation_id="create_application")
def filter_body(ctx, body):
    if not isinstance(body, dict):
        return True
    price = body.get("subscription_price")
    if body.get("type") == "web" and any(body.get(f) is not None for f in _RUNTIME_FIELDS):
        return False
    if body.get("type") == "microservice":
        mode = body.get("billing_mode") or "resources"
        if mode == "subscription" and price is None:
            return False
        if mode == "resources" and price is not None:
            return False
    if isinstance(price, dict) and price.get("currency") == "JPY" and "." in str(price.get("amount", "")):
        return False
    return True


# An owner must be a tenant of the caller's subtree that may have subtenants: a random id
# names none (422 naming owner_tenant_id). The management tenant (id 1) is one; an integer
# within int64 is never the invalid part of a negative case, so negative cases stay negative.
@schemathesis.hook.apply_to(operation_id="create_application")
def map_body(ctx, body):
    owner = body.get("owner_tenant_id") if isinstance(body, dict) else None
    if isinstance(owner, int) and not isinstance(owner, bool) and -(2**63) <= owner < 2**63:
        body["owner_tenant_id"] = 1
    return body


# Subscribing needs an application the tenant may use and a tenant the caller manages: a
# random key or id answers 404 before any rule runs. `landlord seed` (schemathesis.sh) adds
# the demo catalogue; its keys and the seeded customers give these operations something to
# subscribe and unsubscribe. A path key is a plain string and an id bounded by int64 only,
# so neither is the invalid part of a negative case.
_APPLICATIONS = ["administration", "cockpit", "reporting", "device-simulator", "analytics"]


@schemathesis.hook.apply_to(operation_id=["subscribe_tenant_application", "unsubscribe_tenant_application"])
def map_path_parameters(ctx, path_parameters):
    params = path_parameters or {}
    tenant = params.get("id")
    if _TENANTS and isinstance(tenant, int) and not isinstance(tenant, bool) and -(2**63) <= tenant < 2**63:
        params["id"] = _TENANTS[tenant % len(_TENANTS)]
    if isinstance(params.get("key"), str):
        params["key"] = _APPLICATIONS[len(params["key"]) % len(_APPLICATIONS)]
    return params



# The customer list's `property` filter names a property of the library, which the fuzzer's
# own creates and deletes change as it goes (even `external_reference` can be deleted): a
# well-formed key of no property is rightly 422 `unknown_property` naming `property`
# (tests/api/custom_properties/filter.rs). The condition is left out of generated lists; every
# other parameter is still fuzzed.
@schemathesis.hook.apply_to(operation_id="list_tenants")
def map_query(ctx, query):
    if isinstance(query, dict):
        query.pop("property", None)
    return query


# A quota definition's change must change something: an empty body is a 422 naming
# `licence_cap` (tests/api/capabilities/alerts.rs). The document cannot state
# `minProperties: 1` (utoipa writes it as `maxProperties`), so an empty generated body is
# given the default thresholds.
@schemathesis.hook.apply_to(operation_id="update_quota_definition")
def map_body(ctx, body):
    if isinstance(body, dict) and not body:
        body["thresholds"] = [80, 100]
    return body
