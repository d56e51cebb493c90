"""Dates, in one place: English dates in text to ISO 8601, ISO strings to their parts or to a datetime.

Articles write dates many ways ("June 10, 2017", "the 9th of June 2017", "2017-06-10"); the document model keeps
ISO 8601 text (`Article.published`). Speech, tags, the intro and the feed all start from that.
"""
from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = ("January", "February", "March", "April", "May", "June",
               "July", "August", "September", "October", "November", "December")
_MONTHS = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
# regex fragments for other patterns to build on (case-insensitive)
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DATE = (rf"(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+\d{{4}}"
        r"|\d{4}-\d{2}-\d{2})")

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*")
_DIGITS = re.compile(r"\d+")
_DATE_OR_YEAR = re.compile(rf"{DATE}|\b(?P<year>\d{{4}})\b", re.IGNORECASE)


def iso_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO 8601 date or date-time ("2017-06-10", "2017-06-10T08:00Z"); None when it is
    not one or not a calendar date ("2020-13-45")."""
    m = _ISO.fullmatch(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        dt.date(y, mo, d)
    except ValueError:
        return None
    return y, mo, d


def iso_date(text: str) -> str | None:
    """One English date ("June 10, 2017", "9 June 2017", "the 9th of June 2017", "2017-06-10") as ISO 8601, or None."""
    parts = iso_parts(text)
    if parts is None:
        words = [p.rstrip(".") for p in text.strip().lower().replace(",", " ").split() if p not in ("the", "of")]
        if len(words) != 3:
            return None
        if words[0][:1].isdigit():
            words = [words[1], words[0], words[2]]
        month = _MONTHS.get(words[0][:3])
        day = _DIGITS.match(words[1])
        if month is None or day is None or not words[2].isdigit():
            return None
        parts = int(words[2]), month, int(day.group())
    y, mo, d = parts
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:  # "June 31, 2017"
        return None


def find_date(text: str) -> str | None:
    """ISO 8601 for the first date in `text` ("... March 14, 2024", "the 14th of March 2024", "2024-03-14"), or its
    bare year; None when it holds neither."""
    for m in _DATE_OR_YEAR.finditer(text):
        if m["year"]:
            return m["year"]
        if iso := iso_date(m.group()):
            return iso
    return None


def as_datetime(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (UTC when the text has no zone); None when it is not one."""
    if not value:
        return None
    try:
        d = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        parts = iso_parts(value.strip()[:10])
        if parts is None:
            return None
        d = dt.datetime(*parts)
    return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)
