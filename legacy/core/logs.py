"""The request id of the request a thread serves, on every log line."""
import logging
import threading

_current = threading.local()


def set_request_id(request_id):
    _current.request_id = request_id


def current_request_id():
    return getattr(_current, "request_id", None)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id() or "-"
        return True
