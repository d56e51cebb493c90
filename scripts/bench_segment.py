#!/usr/bin/env python3
"""Benchmark `briefcast segment`: parse_article on 0.5, 1, 2 and 5 MB of distinct real text, time split by stage.

    .venv/bin/python scripts/bench_segment.py                   # 0.5, 1, 2, 5 MB; each in a fresh process
    .venv/bin/python scripts/bench_segment.py --sizes 0.5 1 --pysbd --json

The text is distinct real news (from ../shared, like the tests): the gold article bodies of the scrapinghub and
Readability sets, then the paragraphs of every shared HTML page (story, captions, navigation and all: what a scrape
holds), each paragraph once, page after page, as Markdown (a heading per page). Each size is the first that many
bytes, parsed once in a fresh child process (every cache empty, peak memory its own). Also the sample article with
its body repeated to 5 MB (repeats are what the caches are for).
Stages: split (split_sentences), speak (speech normalisation), classify (boilerplate), other (blocks, header,
markup, assembly). Printed per size: wall and CPU seconds, CPU seconds per stage and per MB (flat = linear; CPU
time, since other jobs share the cores), peak RSS. Target: 5 MB in
at most 5 s, memory flat. --pysbd: pySBD alone, paragraph by paragraph, on the smallest size (the reference).
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "data" / "articles"
MB = 1_000_000
STAGES = ("split", "speak", "classify")
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "figcaption", "td", "dd")


def _gold_bodies() -> Iterator[tuple[str, list[str]]]:
    """The gold article bodies of the scrapinghub and Readability sets."""
    for name in ("scrapinghub_aeb", "scrapinghub_aeb_more"):
        truth = json.loads((ARTICLES / name / "ground-truth.json").read_text("utf-8"))
        for key, page in sorted(truth.items()):
            body = page.get("articleBody") or ""
            yield page.get("headline") or key[:12], body.split("\n\n")
    for page in sorted(ARTICLES.glob("mozilla_readability*/*/expected.html")):
        text = page.read_text("utf-8")
        paras = re.split(r"</(?:p|li|h\d|blockquote|pre)>", text)
        yield page.parent.name, [html.unescape(_TAG.sub(" ", p)) for p in paras]


def _pages() -> Iterator[Path]:
    yield from sorted(ARTICLES.glob("mozilla_readability*/*/source.html.gz"))
    yield from sorted(ARTICLES.glob("*/html/*"))


def _page_paragraphs() -> Iterator[tuple[str, list[str]]]:
    """Every shared HTML page's innermost paragraphs, list items, headings, captions and cells (scripts aside)."""
    import lxml.html

    for path in _pages():
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        try:
            root = lxml.html.fromstring(data)
        except Exception:  # an empty or broken page: nothing to take
            continue
        for bad in root.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        paras = [el.text_content() for el in root.iter(*_PARAGRAPH_TAGS)
                 if not any(True for _ in el.iterdescendants(*_PARAGRAPH_TAGS))]
        yield path.name.split(".")[0][:16], paras


def _sources() -> Iterator[tuple[str, list[str]]]:
    """Pages as (title, paragraphs): the gold bodies, every page's paragraphs, then (past the 2.6 MB of distinct
    paragraphs ../shared holds) the pages again in reverse order with their paragraphs joined in pairs, so that no
    paragraph repeats; a sentence comes again only megabytes later, beyond every cache's reach (8,192 entries)."""
    pages = list(_gold_bodies()) + list(_page_paragraphs())
    yield from pages
    for title, paras in reversed(pages):
        yield title + " (again)", [" ".join(paras[i:i + 2]) for i in range(0, len(paras), 2)]


def distinct_text(size: int) -> str:
    """`size` bytes of real news text as Markdown, each paragraph at most once."""
    seen: set[str] = set()
    out: list[str] = []
    total = 0
    for title, paras in _sources():
        kept = [p for p in (" ".join(p.split()) for p in paras) if len(p.split()) >= 3 and p not in seen]
        if not kept:
            continue
        seen.update(kept)
        page = "\n\n".join([f"## {' '.join(title.split())}", *kept]) + "\n\n"
        out.append(page)
        total += len(page.encode("utf-8"))
        if total >= size:
            return "".join(out).encode("utf-8")[:size].decode("utf-8", "ignore")
    raise SystemExit(f"only {total / MB:.1f} MB of distinct text in {ARTICLES}")


def repeated_sample(size: int) -> str:
    """The sample article with its body repeated to `size` bytes (as tests/test_parse.py builds it)."""
    text = (SHARED / "samples" / "raqqa-video-voiceover.txt").read_text(encoding="utf-8")
    body = text[text.index("ISIS terrorists"):text.index("Voiceover by")]
    return text.replace(body, body * (size // len(body) + 1))


class StageTimer:
    """Wraps the functions parse.py calls for each stage and adds up the CPU seconds spent in them."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._saved: list[tuple[object, str, Callable]] = []

    def _wrap(self, owner: object, name: str, stage: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            t0 = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[stage] += time.process_time() - t0

        self._saved.append((owner, name, inner))
        setattr(owner, name, timed)

    def __enter__(self) -> StageTimer:
        from briefcast.segmenter import parse

        self._wrap(parse, "split_sentences", "split")
        self._wrap(parse, "speak", "speak")
        self._wrap(parse.boilerplate, "classify", "classify")
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, inner in reversed(self._saved):
            setattr(owner, name, inner)


def child(kind: str, size: int) -> None:
    """Parse one input in this (fresh) process and print its figures as a JSON line."""
    text = distinct_text(size) if kind == "distinct" else repeated_sample(size)
    from briefcast.segmenter import parse

    with StageTimer() as timer:
        t0, c0 = time.perf_counter(), time.process_time()
        article = parse.parse_article(text)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
    row = {"total": total, "cpu": cpu, **timer.seconds, "other": cpu - sum(timer.seconds.values()),
           "sentences": len(article.sentences), "mb": len(text.encode("utf-8")) / MB,
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    print(json.dumps(row))


def pysbd_alone(size: int) -> None:
    """pySBD alone, paragraph by paragraph, on the distinct text (the reference); prints a JSON line."""
    import pysbd

    text = distinct_text(size)
    seg = pysbd.Segmenter(language="en", clean=False)
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(seg.segment(p)) for p in text.split("\n\n") if p.strip())
    print(json.dumps({"total": time.perf_counter() - t0, "cpu": time.process_time() - c0, "sentences": n,
                      "mb": len(text.encode("utf-8")) / MB}))


def run(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 5], help="MB of distinct text")
    ap.add_argument("--pysbd", action="store_true", help="also time pySBD alone on the smallest size")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"bench needs the shared test data at {SHARED}")
    if args.child:
        kind, size = args.child[0], int(float(args.child[1]))
        pysbd_alone(size) if kind == "pysbd" else child(kind, size)
        return
    results = {f"distinct {mb:g} MB": run("distinct", str(int(mb * MB))) for mb in args.sizes}
    results["sample x5 MB"] = run("repeated", str(5 * MB))
    if args.pysbd:
        results[f"pySBD alone {min(args.sizes):g} MB"] = run("pysbd", str(int(min(args.sizes) * MB)))
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    if args.json:
        print(json.dumps({"load": load, **results}, indent=2))
        return
    print(f"{'input':<18}{'wall s':>7}{'CPU s':>7}" + "".join(f"{s + ' s':>11}" for s in (*STAGES, "other"))
          + f"{'CPU s/MB':>10}{'peak MB':>9}{'sentences':>11}")
    for name, row in results.items():
        print(f"{name:<18}{row['total']:>7.2f}{row['cpu']:>7.2f}"
              + "".join(f"{row.get(s, 0.0):>11.2f}" for s in (*STAGES, "other"))
              + f"{row['cpu'] / row['mb']:>10.2f}{row.get('rss_mb', 0):>9.0f}{row['sentences']:>11,}")
    print(f"load average {' '.join(load)} (2 shared cores; stages in CPU seconds)")


if __name__ == "__main__":
    main()
