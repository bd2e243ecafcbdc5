"""Request bodies: JSON only, strictly — a duplicated key, NaN, a trailing token or bad UTF-8 is not JSON."""
import json

from rest_framework.parsers import BaseParser

from .problems import Problem

NOT_JSON = "the body is not well-formed JSON"


def _no_duplicates(pairs):
    document = {}
    for key, value in pairs:
        if key in document:
            raise ValueError("duplicate key")
        document[key] = value
    return document


def _no_constant(name):
    raise ValueError("not a JSON number")


def loads(raw):
    """The body as Python values; raises a validation problem naming the body when it is not JSON."""
    if not raw or not raw.strip():
        raise Problem.invalid_field("", "a JSON body is required")
    try:
        text = raw.decode("utf-8") if isinstance(raw, (bytes, bytearray)) else raw
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Problem.invalid_field("", NOT_JSON) from None


class StrictJsonParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        return loads(raw)
