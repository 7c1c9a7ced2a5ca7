"""What the programme does: the programme itself, its projects and events."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from programme.models.reference import Region, Theme
from programme.models.stakeholders import Organisation
from programme.publishing.models import (
    Publishable,
    slug_url,
)


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
    history = HistoricalRecords(
        m2m_fields=["funders", "implementers", "supporters", "regions", "sources"]
    )

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

    class AssistanceType(models.TextChoices):
        # The five types of technical assistance the programme's factsheet names.
        CAPACITY_BUILDING = "capacity-building", _("Capacity building")
        STUDIES = "studies", _("Studies and research")
        POLICY = "policy", _("Policy analysis and recommendations")
        INSTITUTIONAL = "institutional", _("Institutional and legislative development")
        REGIONAL_COOPERATION = "regional-cooperation", _("Regional cooperation")

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
    assistance_type = models.CharField(
        _("type of assistance"),
        max_length=30,
        choices=AssistanceType.choices,
        blank=True,
        help_text=_("Only when the source says which."),
    )
    reference = models.CharField(
        _("reference"), max_length=50, blank=True, help_text=_("For example: TA/041/2016.")
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
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. EUR.")
    )
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
        m2m_fields=[
            "regions",
            "themes",
            "requesting_organisations",
            "implementing_organisations",
            "sources",
        ]
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
        PEER_TO_PEER = "peer-to-peer", _("Peer-to-peer exchange meeting")
        REGIONAL_MEETING = "regional-meeting", _("Regional thematic meeting")
        SEMINAR = "seminar", _("Seminar")
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
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a meeting of several days.")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
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
    hosts = models.ManyToManyField(
        Organisation,
        verbose_name=_("hosted or organised by"),
        blank=True,
        related_name="hosted_events",
    )
    speakers = models.ManyToManyField(
        "programme.Person",
        verbose_name=_("speakers"),
        blank=True,
        related_name="events_spoken_at",
        help_text=_("Those the sources name as speaking or presenting."),
    )
    participating_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="events",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    history = HistoricalRecords(
        m2m_fields=["themes", "hosts", "participating_organisations", "speakers", "sources"]
    )

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
