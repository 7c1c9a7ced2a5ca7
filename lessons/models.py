"""Lessons learned and good practices, with where each came from (their provenance)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from programme.models import (
    Event,
    Organisation,
    Person,
    Project,
    Publication,
    Publishable,
    Region,
    Statement,
    Theme,
    slug_url,
)


class Knowledge(Publishable):
    """What a lesson and a good practice share: tags, stakeholders and provenance."""

    title = models.CharField(_("title"), max_length=250, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show on the home page.")
    )
    named_by_source = models.BooleanField(
        _("the source calls it so"),
        default=False,
        help_text=_(
            "Tick only when a source itself calls it a lesson learned or a good practice. "
            "Otherwise its page says that the label is the portal's reading."
        ),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="%(class)ss"
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="%(class)ss"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    stakeholders = models.ManyToManyField(
        Organisation,
        verbose_name=_("stakeholders"),
        blank=True,
        related_name="%(class)ss",
        help_text=_("The organisations involved or concerned."),
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people"), blank=True, related_name="%(class)ss"
    )
    projects = models.ManyToManyField(
        Project,
        verbose_name=_("projects"),
        blank=True,
        related_name="%(class)ss",
        help_text=_("The projects it came from."),
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("presented at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
        help_text=_("The event where it was presented."),
    )
    statements = models.ManyToManyField(
        Statement,
        verbose_name=_("voiced in"),
        blank=True,
        related_name="%(class)ss",
        help_text=_("The statements (quotations) that voiced it."),
    )
    publications = models.ManyToManyField(
        Publication,
        verbose_name=_("recorded in"),
        blank=True,
        related_name="%(class)ss",
        help_text=_("The publications that record it."),
    )

    # The links its history keeps, so that restoring a deleted record brings them back.
    links = [
        "themes",
        "regions",
        "stakeholders",
        "people",
        "projects",
        "statements",
        "publications",
        "sources",
    ]

    class Meta(Publishable.Meta):
        abstract = True
        ordering = ["title"]

    def __str__(self):
        return str(self.translated("title"))


class Lesson(Knowledge):
    takeaway = models.CharField(
        _("takeaway"), max_length=300, blank=True, help_text=_("The lesson in one sentence.")
    )
    takeaway_fr = models.CharField(_("takeaway (French)"), max_length=300, blank=True)
    context = models.TextField(
        _("context"), blank=True, help_text=_("What happened that taught it. Markdown.")
    )
    context_fr = models.TextField(_("context (French)"), blank=True)
    recommendation = models.TextField(
        _("recommendation"), blank=True, help_text=_("What to do next time. Markdown.")
    )
    recommendation_fr = models.TextField(_("recommendation (French)"), blank=True)
    history = HistoricalRecords(m2m_fields=Knowledge.links)

    translated_fields = ("title", "takeaway", "context", "recommendation")
    required_translations = ("title", "takeaway")

    class Meta(Knowledge.Meta):
        indexes = [*Knowledge.Meta.indexes, models.Index(fields=["title"], name="lesson_title")]
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        permissions = [
            ("publish_lesson", _("Can publish, unpublish and delete published lessons learned"))
        ]

    def get_absolute_url(self):
        return slug_url("lessons:lesson_detail", self.slug)


class GoodPractice(Knowledge):
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("The practice in one sentence.")
    )
    summary_fr = models.CharField(_("summary (French)"), max_length=300, blank=True)
    challenge = models.TextField(
        _("challenge"), blank=True, help_text=_("The problem it answers. Markdown.")
    )
    challenge_fr = models.TextField(_("challenge (French)"), blank=True)
    approach = models.TextField(_("approach"), blank=True, help_text=_("What was done. Markdown."))
    approach_fr = models.TextField(_("approach (French)"), blank=True)
    results = models.TextField(
        _("results and evidence"), blank=True, help_text=_("What it achieved. Markdown.")
    )
    results_fr = models.TextField(_("results and evidence (French)"), blank=True)
    replicability = models.TextField(
        _("replicability"),
        blank=True,
        help_text=_("Where and how it could be repeated. Markdown."),
    )
    replicability_fr = models.TextField(_("replicability (French)"), blank=True)
    history = HistoricalRecords(m2m_fields=Knowledge.links)

    translated_fields = (
        "title",
        "summary",
        "challenge",
        "approach",
        "results",
        "replicability",
    )
    required_translations = ("title", "summary")

    class Meta(Knowledge.Meta):
        indexes = [
            *Knowledge.Meta.indexes,
            models.Index(fields=["title"], name="goodpractice_title"),
        ]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [
            (
                "publish_goodpractice",
                _("Can publish, unpublish and delete published good practices"),
            )
        ]

    def get_absolute_url(self):
        return slug_url("lessons:goodpractice_detail", self.slug)
