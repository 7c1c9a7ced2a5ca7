"""Short dates read the same way in English everywhere the portal is read: day, month, year."""

from datetime import date, datetime

from django.template.defaultfilters import date as format_date
from django.utils import translation


def test_english_short_dates_put_the_day_first_and_name_the_month():
    with translation.override("en"):
        assert format_date(date(2026, 12, 1), "SHORT_DATE_FORMAT") == "1 Dec 2026"
        assert format_date(datetime(2019, 7, 11, 9, 30), "SHORT_DATETIME_FORMAT") == (
            "11 Jul 2019, 09:30"
        )


def test_french_short_dates_keep_djangos_french_format():
    with translation.override("fr"):
        assert format_date(date(2026, 12, 1), "SHORT_DATE_FORMAT") == "01/12/2026"


def test_english_long_dates_use_the_24_hour_clock():
    with translation.override("en"):
        assert format_date(datetime(2019, 7, 11, 15, 5), "DATETIME_FORMAT") == (
            "11 July 2019, 15:05"
        )
        assert format_date(date(2019, 7, 11), "DATE_FORMAT") == "11 July 2019"
