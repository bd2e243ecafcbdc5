"""
Identity's own rules, as the Java service applies them: the JDK's country codes, Hibernate's ``@Email`` and the
service's own e-mail regexp (one message for both), a plausible birth date.
"""
import encodings.idna
import re

from core import times
from core.validation import java_length

from .countries import CODES


COUNTRY_MESSAGE = "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. DE"


def country_code(value):
    """@CountryCode: the JDK's ISO 3166-1 alpha-2 list, upper case."""
    return COUNTRY_MESSAGE if value is not None and value not in CODES else None


# Hibernate Validator's @Email (AbstractEmailValidator, DomainNameUtil), then the service's own regexp
_LOCAL_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\U0010FFFF-]"
_LOCAL_QUOTED = r"(?:[a-z0-9!#$%&'*.(),<>\[\]:;  @+/=?^_`{|}~\u0080-\U0010FFFF-]|\\\\|\\\")"
_LOCAL_PART = re.compile(
    rf"(?:{_LOCAL_ATOM}+|\"{_LOCAL_QUOTED}+\")(?:\.(?:{_LOCAL_ATOM}+|\"{_LOCAL_QUOTED}+\"))*", re.IGNORECASE)
_DOMAIN_CHAR = r"[a-z\u0080-\U0010FFFF0-9!#$%&'*+/=?^_`{|}~]"
_DOMAIN_LABEL = rf"{_DOMAIN_CHAR}++(?:-++{_DOMAIN_CHAR}++)*+"
_DOMAIN = rf"{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*+"
_IP_V4 = r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"
_IP_V6 = (
    r"(?:(?:[0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,7}:|(?:[0-9a-fA-F]{1,4}:){1,6}:"
    r"[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,5}(?::[0-9a-fA-F]{1,4}){1,2}|(?:[0-9a-fA-F]{1,4}:){1,4}"
    r"(?::[0-9a-fA-F]{1,4}){1,3}|(?:[0-9a-fA-F]{1,4}:){1,3}(?::[0-9a-fA-F]{1,4}){1,4}|(?:[0-9a-fA-F]{1,4}:)"
    r"{1,2}(?::[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(?:(?::[0-9a-fA-F]{1,4}){1,6})|:(?:(?::[0-9a-fA-F]"
    r"{1,4}){1,7}|:)|fe80:(?::[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(?:ffff(:0{1,4}){0,1}:){0,1}(?:(?:25"
    r"[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(?:25[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])|(?:"
    r"[0-9a-fA-F]{1,4}:){1,4}:(?:(?:25[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(?:25[0-5]|(?:2[0-4]"
    r"|1{0,1}[0-9]){0,1}[0-9]))")
_EMAIL_DOMAIN = re.compile(rf"{_DOMAIN}|\[{_IP_V4}\]|\[IPv6:{_IP_V6}\]", re.IGNORECASE)
# UserCreate's regexp; Java's \s is ASCII whitespace only
_SHAPE = re.compile(r"[^@ \t\n\x0b\f\r]+@[^@ \t\n\x0b\f\r]+\.[^@ \t\n\x0b\f\r]+")
EMAIL_MESSAGE = "must be a well-formed email address"


def _idn_to_ascii(domain):
    """java.net.IDN.toASCII: per label, ASCII as it is or nameprep + punycode; empty or > 63 is an error."""
    labels = []
    for label in domain.split("."):
        if label.isascii():
            encoded = label
        else:
            encoded = encodings.idna.ToASCII(label).decode("ascii")
        if not 1 <= len(encoded) <= 63:
            raise ValueError("not a legal label")
        labels.append(encoded)
    return ".".join(labels)


def _hibernate_email(value):
    if value == "":
        return True
    at = value.rfind("@")
    if at < 0:
        return False
    local, domain = value[:at], value[at + 1:]
    if java_length(local) > 64 or not _LOCAL_PART.fullmatch(local):
        return False
    if domain.endswith("."):
        return False
    if domain:
        try:
            ascii_domain = _idn_to_ascii(domain)
        except (ValueError, UnicodeError):
            return False
        if len(ascii_domain) > 255:
            return False
    return _EMAIL_DOMAIN.fullmatch(domain) is not None


def email(value):
    if value is None or value == "":
        return None
    return None if _hibernate_email(value) and _SHAPE.fullmatch(value) else EMAIL_MESSAGE


MAXIMUM_AGE = 130


def years_before(day, years):
    """LocalDate.minusYears: 29 February becomes 28 February in a year that has none."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def plausible_birth_date(minimum_age):
    """@PlausibleBirthDate: at least ``minimum_age`` years ago today (UTC), less than 130 years ago."""
    def check(value):
        if value is None:
            return None
        today = times.now().date()
        if value > years_before(today, minimum_age):
            return f"must be at least {minimum_age} years ago"
        if not value > years_before(today, MAXIMUM_AGE):
            return f"must be less than {MAXIMUM_AGE} years ago"
        return None
    return check
