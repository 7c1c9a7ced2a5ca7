"""The programme's content: who, what, where, and the shared publication workflow.

Every public content type inherits `Publishable`: its `published()` queryset method is the one
rule that decides what the public may see, used by every view, feed, sitemap, export and search.
"""

import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from . import translation
from .validators import validate_document


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class ReferenceQuerySet(models.QuerySet):
    def published(self):
        """Reference data (regions, themes) has no workflow: the public sees all of it."""
        return self.all()


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, not scheduled for later, and every parent the
        model names in `public_parents` public by its own rule (an empty optional parent is no
        obstacle)."""
        queryset = self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())
        for name in self.model.public_parents:
            field = self.model._meta.get_field(name)
            parents = Q(**{f"{name}__in": field.related_model._default_manager.published()})
            queryset = queryset.filter(
                Q(**{f"{name}__isnull": True}) | parents if field.null else parents
            )
        return queryset


class SlugManager(models.Manager.from_queryset(ReferenceQuerySet)):
    """Fixtures refer to records by slug, so a reload updates rather than duplicates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableManager(SlugManager.from_queryset(PublishableQuerySet)):
    pass


SLUG_PLACEHOLDER = "slug-placeholder"
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what the <slug:...> converter accepts


@functools.cache
def _address_pattern(viewname, language, script_prefix, urlconf):
    return reverse(viewname, args=[SLUG_PLACEHOLDER], urlconf=urlconf)


def slug_url(viewname, slug):
    """reverse(viewname, args=[slug]), worked out once per page type, language and URL
    configuration, then given the slug: a list of cards asks for a hundred addresses."""
    if not SLUG.fullmatch(slug or ""):
        return reverse(viewname, args=[slug])  # which fails, as it should
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    pattern = _address_pattern(viewname, get_language(), get_script_prefix(), urlconf)
    start, _placeholder, end = pattern.rpartition(SLUG_PLACEHOLDER)
    return f"{start}{slug}{end}"


class SluggedModel(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the page address. Lower case letters, digits and hyphens."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Counts saves, so that the admin can refuse a save over someone else's newer one.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = SlugManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class Translatable(models.Model):
    """Text in English and in the other languages of settings.LANGUAGES: see translation.py.

    `translated_fields` names the fields that have a `<field>_<code>` sibling per other
    language; `required_translations` those of them that must have text in the record's
    original language (and may be empty in the others).
    """

    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the text was written in. The text in this language is required; "
            "the other is a translation, and where it is missing visitors see this one, "
            "marked as such."
        ),
    )

    translated_fields = ()
    required_translations = ()

    class Meta:
        abstract = True

    @property
    def naming_field(self):
        """The translatable field its name (`__str__`) is made of, if any."""
        return self.translated_fields[0] if self.translated_fields else None

    def translated(self, field, language=None):
        return translation.translate(self, field, language)

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        # In clean_fields, not clean(): a form without the field must not be given its error.
        for field in self.required_translations:
            name = translation.field_name(field, self.original_language)
            if (exclude and name in exclude) or name in errors or getattr(self, name):
                continue
            errors[name] = [ValidationError(_("This field is required."), code="required")]
        if errors:
            raise ValidationError(errors)


class Publishable(Translatable, SluggedModel):
    """The publication workflow shared by every public content type."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published records appear on the public site."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "When the record becomes public. Leave empty to publish now; "
            "a future date schedules it."
        ),
    )
    source = models.ForeignKey(
        "programme.Publication",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The document this record's facts come from."),
    )

    objects = PublishableManager()

    # The foreign keys to records without which this one means nothing to the public: it is
    # public only while they are (see PublishableQuerySet.published).
    public_parents = ()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["status", "published_at"], name="%(app_label)s_%(class)s_pub"),
        ]

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        """Whether the public sees this record now: the published() rule, asked of the
        database (one query)."""
        return type(self)._default_manager.published().filter(pk=self.pk).exists()


class Region(Translatable, SluggedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    history = HistoricalRecords()

    translated_fields = ("name", "description")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return str(self.translated("name"))

    def get_absolute_url(self):
        return slug_url("programme:region_detail", self.slug)


class Theme(Translatable, SluggedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    history = HistoricalRecords()

    translated_fields = ("name", "description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return str(self.translated("name"))

    def get_absolute_url(self):
        return slug_url("programme:theme_detail", self.slug)


class Organisation(Publishable):
    class Kind(models.TextChoices):
        EU_INSTITUTION = "eu-institution", _("EU institution")
        ACP_BODY = "acp-body", _("ACP body")
        UN_AGENCY = "un-agency", _("UN agency")
        GOVERNMENT = "government", _("Government")
        REGIONAL_ORGANISATION = "regional-organisation", _("Regional organisation")
        NON_STATE_ACTOR = "non-state-actor", _("Non-State actor")
        THINK_TANK = "think-tank", _("Think tank")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        help_text=_("The larger body this office, unit or Directorate-General belongs to."),
    )
    country = CountryField(_("country"), blank=True, help_text=_("Where it is based."))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)
    history = HistoricalRecords()

    translated_fields = ("name", "description")
    required_translations = ("name",)

    class Meta(Publishable.Meta):
        ordering = ["name"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["name"], name="organisation_name"),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("publish_organisation", _("Can publish, unpublish and delete published organisations"))
        ]

    def __str__(self):
        name = self.translated("name")
        return f"{name} ({self.acronym})" if self.acronym else str(name)

    def get_absolute_url(self):
        return slug_url("programme:organisation_detail", self.slug)

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be part of itself.")})


class Person(Publishable):
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(
        _("honorific"), max_length=50, blank=True, help_text=_("For example: Ambassador.")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("Job title as the source gives it.")
    )
    role_fr = models.CharField(_("role (French)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(
        _("public e-mail"), blank=True, help_text=_("Only if a public source published it.")
    )
    phone = models.CharField(
        _("public telephone"),
        max_length=40,
        blank=True,
        help_text=_("Only if a public source published it."),
    )
    biography = models.TextField(_("biography"), blank=True, help_text=_("Markdown."))
    biography_fr = models.TextField(_("biography (French)"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    history = HistoricalRecords()

    translated_fields = ("role", "biography")
    naming_field = None  # a person's name is the same in every language

    class Meta(Publishable.Meta):
        ordering = ["name"]
        indexes = [*Publishable.Meta.indexes, models.Index(fields=["name"], name="person_name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("publish_person", _("Can publish, unpublish and delete published people"))]

    def __str__(self):
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    def get_absolute_url(self):
        return slug_url("programme:person_detail", self.slug)


class Programme(Publishable):
    name = models.CharField(_("name"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two sentences for the home page.")
    )
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=100, blank=True, help_text=_("For example: intra-ACP.")
    )
    scope_fr = models.CharField(_("scope (French)"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    duration_years = models.PositiveSmallIntegerField(
        _("duration in years"),
        null=True,
        blank=True,
        help_text=_("As the source states it, when it gives a duration."),
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=200,
        blank=True,
        help_text=_("For example: 10th European Development Fund."),
    )
    funding_source_fr = models.CharField(_("funding source (French)"), max_length=200, blank=True)
    funders = models.ManyToManyField(
        Organisation, verbose_name=_("funded by"), blank=True, related_name="funded_programmes"
    )
    implementers = models.ManyToManyField(
        Organisation,
        verbose_name=_("implemented by"),
        blank=True,
        related_name="implemented_programmes",
    )
    supporters = models.ManyToManyField(
        Organisation,
        verbose_name=_("supported by"),
        blank=True,
        related_name="supported_programmes",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="programmes"
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    twitter = models.CharField(
        _("Twitter account"), max_length=50, blank=True, help_text=_("For example: @ACP_EU_Action")
    )
    facebook = models.URLField(_("Facebook page"), blank=True)
    history = HistoricalRecords(m2m_fields=["funders", "implementers", "supporters", "regions"])

    translated_fields = ("name", "summary", "description", "scope", "funding_source")
    required_translations = ("name", "summary")

    class Meta(Publishable.Meta):
        ordering = ["-start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        permissions = [
            ("publish_programme", _("Can publish, unpublish and delete published programmes"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="programme_end_after_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
        ]

    def __str__(self):
        return str(self.translated("name"))

    def get_absolute_url(self):
        return reverse("programme:about")

    def clean(self):
        super().clean()
        # The check constraint backs this up in the database, but its error would appear at
        # the top of the form; raised here, it appears on the end year itself.
        if None not in (self.start_year, self.end_year) and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})


class Project(Publishable):
    class Kind(models.TextChoices):
        TECHNICAL_ASSISTANCE = "technical-assistance", _("Technical assistance")
        NON_STATE_ACTOR = "non-state-actor", _("Non-State actor grass-roots projects")
        REGIONAL_MEETINGS = "regional-meetings", _("Regional meeting series")
        KNOWLEDGE = "knowledge", _("Knowledge production")

    class ProjectStatus(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=250, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    kind = models.CharField(
        _("component"),
        max_length=30,
        choices=Kind.choices,
        db_index=True,
        help_text=_("Which line of the programme's work this belongs to."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown."))
    results_fr = models.TextField(_("results (French)"), blank=True)
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="projects"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="projects"
    )
    requesting_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("requested by"),
        blank=True,
        related_name="requested_projects",
    )
    implementing_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("implemented by"),
        blank=True,
        related_name="implemented_projects",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="EUR")
    project_status = models.CharField(
        _("project status"), max_length=10, choices=ProjectStatus.choices, blank=True
    )
    beneficiary_count = models.PositiveIntegerField(
        _("number of beneficiaries"),
        null=True,
        blank=True,
        help_text=_("When the source gives a number without names (e.g. 15 non-State actors)."),
    )
    beneficiary_description = models.CharField(
        _("beneficiaries are"),
        max_length=200,
        blank=True,
        help_text=_("What the number counts, e.g. 'non-State actors'."),
    )
    beneficiary_description_fr = models.CharField(
        _("beneficiaries are (French)"), max_length=200, blank=True
    )
    iati_identifier = models.CharField(_("IATI activity identifier"), max_length=100, blank=True)
    history = HistoricalRecords(
        m2m_fields=["regions", "themes", "requesting_organisations", "implementing_organisations"]
    )

    translated_fields = ("title", "summary", "results", "beneficiary_description")
    required_translations = ("title",)
    public_parents = ("programme",)

    class Meta(Publishable.Meta):
        ordering = ["title"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["title"], name="project_title"),
            models.Index(fields=["start_date"], name="project_start_date"),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [
            ("publish_project", _("Can publish, unpublish and delete published projects"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return str(self.translated("title"))

    def get_absolute_url(self):
        return slug_url("programme:project_detail", self.slug)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class Event(Publishable):
    class Kind(models.TextChoices):
        CLOSING = "closing", _("Closing event")
        REGIONAL_MEETING = "regional-meeting", _("Regional peer-to-peer thematic meeting")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=250, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The project or meeting series this event was part of."),
    )
    date = models.DateField(
        _("date"), null=True, blank=True, db_index=True, help_text=_("Leave empty if unknown.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="events"
    )
    participant_count = models.IntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty if unknown."),
    )
    participant_count_is_minimum = models.BooleanField(
        _("'over' this number"),
        default=False,
        help_text=_("Tick when the source says 'over' or 'more than' the number."),
    )
    audience = models.TextField(
        _("who attended"), blank=True, help_text=_("The groups that attended, as the source says.")
    )
    audience_fr = models.TextField(_("who attended (French)"), blank=True)
    participating_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="events",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    history = HistoricalRecords(m2m_fields=["themes", "participating_organisations"])

    translated_fields = ("title", "description", "audience")
    required_translations = ("title",)

    class Meta(Publishable.Meta):
        ordering = [F("date").desc(nulls_last=True), "title"]
        indexes = [*Publishable.Meta.indexes, models.Index(fields=["title"], name="event_title")]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish, unpublish and delete published events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant_count__isnull=True) | Q(participant_count__gte=0),
                name="event_participant_count_not_negative",
                violation_error_message=_("The number of participants cannot be below zero."),
            ),
        ]

    def __str__(self):
        return str(self.translated("title"))

    def get_absolute_url(self):
        return slug_url("programme:event_detail", self.slug)


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
    history = HistoricalRecords(m2m_fields=["themes"])

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
    history = HistoricalRecords(m2m_fields=["themes", "regions"])

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

    def get_absolute_url(self):
        return slug_url("programme:publication_detail", self.slug)


# The page cache's generation lives with the page cache; imported here so that Django finds it.
from .cache import ContentGeneration  # noqa: E402, F401
