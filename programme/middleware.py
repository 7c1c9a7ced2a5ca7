"""Faults answered as what they are: the friendly 503 while the database cannot be reached."""

import itertools
import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import StreamingHttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# What a stream produces before its response is returned (see streaming_response).
STREAM_START_BYTES = 64 * 1024


def database_unavailable(exception):
    """Whether the exception says the database cannot be reached (not a bad query)."""
    return isinstance(exception, OperationalError | InterfaceError) or (
        type(exception) is DatabaseError
    )


class DatabaseUnavailableMiddleware:
    """Answer a friendly 503 page, not a 500, while the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            logger.error("Database unavailable for %s: %s", request.path, exception)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "60"
            return response
        return None


def streaming_response(chunks, **kwargs):
    """A StreamingHttpResponse whose first chunks are made before it is returned.

    Once a stream has sent its status line, a failure can only cut it short: a 200 that looks
    like a complete (empty) file, or the server's bare 500. Its start (the first query and
    the first rows, up to STREAM_START_BYTES) is made here, inside the view, so that a
    database that cannot be reached raises where DatabaseUnavailableMiddleware answers 503.
    """
    chunks = iter(chunks)
    start, size = [], 0
    for chunk in chunks:
        start.append(chunk)
        size += len(chunk)
        if size >= STREAM_START_BYTES:
            break
    return StreamingHttpResponse(itertools.chain(start, chunks), **kwargs)
