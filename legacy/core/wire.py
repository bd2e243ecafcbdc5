"""
JSON out: compact, UTF-8, escaped as the services' Jackson escapes (``\\u001F``, upper-case hex), so that a
representation is the same bytes whichever side wrote it.
"""
import json
import re

_ESCAPE = re.compile(r"\\u00([0-9a-f]{2})")


def dumps(document):
    """The compact JSON text the services write for ``document``."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return _ESCAPE.sub(lambda escape: "\\u00" + escape.group(1).upper(), text) if "\\u00" in text else text
