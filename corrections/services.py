"""Deciding on a correction: one function for the admin's form and its actions."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corrections.models import Correction

logger = logging.getLogger(__name__)


def decide(correction, status, user, note=""):
    """Accept or decline a correction. Accepting adds a version to the record's history that
    names the correction; the reader is told by e-mail if they gave an address."""
    if status not in (Correction.Status.ACCEPTED, Correction.Status.DECLINED):
        raise ValueError(status)
    with transaction.atomic():
        correction.status = status
        correction.editor_note = note
        correction.decided_at = timezone.now()
        correction.decided_by = user
        correction.save()
        record = correction.record
        if status == Correction.Status.ACCEPTED and record is not None:
            record._change_reason = _("Correction %(number)s from a reader accepted") % {
                "number": correction.pk
            }
            record.save()
    if correction.email:
        tell_reader(correction)


def tell_reader(correction):
    with translation.override("en"):
        subject = _("Your correction to “%(record)s”") % {"record": correction.record_title}
        if correction.status == Correction.Status.ACCEPTED:
            outcome = _("Thank you: an editor accepted your correction.")
        else:
            outcome = _("An editor read your correction and did not make the change.")
    body = f"{outcome}\n\n{correction.editor_note}".strip() + "\n"
    try:
        send_mail(subject, body, None, [correction.email])
    except OSError:
        # The decision stands; the editor sees the failure in the logs.
        logger.warning("Could not e-mail the reader of correction %s", correction.pk, exc_info=True)
