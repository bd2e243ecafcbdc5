"""
Prints a Django hash of a client secret read from stdin, for OPS_CONSOLE_SECRET_HASH and
PAYMENTS_SERVICE_SECRET_HASH. The secret is never an argument (it would land in the shell history and ps).
"""
import sys

from django.contrib.auth import hashers
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Reads a client secret from stdin and prints its Django password hash."

    def handle(self, *args, **options):
        secret = sys.stdin.readline().rstrip("\r\n")
        if not secret:
            raise CommandError("no secret on stdin")
        self.stdout.write(hashers.make_password(secret))
