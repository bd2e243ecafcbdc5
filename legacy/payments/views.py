"""
The payments endpoints: thin translations between HTTP and the domain functions.

The order of the checks is the payments service's: raw card data in the body is refused before anything else (the
RawCardDataFilter runs before security); a missing or bad token is a 401 on every path; then the body and the
query's limit are bound and validated (Spring does that before the method's scope check); then the scope (403);
then the idempotency key and the operation.
"""
from django.http import HttpResponse

from core import idempotency
from core.auth import OPS, USER, Caller, require
from core.paging import listing, page_query
from core.problems import Problem, unauthorized
from core.views import ApiView

from . import bodies, charging, refunding, wallet
from .carddata import refuse_raw_card_data
from .representations import payment_method_view, refund_view, transaction_view


def scope(caller):
    return idempotency.scope_of("payments", caller)


def ok(document):
    return idempotency.json_response(200, document)


def no_content(status=204, headers=None):
    """An answer without a body, and so without a Content-Type (Django would add text/html)."""
    answer = HttpResponse(status=status)
    del answer["Content-Type"]
    for name, value in (headers or {}).items():
        answer[name] = value
    return answer


class PaymentsView(ApiView):
    allow = "OPTIONS"  # what Spring lists in the Allow header of an OPTIONS answer for this path

    def initial(self, request, *args, **kwargs):
        refuse_raw_card_data(request._request.body)  # before the token, the parsers or any log can see the body
        super().initial(request, *args, **kwargs)
        if not isinstance(request.user, Caller):
            raise unauthorized()

    def options(self, request, *args, **kwargs):
        return no_content(200, {"Allow": self.allow, "Accept-Patch": ""})


class PaymentMethods(PaymentsView):
    allow = "POST,GET,HEAD,OPTIONS"

    def post(self, request):
        body = bodies.PAYMENT_METHOD_CREATE.validate(self.json_body(request))
        caller = require(request, USER)
        return idempotency.execute(scope(caller), request.META.get("HTTP_IDEMPOTENCY_KEY"),
                                   bodies.payment_method_fingerprint(body), 201,
                                   lambda: payment_method_view(wallet.register(caller.subject, body["token"])))

    def get(self, request):
        limit, starting_after = page_query(request)
        caller = require(request, USER)
        rows, has_more = wallet.listed(caller.subject, limit, starting_after)
        return ok(listing(rows, has_more, payment_method_view))


class PaymentMethod(PaymentsView):
    allow = "DELETE,OPTIONS"

    def delete(self, request, payment_method_id):
        caller = require(request, USER)
        wallet.delete(caller.subject, payment_method_id)
        return no_content()


class Transactions(PaymentsView):
    allow = "GET,HEAD,POST,OPTIONS"

    def post(self, request):
        body = bodies.TRANSACTION_CREATE.validate(self.json_body(request))
        caller = require(request, USER)
        key = idempotency.key_from(request, body["idempotency_key"])
        return idempotency.execute(scope(caller), key, bodies.transaction_fingerprint(body), 201,
                                   lambda: transaction_view(charging.open_transaction(caller.subject, body)),
                                   before=lambda: charging.require_verified(caller.subject))

    def get(self, request):
        limit, starting_after = page_query(request)
        caller = require(request, USER, OPS)
        status = charging.status_filter(request.query_params.get("status"))
        rows, has_more = charging.listed(caller, status, limit, starting_after)
        return ok(listing(rows, has_more, transaction_view))


class Transaction(PaymentsView):
    allow = "GET,HEAD,OPTIONS"

    def get(self, request, transaction_id):
        caller = require(request, USER, OPS)
        return ok(transaction_view(charging.visible_to(caller, transaction_id)))


class Refunds(PaymentsView):
    allow = "GET,HEAD,POST,OPTIONS"

    def post(self, request):
        body = bodies.REFUND_CREATE.validate(self.json_body(request))
        caller = require(request, USER, OPS)
        key = idempotency.key_from(request, body["idempotency_key"])
        return idempotency.execute(scope(caller), key, bodies.refund_fingerprint(body), 201,
                                   lambda: refund_view(refunding.request_refund(caller, body)))

    def get(self, request):
        limit, starting_after = page_query(request)
        caller = require(request, USER, OPS)
        rows, has_more = refunding.listed(caller, request.query_params.get("transaction_id"), limit, starting_after)
        return ok(listing(rows, has_more, refund_view))


class Refund(PaymentsView):
    allow = "GET,HEAD,OPTIONS"

    def get(self, request, refund_id):
        caller = require(request, USER, OPS)
        return ok(refund_view(refunding.visible_to(caller, refund_id)))


class NoSuchPath(PaymentsView):
    """Any other path under the payments prefixes: card data is still refused, then 401, then 404."""

    def _none(self, request, *args, **kwargs):
        raise Problem.not_found()

    get = post = put = patch = delete = head = options = trace = _none
