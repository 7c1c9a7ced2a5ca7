"""At most CORRECTIONS_PER_HOUR corrections from one address an hour, counted in the shared
cache (so every app server counts together)."""

from django.conf import settings
from django.core.cache import cache

from programme.security import client_ip

WINDOW = 3600


def allow(request):
    """Count one correction from this address; False once the address has sent its share."""
    key = f"corrections:rate:{client_ip(request)}"
    try:
        cache.add(key, 0, WINDOW)
        count = cache.incr(key)
    except ValueError:  # the key expired between the two calls
        cache.set(key, 1, WINDOW)
        count = 1
    except Exception:
        # No cache: accept rather than lose a reader's correction.
        return True
    return count <= settings.CORRECTIONS_PER_HOUR
