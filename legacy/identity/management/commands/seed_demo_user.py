"""
Seeds the demo user: signed up, KYC verified with a passport record and an approved verification, so a fresh
monolith takes payments at once. Idempotent: an existing user with that email (in any case) is left as it is.
"""
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import ids, times

from identity import accounts, kyc, verifications
from identity.constraints import years_before

SEEDER = "seed_demo_user"


class Command(BaseCommand):
    help = "Creates the demo user, KYC verified, unless a user with that email exists."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--country", default="CH")
        parser.add_argument("--date-of-birth", default="1990-04-01")
        parser.add_argument("--document-number", default="X1234567")
        parser.add_argument("--id", help="the user's id, when the user was created on the other side under it")

    def handle(self, *args, **options):
        if len(options["password"]) < 12:
            raise CommandError("--password must have at least 12 characters")
        existing = accounts.by_email(options["email"])
        if existing is not None:
            self.stdout.write(f"{existing.id} exists already; left as it is")
            return
        request = {"email": options["email"], "password": options["password"], "full_name": options["full_name"],
                   "country": options["country"],
                   "date_of_birth": datetime.date.fromisoformat(options["date_of_birth"])}
        user = accounts.with_password(options["password"])
        with transaction.atomic():
            if options["id"] and not ids.well_formed(options["id"], "usr_"):
                raise CommandError("--id must be a user id (usr_…)")
            user_id = accounts.sign_up(request, user, options["id"])
            record_id = kyc.submit(user_id, {"document_type": "passport",
                                             "document_number": options["document_number"],
                                             "issuing_country": options["country"],
                                             "expires_on": years_before(times.now().date(), -10)})
            verification = verifications.request(user_id, record_id)
            verifications.decide(_Seeder(), verification["id"], "approved", "demo user")
        self.stdout.write(f"{user_id} created, KYC verified")


class _Seeder:
    """The actor of the seeded decision, as the audit trail and decided_by name it."""

    subject = SEEDER
