"""
Raw card data never enters: a body carrying a field named like a card number or security code anywhere in its JSON,
or a 13–19 digit Luhn-valid number (a JSON number, or inside any string or field name, with or without spaces or
dashes between the digits) is refused with ``400 raw_card_data_rejected`` before anything binds, logs, echoes or
stores it — the Java RawCardDataFilter and CardDataDetector, token for token.

Like Jackson's streaming parser, the scan reads tokens in order and answers as soon as one carries card data; a body
that turns out not to be JSON is scanned again as text, so card data in it still gets no further.
"""
import re

from core.problems import Problem

# compared without case, underscores, dashes, dots or spaces
FORBIDDEN_FIELDS = frozenset((
    "number", "cardnumber", "pan", "primaryaccountnumber", "accountnumber",
    "cvc", "cvv", "cvc2", "cvv2", "cid", "securitycode", "cardsecuritycode", "cardverificationcode",
    "track1", "track2", "trackdata", "magstripe"))

# runs of 13–19 digits, each digit optionally followed by one space or dash
_DIGIT_RUN = re.compile(r"(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WHITESPACE = " \t\n\r"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

DETAIL = "Raw card data is never accepted. Tokenise the card with the card vault and send its token."


def refuse_raw_card_data(body):
    """Raises the 400 for a body with card data; the problem names nothing of the body."""
    if contains_card_data(body):
        raise Problem("raw_card_data_rejected", DETAIL, instance=False)


def contains_card_data(body):
    if not body:
        return False
    text = body.decode("utf-8", errors="surrogateescape") if isinstance(body, (bytes, bytearray)) else body
    try:
        for kind, value in _tokens(text):
            if kind == "name" and _normalise(value) in FORBIDDEN_FIELDS:
                return True
            if contains_card_number(value):
                return True
        return False
    except _Malformed:
        # not JSON: refused later, but card data in it must still not get that far
        readable = body.decode("utf-8", errors="replace") if isinstance(body, (bytes, bytearray)) else body
        return contains_card_number(readable)


def contains_card_number(text):
    if text is None or len(text) < 13:
        return False
    return any(luhn_valid(run.group().replace(" ", "").replace("-", "")) for run in _DIGIT_RUN.finditer(text))


def luhn_valid(digits):
    """The Luhn (mod 10) check every card number satisfies."""
    total, doubled = 0, False
    for char in reversed(digits):
        if not "0" <= char <= "9":
            return False
        digit = ord(char) - 48
        if doubled:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
        doubled = not doubled
    return len(digits) > 0 and total % 10 == 0


def _normalise(name):
    # Java's Character.toLowerCase maps one char to one char; Python's lower() turns İ into two
    return "".join("i" if c == "\u0130" else c.lower() for c in name if c not in "_-. ")


class _Malformed(Exception):
    pass


_VALUE, _NAME, _AFTER = "value", "name", "after"


def _tokens(text):
    """
    Yields (kind, text) for every field name ("name"), string ("string") and number ("number", as written) of a
    sequence of JSON values, in order; raises _Malformed where the text stops being JSON.
    """
    at, end = (1 if text.startswith("\ufeff") else 0), len(text)
    stack = []  # the open containers, "{" or "["
    state, may_close = _VALUE, False  # may_close: right after "{" or "[", the container may end at once
    while True:
        while at < end and text[at] in _WHITESPACE:
            at += 1
        if at >= end:
            if stack:
                raise _Malformed()
            return
        char = text[at]
        if state == _NAME:
            if char == "}" and may_close:
                stack.pop()
                at, state = at + 1, _AFTER
                continue
            if char != '"':
                raise _Malformed()
            name, at = _string(text, at)
            yield "name", name
            while at < end and text[at] in _WHITESPACE:
                at += 1
            if at >= end or text[at] != ":":
                raise _Malformed()
            at, state, may_close = at + 1, _VALUE, False
            continue
        if state == _AFTER:
            if not stack:  # the next value of a sequence of root values
                state = _VALUE
                continue
            if char == ",":
                at, state, may_close = at + 1, (_NAME if stack[-1] == "{" else _VALUE), False
                continue
            if char == ("}" if stack[-1] == "{" else "]"):
                stack.pop()
                at += 1
                continue
            raise _Malformed()
        # a value is expected
        if char == "]" and may_close and stack and stack[-1] == "[":
            stack.pop()
            at, state = at + 1, _AFTER
            continue
        may_close = False
        if char in "{[":
            stack.append(char)
            at, state, may_close = at + 1, (_NAME if char == "{" else _VALUE), True
            continue
        if char == '"':
            value, at = _string(text, at)
            yield "string", value
        elif char == "-" or "0" <= char <= "9":
            match = _NUMBER.match(text, at)
            if match is None or (match.end() < end and (text[match.end()].isalnum() or text[match.end()] in ".+-_")):
                raise _Malformed()
            yield "number", match.group()
            at = match.end()
        else:
            literal = next((word for word in ("true", "false", "null") if text.startswith(word, at)), None)
            if literal is None:
                raise _Malformed()
            at += len(literal)
            if at < end and (text[at].isalnum() or text[at] == "_"):
                raise _Malformed()
        state = _AFTER


def _string(text, position):
    """The decoded string starting at the quote at ``position``, and the position after its closing quote."""
    out = []
    at = position + 1
    length = len(text)
    while True:
        if at >= length:
            raise _Malformed()
        char = text[at]
        if char == '"':
            return "".join(out), at + 1
        if char == "\\":
            if at + 1 >= length:
                raise _Malformed()
            escape = text[at + 1]
            if escape == "u":
                digits = text[at + 2:at + 6]
                if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
                    raise _Malformed()
                out.append(chr(int(digits, 16)))
                at += 6
                continue
            if escape not in _ESCAPES:
                raise _Malformed()
            out.append(_ESCAPES[escape])
            at += 2
            continue
        if char < " " or "\udc80" <= char <= "\udcff":  # a control character, or a byte that was not UTF-8
            raise _Malformed()
        out.append(char)
        at += 1
