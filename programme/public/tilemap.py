"""The home page's map: one square tile per country the public records name, drawn as SVG on
the server (no map tiles, no script).

Where a tile goes is a small hand-made table of grid positions (column, row) per ISO code,
laid out so that neighbours stay roughly neighbours: the Caribbean on the left, Europe at the
top, Africa in the middle and the Pacific on the right. A grid position is a fact about a
drawing, not about a country, so the table carries no outside data. Each code also names the
group its tile is coloured and listed by: the programme's five ACP regions (the region slugs of
the fixtures), and Europe for the EU countries where the programme's meetings were held.
A country the table lacks still gets a tile, in a last row, so no named country goes missing.

Outside Europe the table holds every country of the programme and only those, so it is also
the portal's one list of them (`programme_country_codes`): the admin's countries pickers offer
them first.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.public.countries import named_countries

# The groups, in the order the legend and the table list them: (key, label, tile colour).
# Each colour keeps white text above 4.5:1 contrast.
GROUPS = [
    ("caribbean", _("Caribbean"), "#7a3e00"),
    ("west-and-central-africa", _("West and Central Africa"), "#0b5394"),
    ("east-and-horn-of-africa", _("East and Horn of Africa"), "#6a2c91"),
    ("southern-africa", _("Southern Africa"), "#1d6b3a"),
    ("pacific", _("Pacific"), "#00636e"),
    ("europe", _("Europe"), "#4a5560"),
    ("elsewhere", _("Elsewhere"), "#4a5560"),
]

# code: (column, row, group)
POSITIONS = {
    # The Caribbean
    "BS": (1, 1, "caribbean"),
    "CU": (0, 2, "caribbean"),
    "JM": (0, 3, "caribbean"),
    "HT": (1, 2, "caribbean"),
    "DO": (2, 2, "caribbean"),
    "AG": (3, 2, "caribbean"),
    "KN": (3, 1, "caribbean"),
    "BZ": (0, 4, "caribbean"),
    "DM": (3, 3, "caribbean"),
    "LC": (3, 4, "caribbean"),
    "BB": (4, 4, "caribbean"),
    "VC": (3, 5, "caribbean"),
    "GD": (2, 5, "caribbean"),
    "TT": (3, 6, "caribbean"),
    "GY": (2, 7, "caribbean"),
    "SR": (3, 7, "caribbean"),
    # Europe
    "BE": (7, 0, "europe"),
    "FR": (7, 1, "europe"),
    "DE": (8, 0, "europe"),
    "BG": (9, 1, "europe"),
    # West and Central Africa
    "CV": (5, 3, "west-and-central-africa"),
    "MR": (6, 2, "west-and-central-africa"),
    "SN": (6, 3, "west-and-central-africa"),
    "GM": (6, 4, "west-and-central-africa"),
    "GW": (6, 5, "west-and-central-africa"),
    "GN": (7, 4, "west-and-central-africa"),
    "ML": (7, 3, "west-and-central-africa"),
    "NE": (8, 3, "west-and-central-africa"),
    "TD": (9, 3, "west-and-central-africa"),
    "SL": (7, 5, "west-and-central-africa"),
    "LR": (7, 6, "west-and-central-africa"),
    "BF": (8, 4, "west-and-central-africa"),
    "CI": (8, 5, "west-and-central-africa"),
    "GH": (8, 6, "west-and-central-africa"),
    "TG": (9, 6, "west-and-central-africa"),
    "BJ": (9, 5, "west-and-central-africa"),
    "NG": (9, 4, "west-and-central-africa"),
    "CM": (10, 5, "west-and-central-africa"),
    "CF": (10, 4, "west-and-central-africa"),
    "GQ": (9, 7, "west-and-central-africa"),
    "GA": (10, 7, "west-and-central-africa"),
    "CG": (10, 6, "west-and-central-africa"),
    "CD": (11, 6, "west-and-central-africa"),
    "ST": (8, 7, "west-and-central-africa"),
    # East and Horn of Africa
    "SD": (11, 3, "east-and-horn-of-africa"),
    "ER": (12, 3, "east-and-horn-of-africa"),
    "DJ": (13, 4, "east-and-horn-of-africa"),
    "SS": (11, 4, "east-and-horn-of-africa"),
    "ET": (12, 4, "east-and-horn-of-africa"),
    "SO": (13, 5, "east-and-horn-of-africa"),
    "UG": (11, 5, "east-and-horn-of-africa"),
    "KE": (12, 5, "east-and-horn-of-africa"),
    "RW": (12, 6, "east-and-horn-of-africa"),
    "BI": (12, 7, "east-and-horn-of-africa"),
    "TZ": (13, 6, "east-and-horn-of-africa"),
    # Southern Africa
    "AO": (10, 8, "southern-africa"),
    "ZM": (11, 8, "southern-africa"),
    "MW": (12, 8, "southern-africa"),
    "MZ": (13, 8, "southern-africa"),
    "NA": (10, 9, "southern-africa"),
    "BW": (11, 9, "southern-africa"),
    "ZW": (12, 9, "southern-africa"),
    "ZA": (11, 10, "southern-africa"),
    "LS": (12, 10, "southern-africa"),
    "SZ": (13, 10, "southern-africa"),
    "MG": (14, 9, "southern-africa"),
    "MU": (15, 9, "southern-africa"),
    "KM": (14, 8, "southern-africa"),
    "SC": (14, 6, "southern-africa"),
    # The Pacific
    "PW": (16, 3, "pacific"),
    "FM": (17, 3, "pacific"),
    "MH": (18, 3, "pacific"),
    "PG": (16, 5, "pacific"),
    "SB": (17, 5, "pacific"),
    "NR": (18, 4, "pacific"),
    "KI": (19, 4, "pacific"),
    "TL": (15, 5, "pacific"),
    "TV": (19, 5, "pacific"),
    "VU": (17, 6, "pacific"),
    "FJ": (18, 6, "pacific"),
    "WS": (19, 6, "pacific"),
    "TO": (18, 7, "pacific"),
    "NU": (19, 7, "pacific"),
    "CK": (19, 8, "pacific"),
}


def programme_country_codes():
    """The codes of the programme's 80 countries, the table's tiles outside Europe: the 79 ACP
    member states and South Sudan, which could all request its technical assistance (the fact
    sheet: "80 countries, i.e. the 79 ACP member states plus South Sudan")."""
    return frozenset(
        code for code, (_column, _row, group) in POSITIONS.items() if group != "europe"
    )


TILE = 44  # the size of a tile's square in SVG units
GAP = 4


def tiles():
    """The map of the countries public records name: {"tiles", "groups", "width", "height"}.

    Each tile has the country's code, name, page URL, group and its square's x and y; the
    groups are those that have tiles, each with its countries by name (for the legend and the
    table that says the same as the map)."""
    named = named_countries()
    placed = [(code, name, POSITIONS.get(code)) for code, name, _found in named]
    named_codes = {code for code, _name, _position in placed}
    # The ACP countries no public record names are drawn faintly, unlinked, so that the
    # shape reads as the map it is.
    unnamed = [
        (column, row)
        for code, (column, row, group) in POSITIONS.items()
        if code not in named_codes and group != "europe"
    ]
    columns = [position[0] for _code, _name, position in placed if position]
    columns += [column for column, _row in unnamed]
    rows = [position[1] for _code, _name, position in placed if position]
    rows += [row for _column, row in unnamed]
    first_column, first_row = min(columns, default=0), min(rows, default=0)
    last_row = max(rows, default=-1) - first_row
    unplaced = 0
    result = []
    for code, name, position in placed:
        if position:
            column, row, group = position
            column, row = column - first_column, row - first_row
        else:  # not in the table: a last row of its own
            column, row, group = unplaced, last_row + 1, "elsewhere"
            unplaced += 1
        result.append(
            {
                "code": code,
                "name": name,
                "url": reverse("programme:country_detail", args=[code.lower()]),
                "group": group,
                "x": column * (TILE + GAP),
                "y": row * (TILE + GAP),
            }
        )
    faint = [
        {"x": (column - first_column) * (TILE + GAP), "y": (row - first_row) * (TILE + GAP)}
        for column, row in unnamed
    ]
    width = max((tile["x"] for tile in result), default=0) + TILE
    width = max([width, *(tile["x"] + TILE for tile in faint)])
    height = max((tile["y"] for tile in result + faint), default=0) + TILE
    groups = []
    for key, label, colour in GROUPS:
        members = [tile for tile in result if tile["group"] == key]
        for tile in members:
            tile["colour"] = colour
        if members:
            groups.append({"key": key, "label": label, "colour": colour, "countries": members})
    return {
        "tiles": result,
        "faint": faint,
        "groups": groups,
        "width": width,
        "height": height,
        "size": TILE,
    }
