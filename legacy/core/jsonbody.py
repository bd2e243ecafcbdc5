"""Request bodies: JSON only, strictly — a duplicated key, NaN, a trailing token, bad UTF-8 or a lone surrogate is not JSON."""
import json
import re

from rest_framework.parsers import BaseParser

from .problems import NOT_JSON, Problem



def _no_duplicates(pairs):
    document = {}
    for key, value in pairs:
        if key in document:
            raise ValueError("duplicate key")
        document[key] = value
    return document


def _no_constant(name):
    raise ValueError("not a JSON number")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value):
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise ValueError("lone surrogate")
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_surrogates(key)
            _no_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _no_surrogates(item)


def loads(raw):
    """The body as Python values; raises a validation problem naming the body when it is not JSON."""
    if not raw:
        raise Problem.invalid_field("", "a JSON body is required")
    try:
        text = raw.decode("utf-8") if isinstance(raw, (bytes, bytearray)) else raw
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        _no_surrogates(document)
        return document
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Problem.invalid_field("", NOT_JSON) from None


class StrictJsonParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        return loads(raw)
