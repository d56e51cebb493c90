#!/usr/bin/env python
"""Measure article extraction from HTML against gold extractions in ../shared/data/articles.

For mozilla_readability: gold titles and bylines (expected-metadata.json) matched by ours, compared with whitespace
folded, case ignored, and the gold's own site-name suffix ("... - Breitbart") and "By " dropped as ours are.
For mozilla_readability and scrapinghub_aeb: mean body-text token F1 of (a) trafilatura alone and (b) briefcast's
parse_article(fmt="html") (trafilatura + our boilerplate rules). For trafilatura_eval: how many `without` snippets
(boilerplate that must go) survive in the body, and how many `with` snippets (story text) are kept.

    .venv/bin/python scripts/measure_extraction.py [--data ../shared/data/articles] [--precision|--recall] [-v]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefcast.segmenter.html import HtmlOptions  # noqa: E402
from briefcast.segmenter.parse import parse_html  # noqa: E402


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def token_f1(found: str, gold: str) -> float:
    """Bag-of-words F1 of the tokens of `found` against those of `gold`."""
    f, g = Counter(tokens(found)), Counter(tokens(gold))
    common = sum((f & g).values())
    if not common:
        return 0.0
    p, r = common / sum(f.values()), common / sum(g.values())
    return 2 * p * r / (p + r)


def narrated_text(article) -> str:  # type: ignore[no-untyped-def]
    """Everything we would read aloud from the body: section headings and paragraphs."""
    out = []
    for sec in article.sections:
        if sec.heading:
            out.append(sec.heading)
        out += [p.text for p in sec.paragraphs]
    return "\n\n".join(out)


def trafilatura_text(html: str, options: HtmlOptions) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=options.include_comments, include_tables=options.include_tables,
                               favor_precision=options.favor_precision, favor_recall=options.favor_recall) or ""


def readability_pages(data: Path) -> list[tuple[str, str, str]]:
    """(name, html, gold text) per page of mozilla_readability."""
    from lxml import html as lxml_html

    pages = []
    for d in sorted((data / "mozilla_readability").iterdir()):
        if (d / "source.html.gz").exists() and (d / "expected.html").exists():
            gold = lxml_html.fromstring((d / "expected.html").read_text(encoding="utf-8")).text_content()
            pages.append((d.name, gzip.open(d / "source.html.gz").read().decode("utf-8", "replace"), gold))
    return pages


def scrapinghub_pages(data: Path) -> list[tuple[str, str, str]]:
    """(hash, html, gold articleBody) per page of scrapinghub_aeb."""
    root = data / "scrapinghub_aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append((key, gzip.open(path).read().decode("utf-8", "replace"), item["articleBody"]))
    return pages


def eval_pages(data: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(file, html, with snippets, without snippets) per page of trafilatura_eval."""
    root = data / "trafilatura_eval"
    pages = []
    for item in json.loads((root / "evaldata.json").read_text(encoding="utf-8")).values():
        path = root / "html" / (item["file"] + ".gz")
        if path.exists():
            html = gzip.open(path).read().decode("utf-8", "replace")
            pages.append((item["file"], html, item.get("with", []), item.get("without", [])))
    return pages


def contains(text: str, snippet: str) -> bool:
    """Whitespace- and case-insensitive substring test."""
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    return norm(snippet) in norm(text)


def metadata_scores(data: Path, options: HtmlOptions, verbose: bool) -> None:
    """Titles and bylines of the mozilla_readability pages against their expected metadata."""
    from briefcast.segmenter.metadata import clean_name, clean_title

    quotes = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
    fold = lambda s: " ".join((s or "").translate(quotes).lower().split())  # noqa: E731  (typographic quotes alike)
    titles = bylines = pages = 0
    for d in sorted((data / "mozilla_readability").iterdir()):
        if not (d / "expected-metadata.json").exists() or not (d / "source.html.gz").exists():
            continue
        gold = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        art = parse_html(gzip.open(d / "source.html.gz").read().decode("utf-8", "replace"), options=options)
        pages += 1
        gold_title = clean_title(gold.get("title"), publisher=gold.get("siteName"))
        gold_byline = clean_name(gold["byline"]) if gold.get("byline") else None
        t_ok, b_ok = fold(art.title) == fold(gold_title), fold(art.byline) == fold(gold_byline)
        titles += t_ok
        bylines += b_ok
        if verbose and not (t_ok and b_ok):
            print(f"  {d.name}: title {art.title!r} (gold {gold.get('title')!r}), byline {art.byline!r} "
                  f"(gold {gold.get('byline')!r})")
    print(f"mozilla_readability metadata: titles {titles}/{pages}, bylines {bylines}/{pages}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "articles")
    ap.add_argument("--precision", action="store_true", help="trafilatura favor_precision")
    ap.add_argument("--recall", action="store_true", help="trafilatura favor_recall")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-page figures")
    args = ap.parse_args()
    options = HtmlOptions(favor_precision=args.precision, favor_recall=args.recall)

    metadata_scores(args.data, options, args.verbose)
    for name, pages in (("mozilla_readability", readability_pages(args.data)),
                        ("scrapinghub_aeb", scrapinghub_pages(args.data))):
        alone, ours = [], []
        for key, html, gold in pages:
            a = token_f1(trafilatura_text(html, options), gold)
            o = token_f1(narrated_text(parse_html(html, options=options)), gold)
            alone.append(a)
            ours.append(o)
            if args.verbose:
                print(f"  {key[:40]:40s} trafilatura {a:.3f}  ours {o:.3f}{'  <' if o < a - 1e-9 else ''}")
        print(f"{name}: {len(pages)} pages, mean token F1: trafilatura alone {statistics.mean(alone):.4f}, "
              f"ours {statistics.mean(ours):.4f}")

    pages = eval_pages(args.data)
    kept_with = kept_without = n_with = n_without = alone_without = alone_with = 0
    for file, html, with_, without in pages:
        body = narrated_text(parse_html(html, options=options))
        alone = trafilatura_text(html, options)
        n_with += len(with_)
        n_without += len(without)
        kept_with += sum(contains(body, s) for s in with_)
        alone_with += sum(contains(alone, s) for s in with_)
        left = [s for s in without if contains(body, s)]
        kept_without += len(left)
        alone_without += sum(contains(alone, s) for s in without)
        if args.verbose:
            for s in left:
                print(f"  {file}: boilerplate kept: {s!r}")
            for s in with_:
                if not contains(body, s):
                    print(f"  {file}: story text lost: {s!r}")
    print(f"trafilatura_eval: {len(pages)} pages; `without` snippets left in the body: ours {kept_without}/"
          f"{n_without}, trafilatura alone {alone_without}/{n_without}; `with` snippets kept: ours {kept_with}/"
          f"{n_with}, trafilatura alone {alone_with}/{n_with}")
    from briefcast.segmenter.boilerplate import is_boilerplate

    flagged = sum(is_boilerplate(s) is not None for *_, without in pages for s in without)
    wrong = sum(is_boilerplate(s) is not None for *_, with_, _ in pages for s in with_)
    print(f"trafilatura_eval snippets judged alone by the classifier: {flagged}/{n_without} `without` flagged, "
          f"{wrong}/{n_with} `with` wrongly flagged (most boilerplate here is headlines of other stories, which "
          f"only their context gives away)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
