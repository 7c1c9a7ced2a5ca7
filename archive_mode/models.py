from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

ROW = 1


class ArchiveMode(models.Model):
    """One row: whether the portal says on every page that the programme has closed."""

    enabled = models.BooleanField(
        _("archive mode"),
        default=False,
        help_text=_(
            "When on, every public page shows a short banner: the programme has closed, and "
            "what the portal keeps. (DJANGO_ARCHIVE_MODE=1 turns it on whatever this says.)"
        ),
    )
    closed_on = models.DateField(
        _("programme closed on"),
        null=True,
        blank=True,
        help_text=_(
            "The date the programme ended, as its sources give it; only its month and year "
            "are shown. Empty: the programme's end year is shown."
        ),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("archive mode")
        verbose_name_plural = _("archive mode")

    def __str__(self):
        return str(_("Archive mode: on") if self.enabled else _("Archive mode: off"))

    def save(self, *args, **kwargs):
        from programme.public.cache import record_new_generation

        self.pk = ROW
        with transaction.atomic():
            super().save(*args, **kwargs)
            # Every page shows the banner: none built before this change may be served.
            record_new_generation()

    def clean(self):
        if self.pk not in (None, ROW):
            raise ValidationError(_("There is only one archive mode setting."))
