"""Who takes part: organisations and people."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from programme.publishing.models import (
    Publishable,
    slug_url,
)


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
    members = CountryField(
        _("member countries"),
        multiple=True,
        blank=True,
        help_text=_("For a regional organisation: the member states its source lists."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_fr = models.TextField(_("description (French)"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)
    history = HistoricalRecords(m2m_fields=["sources"])

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
    role_year = models.PositiveSmallIntegerField(
        _("role held in"),
        null=True,
        blank=True,
        help_text=_("The year the source gives for the role, if it gives one."),
    )
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
    history = HistoricalRecords(m2m_fields=["sources"])

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
