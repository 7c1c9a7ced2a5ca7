"""Where the portal's facts come from, where sources disagree, and the programme's record as
its sources report it: key figures and the timeline of the ACP-EU Dialogue."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programme.publishing.models import (
    Cited,
    ReferenceQuerySet,
    SluggedModel,
    Translatable,
)


class SourceManager(models.Manager.from_queryset(ReferenceQuerySet)):
    """Fixtures name a source by its address."""

    def get_by_natural_key(self, url):
        return self.get(url=url)


class Source(Translatable):
    """A public web page (or document) that a record's facts come from."""

    url = models.URLField(
        _("web address"),
        max_length=500,
        unique=True,
        help_text=_("The address of the page as it was read."),
    )
    site = models.CharField(
        _("published by"),
        max_length=200,
        help_text=_("Who published the page, e.g. IOM, ACP Secretariat, Guyana Chronicle."),
    )
    site_fr = models.CharField(_("published by (French)"), max_length=200, blank=True)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The page's own title, word for word, when it is known."),
    )
    date = models.DateField(
        _("dated"), null=True, blank=True, help_text=_("The date the page itself gives, if any.")
    )
    read_on = models.DateField(
        _("read on"), null=True, blank=True, help_text=_("When the portal's editors read it.")
    )
    history = HistoricalRecords()

    objects = SourceManager()
    translated_fields = ("site",)

    class Meta:
        ordering = ["site", "url"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.translated('site')}: {self.title or self.url}"

    def natural_key(self):
        return (self.url,)


class SourceVersionManager(models.Manager.from_queryset(ReferenceQuerySet)):
    def get_by_natural_key(self, app_label, model, object_slug, topic, url):
        return self.get(
            content_type__app_label=app_label,
            content_type__model=model,
            object_slug=object_slug,
            topic=topic,
            source__url=url,
        )


class SourceVersion(Translatable):
    """One source's version of a fact that the sources disagree on. The portal shows every
    version with its source, and picks none: a record with versions of a fact leaves the
    fact's own field empty."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_slug = models.SlugField(
        _("record"), max_length=120, help_text=_("The slug of the record it belongs to.")
    )
    topic = models.CharField(
        _("what it is about"), max_length=200, help_text=_("For example: number of participants.")
    )
    topic_fr = models.CharField(_("what it is about (French)"), max_length=200, blank=True)
    text = models.CharField(
        _("this source's version"), max_length=300, help_text=_("For example: 70 delegates.")
    )
    text_fr = models.CharField(_("this source's version (French)"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="versions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = SourceVersionManager()
    translated_fields = ("topic", "text")

    class Meta:
        ordering = ["content_type", "object_slug", "topic", "order"]
        verbose_name = _("version of a disputed fact")
        verbose_name_plural = _("versions of disputed facts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_slug", "topic", "source"],
                name="one_version_per_source_and_topic",
            )
        ]

    def __str__(self):
        return f"{self.translated('topic')}: {self.translated('text')}"

    def natural_key(self):
        return (*self.content_type.natural_key(), self.object_slug, self.topic, self.source.url)

    natural_key.dependencies = ["contenttypes.contenttype", "programme.source"]

    def clean(self):
        super().clean()
        model = self.content_type.model_class() if self.content_type_id else None
        if model and not model._default_manager.filter(slug=self.object_slug).exists():
            raise ValidationError({"object_slug": _("No record of this kind has this slug.")})

    @classmethod
    def of(cls, record):
        """The versions of the facts the sources disagree on about `record`, by topic."""
        # Through the content type's natural key: one query, whatever ContentType's cache holds.
        meta = record._meta
        versions = cls.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_slug=record.slug,
        ).select_related("source")
        topics = {}
        for version in versions:
            topics.setdefault(str(version.translated("topic")), []).append(version)
        return list(topics.items())


class KeyFigure(Cited, Translatable, SluggedModel):
    """A figure about the programme as a source reported it, with the date it was reported."""

    value = models.CharField(
        _("figure"), max_length=40, help_text=_("For example: 53, or 53 or 55.")
    )
    value_fr = models.CharField(_("figure (French)"), max_length=40, blank=True)
    label = models.CharField(
        _("what it counts"),
        max_length=250,
        help_text=_("For example: technical-assistance requests."),
    )
    label_fr = models.CharField(_("what it counts (French)"), max_length=250, blank=True)
    reported = models.CharField(
        _("when"), max_length=100, help_text=_("The date the source gives, as it gives it.")
    )
    reported_fr = models.CharField(_("when (French)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )
    history = HistoricalRecords(m2m_fields=["sources"])

    translated_fields = ("label", "value", "reported")
    required_translations = ("label",)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.translated('value')} {self.translated('label')}"


class Milestone(Cited, Translatable, SluggedModel):
    """A dated step of the ACP-EU Dialogue on Migration and Development and of the programme."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("Leave empty when the source gives none.")
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, help_text=_("Leave empty when the source gives none.")
    )
    title = models.CharField(_("what happened"), max_length=300)
    title_fr = models.CharField(_("what happened (French)"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=["sources"])

    translated_fields = ("title",)
    required_translations = ("title",)

    class Meta:
        ordering = ["year", models.F("month").asc(nulls_first=True), "day", "slug"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return str(self.translated("title"))

    def clean(self):
        super().clean()
        if self.day and not self.month:
            raise ValidationError({"day": _("A day needs its month.")})
        if self.month:
            try:
                datetime.date(self.year, self.month, self.day or 1)
            except ValueError:
                raise ValidationError(_("This date does not exist.")) from None

    @property
    def when(self):
        """A date to format with only the parts the source gives (see the template)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)
