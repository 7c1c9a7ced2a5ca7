"""Small security pieces that Django and its libraries leave to the project."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings


def client_ip(request):
    """The visitor's address, as seen by the outermost proxy we trust.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so with N trusted proxies the client is the N-th entry from the right.
    Entries further left were written by the client and may be forged.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class PermissionsPolicyMiddleware:
    """Turn off browser features the portal never uses."""

    header = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
            "microphone", "payment", "usb", "interest-cohort",
        )
    )  # fmt: skip

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class OwnAccountResetHandler(AxesDatabaseHandler):
    """django-axes's database handler, except that a successful sign-in clears only the
    failures recorded against the account signed in to.

    With the account and the address as separate lock-out parameters, django-axes clears on
    success every attempt matching either, so a right password for one account wiped the
    failures from that address against every other: four wrong guesses at one account and a
    right one at another, repeated, allowed guessing without end.
    """

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
