"""The limits on what a visitor may put in an address, in one place.

The lists, their exports and feeds (public/listing.py) and the site-wide search
(public/search.py) read them. A value outside them is ignored (and named on a list page), or is
a 404 for a page number, never a server error.
"""

# No real filter value or search is longer; anything longer is noise or an attack.
MAX_PARAM_LENGTH = 200
# A search uses at most this many words, so a long query cannot build a huge SQL statement.
MAX_SEARCH_WORDS = 10
# Beyond this a page number is nonsense, not a page (and would cost a large OFFSET).
MAX_PAGE = 1000
# The years a year filter accepts. Every year of the programme's records is far inside; the
# bounds keep a year lookup's first and last day inside what dates can hold (year 0 cannot).
MIN_YEAR = 1000
MAX_YEAR = 2999
