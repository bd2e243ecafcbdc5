"""
The ledger's HTTP endpoints: thin translations between requests and the domain functions.

The order of the checks is the ledger service's: a missing or bad token is a 401 first; then the body and the query
parameters are bound and validated (Spring does that before the method's scope check); then the scope (403); then
the operation.
"""
from django.http import HttpResponse

from core import idempotency, times
from core.auth import OPS, SERVICE, USER, require
from core.paging import listing, page_query
from core.problems import Problem, unauthorized
from core.views import ApiView

from . import accounts, integrity, journal, posting, requests
from .instants import parse_offset_date_time
from .models import signed
from .representations import account_view, balance_view, batch_item, entry_view

AS_OF_MESSAGE = "must be an RFC 3339 timestamp, e.g. 2026-11-25T08:30:00.000Z"


def authenticated(request):
    if request.user is None:
        raise unauthorized()


class LedgerView(ApiView):
    def http_method_not_allowed(self, request, *args, **kwargs):
        authenticated(request)  # every path needs a token before anything else, as behind Spring Security
        return super().http_method_not_allowed(request, *args, **kwargs)


def created(document, replayed=False):
    return idempotency.json_response(201, document, replayed=replayed)


class Accounts(LedgerView):
    def post(self, request):
        authenticated(request)
        bound = requests.account_create(self.json_body(request))
        caller = require(request, OPS, SERVICE)
        key = request.META.get("HTTP_IDEMPOTENCY_KEY")

        def open_it():
            return account_view(accounts.open_account(bound["name"], bound["currency"], bound["type"],
                                                      bound["allow_negative"], bound["owner_id"]))

        return idempotency.execute(idempotency.scope_of("ledger", caller), key, bound, 201, open_it)

    def get(self, request):
        authenticated(request)
        limit, starting_after = page_query(request)
        caller = require(request, USER, OPS, SERVICE)
        rows, has_more = accounts.listed_for(caller, request.query_params.get("owner_id"), limit, starting_after)
        return _json(listing(rows, has_more, account_view))


class Account(LedgerView):
    def get(self, request, account_id):
        authenticated(request)
        caller = require(request, USER, OPS, SERVICE)
        return _json(account_view(accounts.visible_to(caller, account_id)))


class AccountEntries(LedgerView):
    def get(self, request, account_id):
        authenticated(request)
        limit, starting_after = page_query(request)
        caller = require(request, USER, OPS, SERVICE)
        rows, has_more = journal.touching(caller, account_id, limit, starting_after)
        return _json(listing(rows, has_more, entry_view))


class Entries(LedgerView):
    def post(self, request):
        authenticated(request)
        posting_request = requests.entry_create(self.json_body(request))
        require(request, OPS, SERVICE)
        entry, replayed = posting.post(posting_request)
        return created(entry_view(entry), replayed=replayed)


class EntryBatch(LedgerView):
    """Internal: each entry posted on its own, in order, as if alone after the ones before it; 200 with each outcome."""

    def post(self, request):
        authenticated(request)
        postings = requests.entry_batch_create(self.json_body(request))
        require(request, SERVICE)
        items = []
        for posting_request in postings:
            try:
                entry, replayed = posting.post(posting_request)
                items.append(batch_item(201, replayed, entry=entry))
            except Problem as refused:
                items.append(batch_item(refused.status, problem=refused))
        return _json({"data": items})


class Entry(LedgerView):
    def get(self, request, entry_id):
        authenticated(request)
        caller = require(request, USER, OPS, SERVICE)
        return _json(entry_view(journal.visible_to(caller, entry_id)))


class Reversal(LedgerView):
    def post(self, request, entry_id):
        authenticated(request)
        require(request, OPS, SERVICE)
        return created(entry_view(posting.reverse(entry_id)))


class Balance(LedgerView):
    def get(self, request, account_id):
        authenticated(request)
        caller = require(request, USER, OPS, SERVICE)
        raw = request.query_params.get("as_of")
        as_of = None
        if raw is not None:
            as_of = parse_offset_date_time(raw)
            if as_of is None:
                raise Problem.invalid_field("as_of", AS_OF_MESSAGE)
        account = accounts.visible_to(caller, account_id)
        if as_of is None:
            # the running totals are the fold of every committed entry; the integrity check proves it
            return _json(balance_view(account, account.balance, account.debits, account.credits, times.now()))
        debits, credits = journal.totals_until(account.id, as_of)
        return _json(balance_view(account, signed(account.normal_balance, debits, credits), debits, credits,
                                  as_of))


class Integrity(LedgerView):
    def get(self, request):
        authenticated(request)
        require(request, OPS)
        return _json(integrity.report())


def _json(document, status=200):
    return HttpResponse(idempotency.render(document), status=status, content_type="application/json")
