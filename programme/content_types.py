"""The programme app's public content types (see registry.py): what each one's export holds,
which fields search reads, and where it appears."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from programme.opendata.columns import (
    MARKDOWN,
    Choice,
    Countries,
    Field,
    FileURL,
    Many,
    Related,
    identifier_column,
    record_columns,
)
from programme.public.search import organisation_title
from programme.registry import ContentType, Search, register


def speaker_name():
    return F("speaker__name")


register(
    ContentType(
        "projects",
        "programme.Project",
        _("Projects"),
        _("Project"),
        description=_(
            "Technical assistance, support to non-State actors' local projects, regional "
            "meetings and knowledge production."
        ),
        search=Search(
            ("title",),
            ("summary", "results", "beneficiary_description"),
            through=("requesting_organisations", "implementing_organisations"),
        ),
        tags={"theme": "themes", "region": "regions"},
        in_matrix=True,
        figure=lambda n: npgettext("figure", "project", "projects", n),
        countries=("countries",),
        position=30,
        list_url_name="programme:project_list",
        columns=(
            identifier_column(),
            Field("title", description=_("The project's title.")),
            Choice("component", attribute="kind"),
            Related(
                "programme",
                description=_("The programme the project was part of."),
                path="programme",
            ),
            Choice(
                "type_of_assistance",
                description=_("The type of technical assistance, when the source says which."),
                attribute="assistance_type",
            ),
            Field("reference", description=_("Its reference number, e.g. TA/041/2016.")),
            Field("summary", description=_("What the project did."), kind=MARKDOWN),
            Field("results", description=_("What it achieved."), kind=MARKDOWN),
            Many("themes", description=_("The migration themes it worked on.")),
            Many("regions", description=_("The regions it worked in.")),
            Countries("countries", description=_("The countries it worked in.")),
            Many(
                "requested_by",
                description=_("The organisations that asked for it (the public ones)."),
                relation="requesting_organisations",
            ),
            Many(
                "implemented_by",
                description=_("The organisations that carried it out (the public ones)."),
                relation="implementing_organisations",
            ),
            Field("start_date", description=_("When it started, if known.")),
            Field("end_date", description=_("When it ended, if known.")),
            Field(
                "budget",
                description=_(
                    "The budget, if the source gives one, in the currency of the next column."
                ),
            ),
            Field("currency", description=_("ISO 4217 code of the budget's currency.")),
            Choice(
                "status",
                description=_("Planned, ongoing or completed."),
                attribute="project_status",
            ),
            Field("beneficiary_count"),
            Field("beneficiaries", attribute="beneficiary_description"),
            Field(
                "iati_identifier",
                description=_("The IATI activity identifier, if it has one."),
                attribute="iati_identifier",
            ),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "stakeholders",
        "programme.Organisation",
        _("Stakeholders"),
        _("Stakeholder"),
        description=_(
            "The organisations that requested, implemented, supported or took part in the work."
        ),
        search=Search(
            ("name", "acronym"),
            ("description",),
            shown_title=organisation_title,
            through=("parent",),
        ),
        countries=("country", "members"),
        position=40,
        list_url_name="programme:organisation_list",
        columns=(
            identifier_column(),
            Field("name", description=_("The organisation's name.")),
            Field("acronym", description=_("Its acronym, if it has one.")),
            Choice("kind", description=_("EU institution, ACP body, UN agency and so on.")),
            Related("part_of", path="parent"),
            Countries("country"),
            Countries("members"),
            Field("website", description=_("Its own website.")),
            Field("description", description=_("About the organisation."), kind=MARKDOWN),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "people",
        "programme.Person",
        _("People"),
        _("Person"),
        description=_(
            "The people who spoke for the programme and its partners, as the sources name them."
        ),
        search=Search(("name",), ("honorific", "role", "biography"), through=("organisation",)),
        countries=("organisation__country",),
        position=50,
        list_url_name="programme:person_list",
        columns=(
            identifier_column(),
            Field("name", description=_("The person's name.")),
            Field("honorific"),
            Field("role"),
            Field("role_year"),
            Related(
                "organisation",
                description=_("The organisation the person spoke for."),
                path="organisation",
            ),
            Field("email"),
            Field("phone"),
            Field("biography", description=_("About the person."), kind=MARKDOWN),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "events",
        "programme.Event",
        _("Events"),
        _("Event"),
        description=_("The programme's closing event, regional meetings and other events."),
        search=Search(
            ("title",),
            ("description", "city", "audience"),
            through=("hosts", "participating_organisations", "speakers"),
        ),
        tags={"theme": "themes", "region": "region"},
        figure=lambda n: npgettext("figure", "event", "events", n),
        countries=("country",),
        position=60,
        list_url_name="programme:event_list",
        columns=(
            identifier_column(),
            Field("title", description=_("The event's title.")),
            Choice(
                "kind", description=_("Closing event, regional peer-to-peer meeting and so on.")
            ),
            Field("date", description=_("When it took place; empty if unknown.")),
            Field("end_date", description=_("Its last day, for a meeting of several days.")),
            Field("venue", description=_("The building or hotel where it took place.")),
            Field("city", description=_("Where it took place.")),
            Countries("country", description=_("The country where it took place.")),
            Related("region", description=_("The region where it took place."), path="region"),
            Many("themes", description=_("The themes it covered.")),
            Field(
                "participants",
                description=_("How many took part; empty if unknown."),
                attribute="participant_count",
            ),
            Field(
                "participants_minimum",
                description=_(
                    "True when the source says 'over' or 'more than' the number of participants."
                ),
                attribute="participant_count_is_minimum",
            ),
            Field("audience"),
            Many("hosts", description=_("The organisations that hosted or organised it.")),
            Many("speakers"),
            Many(
                "participating_organisations",
                description=_("The organisations that took part (the public ones)."),
            ),
            Related("project", path="project", attribute="title"),
            Field("description", description=_("About the event."), kind=MARKDOWN),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "publications",
        "programme.Publication",
        _("Publications"),
        _("Publication"),
        description=_("Thematic publications, press releases and reports."),
        search=Search(("title",), ("summary", "publisher_name"), through=("publisher", "authors")),
        tags={"theme": "themes", "region": "regions"},
        figure=lambda n: npgettext("figure", "publication", "publications", n),
        countries=("countries",),
        position=70,
        list_url_name="programme:publication_list",
        columns=(
            identifier_column(),
            Field("title", description=_("The publication's title.")),
            Choice("kind", description=_("Thematic publication, press release, report ...")),
            Field("date", description=_("Its date, if known.")),
            Field("year", description=_("Its year, if known.")),
            Related(
                "publisher",
                description=_("The organisation that published it."),
                path="publisher",
            ),
            Field("publisher_as_credited", attribute="publisher_name"),
            Many("authors", description=_("Its authors (the public ones).")),
            Field("reference"),
            Field("language"),
            Countries("countries"),
            Many("themes", description=_("The themes it covers.")),
            Many("regions", description=_("The regions it covers.")),
            Related(
                "project",
                description=_("The project it came from."),
                path="project",
                attribute="title",
            ),
            Field("summary", description=_("What it says."), kind=MARKDOWN),
            Field(
                "web_address",
                description=_("Where the publication can be read."),
                attribute="url",
            ),
            FileURL(
                "file",
                description=_("The address where the uploaded file can be downloaded, if any."),
                url_name="programme:publication_file",
            ),
            *record_columns(),
        ),
    )
)

register(
    ContentType(
        "statements",
        "programme.Statement",
        _("Statements"),
        _("Statement"),
        description=_(
            "Quotations, word for word. They remain the words of their speakers: "
            "cite the speaker and the source."
        ),
        search=Search(
            (),
            ("text",),
            shown_title=speaker_name,
            through=("themes", "speaker", "speaker__organisation"),
            byline="speaker",
        ),
        countries=("event__country",),
        position=80,
        columns=(
            identifier_column(),
            Related("speaker", description=_("Who said it."), path="speaker"),
            Related(
                "speaker_role",
                _("Speaker's role"),
                _("The speaker's job title as the source gives it."),
                path="speaker",
                attribute="role",
            ),
            Related(
                "speaker_organisation",
                _("Speaker's organisation"),
                _("The organisation the speaker spoke for."),
                path="speaker__organisation",
            ),
            Field("words", attribute="text"),
            Related(
                "event",
                description=_("The event where it was said."),
                path="event",
                attribute="title",
            ),
            Many("themes", description=_("The themes it speaks to.")),
            *record_columns(),
        ),
    )
)


register(
    ContentType(
        "themes",
        "programme.Theme",
        _("Themes"),
        _("Theme"),
        search=Search(("name",), ("description",)),
        position=90,
        list_url_name="programme:theme_list",
    ),
    ContentType(
        "regions",
        "programme.Region",
        _("Regions"),
        _("Region"),
        search=Search(("name",), ("description",)),
        position=100,
        list_url_name="programme:region_list",
    ),
    # Its page is the About page; it is kept in the archive and has the workflow.
    ContentType(
        "programme",
        "programme.Programme",
        _("Programme"),
        _("Programme"),
        position=110,
        detail_pages=False,
    ),
)
