"""
Deletes expired refresh tokens (and families left without any) and ended login-throttling windows, as the identity
service does every hour; run it from cron. Deletes are idempotent, so several workers may run it.
"""
from django.core.management.base import BaseCommand

from identity import refresh_tokens, throttle


class Command(BaseCommand):
    help = "Deletes expired refresh tokens and ended login-throttling windows."

    def handle(self, *args, **options):
        tokens = refresh_tokens.purge_expired()
        windows = throttle.purge_ended()
        self.stdout.write(f"Purged {tokens} expired refresh tokens and {windows} ended throttling windows")
