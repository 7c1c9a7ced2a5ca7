"""The closing-event content of the press release of 11 July 2019, built with the factories.

For browser tests and screenshots: every name, date, number and quotation below is in
/work/shared/source/press-release-2019-07-11.md; titles of lessons and practices restate it.
"""

from datetime import date

from programme.models import Event, Organisation, Project, Publication

from .factories import (
    make_event,
    make_lesson,
    make_organisation,
    make_person,
    make_practice,
    make_programme,
    make_project,
    make_publication,
    make_region,
    make_statement,
    make_theme,
)

THEMES = {
    "remittances": "Remittances",
    "trafficking-in-human-beings": "Trafficking in human beings",
    "smuggling-of-migrants": "Smuggling of migrants",
    "visas": "Visas",
    "readmission": "Readmission",
    "mobility": "Mobility",
    "diaspora-engagement": "Diaspora engagement",
}


def build():
    """Create the content; returns the records tests refer to, by short name."""
    themes = {slug: make_theme(slug=slug, name=name) for slug, name in THEMES.items()}
    regions = {
        slug: make_region(slug=slug, name=name, order=order)
        for order, (slug, name) in enumerate(
            [("africa", "Africa"), ("caribbean", "Caribbean"), ("pacific", "Pacific")], 1
        )
    }
    iom = make_organisation(
        slug="iom",
        name="International Organization for Migration",
        acronym="IOM",
        kind=Organisation.Kind.UN_AGENCY,
    )
    iom_brussels = make_organisation(
        slug="iom-regional-office-brussels",
        name="IOM Regional Office in Brussels",
        kind=Organisation.Kind.UN_AGENCY,
        parent=iom,
        country="BE",
    )
    commission = make_organisation(
        slug="european-commission",
        name="European Commission",
        kind=Organisation.Kind.EU_INSTITUTION,
    )
    dg = make_organisation(
        slug="dg-international-cooperation-and-development",
        name="DG for International Cooperation and Development",
        kind=Organisation.Kind.EU_INSTITUTION,
        parent=commission,
    )
    acp = make_organisation(
        slug="acp-secretariat", name="ACP Secretariat", kind=Organisation.Kind.ACP_BODY
    )
    helke = make_person(
        slug="jill-helke",
        name="Jill Helke",
        role="IOM Director of International Partnerships and Cooperation",
        organisation=iom,
    )
    hagstrom = make_person(
        slug="camilla-hagstrom",
        name="Camilla Hagström",
        role="Acting Head of Unit at the European Commission’s DG for International "
        "Cooperation and Development",
        organisation=dg,
    )
    ognimba = make_person(
        slug="leonard-emile-ognimba",
        name="Léonard-Emile Ognimba",
        honorific="Ambassador",
        role="ACP Assistant Secretary General",
        organisation=acp,
    )
    make_person(
        slug="vasiliki-polychronopoulou",
        name="Vasiliki Polychronopoulou",
        organisation=iom_brussels,
        email="polychronop@iom.int",
        phone="+32 (0)2 287 78 17",
    )
    programme = make_programme(
        slug="acp-eu-migration-action",
        name="ACP-EU Migration Action",
        summary=(
            "A five-year, intra-ACP programme funded by the European Union and implemented "
            "by the International Organization for Migration (IOM). It provided technical "
            "assistance, supported local projects and knowledge production on migration for "
            "ACP countries and regional organisations."
        ),
        scope="intra-ACP",
        start_year=2014,
        duration_years=5,
        funding_source="10th European Development Fund",
        website="http://www.acpeumigrationaction.iom.int/",
        contact_email="acpeumigrationaction@iom.int",
        twitter="@ACP_EU_Action",
        facebook="https://facebook.com/acpeuaction",
        implementers=[iom],
        supporters=[acp, commission],
        regions=list(regions.values()),
    )
    meetings = make_project(
        slug="peer-to-peer-regional-thematic-meetings",
        title="Peer-to-peer regional thematic meetings",
        kind=Project.Kind.REGIONAL_MEETINGS,
        programme=programme,
        summary="Three peer-to-peer regional thematic meetings in Africa, the Caribbean "
        "and the Pacific.",
        regions=list(regions.values()),
        themes=[themes[s] for s in ("remittances", "trafficking-in-human-beings", "visas")],
        implementing_organisations=[iom],
    )
    non_state = make_project(
        slug="support-to-non-state-actors",
        title="Support to non-State actors’ grass-root projects",
        kind=Project.Kind.NON_STATE_ACTOR,
        programme=programme,
        summary="Financial support to 15 non-State actors for grass-root level projects.",
        beneficiary_count=15,
        beneficiary_description="non-State actors",
        implementing_organisations=[iom],
    )
    assistance = make_project(
        slug="demand-driven-technical-assistance",
        title="Demand-driven technical assistance",
        kind=Project.Kind.TECHNICAL_ASSISTANCE,
        programme=programme,
        summary="Technical assistance interventions tailored to the requests of ACP "
        "countries and regional organisations.",
        implementing_organisations=[iom],
    )
    publications = make_project(
        slug="thematic-publications",
        title="Five thematic publications",
        kind=Project.Kind.KNOWLEDGE,
        programme=programme,
        summary="Five thematic publications on visas, remittances, trafficking in human "
        "beings/smuggling of migrants, readmission, and good practices.",
        themes=[
            themes[s]
            for s in (
                "visas",
                "remittances",
                "trafficking-in-human-beings",
                "smuggling-of-migrants",
                "readmission",
            )
        ],
        implementing_organisations=[iom],
    )
    closing = make_event(
        slug="closing-event-brussels-2019",
        title="ACP-EU Migration Action closing event",
        kind=Event.Kind.CLOSING,
        programme=programme,
        date=date(2019, 7, 11),
        city="Brussels",
        country="BE",
        participant_count=90,
        participant_count_is_minimum=True,
        audience=(
            "Stakeholders of the ACP-EU Dialogue on Migration and Development, "
            "representatives from ACP and EU Member States, the ACP Secretariat and the "
            "European Commission, think tanks, IOM and other UN agencies."
        ),
        participating_organisations=[acp, commission, iom],
        themes=list(themes.values()),
    )
    press_release = make_publication(
        slug="press-release-2019-07-11",
        title="Key lessons, good practices captured at EU, ACP migration programme close",
        kind=Publication.Kind.PRESS_RELEASE,
        programme=programme,
        date=date(2019, 7, 11),
        publisher_name="ACP Press",
        language="en",
        url="http://acp.int/fr/node/4937",
        themes=list(themes.values()),
    )
    peer = make_statement(
        slug="helke-peer-to-peer-meetings",
        speaker=helke,
        event=closing,
        order=1,
        text="We have seen how regional and inter-regional peer-to-peer meetings boosted "
        "regional and South-South cooperation. They enabled all involved to share "
        "experiences and good practices around remittances, trafficking in human beings and "
        "smuggling of migrants, visas and cooperation on mobility.",
        themes=[themes[s] for s in ("remittances", "visas", "mobility")],
    )
    needs = make_statement(
        slug="helke-needs-and-priorities",
        speaker=helke,
        event=closing,
        order=2,
        text="At the same time, ACP governments, non-state actors and regional "
        "organisations expressed a variety of needs during the programme and this led to a "
        "better understanding of the migration priorities in each region.",
    )
    assistance_quote = make_statement(
        slug="hagstrom-development-assistance",
        speaker=hagstrom,
        event=closing,
        order=3,
        text="With our EU development assistance, we help partner countries improve "
        "capacity to ensure well-managed migration, so that they are better positioned to "
        "address the migration challenges they face. We also help boost the development "
        "opportunities deriving from migration, by working on lowering remittance prices and "
        "engaging with the diaspora",
        themes=[themes["remittances"], themes["diaspora-engagement"]],
    )
    demand = make_statement(
        slug="ognimba-demand-driven-requests",
        speaker=ognimba,
        event=closing,
        order=4,
        text="The demand-driven requests enabled tailored technical assistance "
        "interventions. They helped develop a more complete understanding of ACP regions and "
        "country-specific needs and enhanced ownership of the process and of the results on "
        "the part of the requesting entities",
    )
    engagement = make_practice(
        slug="national-and-regional-engagement",
        title="Deepened engagement between national and regional authorities on migration",
        summary="Deepened engagement between national and regional authorities on migration "
        "in ACP countries emerged as one of the most promising practices of the programme.",
        featured=True,
        event=closing,
        regions=list(regions.values()),
        stakeholders=[iom, acp],
        publications=[press_release],
        projects=[meetings],
    )
    peer_meetings = make_practice(
        slug="regional-peer-to-peer-meetings",
        title="Regional and inter-regional peer-to-peer meetings",
        summary="Peer-to-peer meetings boosted regional and South-South cooperation and let "
        "all involved share experiences and good practices.",
        featured=True,
        event=closing,
        themes=[
            themes[s]
            for s in (
                "remittances",
                "trafficking-in-human-beings",
                "smuggling-of-migrants",
                "visas",
                "mobility",
            )
        ],
        regions=list(regions.values()),
        stakeholders=[iom],
        statements=[peer],
        publications=[press_release],
        projects=[meetings],
    )
    demand_lesson = make_lesson(
        slug="demand-driven-technical-assistance",
        title="Demand-driven requests make technical assistance fit",
        takeaway="Demand-driven requests enabled tailored technical assistance and enhanced "
        "ownership of the process and results by the requesting entities.",
        event=closing,
        stakeholders=[acp, iom],
        statements=[demand],
        publications=[press_release],
        projects=[assistance],
    )
    needs_lesson = make_lesson(
        slug="expressed-needs-show-regional-priorities",
        title="Expressed needs show each region’s migration priorities",
        takeaway="The needs that ACP governments, non-state actors and regional "
        "organisations expressed led to a better understanding of the migration priorities "
        "in each region.",
        event=closing,
        regions=list(regions.values()),
        stakeholders=[iom],
        statements=[needs],
        publications=[press_release],
        projects=[non_state],
    )
    return {
        "themes": themes,
        "regions": regions,
        "programme": programme,
        "closing": closing,
        "helke": helke,
        "hagstrom": hagstrom,
        "engagement": engagement,
        "peer_meetings": peer_meetings,
        "demand_lesson": demand_lesson,
        "needs_lesson": needs_lesson,
        "assistance_quote": assistance_quote,
        "press_release": press_release,
        "publications_project": publications,
    }
