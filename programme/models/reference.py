"""Reference vocabularies: regions and themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programme.publishing.models import (
    Cited,
    SluggedModel,
    Translatable,
    slug_url,
)


class Region(Cited, Translatable, SluggedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subregions",
        help_text=_("The larger region it lies in, e.g. Africa for Southern Africa."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    history = HistoricalRecords(m2m_fields=["sources"])

    translated_fields = ("name", "description")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return str(self.translated("name"))

    def get_absolute_url(self):
        return slug_url("programme:region_detail", self.slug)


class Theme(Cited, Translatable, SluggedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    history = HistoricalRecords(m2m_fields=["sources"])

    translated_fields = ("name", "description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return str(self.translated("name"))

    def get_absolute_url(self):
        return slug_url("programme:theme_detail", self.slug)
