"""The shared base models of every content type: slugs, translations and the publication workflow.

Every public content type inherits `Publishable`: its `published()` queryset method is the one
rule that decides what the public may see, used by every view, feed, sitemap, export and search.
"""

import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from programme import translation


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
    # What "last reviewed" means, said once: programme.publishing.services.mark_reviewed.
    reviewed_at = models.DateTimeField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When staff last published this record or saved a change to it while the public "
            "could see it. Set by the workflow; shown on its page in archive mode."
        ),
    )
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


class Cited(models.Model):
    """A record that names where its facts come from: one or more sources, each a web page
    with its address (and, when it is one, the portal's record of the document)."""

    sources = models.ManyToManyField(
        "programme.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="%(app_label)s_%(class)s_citing",
        help_text=_("The public pages or documents this record's facts come from."),
    )

    class Meta:
        abstract = True


class Publishable(Cited, Translatable, SluggedModel):
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
