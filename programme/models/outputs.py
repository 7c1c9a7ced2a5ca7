"""What the programme produces: statements and publications."""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from programme.models.reference import Region, Theme
from programme.models.stakeholders import Organisation, Person
from programme.models.work import Event, Programme, Project
from programme.publishing.models import (
    Publishable,
    slug_url,
)
from programme.validators import validate_document


class Statement(Publishable):
    text = models.TextField(_("words"), blank=True, help_text=_("The quotation, word for word."))
    text_fr = models.TextField(
        _("words (French)"),
        blank=True,
        help_text=_("Only a translation published by the speaker or the source, never our own."),
    )
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position among the statements of the event.")
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="statements"
    )
    history = HistoricalRecords(m2m_fields=["themes", "sources"])

    translated_fields = ("text",)
    required_translations = ("text",)
    # A quote is shown with its speaker and, when it has one, its event.
    public_parents = ("speaker", "event")

    class Meta(Publishable.Meta):
        ordering = ["event", "order"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [
            ("publish_statement", _("Can publish, unpublish and delete published statements"))
        ]

    def __str__(self):
        text = self.translated("text")
        words = text if len(text) <= 60 else text[:57] + "..."
        return f"{self.speaker.name}: “{words}”" if self.speaker_id else words

    def get_absolute_url(self):
        return slug_url("programme:statement_detail", self.slug)


class Publication(Publishable):
    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic publication")
        PRESS_RELEASE = "press-release", _("Press release")
        REPORT = "report", _("Report")
        MEETING_REPORT = "meeting-report", _("Meeting report")
        TA_OUTPUT = "ta-output", _("Technical-assistance output")
        FACTSHEET = "factsheet", _("Factsheet or leaflet")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="publications"
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="publications"
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, db_index=True, help_text=_("Leave empty if unknown.")
    )
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("The countries it covers, as the source lists them."),
    )
    authors = models.ManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="authored_publications"
    )
    reference = models.CharField(
        _("reference"),
        max_length=50,
        blank=True,
        help_text=_("The document's reference number, e.g. TA/041/2016 or ENG0625."),
    )
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    publisher_name = models.CharField(
        _("publisher as credited"),
        max_length=200,
        blank=True,
        help_text=_("The credit line as printed, e.g. 'ACP Press'."),
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("Language code, e.g. en or fr.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    file = models.FileField(
        _("file"),
        upload_to="publications/",
        blank=True,
        validators=[validate_document],
        help_text=_("PDF or office document."),
    )
    history = HistoricalRecords(m2m_fields=["themes", "regions", "authors", "sources"])

    translated_fields = ("title", "summary")
    required_translations = ("title",)

    class Meta(Publishable.Meta):
        ordering = [F("year").desc(nulls_last=True), "title"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["title"], name="publication_title"),
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        permissions = [
            ("publish_publication", _("Can publish, unpublish and delete published publications"))
        ]

    def __str__(self):
        return str(self.translated("title"))

    def save(self, *args, **kwargs):
        if self.date and not self.year:
            self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def card_meta(self):
        """Year, publisher and language, as a publication's card shows them."""
        from programme.templatetags.portal import language_name

        parts = [str(self.year) if self.year else "", self.publisher_name]
        parts.append(language_name(self.language) if self.language else "")
        return " · ".join(part for part in parts if part)

    def get_absolute_url(self):
        return slug_url("programme:publication_detail", self.slug)


# The page cache's generation lives with the page cache; imported here so that Django finds it.
