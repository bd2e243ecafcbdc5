"""Public ids: a type prefix and 26 Crockford base32 characters (48 bits of milliseconds, 80 random bits)."""
import os
import re
import time

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
PREFIXES = ("usr_", "kyc_", "ver_", "pm_", "txn_", "re_", "acc_", "je_")
_BODY = re.compile(r"^[a-z0-9_]+$")


def new_id(prefix):
    if prefix not in PREFIXES:
        raise ValueError(f"unknown id prefix {prefix}")
    millis = int(time.time() * 1000)
    value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(CROCKFORD[value & 31])
        value >>= 5
    return prefix + "".join(reversed(chars))


def well_formed(identifier, prefix):
    """Shaped like an id of this type (fixed ids such as pm_test_visa_4242 included)."""
    return (isinstance(identifier, str) and identifier.startswith(prefix) and len(prefix) < len(identifier) <= 64
            and _BODY.match(identifier[len(prefix):]) is not None)
