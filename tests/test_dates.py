"""One date module: English dates to ISO 8601, ISO to parts and to an aware datetime."""
from __future__ import annotations

import datetime as dt

import pytest

from briefcast.dates import as_datetime, find_date, iso_date, iso_parts


@pytest.mark.parametrize(("text", "iso"), [
    ("June 10, 2017", "2017-06-10"), ("Jun. 10 2017", "2017-06-10"), ("9 June 2017", "2017-06-09"),
    ("the 9th of June 2017", "2017-06-09"), ("2017-06-10", "2017-06-10"), ("Sept 3, 2020", "2020-09-03"),
    ("June 31, 2017", None), ("2017-13-01", None), ("June 2017", None), ("yesterday", None),
])
def test_iso_date(text, iso):
    assert iso_date(text) == iso


def test_find_date_takes_the_first_date_or_a_bare_year():
    assert find_date("From Coastline Review, March 14, 2024. Video: ...") == "2024-03-14"
    assert find_date("2017-06-09T10:00:00Z") == "2017-06-09"
    assert find_date("published in 1999 by us") == "1999"
    assert find_date("no date") is None


def test_iso_parts_checks_the_calendar():
    assert iso_parts("2017-6-9") == (2017, 6, 9)
    assert iso_parts("2024-02-29T08:00Z") == (2024, 2, 29)
    assert iso_parts("2023-02-29") is None and iso_parts("June 9, 2017") is None


def test_as_datetime_is_aware():
    assert as_datetime("2017-06-10") == dt.datetime(2017, 6, 10, tzinfo=dt.timezone.utc)
    assert as_datetime("2017-06-10T08:30:00+02:00") == dt.datetime(2017, 6, 10, 6, 30, tzinfo=dt.timezone.utc)
    assert as_datetime("2017-06-10 and then some") == dt.datetime(2017, 6, 10, tzinfo=dt.timezone.utc)
    assert as_datetime("soon") is None and as_datetime(None) is None
