"""
Binds and validates request bodies as the services bind their Java request records (Jackson with the strict
dialect, then Jakarta constraints), so that the same body gets the same answer on both sides:

1. binding — the body's shape. A wrongly typed known field is reported first (in document order), then the first
   unknown field (Jackson buffers a record's unknown properties until its known ones are bound). ``null`` binds as
   an absent field. An integer beyond 64 bits is not JSON to Jackson's parser. The first error is the answer.
2. constraints — every rule on every bound field (``must not be null``, sizes, ranges, patterns), all reported at
   once, sorted by field then message. Lengths are Java's (UTF-16 code units); blank is Java's ``isBlank``.

Messages name the field and never quote the value.
"""
import re
import unicodedata

from .problems import NOT_JSON, Problem
from .times import parse_date, parse_instant

LONG_MIN, LONG_MAX = -(2 ** 63), 2 ** 63 - 1


class Binding(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def join(path, name):
    return f"{path}.{name}" if path else name


# ── Java's idea of text ──────────────────────────────────────────────────────────────────────────────────

def java_length(text):
    """String.length(): UTF-16 code units, so a character outside the BMP counts twice."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def java_whitespace(char):
    """Character.isWhitespace: the Unicode space separators but the no-break ones, and nine control characters."""
    if char in "\t\n\u000b\f\r\u001c\u001d\u001e\u001f":
        return True
    if char in "\u00a0\u2007\u202f":
        return False
    return unicodedata.category(char) in ("Zs", "Zl", "Zp")


def java_is_blank(text):
    """String.isBlank(), which @NotBlank asks."""
    return all(java_whitespace(char) for char in text)


def java_strip(text):
    """String.strip(): drops Character.isWhitespace at both ends."""
    start, end = 0, len(text)
    while start < end and java_whitespace(text[start]):
        start += 1
    while end > start and java_whitespace(text[end - 1]):
        end -= 1
    return text[start:end]


# ── kinds: what JSON type a field binds from ─────────────────────────────────────────────────────────────

class Kind:
    def bind(self, value, path):
        raise NotImplementedError


NUL_MESSAGE = "must not contain the NUL character"


class Str(Kind):
    def bind(self, value, path):
        if not isinstance(value, str):
            raise Binding(path, "must be a string")
        if "\x00" in value:
            raise Binding(path, NUL_MESSAGE)  # PostgreSQL stores no NUL in text: refused here, not by the database
        return value


class Int(Kind):
    """A Java ``long``."""

    def bind(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Binding(path, "must be an integer")
        if not LONG_MIN <= value <= LONG_MAX:
            raise Binding("", NOT_JSON)  # Jackson's parser refuses the number before anything binds it
        return value


class Bool(Kind):
    def bind(self, value, path):
        if not isinstance(value, bool):
            raise Binding(path, "must be true or false")
        return value


class Date(Kind):
    def bind(self, value, path):
        parsed = parse_date(value)
        if parsed is None:
            raise Binding(path, "must be an RFC 3339 date or timestamp")
        return parsed


class Instant(Kind):
    def bind(self, value, path):
        parsed = parse_instant(value)
        if parsed is None:
            raise Binding(path, "must be an RFC 3339 date or timestamp")
        return parsed


class Enum(Kind):
    """One of the documented wire values, exactly (no ordinals, no padding)."""

    def __init__(self, *values):
        self.values = frozenset(values)

    def bind(self, value, path):
        if not isinstance(value, str) or value not in self.values:
            raise Binding(path, "must be one of the documented values")
        return value


class StrMap(Kind):
    """A JSON object of strings (metadata): ``Map<String, String>``, whose null values bind and fail its rule."""

    def bind(self, value, path):
        if not isinstance(value, dict):
            raise Binding(path, "must be an object")
        for key, item in value.items():
            if item is not None and not isinstance(item, str):
                raise Binding(join(path, key), "must be a string")
            if "\x00" in key or (item is not None and "\x00" in item):
                raise Binding(join(path, key.replace("\x00", "")), NUL_MESSAGE)
        return dict(value)


class Obj(Kind):
    def __init__(self, schema):
        self.schema = schema

    def bind(self, value, path):
        return self.schema.bind(value, path)


class Array(Kind):
    """``List<@NotNull @Valid T>``: a null element binds, and is reported as ``must not be null``."""

    def __init__(self, item):
        self.item = item

    def bind(self, value, path):
        if not isinstance(value, list):
            raise Binding(path, "must be an array")
        return [None if element is None else self.item.bind(element, f"{path}[{index}]")
                for index, element in enumerate(value)]


# ── constraints: rules on a bound value (None is the value of an absent or null field) ───────────────────

def required(value):
    """@NotNull."""
    return "must not be null" if value is None else None


def not_blank(value):
    """@NotBlank."""
    return "must not be blank" if value is None or java_is_blank(value) else None


def size(minimum, maximum):
    """@Size: Java's length of a string, the number of elements of a list or map."""
    def check(value):
        if value is None:
            return None
        length = java_length(value) if isinstance(value, str) else len(value)
        if not minimum <= length <= maximum:
            return f"size must be between {minimum} and {maximum}"
        return None
    return check


def at_least(minimum):
    return lambda value: (f"must be greater than or equal to {minimum}"
                          if value is not None and value < minimum else None)


def at_most(maximum):
    return lambda value: (f"must be less than or equal to {maximum}"
                          if value is not None and value > maximum else None)


def pattern(regex, message):
    compiled = re.compile(regex)
    return lambda value: message if value is not None and not compiled.fullmatch(value) else None


def rule(predicate, message):
    """A rule of one's own: ``predicate(value)`` is True when the (present) value is acceptable."""
    return lambda value: message if value is not None and not predicate(value) else None


class Field:
    def __init__(self, kind, *constraints):
        self.kind = kind
        self.constraints = constraints


class Schema:
    """A JSON object with exactly these fields; ``validate`` answers a dict with every field (None when absent)."""

    def __init__(self, **fields):
        self.fields = fields

    def bind(self, value, path=""):
        if value is None and path == "":
            raise Binding("", "a JSON body is required")
        if not isinstance(value, dict):
            raise Binding(path, "must be an object")
        bound = {name: None for name in self.fields}
        unknown = None
        for name, item in value.items():
            field = self.fields.get(name)
            if field is None:
                unknown = name if unknown is None else unknown
            elif item is not None:
                bound[name] = field.kind.bind(item, join(path, name))
        if unknown is not None:
            raise Binding(join(path, unknown), "is not a known field")
        return bound

    def violations(self, bound, path=""):
        found = []
        for name, field in self.fields.items():
            value = bound.get(name)
            for constraint in field.constraints:
                message = constraint(value)
                if message:
                    found.append((join(path, name), message))
            found.extend(nested_violations(field.kind, value, join(path, name)))
        return found

    def validate(self, body):
        try:
            bound = self.bind(body)
        except Binding as failure:
            raise Problem.invalid_field(failure.field, failure.message) from None
        found = self.violations(bound)
        if found:
            raise Problem.invalid(found)
        return bound


def nested_violations(kind, value, path):
    if value is None:
        return []
    if isinstance(kind, Obj):
        return kind.schema.violations(value, path)
    if isinstance(kind, Array) and isinstance(kind.item, Obj):
        found = []
        for index, element in enumerate(value):
            if element is None:
                found.append((f"{path}[{index}]", "must not be null"))
            else:
                found.extend(kind.item.schema.violations(element, f"{path}[{index}]"))
        return found
    return []


# ── rules the whole API shares ───────────────────────────────────────────────────────────────────────────

AMOUNT_MIN = 1
AMOUNT_MAX = 99_999_999_999
METADATA_MESSAGE = ("must have at most 20 keys of 1 to 40 characters, each with a string value of at most "
                    "500 characters")


def amount_rules():
    """An amount in minor units, as every request takes it: 1 ≤ amount ≤ 99 999 999 999."""
    return (at_least(AMOUNT_MIN), at_most(AMOUNT_MAX))


def metadata_rule(value):
    """@ValidMetadata: at most 20 keys of 1 to 40 characters, each with a string value of at most 500."""
    if value is None:
        return None
    if len(value) > 20:
        return METADATA_MESSAGE
    for key, item in value.items():
        if not 1 <= java_length(key) <= 40 or item is None or java_length(item) > 500:
            return METADATA_MESSAGE
    return None


def supported_currency(value):
    """@SupportedCurrency."""
    from django.conf import settings

    if value is not None and value not in settings.SUPPORTED_CURRENCIES:
        return "must be one of " + ", ".join(sorted(set(settings.SUPPORTED_CURRENCIES)))
    return None


def currency_rules():
    return (required, size(3, 3), supported_currency)
