"""A web of published records, n of each kind, all linked to one central record of each kind.

Query-count tests load every public page with n=3 and n=30 and expect the same number of
queries: a page whose queries grow with its rows fails. Drafts are added beside each kind so
that the published() filters are exercised too.
"""

from datetime import date

from programme.models import Status

from .factories import (
    make_event,
    make_key_figure,
    make_lesson,
    make_milestone,
    make_organisation,
    make_person,
    make_practice,
    make_programme,
    make_project,
    make_publication,
    make_region,
    make_source,
    make_source_version,
    make_statement,
    make_theme,
)


def build_linked(n):
    cited = {"sources": [make_source(), make_source(title="A page", date=date(2019, 7, 11))]}
    theme, region = make_theme(**cited), make_region(**cited)
    organisation = make_organisation(country="JM", members=["BB", "JM"], **cited)
    person = make_person(organisation=organisation, role="Director", role_year=2016, **cited)
    programme = make_programme(implementers=[organisation], regions=[region], **cited)
    event = make_event(
        **cited,
        hosts=[organisation],
        speakers=[person],
        country="JM",
        themes=[theme],
        region=region,
        date=date(2019, 7, 11),
        participating_organisations=[organisation],
    )
    project = make_project(
        **cited,
        countries=["JM"],
        programme=programme,
        themes=[theme],
        regions=[region],
        implementing_organisations=[organisation],
    )
    publication = make_publication(
        themes=[theme],
        regions=[region],
        publisher=organisation,
        authors=[person],
        countries=["JM"],
        **cited,
    )
    statement = make_statement(speaker=person, event=event, themes=[theme], **cited)
    for record in (event, publication, organisation):
        for number in range(2):
            make_source_version(record, text=f"{number + 70} participants")
    knowledge = {
        **cited,
        "themes": [theme],
        "regions": [region],
        "countries": ["JM", "BB"],
        "stakeholders": [organisation],
        "people": [person],
        "projects": [project],
        "statements": [statement],
        "publications": [publication],
        "event": event,
    }
    lesson = make_lesson(**knowledge)
    practice = make_practice(**knowledge)
    for status in (Status.PUBLISHED, Status.DRAFT):
        count = n - 1 if status == Status.PUBLISHED else 2
        for _ in range(count):
            unit = make_organisation(parent=organisation, status=status, country="BB")
            speaker = make_person(organisation=organisation, status=status)
            make_event(
                country="BB",
                themes=[theme],
                region=region,
                project=project,
                participating_organisations=[organisation],
                status=status,
            )
            make_project(
                countries=["BB"],
                programme=programme,
                themes=[theme],
                regions=[region],
                requesting_organisations=[unit],
                implementing_organisations=[organisation],
                status=status,
            )
            make_publication(
                countries=["BB", "JM"],
                themes=[theme],
                regions=[region],
                publisher=organisation,
                project=project,
                status=status,
            )
            make_statement(speaker=speaker, event=event, themes=[theme], status=status)
            make_statement(speaker=person, event=event, themes=[theme], status=status)
            make_lesson(**knowledge, status=status)
            make_practice(**knowledge, status=status)
            make_key_figure(**cited)
            make_milestone(year=2010, month=6, **cited)
    return {
        "theme": theme,
        "region": region,
        "organisation": organisation,
        "person": person,
        "programme": programme,
        "event": event,
        "project": project,
        "publication": publication,
        "statement": statement,
        "lesson": lesson,
        "practice": practice,
    }


# Every public page: name -> its address, given the records of build_linked().
PAGES = {
    "home": lambda r: "/",
    "about": lambda r: "/about/",
    "lesson_list": lambda r: "/lessons/",
    "lesson_list_filtered": lambda r: (
        f"/lessons/?theme={r['theme'].slug}&region="
        f"{r['region'].slug}&country=JM&year=2019&q=lesson&sort=-added"
    ),
    "goodpractice_list": lambda r: "/good-practices/",
    "project_list": lambda r: "/projects/",
    "organisation_list": lambda r: "/stakeholders/",
    "person_list": lambda r: "/people/",
    "event_list": lambda r: "/events/",
    "publication_list": lambda r: "/publications/",
    "theme_list": lambda r: "/themes/",
    "region_list": lambda r: "/regions/",
    "matrix": lambda r: "/matrix/",
    "country_list": lambda r: "/countries/",
    "country_detail": lambda r: "/countries/jm/",
    "lesson_detail": lambda r: r["lesson"].get_absolute_url(),
    "goodpractice_detail": lambda r: r["practice"].get_absolute_url(),
    "project_detail": lambda r: r["project"].get_absolute_url(),
    "organisation_detail": lambda r: r["organisation"].get_absolute_url(),
    "person_detail": lambda r: r["person"].get_absolute_url(),
    "event_detail": lambda r: r["event"].get_absolute_url(),
    "statement_detail": lambda r: r["statement"].get_absolute_url(),
    "publication_detail": lambda r: r["publication"].get_absolute_url(),
    "theme_detail": lambda r: r["theme"].get_absolute_url(),
    "region_detail": lambda r: r["region"].get_absolute_url(),
}
