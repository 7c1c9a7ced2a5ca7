"""The exports of lessons learned and good practices (see programme/exports.py)."""

from django.utils.translation import gettext_lazy as _

from programme.exports import (
    Countries,
    ExportSpec,
    Field,
    Many,
    Related,
    identifier_column,
    record_columns,
    register,
)


def knowledge_columns():
    """What lessons and good practices share: tags, stakeholders and provenance."""
    return (
        Many("themes", _("Themes"), _("The migration themes it concerns.")),
        Many("regions", _("Regions"), _("The regions it concerns.")),
        Countries("countries", _("Countries"), _("The countries it concerns.")),
        Many(
            "stakeholders",
            _("Stakeholders"),
            _("The organisations involved or concerned (the public ones)."),
        ),
        Many("people", _("People"), _("The people involved (the public ones).")),
        Many(
            "projects",
            _("Projects"),
            _("The projects it came from (the public ones)."),
            kind=_("list of titles"),
            attribute="title",
        ),
        Related(
            "presented_at",
            _("Presented at"),
            _("The event where it was presented."),
            path="event",
            attribute="title",
        ),
        Many(
            "voiced_by",
            _("Voiced by"),
            _("The speakers of the statements (quotations) that voiced it."),
            relation="statements",
            attribute="speaker__name",
        ),
        Many(
            "recorded_in",
            _("Recorded in"),
            _("The publications that record it (the public ones)."),
            kind=_("list of titles"),
            relation="publications",
            attribute="title",
        ),
    )


register(
    ExportSpec(
        "lessons",
        "lessons.Lesson",
        _("Lessons learned"),
        _("What the programme learned, each with where it came from."),
        position=10,
        list_url_name="lessons:lesson_list",
        columns=(
            identifier_column(),
            Field("title", _("Title"), _("The lesson's title.")),
            Field("takeaway", _("Takeaway"), _("The lesson in one sentence.")),
            Field(
                "context",
                _("Context"),
                _("What happened that taught it."),
                kind=_("Markdown text"),
            ),
            Field(
                "recommendation",
                _("Recommendation"),
                _("What to do next time."),
                kind=_("Markdown text"),
            ),
            *knowledge_columns(),
            *record_columns(),
        ),
    )
)

register(
    ExportSpec(
        "good-practices",
        "lessons.GoodPractice",
        _("Good practices"),
        _("What worked, and where it could be repeated."),
        position=20,
        list_url_name="lessons:goodpractice_list",
        columns=(
            identifier_column(),
            Field("title", _("Title"), _("The practice's title.")),
            Field("summary", _("Summary"), _("The practice in one sentence.")),
            Field(
                "challenge", _("Challenge"), _("The problem it answers."), kind=_("Markdown text")
            ),
            Field("approach", _("Approach"), _("What was done."), kind=_("Markdown text")),
            Field(
                "results",
                _("Results and evidence"),
                _("What it achieved."),
                kind=_("Markdown text"),
            ),
            Field(
                "replicability",
                _("Replicability"),
                _("Where and how it could be repeated."),
                kind=_("Markdown text"),
            ),
            *knowledge_columns(),
            *record_columns(),
        ),
    )
)
