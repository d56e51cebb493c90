#!/usr/bin/env python
"""What a listener hears from real news pages: clutter spoken, story text lost, junk in the intro; beside trafilatura.

For each page of ../shared/data/articles (see scripts/listener_pages.py) this builds what `briefcast narrate --script`
would say (the intro and the body, as written) and scores it against the page's gold:

- clutter: a `without` snippet (that occurs in the page at all) spoken; on pages with a gold body, body sentences
  spoken that the gold does not have ("extra", an upper bound: Readability's gold keeps captions; the standfirst
  under the headline is not counted, as the headline is not);
- lost: a `with` snippet not spoken; on pages with a gold body, gold sentences not spoken (the last column counts
  those the document keeps as code or a table, which the script says in one line by design);
- intro: the title against the gold title, the byline's names against the gold authors, the publisher against the
  gold site name, and junk a newsreader would not say (a domain, an e-mail address, a site's name or slogan on the
  title; a title that is another of the page's headlines counts only under "titles right");
- speech: spoken tokens that are still symbols or digits, and sentences that start in lower case (a wrong split).

Sites are split into a "tune" and a "check" half by registered domain; totals are printed for both, and for
trafilatura's own extraction of the same pages (`extract(include_comments=False, include_tables=True)`).

    .venv/bin/python scripts/measure_listener.py [--data DIR] [--half tune|check] [--set NAME] [-v] [--show NAME]
        [--postlight CHECKOUT] [--readability CHECKOUT] [--newspaper CHECKOUT] [--goose CHECKOUT]
        [--fundus CHECKOUT] [--omnivore CHECKOUT] [--mediacloud CHECKOUT] [--metascraper CHECKOUT]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))
sys.path.insert(0, str(ROOT))

from listener_pages import (  # noqa: E402
    SETS,
    Page,
    load,
    load_fundus,
    load_goose,
    load_mediacloud,
    load_metascraper,
    load_newspaper,
    load_omnivore,
    load_postlight,
    load_readability,
)

_TOKEN = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_SUMMARISED = frozenset({"code", "table"})  # kept in the document, said as one line ("The article includes ...")
_SYMBOL = re.compile(r"[@#/\\_{}<>|=~^*\[\]]|\d|\bdot (?:com|org|jpg|png|html?)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+")


def norm(text: str) -> str:
    """Lower-case word tokens joined by single spaces, with spaces around: snippets match whole words."""
    return " " + " ".join(_TOKEN.findall(text.lower().replace("’", "'"))) + " "


def found(snippet: str, text: str) -> bool:
    """Whether the snippet's words occur in `text` (normalised); gold snippets may start or end inside a word, so a
    snippet of five words or more also counts without its first and last word."""
    n = norm(snippet)
    if n.strip() and n in text:
        return True
    words = n.split()
    return len(words) >= 5 and (" " + " ".join(words[1:-1]) + " ") in text


@dataclass
class Result:
    """One page's score: counts, and the offending lines for the report."""

    page: str
    set: str
    half: str
    domain: str
    words: int = 0
    sentences: int = 0
    clutter: list[str] = field(default_factory=list)  # `without` snippets spoken
    drop_total: int = 0
    lost: list[str] = field(default_factory=list)  # `with` snippets not spoken
    keep_total: int = 0
    extra: list[str] = field(default_factory=list)  # spoken body sentences not in a gold body
    missed: list[str] = field(default_factory=list)  # gold body sentences not spoken
    summarised: int = 0  # of `lost` and `missed`: text the document keeps as code or a table (said in one line)
    gold_sentences: int = 0
    title: str | None = None
    gold_title: str | None = None
    title_ok: bool | None = None
    intro_junk: list[str] = field(default_factory=list)
    byline: str | None = None
    publisher: str | None = None
    symbols: list[str] = field(default_factory=list)
    bad_splits: list[str] = field(default_factory=list)
    error: str | None = None
    intro: str = ""
    # trafilatura alone, on the same page
    t_clutter: int = 0
    t_lost: int = 0
    t_title_ok: bool | None = None
    t_missed: int = 0
    date_ok: bool | None = None  # the day said against the gold's (pages with a gold date)
    date: str | None = None
    gold_date: str | None = None
    t_date_ok: bool | None = None


def page_text(html: str) -> str:
    """The visible text of a page (scripts and styles out), normalised, to tell which snippets occur at all."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html.encode("utf-8"))
    except Exception:
        return norm(html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return norm(tree.text_content())


def title_matches(ours: str | None, gold: str | None, site: str | None) -> bool:
    """Ours equals the gold title, or the gold without a site suffix (" - Site", " | Site") that it carries."""
    if not gold:
        return True
    if not ours:
        return False
    o, g = norm(ours), norm(gold)
    if o == g or (len(g) > 40 and o.startswith(g.rstrip()) and len(o) - len(g) < 10):  # a gold cut short
        return True
    if g.startswith(o.rstrip() + " ") and re.match(r"\s*[(\[（|–—·-]", gold[len(ours.rstrip()):]):
        return True  # the gold keeps a bracketed site name: "... [LWN.net]", "...（CNET Japan）"
    parts = re.split(r"\s+[-–—|:·•]\s+", gold)
    return any(norm(p) == o for p in parts if len(p.split()) >= 2) and (site is None or len(parts) > 1)


def same_day(ours: str | None, gold: str) -> bool:
    """Whether our date is the gold's day (both ISO 8601 at the start: "2024-09-17T..." or "2024-09-17 16:45")."""
    return bool(ours) and ours[:10] == gold.strip()[:10]


def title_carries_site(ours: str, gold: str, site: str | None) -> bool:
    """A wrong title that is junk, not another headline: it says the site's name, or the gold and more parts."""
    o, g = set(_TOKEN.findall(ours.lower())), set(_TOKEN.findall(gold.lower()))
    named = set(_TOKEN.findall((site or "").lower())) - {"the", "news", "com"}
    return bool(named & (o - g)) or (g < o and re.search(r"\s[-–—|:·•]\s", ours) is not None)


def gold_sentences(body: str) -> list[str]:
    return [s for para in re.split(r"\n\s*\n|\n", body) for s in _SENTENCE.split(para)
            if len(_TOKEN.findall(s)) >= 5]


def intro_junk(art, lines: list[str], page: Page) -> list[str]:  # type: ignore[no-untyped-def]
    """What a newsreader would not say in the intro: domains, e-mail addresses, names the gold does not have."""
    junk = []
    text = " ".join(lines)
    if _EMAIL.search(text):
        junk.append("e-mail address")
    hostlike = re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+){2,}", art.publisher or "")
    if art.publisher and (re.search(r"://|^www\.|[a-z]/[a-z]", art.publisher) or hostlike
                          and not re.search(r"\.(co|com|org|net|ac|gov)\.[a-z]{2}$", art.publisher)):
        junk.append(f"publisher as a URL or host: {art.publisher!r}")
    if page.site and art.publisher and norm(page.site) != norm(art.publisher):
        if not (norm(art.publisher).strip() in norm(page.site) or norm(page.site).strip() in norm(art.publisher)):
            junk.append(f"publisher {art.publisher!r} (gold {page.site!r})")
    if page.title and art.title and not title_matches(art.title, page.title, page.site) and \
            title_carries_site(art.title, page.title, page.site or art.publisher):
        junk.append(f"title with the site's name or slogan {art.title!r} (gold {page.title!r})")
    if art.byline and page.authors:
        authors = [re.sub(r"(?<=[a-z]{3})(?=[A-Z][a-z])", " ", a.replace("\xa0", " ").replace("\\xa0", " "))
                   for a in page.authors]  # names run together in the gold ("Paul WisemanFatima Hussein"), spaces
        gold = norm(" ".join(authors))
        people = re.sub(r",\s*for\s+(?:the\s+)?[^,]+$", "", art.byline)  # "..., for the Associated Press": the source
        for name in re.split(r",\s*|\s+and\s+", people):
            if name.strip() and norm(name) not in gold and not any(norm(name) in norm(a) for a in authors):
                # a name the gold does not have (allow the gold's "First Last" against our "First Last")
                tokens = [t for t in _TOKEN.findall(name.lower()) if len(t) > 1]
                if not tokens or any(f" {t} " not in gold for t in tokens):
                    junk.append(f"byline name {name!r} (gold {page.authors!r})")
    elif art.byline and re.search(r"\b(?:news|staff|bureau|desk|online|agencies)\b", art.byline, re.I):
        junk.append(f"byline {art.byline!r}")
    return junk


def score(page: Page) -> Result:
    import trafilatura

    from briefcast.errors import BriefcastError
    from briefcast.narrate.options import NarrateOptions
    from briefcast.narrate.script import build_script
    from briefcast.segmenter.parse import parse_html

    res = Result(page.name, page.set, page.half, page.domain)
    html = page.html
    visible = page_text(html)
    drops = [s for s in page.drop if found(s, visible)]
    res.drop_total, res.keep_total = len(drops), len(page.keep)
    alone = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    alone_n = norm(alone)
    res.t_clutter = sum(found(s, alone_n) for s in drops)
    res.t_lost = sum(not found(s, alone_n) for s in page.keep)
    meta = trafilatura.extract_metadata(html)
    res.t_title_ok = title_matches(meta.title if meta else None, page.title, page.site) if page.title else None
    res.t_date_ok = same_day(meta.date if meta else None, page.date) if page.date else None
    try:
        art = parse_html(html)
    except BriefcastError as e:
        res.error = str(e)
        res.lost = list(page.keep)
        res.title_ok = False if page.title else None
        return res
    script = build_script(art, NarrateOptions())
    sentences = art.sentences
    intro = [u.shown or u.text for u in script.utterances if u.kind == "intro"]
    seen: set[int] = set()
    said: list[str] = []
    for u in script.utterances:
        if u.kind == "body" and u.sentence is not None:
            if u.sentence not in seen:
                seen.add(u.sentence)
                said.append(sentences[u.sentence].text)
        elif u.kind != "intro":
            said.append(u.shown or u.text)
    standfirst = {u.shown or u.text for u in script.utterances if u.kind == "standfirst"}
    spoken = norm(" ".join(intro + said))
    body = norm(" ".join(said))
    res.intro = " ".join(intro)
    res.words = len(body.split())
    res.sentences = len(sentences)
    title = norm(art.title or "")
    res.clutter = [s for s in drops if found(s, spoken) and not found(s, title)]  # the intro says the headline
    res.lost = [s for s in page.keep if not found(s, body)]
    held = norm(" ".join([p.text for p in art.paragraphs if p.kind in _SUMMARISED]
                         + [r.text for r in art.removed if r.kind in _SUMMARISED]))
    res.summarised = sum(found(s, held) for s in res.lost)
    if page.body:
        gold = norm(page.body)
        golds = gold_sentences(page.body)
        res.gold_sentences = len(golds)
        res.missed = [s for s in golds if not found(s, body)]
        res.summarised += sum(found(s, held) for s in res.missed)
        res.t_missed = sum(not found(s, alone_n) for s in golds)
        # (a gold body holds neither the headline nor the standfirst printed under it: neither is "extra")
        res.extra = [s for s in said if len(_TOKEN.findall(s)) >= 4 and not found(s, gold) and s not in standfirst]
    res.title, res.byline, res.publisher = art.title, art.byline, art.publisher
    res.gold_title = page.title
    res.title_ok = title_matches(art.title, page.title, page.site) if page.title else None
    res.date_ok = same_day(art.published, page.date) if page.date else None
    res.date, res.gold_date = art.published, page.date
    res.intro_junk = intro_junk(art, intro, page)
    for u in script.utterances:
        for m in _SYMBOL.finditer(u.text):
            res.symbols.append(f"{m.group(0)!r} in {u.text[:90]!r}")
    for s in sentences:
        if s.text[:1].islower() and not re.match(r"^(?:e\.g|i\.e|iphone|ipad|ebay|de |van |von )", s.text):
            res.bad_splits.append(s.text[:80])
    return res


def report(results: list[Result], label: str) -> list[str]:
    """The totals of one group of pages, as table rows."""
    n = len(results)
    if not n:
        return []
    snip = [r for r in results if r.drop_total or r.keep_total]
    gold = [r for r in results if r.gold_sentences]
    titled = [r for r in results if r.title_ok is not None]
    dated = [r for r in results if r.date_ok is not None]
    words = sum(r.words for r in results) or 1
    sents = sum(r.sentences for r in results) or 1
    drop_total = sum(r.drop_total for r in snip)
    keep_total = sum(r.keep_total for r in snip)
    rows = [
        f"| {label} | {n} | {sum(bool(r.clutter) for r in snip)}/{len(snip)} "
        f"({sum(r.t_clutter > 0 for r in snip)}) | {sum(len(r.clutter) for r in snip)}/{drop_total} "
        f"({sum(r.t_clutter for r in snip)}) | {sum(len(r.lost) for r in snip)}/{keep_total} "
        f"({sum(r.t_lost for r in snip)}) | {sum(len(r.missed) for r in gold)}/"
        f"{sum(r.gold_sentences for r in gold)} ({sum(r.t_missed for r in gold)}) | "
        f"{sum(bool(r.extra) for r in gold)}/{len(gold)} | {sum(bool(r.intro_junk) for r in results)}/{n} | "
        f"{sum(bool(r.title_ok) for r in titled)}/{len(titled)} ({sum(bool(r.t_title_ok) for r in titled)}) | "
        f"{sum(bool(r.date_ok) for r in dated)}/{len(dated)} ({sum(bool(r.t_date_ok) for r in dated)}) | "
        f"{1000 * sum(len(r.symbols) for r in results) / words:.2f} | "
        f"{1000 * sum(len(r.bad_splits) for r in results) / sents:.2f} | {sum(r.error is not None for r in results)} | "
        f"{sum(r.summarised for r in results)} |"
    ]
    return rows


HEADER = ("| pages | n | clutter pages (traf.) | `without` spoken (traf.) | `with` lost (traf.) | gold sentences "
          "lost (traf.) | pages with extra sentences | intro junk | titles right (traf.) | dates right (traf.) | "
          "symbols /1k words | "
          "lower-case starts /1k sentences | no text | of the lost: code or table cells |\n|" + "---|" * 14)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parents[1] / "shared" / "data" / "articles")
    ap.add_argument("--half", choices=("tune", "check"), help="only the sites of this half")
    ap.add_argument("--set", dest="sets", action="append", choices=SETS, help="only this set (repeatable)")
    ap.add_argument("--show", help="print the script of the page(s) whose name contains this")
    ap.add_argument("--postlight", type=Path, metavar="DIR", help="also the fixtures of a postlight/parser checkout "
                    "(titles, authors and ledes of about 140 more sites; not part of ../shared)")
    ap.add_argument("--readability", type=Path, metavar="DIR", help="also the test pages of a mozilla/readability "
                    "checkout that ../shared does not hold (79 pages with Readability's body and metadata)")
    ap.add_argument("--newspaper", type=Path, metavar="DIR", help="also the full-text fixtures of newspaper4k at "
                    "79553f6 (a `git archive` of its tests/data: about 150 English pages of 75 sites, gold: its text)")
    ap.add_argument("--goose", type=Path, metavar="DIR", help="also the content fixtures of goose3 (a `git archive` "
                    "of its tests/data/content: about 35 English pages of 2010-2014, gold: the start of the story)")
    ap.add_argument("--fundus", type=Path, metavar="DIR", help="also the parser fixtures of fundus (a `git archive` "
                    "of its tests/resources/parser/test_data: about 85 English pages of 60 publishers, 2023-2026; "
                    "gold: each publisher's own parser's title, authors and body)")
    ap.add_argument("--omnivore", type=Path, metavar="DIR", help="also the English test pages of Omnivore's "
                    "Readability fork (a `git archive` of packages/readabilityjs/test/test-pages) whose site no other "
                    "set of this run holds (gold: the fork's body and title)")
    ap.add_argument("--mediacloud", type=Path, metavar="DIR", help="also the English pages of htmldate's "
                    "MediaCloud 2020 sample (a `git archive` of its tests/test_set and tests/eval_mediacloud_2020.json)"
                    " whose site no other set of this run holds (gold: the date only)")
    ap.add_argument("--metascraper", type=Path, metavar="DIR", help="also the English article pages of "
                    "metascraper's integration tests (a `git archive` of packages/metascraper/test/integration) whose "
                    "site no other set of this run holds (gold: the date only)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="count", default=0, help="per-page findings (-vv: extra sentences)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no data folder {args.data}", file=sys.stderr)
        return 2
    pages = [p for p in load(args.data, tuple(args.sets or SETS)) if args.half in (None, p.half)]
    if args.postlight:
        pages += [p for p in load_postlight(args.postlight) if args.half in (None, p.half)]
    if args.readability:
        pages += [p for p in load_readability(args.readability, args.data) if args.half in (None, p.half)]
    if args.newspaper:
        pages += [p for p in load_newspaper(args.newspaper) if args.half in (None, p.half)]
    if args.goose:
        pages += [p for p in load_goose(args.goose) if args.half in (None, p.half)]
    if args.fundus:
        pages += [p for p in load_fundus(args.fundus) if args.half in (None, p.half)]
    if args.omnivore:
        others = {p.domain for p in load(args.data)} | {p.domain for p in pages}
        pages += [p for p in load_omnivore(args.omnivore) if args.half in (None, p.half) and p.domain not in others]
    if args.mediacloud:
        others = {p.domain for p in load(args.data)} | {p.domain for p in pages}
        pages += [p for p in load_mediacloud(args.mediacloud) if args.half in (None, p.half) and p.domain not in others]
    if args.metascraper:
        others = {p.domain for p in load(args.data)} | {p.domain for p in pages}
        pages += [p for p in load_metascraper(args.metascraper)
                  if args.half in (None, p.half) and p.domain not in others]
    if args.show:
        return show([p for p in pages if args.show in p.name])
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(score, pages, chunksize=4))
    if args.verbose:
        for r in results:
            print_page(r, args.verbose)
    print(HEADER)
    for label, group in (("tune", [r for r in results if r.half == "tune"]),
                         ("check", [r for r in results if r.half == "check"]),
                         ("all", results)):
        print("\n".join(report(group, label)))
    extra = [name for name, given in (("postlight", args.postlight), ("readability", args.readability),
                                      ("newspaper", args.newspaper), ("goose", args.goose),
                                      ("fundus", args.fundus), ("omnivore", args.omnivore),
                                      ("mediacloud", args.mediacloud), ("metascraper", args.metascraper))
             if given]
    for s in (*tuple(args.sets or SETS), *extra):
        print("\n".join(report([r for r in results if r.set == s], s)))
    return 0


def print_page(r: Result, verbose: int) -> None:
    lines: list[str] = []
    lines += [f"  clutter: {s!r}" for s in r.clutter]
    lines += [f"  lost: {s!r}" for s in r.lost]
    lines += [f"  missed: {s[:100]!r}" for s in r.missed[:5]]
    if verbose > 1:
        lines += [f"  extra: {s[:100]!r}" for s in r.extra[:8]]
    lines += [f"  intro: {j}" for j in r.intro_junk]
    if r.title_ok is False:
        lines.append(f"  title: {r.title!r} (gold {r.gold_title!r})")
    if r.date_ok is False:
        lines.append(f"  date: {r.date!r} (gold {r.gold_date!r})")
    lines += [f"  symbol: {s}" for s in r.symbols[:5]]
    lines += [f"  split: {s!r}" for s in r.bad_splits[:3]]
    if r.error:
        lines.append(f"  error: {r.error}")
    if lines:
        print(f"{r.set}/{r.page} [{r.half}, {r.domain}] intro: {r.intro!r}")
        print("\n".join(lines))


def show(pages: Iterable[Page]) -> int:
    from briefcast.narrate.options import NarrateOptions
    from briefcast.narrate.script import build_script
    from briefcast.segmenter.parse import parse_html

    for page in pages:
        art = parse_html(page.html)
        print(f"=== {page.set}/{page.name} [{page.half}, {page.domain}]")
        for u in build_script(art, NarrateOptions()).utterances:
            print(f"[{u.kind}] {u.shown or u.text}")
        for r in art.removed:
            print(f"    removed [{r.kind}] {r.text[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
