"""Deciding on a correction: one function for the admin's form and its actions."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corrections.models import Correction
from programme.publishing import services

logger = logging.getLogger(__name__)


def decide(correction, status, user, note=""):
    """Accept or decline a correction. Accepting saves the record through the workflow
    functions as user, a version of its history that names the correction (and refused, with
    the whole decision, where user may not change the record). The reader is told by e-mail if
    they gave an address, once the decision is committed: an undone decision sends nothing."""
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
            reason = _("Correction %(number)s from a reader accepted") % {"number": correction.pk}
            services.save(user, record, reason=reason)
        if correction.email:
            message = reader_message(correction)
            transaction.on_commit(lambda: tell_reader(correction, *message))


def reader_message(correction):
    """(subject, body) of the e-mail that tells the reader what became of their correction."""
    with translation.override("en"):
        subject = _("Your correction to “%(record)s”") % {"record": correction.record_title}
        if correction.status == Correction.Status.ACCEPTED:
            outcome = _("Thank you: an editor accepted your correction.")
        else:
            outcome = _("An editor read your correction and did not make the change.")
    # A header is one line: a record's title may hold line breaks.
    subject = " ".join(subject.split())[:200]
    return subject, f"{outcome}\n\n{correction.editor_note}".strip() + "\n"


def tell_reader(correction, subject, body):
    try:
        send_mail(subject, body, None, [correction.email])
    except OSError:
        # The decision stands; the editor sees the failure in the logs.
        logger.warning("Could not e-mail the reader of correction %s", correction.pk, exc_info=True)
