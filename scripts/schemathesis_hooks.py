"""Rules between fields that a JSON Schema cannot state, for scripts/schemathesis.sh.

Each filter drops generated requests that break one such rule, so that a "schema-valid
request rejected" finding means the document is wrong and not that the fuzzer combined two
individually valid fields the server rightly refuses together. The server still checks
every rule (tests/api covers each answer); nothing else is filtered.
"""

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
    amount = body.get("total", body.get("amount"))
    if body.get("currency") == "JPY" and isinstance(amount, str) and "." in amount:
        return False
    return _in_order(body.get("issued_at"), body.get("due_at"))
