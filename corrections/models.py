from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

WHAT_LIMIT = 2000
SOURCE_LIMIT = 1000


class Correction(models.Model):
    """What a reader says is wrong on one record's page, and what an editor made of it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record number"))
    record = GenericForeignKey("content_type", "object_id")
    record_title = models.CharField(
        _("record"), max_length=500, help_text=_("The record's title when the reader wrote.")
    )
    what_is_wrong = models.TextField(_("what is wrong"), max_length=WHAT_LIMIT)
    source = models.TextField(
        _("source"), max_length=SOURCE_LIMIT, help_text=_("What the reader says shows it.")
    )
    email = models.EmailField(
        _("reader's e-mail address"),
        blank=True,
        help_text=_("Given by the reader to hear what became of it; never shown publicly."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    editor_note = models.TextField(
        _("editor's note"),
        blank=True,
        help_text=_(
            "Why it was accepted or declined (needed to decline). Sent to the reader if they "
            "gave an address."
        ),
    )
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("decided by"),
        related_name="+",
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return _("Correction %(number)s to “%(record)s”") % {
            "number": self.pk,
            "record": self.record_title,
        }
