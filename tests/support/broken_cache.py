"""A cache backend that fails on every call, as Redis does when it is down."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    add = get = set = touch = delete = has_key = incr = clear = _fail
    get_many = set_many = delete_many = _fail
