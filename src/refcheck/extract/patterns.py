"""Regular-expression pieces shared by the extractors."""

from __future__ import annotations

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
DASH = f"[{DASHES}]"
APOS = "'\u2019\u02bc`"
# A letter of any alphabet (no digits, no underscore).
LETTER = r"[^\W\d_]"
UPPER = r"[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F]"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# A citable year: 2004, 2004a, n.d. (Harvard's "no date"), forthcoming, in press, APA's status words
# "in preparation" and "under review", 2004/2005, 2011–2013, 2011–13, 1879 [1985] (first
# published, reprint);
# not a decade, "1890s" (no suffix s: a list would need 19 works of one author and year to reach it)
# (extract/author_date.py's _YEAR_RE spells it out for speed: change both; tests/test_properties.py
# compares them)
YEAR_TOKEN = (
    rf"(?:{YEAR}(?:[a-rt-z](?![a-z]))?(?:{DASH}(?:{YEAR}|\d\d(?!\d))|/\d{{2,4}})?(?:[ \t]?\[{YEAR}\])?"
    r"|n\.\s?d\.(?:-?[a-z](?![a-z]))?|nd(?=\W)|no\s+date|forthcoming|in\s+press|in\s+preparation|under\s+review)"
)
# A preposition before a year in a citation's text: the date of an event the prose tells
# ("Wittgenstein, em 1953", "Frege, in 1918": when the work first appeared), not the year of the
# edition cited, and no name (loaders/jats, rules/year_mismatch)
EVENT_PREPOSITION = r"(?i:(?<![^\W\d_])(?:in|em|en|im|dans|nel|since|desde|seit|depuis))"
# The reprint year of "1879 [1985]": the work is cited by its first year.
REPRINT = r"[ \t]?\[\d{4}\]$"
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
]
