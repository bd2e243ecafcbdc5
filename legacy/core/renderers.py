"""Responses: compact JSON (what the services write), whatever the client's Accept header says."""
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer

from .wire import dumps


class CompactJsonRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return dumps(data).encode("utf-8")


class JsonOnlyNegotiation(BaseContentNegotiation):
    """Parsers by Content-Type as DRF does; one renderer, so no 406 for an Accept header it does not list."""

    def select_parser(self, request, parsers):
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        for parser in parsers:
            if parser.media_type == content_type:
                return parser
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
