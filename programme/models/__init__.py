"""The programme's content: who, what, where, and the shared publication workflow.

Every public content type inherits `Publishable`: its `published()` queryset method is the one
rule that decides what the public may see, used by every view, feed, sitemap, export and search.
"""

from programme.models.outputs import Publication, Statement
from programme.models.reference import Region, Theme
from programme.models.sources import KeyFigure, Milestone, Source, SourceVersion
from programme.models.stakeholders import Organisation, Person
from programme.models.work import Event, Programme, Project
from programme.public.cache import ContentGeneration  # a model of this app: Django finds it here
from programme.publishing.models import (
    SLUG,
    SLUG_PLACEHOLDER,
    Cited,
    Publishable,
    PublishableManager,
    PublishableQuerySet,
    ReferenceQuerySet,
    SluggedModel,
    SlugManager,
    Status,
    Translatable,
    slug_url,
)

__all__ = [
    "Status",
    "ReferenceQuerySet",
    "PublishableQuerySet",
    "SlugManager",
    "PublishableManager",
    "SLUG_PLACEHOLDER",
    "SLUG",
    "slug_url",
    "SluggedModel",
    "Translatable",
    "Cited",
    "Publishable",
    "Region",
    "Theme",
    "Organisation",
    "Person",
    "Programme",
    "Project",
    "Event",
    "Statement",
    "Publication",
    "ContentGeneration",
    "Source",
    "SourceVersion",
    "KeyFigure",
    "Milestone",
]
