"""English date formats for the admin and the pages: day before month, as read in Brussels and
in the ACP countries (Django's English default, 12/01/2026, reads as 12 January there)."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
