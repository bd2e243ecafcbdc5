"""
Binds and validates request bodies the way a money API must, in two phases as the services do:

1. binding — the body's shape: an unknown field, a wrong JSON type (a string or float where an integer belongs,
   a number where a string belongs), an undocumented enum value. The first such error is the answer.
2. constraints — every rule on every bound field (required, sizes, ranges, patterns), all reported at once,
   sorted by field then message.

Messages name the field and never quote the value. ``null`` is refused wherever the contract does not allow it.
"""
import re

from .problems import Problem
from .times import parse_date, parse_instant

LONG_MAX = 2 ** 63 - 1


class Binding(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def join(path, name):
    return f"{path}.{name}" if path else name


# ── kinds: what JSON type a field binds from ─────────────────────────────────────────────────────────────

class Kind:
    def bind(self, value, path):
        raise NotImplementedError


class Str(Kind):
    def bind(self, value, path):
        if not isinstance(value, str):
            raise Binding(path, "must be a string")
        return value


class Int(Kind):
    def bind(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > LONG_MAX:
            raise Binding(path, "must be an integer")
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
    def __init__(self, *values):
        self.values = frozenset(values)

    def bind(self, value, path):
        if not isinstance(value, str) or value not in self.values:
            raise Binding(path, "must be one of the documented values")
        return value


class StrMap(Kind):
    """A JSON object of strings (metadata)."""

    def bind(self, value, path):
        if not isinstance(value, dict):
            raise Binding(path, "must be an object")
        for key, item in value.items():
            if not isinstance(item, str):
                raise Binding(join(path, key), "must be a string")
        return dict(value)


class Obj(Kind):
    def __init__(self, schema):
        self.schema = schema

    def bind(self, value, path):
        return self.schema.bind(value, path)


class Array(Kind):
    def __init__(self, item):
        self.item = item

    def bind(self, value, path):
        if not isinstance(value, list):
            raise Binding(path, "must be an array")
        return [self.item.bind(element, f"{path}[{index}]") for index, element in enumerate(value)]


# ── constraints: rules on a bound value (None is the value of an absent field) ───────────────────────────

def required(value):
    return "must not be null" if value is None else None


def not_blank(value):
    return "must not be blank" if value is None or (isinstance(value, str) and value.strip() == "") else None


def size(minimum, maximum):
    def check(value):
        if value is not None and not minimum <= len(value) <= maximum:
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
    def __init__(self, kind, *constraints, nullable=False):
        self.kind = kind
        self.constraints = constraints
        self.nullable = nullable


class Schema:
    """A JSON object with exactly these fields; ``validate`` answers a dict with every field (None when absent)."""

    def __init__(self, **fields):
        self.fields = fields

    def bind(self, value, path=""):
        if not isinstance(value, dict):
            raise Binding(path, "must be an object")
        for name in value:
            if name not in self.fields:
                raise Binding(join(path, name), "is not a known field")
        bound = {}
        for name, field in self.fields.items():
            if name not in value:
                bound[name] = None
            elif value[name] is None:
                if not field.nullable:
                    raise Binding(join(path, name), "must not be null")
                bound[name] = None
            else:
                bound[name] = field.kind.bind(value[name], join(path, name))
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
    if value is None:
        return None
    if len(value) > 20:
        return METADATA_MESSAGE
    for key, item in value.items():
        if not 1 <= len(key) <= 40 or len(item) > 500:
            return METADATA_MESSAGE
    return None


def supported_currency(value):
    from django.conf import settings

    if value is not None and value not in settings.SUPPORTED_CURRENCIES:
        return "must be a supported currency"
    return None


def currency_rules():
    return (required, size(3, 3), supported_currency)
