"""E-mail to the publishers when a record is sent to review (Django's e-mail: the console
locally, SMTP in production, see EMAIL_* in settings)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from programme.publishing import roles

logger = logging.getLogger(__name__)


def publishers(model):
    """The active users who may publish model's records and have an e-mail address."""
    # The model backend by name: django-axes is an authentication backend too.
    return (
        get_user_model()
        .objects.with_perm(
            roles.publish_permission(model), backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )


def review_requested(user, record):
    """Tell the publishers (but the sender) that record waits for them. A failing mail server
    is logged, not shown to the editor: the record is in review either way."""
    recipients = [
        each.email for each in publishers(type(record)).exclude(pk=getattr(user, "pk", None))
    ]
    if not recipients:
        return
    opts = record._meta
    link = settings.SITE_URL + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
    )
    values = {
        "item": opts.verbose_name,
        "title": str(record),
        "who": user.get_full_name() or user.get_username(),
        "link": link,
    }
    # A header is one line: a quotation's title may hold line breaks.
    subject = " ".join((_("In review: %(item)s “%(title)s”") % values).split())[:200]
    body = (
        _(
            "%(who)s sent the %(item)s “%(title)s” to review.\n\n"
            "Read it, then publish it or send it back to the editor with a note:\n%(link)s\n"
        )
        % values
    )
    # Sent once the change is committed: a send to review that is undone tells nobody.
    transaction.on_commit(lambda: _send(subject, body, recipients, link))


def _send(subject, body, recipients, link):
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        logger.exception("Could not send the review e-mail for %s", link)
