"""Metadata a narrator can say: byline, title and publisher checked before they reach the intro.

Pages carry junk in these fields: a sign-in placeholder as the author ("Username", "No Author"), a CMS name as the
title ("escenic"), a date or a job title glued to a name ("Joshua Sokol May", "Ben Silverman Games Editor"), a name
twice in two cases, the site name left on the title, the headline used as the publisher. When in doubt, say less:
an intro without a byline beats a wrong one.
"""
from __future__ import annotations

import html
import re

__all__ = ["clean_byline", "clean_title", "clean_publisher", "strip_controls"]

# Values that are never a name or a title: placeholders of sign-in forms and content management systems.
PLACEHOLDERS = frozenset([
    "username", "user", "admin", "administrator", "anonymous", "guest", "unknown", "none", "null", "undefined",
    "author", "no author", "staff", "editor", "webmaster", "root", "test", "default", "n/a", "escenic",
    "wordpress", "drupal", "joomla", "cms", "system", "sitename", "your name", "untitled", "home", "homepage",
    "index", "page not found", "404",
])
MONTHS_PATTERN = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
# A date (or a bare month, or digits) glued to the end of a name: "Joshua Sokol May", "Lucas Nolan22 Dec 2016651".
TRAILING_DATE = re.compile(r"(?i)(?:\s*(?:,|\||-|–|\bon|\bupdated|\bpublished|\bposted)?\s*"
                           r"(?:\d[\d\s:/.,-]*|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:" + MONTHS_PATTERN +
                           r")\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{2,4})?)\s*)+$")
_JOB_WORDS = (r"editor|reporter|writer|correspondent|columnist|contributor|producer|analyst|critic|author|"
              r"journalist|photographer|intern|director|chief|manager|officer")
# A job title after a name: "Ben Silverman Games Editor", "Jane Doe, Senior Reporter", "Jo Bloggs | Staff Writer".
_JOB_TITLE = re.compile(r"(?i)(?:^|\s*[,|–—-]\s*|\s+)(?:(?:senior|chief|deputy|associate|assistant|managing|executive|"
                        r"contributing|staff|special|foreign|political|news|games|sports|tech|science|business|"
                        r"health|arts|culture|opinion|features?|video|digital|social media|data|investigative|music|"
                        r"film|travel|food|fashion|style|education|environment|climate|technology|world|national|"
                        r"local|metro|crime|legal|defen[cs]e|military|security|economics?|finance|markets|media|"
                        r"entertainment|books|photo|audience|web|online|night|weekend|white house|congressional|"
                        r"senior staff)\s+){0,3}(?:" + _JOB_WORDS + r")s?\b.*$")
_BY = re.compile(r"(?i)^\s*(?:written\s+)?by[:\s]+")
# An outlet set in capitals among a byline's names ("A, B, C | USA TODAY"): the source, not an author.
_OUTLET_IN_CAPITALS = re.compile(r"(?:THE )?(?:[A-Z]+ ){0,3}(?:TODAY|NEWS|TIMES|POST|PRESS|JOURNAL|HERALD|TRIBUNE|"
                                 r"GAZETTE|CHRONICLE|TELEGRAPH|OBSERVER|WIRES?|SERVICE|AGENCY|NETWORK|MEDIA|STAFF)")
# An outlet run into the name without a space ("Isabel KeaneJournal News", "Jo BloggsThe Daily Star"): cut there.
_GLUED_OUTLET = re.compile(r"(?<=[a-z]{3})(?:The )?(?:Journal|News|Times|Post|Herald|Tribune|Gazette|Press|Daily|"
                           r"Chronicle|Courier|Telegraph|Observer|Register|Record|Magazine|Media|Online|Network|"
                           r"Staff|Associated|Reuters|Bloomberg)\b.*$")
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x9f"  # C0 but tab, line feed, CR, vertical tab and form feed; DEL; C1
_INVISIBLE = "\u200b-\u200f\u2028\u2029\ufeff"  # zero-width spaces and joiners, direction marks, separators, BOM
_ONE_LINE = re.compile(f"[{_CONTROLS}\x0b\x0c{_INVISIBLE}]")
_IN_TEXT = re.compile(f"[{_CONTROLS}]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
SPLIT_NAMES = re.compile(r"\s*(?:[,;|&]|\band\b)\s*")
_SEPARATORS = r"\s+[-–—|:·•]\s+|,\s+"
_MAX_NAME_WORDS = 5
STANDFIRST_WORDS = 8  # a standfirst (the summary under a headline) is this long at least; shorter is a label


def strip_controls(text: str | None, *, one_line: bool = True) -> str | None:
    """Text without control characters (the bytes of escape codes, bells, NUL); None when nothing is left.

    one_line (metadata): invisible format characters (zero-width spaces, direction marks) go too, each becomes a
    space and all whitespace is folded into single spaces. one_line=False (a body of text): the control characters
    are dropped and everything else stays as it is, tabs, line breaks and zero-width joiners included.
    """
    if text is None:
        return None
    if not one_line:
        return _IN_TEXT.sub("", text) or None
    return " ".join(_ONE_LINE.sub(" ", text).split()) or None


def _unescaped(text: str | None) -> str | None:
    """A metadata field with an HTML entity left in it (escaped twice in the page's head: "Australian
    &#039;megablaze&#039;") as the character it names."""
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if text and "&" in text else text


# Degrees and post-nominal letters that follow a name ("Grant Tinsley, PhD"): said as nothing.
CREDENTIALS = frozenset({"phd", "ph.d", "ph.d.", "md", "m.d", "m.d.", "msc", "mba", "mph", "rn", "dds", "dmd",
                         "cscs", "lcsw", "psyd", "edd", "esq", "obe", "mbe", "cbe", "frcp", "facp", "bsc", "cfa",
                         "cpa", "ldn", "rdn"})  # (not "Ma" or "Do": surnames too)


def _placeholder(value: str) -> bool:
    return " ".join(re.sub(r"[^\w/ ]", " ", value.lower()).split()) in PLACEHOLDERS


def _name_case(name: str) -> str:
    """ "JEFFREY GETTLEMAN" -> "Jeffrey Gettleman"; mixed case is left as written ("Ursula von der Leyen")."""
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() if len(w) > 1 else w for w in name.lower().split())
    return name


def clean_name(name: str) -> str | None:
    """One person's name as it may be said, or None: no "By", no trailing date or job title, normal case."""
    name = (strip_controls(_BY.sub("", name or "")) or "").split("/")[0]  # "Clayton Aldern/Grist": the outlet goes
    if _placeholder(name):
        return None
    name = _GLUED_OUTLET.sub("", name)
    name = TRAILING_DATE.sub("", name).strip(" ,;:-–—|")
    while name.split() and name.split()[-1].lower().strip(",") in CREDENTIALS:  # "Jane Doe MD", a lone "PhD"
        name = name.rsplit(None, 1)[0].strip(" ,") if len(name.split()) > 1 else ""
    if job := _JOB_TITLE.search(name):
        name = name[:job.start()].strip(" ,;:-–—|")  # all of it a job title: nothing left
    name = _name_case(name)
    words = name.split()
    if (not words or len(words) > _MAX_NAME_WORDS or _placeholder(name) or "@" in name or "://" in name
            or not any(ch.isalpha() for ch in name) or re.search(r"\d", name)):
        return None
    return name


def outlet_in_capitals(part: str) -> str | None:
    """An outlet set in capitals among a byline's names, as said ("USA TODAY" -> "USA Today", "THE ASSOCIATED PRESS"
    -> "the Associated Press"); None for anything else (a person's name in capitals has no outlet's word)."""
    if not _OUTLET_IN_CAPITALS.fullmatch(part := part.strip()):
        return None
    return " ".join(w.lower() if w == "THE" else w if len(w) <= 3 else w.capitalize() for w in part.split())


def clean_byline(byline: str | None, *, publisher: str | None = None, title: str | None = None) -> str | None:
    """The byline as a narrator says it: each name once, cleaned (see clean_name), an agency after them as the
    source (", for the Associated Press"); None when nothing is left.

    The publisher's own name as byline stays (a newsroom credit); the headline as byline does not.
    """
    if not byline:
        return None
    # "A and B, for the Associated Press"
    byline, _, source = (strip_controls(_unescaped(byline)) or "").partition(", for ")
    names: list[str] = []
    seen: set[str] = set()
    for part in SPLIT_NAMES.split(byline):
        if not source and (outlet := outlet_in_capitals(part)):
            source = outlet
            continue
        name = clean_name(part)
        if name is None or (title and name.lower() == title.lower()):
            continue
        key = " ".join(name.lower().split())
        if key not in seen:
            seen.add(key)
            names.append(name)
    if not names:
        return source or None
    people = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{people}, for {source}" if source else people


def clean_title(title: str | None, *, publisher: str | None = None) -> str | None:
    """The title without control characters, a trailing site name when the site is known ("..., The Japan Times",
    "... - Breitbart", "... | Reuters"), or a placeholder (a CMS name), or a closing media tag ("(photos)"), or a
    section's label in capitals after a bar ("| COMMENTARY"); "?." and "!." endings made "?" and "!"."""
    title = strip_controls(_unescaped(title))
    if not title or _placeholder(title):
        return None
    if publisher:
        for site in {publisher, re.sub(r"^the\s+", "", publisher, flags=re.IGNORECASE)}:
            match = re.search(r"(?:" + _SEPARATORS + r")" + re.escape(site) + r"\W*$", title, re.IGNORECASE)
            if match and match.start() > 0:
                title = title[:match.start()].rstrip()
                break
    title = re.sub(r"([?!])\.+$", r"\1", title)
    title = _MEDIA_TAG.sub("", title) or title
    if (label := _SECTION_LABEL.search(title)) and not title[:label.start()].isupper():
        title = title[:label.start()]  # a section's label set after a bar: "... challenges of 2020 | COMMENTARY"
    return title or None


_SECTION_LABEL = re.compile(r"\s+[|]\s+[A-Z][A-Z&'’ -]{2,24}$")
# A tag that says what media come with the story, closing its title: "... Ghostwalk (photos)", "... [VIDEO]".
_MEDIA_TAG = re.compile(r"(?i)\s*[(\[](?:photos?|videos?|pics|pictures|slideshow|gallery|infographic|audio|podcast|"
                        r"graphic|interactive|watch|listen|live|updated?|poll)[)\]]\s*$")


def clean_publisher(publisher: str | None, *, title: str | None = None) -> str | None:
    """The publisher, or None when it is a placeholder, the headline itself, or too long to be a name."""
    publisher = strip_controls(_unescaped(publisher))
    if not publisher or _placeholder(publisher) or len(publisher.split()) > 8:
        return None
    if title and (publisher.lower() == title.lower() or (len(publisher.split()) > 3
                                                          and publisher.lower() in title.lower())):
        return None
    return publisher


def is_promotion(title: str, publisher: str | None) -> bool:
    """A site's own promotion rather than a headline: names the site and urges ("Take your next trip with X!")."""
    if not publisher or publisher.lower() not in title.lower():
        return False
    return bool(re.search(r"(?i)^(take|join|get|subscribe|sign up|discover|explore|download|follow|support|"
                          r"become|try|shop|book|visit|welcome)\b|!\s*$", title))


# What a line of a page's metadata holds besides names: when (a date, a clock time and its zone, "12 minutes ago",
# a weekday) and the words around it.
_WHEN = re.compile(r"(?i)\b(?:" + MONTHS_PATTERN + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|"
                   r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTHS_PATTERN + r")\b\.?(?:,?\s+\d{4})?|"
                   r"\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
                   r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|"
                   r"\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b")
_ZONES = r"[ecmp][sd]?t|ist|bst|cest?|aest|aedt|nzst|nzdt|hkt|sgt|jst|sast|wat|eat|pkt"  # time zones by their letters
_WHEN_WORDS = re.compile(r"(?i)\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?|"
                         r"\b(?:gmt|utc)\s*(?:[+-]\s*\d{1,2}(?::?\d\d)?)?|"
                         r"\b(?:" + _ZONES + r")\b|"
                         r"\b(?:by|updated|published|posted|first|last|modified|on|at|and|read|min|\d{4})\b")
_HANDLE = re.compile(r"\(?@\w+\)?|[\w.+-]+@[\w-]+\.[\w.-]+")
META_LINE_WORDS = 20  # a metadata line is at most this long (words)
META_PREFIX_WORDS = 12  # ... and one run into a paragraph's start at most this long
# where such a prefix ends: a clock time, or a time zone after one, or a year
_PREFIX_END = re.compile(r"(?i)\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\b\.?)?(?:\s+(?:" + _ZONES + r"|gmt|utc))?\b|"
                         r"\b\d{4}\b")


def meta_prefix(text: str, names: list[str]) -> int:
    """The length of a metadata line run into the start of a paragraph ("india Updated: Apr 26, 2020 21:43 IST At
    a time when ..."): a prefix of at most META_PREFIX_WORDS words that is_meta_line, ending at a time or a date's
    zone and followed by a capital; 0 when there is none."""
    head = " ".join(text.split()[:META_PREFIX_WORDS + 1])
    cut = 0
    for m in _PREFIX_END.finditer(head):
        if m.end() < len(head) and head[m.end():].lstrip()[:1].isupper() and is_meta_line(head[:m.end()], names):
            cut = m.end()
    if not cut:
        return 0
    words = len(head[:cut].split())  # (a prefix ends at a word's end, a space and a capital after it)
    skip = re.match(rf"\s*(?:\S+\s+){{{words}}}", text)
    return skip.end() if skip else 0


def is_meta_line(text: str, names: list[str]) -> bool:
    """Whether a line is the page's metadata set into its text: when it was published (a date, a clock time, "12
    minutes ago") with at most the author's names and handles, a source's one word ("News24") and the words that
    join them ("Fahad Shabbir (@FahadShabbir) 12 minutes ago Wed 29th April 2020 | 03:32 PM",
    "13 Jan 2020, 22:11 GMT+10")."""
    if len(text.split()) > META_LINE_WORDS:
        return False
    rest, when = _WHEN.subn(" ", text)
    if not when:
        return False
    for name in sorted((n for n in names if n), key=len, reverse=True):
        rest = re.sub(r"(?i)\b" + re.escape(name) + r"\b", " ", rest)
    rest = _WHEN_WORDS.sub(" ", _HANDLE.sub(" ", rest))
    left = re.findall(r"[^\W_]+", rest)
    return len(left) <= 1 and all(len(w) <= 20 for w in left)
