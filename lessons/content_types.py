"""Lessons learned and good practices as public content types (see programme/registry.py):
their exports, searched fields, feeds and places on the site.

Export labels and meanings come from the models' fields; only what a field does not say is here.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from programme.opendata.columns import (
    MARKDOWN,
    NAMES,
    Countries,
    Field,
    Many,
    Related,
    identifier_column,
    record_columns,
)
from programme.registry import ContentType, Search, register


def knowledge_columns():
    """What lessons and good practices share: tags, stakeholders and provenance."""
    return (
        Many("themes", description=_("The migration themes it concerns.")),
        Many("regions", description=_("The regions it concerns.")),
        Countries("countries", description=_("The countries it concerns.")),
        Many("stakeholders"),
        Many("people", description=_("The people involved (the public ones).")),
        Many("projects", attribute="title"),
        Related("presented_at", path="event", attribute="title"),
        # The speakers of the statements, not the statements: a label of its own.
        Many(
            "voiced_by",
            _("Voiced by"),
            _("The speakers of the statements (quotations) that voiced it."),
            NAMES,
            relation="statements",
            attribute="speaker__name",
        ),
        Many("recorded_in", relation="publications", attribute="title"),
    )


register(
    ContentType(
        "lessons",
        "lessons.Lesson",
        _("Lessons learned"),
        _("Lesson learned"),
        description=_("What the programme learned, each with where it came from."),
        search=Search(
            ("title",),
            ("takeaway", "context", "recommendation"),
            through=("stakeholders", "people"),
        ),
        feed_url_name="lessons:lesson_feed",
        tags={"theme": "themes", "region": "regions"},
        in_matrix=True,
        on_related_pages=True,
        countries=("countries",),
        figure=lambda n: npgettext("figure", "lesson learned", "lessons learned", n),
        position=10,
        list_url_name="lessons:lesson_list",
        columns=(
            identifier_column(),
            Field("title", description=_("The lesson's title.")),
            Field("takeaway"),
            Field("context", kind=MARKDOWN),
            Field("recommendation", kind=MARKDOWN),
            *knowledge_columns(),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "good-practices",
        "lessons.GoodPractice",
        _("Good practices"),
        _("Good practice"),
        description=_("What worked, and where it could be repeated."),
        search=Search(
            ("title",),
            ("summary", "challenge", "approach", "results", "replicability"),
            through=("stakeholders", "people"),
        ),
        feed_url_name="lessons:goodpractice_feed",
        tags={"theme": "themes", "region": "regions"},
        in_matrix=True,
        on_related_pages=True,
        countries=("countries",),
        figure=lambda n: npgettext("figure", "good practice", "good practices", n),
        position=20,
        list_url_name="lessons:goodpractice_list",
        columns=(
            identifier_column(),
            Field("title", description=_("The practice's title.")),
            Field("summary"),
            Field("challenge", kind=MARKDOWN),
            Field("approach", kind=MARKDOWN),
            Field("results", kind=MARKDOWN),
            Field("replicability", kind=MARKDOWN),
            *knowledge_columns(),
            *record_columns(),
        ),
    )
)
