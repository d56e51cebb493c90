"""A static site for the briefings in a folder: an index, one page per episode with read-along, an embeddable player.

Built from what `batch` or `narrate` already wrote beside each audio file (the timed Article STEM.json, chapters
STEM.chapters.json, subtitles), the same episodes the podcast feed lists (`feed.find_episodes`). Every page is
plain HTML with its data in `data-` attributes: nothing is fetched when a page opens (it works from file:// and
over HTTP). The pages share site.css and site.js; `embed/STEM.html` holds both inline, one file for an <iframe>.
The transcript is everything said (a narration's intro, standfirst, headings and outro from the Article's
`narration`, around the body) and highlights the line being said and, where the narration timed its words
(Piper), the word.
"""
from __future__ import annotations

import html
import json
import os
import urllib.parse
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .document import Article, Sentence
from .errors import InputError
from .feed import FEED_NAME, Episode, find_episodes, read_sidecar
from .fileio import check_targets, write_text_atomic
from .optionspec import option, setting
from .timecode import timecode

GENERATOR = '<meta name="generator" content="briefcast site">'  # marks a page this module wrote (replaced freely)
ASSETS = ("site.css", "site.js")  # written beside the pages; the embed holds them inline
DOWNLOADS = ((".srt", "Subtitles (SRT)"), (".vtt", "Subtitles (WebVTT)"), (".json", "Transcript (JSON)"),
             (".chapters.json", "Chapters (JSON)"))


@dataclass(frozen=True)
class SiteOptions:
    """The site's own settings (declared once, see briefcast.optionspec); episodes bring their metadata from their
    sidecars."""

    title: str | None = option(  # the index's heading; None: the folder's name
        None, "--title", show_default=False, commands=("site",),
        help="The index page's heading. [default: the folder's name]")
    force: bool = setting(False)  # replace existing files briefcast did not write (the CLI's shared --force)
    feed: str | None = setting(None)  # the feed the index links, a name in the folder; None: feed.xml if it is there


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes and its text."""

    path: Path
    text: str


def site_pages(folder: str | os.PathLike[str], options: SiteOptions = SiteOptions()) -> list[Page]:
    """Every file of the site for the briefings in `folder` (newest first on the index); InputError when it holds
    none."""
    root = Path(folder)
    episodes = sorted(find_episodes(root), key=lambda e: (e.published, e.audio.name), reverse=True)
    if not episodes:
        raise InputError(f"{folder}: no audio briefings found",
                         hint="narrate some articles into it first, e.g. `briefcast batch articles/ -o FOLDER`")
    title = options.title or root.resolve().name
    pages = [Page(root / name, _asset(name)) for name in ASSETS]
    feed = options.feed or (FEED_NAME if (root / FEED_NAME).is_file() else None)
    pages.append(Page(root / "index.html", index_html(title, episodes, feed)))
    for ep in episodes:
        article = read_sidecar(_sidecar(ep.audio, ".json")) or Article(title=ep.title)
        pages.append(Page(_sidecar(ep.audio, ".html"), episode_html(ep, article, title)))
        pages.append(Page(root / "embed" / (ep.audio.stem + ".html"), embed_html(ep, article)))
    return pages


def write_site(folder: str | os.PathLike[str], options: SiteOptions = SiteOptions()) -> list[Path]:
    """Write the site into `folder`: pages briefcast wrote before are replaced, any other existing file only with
    `options.force` (checked before anything is written). Returns the files written."""
    pages = site_pages(folder, options)
    check_targets([p.path for p in pages if not written_by_briefcast(p.path)], force=options.force)
    for page in pages:
        page.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(page.path, page.text)
        os.chmod(page.path, 0o644)  # a site is meant to be served
    return [p.path for p in pages]


def written_by_briefcast(path: Path) -> bool:
    """True when `path` is a page or asset this module wrote, so rewriting it loses nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if path.name in ASSETS:  # an earlier version's asset starts with the same comment line
        return text.split("\n", 1)[0] == _asset(path.name).split("\n", 1)[0]
    return GENERATOR in text


def _asset(name: str) -> str:
    return files("briefcast").joinpath(f"data/site/{name}").read_text(encoding="utf-8")


def _sidecar(audio: Path, suffix: str) -> Path:
    return audio.with_name(audio.stem + suffix)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _href(name: str) -> str:
    return _e(urllib.parse.quote(name))


def _head(title: str, *, inline: bool = False, base: str = "") -> str:
    style = f"<style>{_asset('site.css')}</style>" if inline else f'<link rel="stylesheet" href="{base}site.css">'
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{GENERATOR}\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n{style}\n</head>\n")


def _script(*, inline: bool = False, base: str = "") -> str:
    return f"<script>{_asset('site.js')}</script>" if inline else f'<script src="{base}site.js"></script>'


def _date(ep: Episode) -> str:
    return f'<time datetime="{_e(ep.published.isoformat())}">{_e(ep.published.strftime("%-d %B %Y"))}</time>'


def _duration(ep: Episode) -> str:
    return timecode(ep.duration, compact=True) if ep.duration else ""


def index_html(title: str, episodes: list[Episode], feed: str | None) -> str:
    """The index: every episode, newest first, with its date, duration, description and a player; a link to the
    `feed` (a file name beside it) when there is one."""
    items = []
    for ep in episodes:
        page = ep.audio.stem + ".html"
        items.append(
            f'<li class="episode">\n<h2><a href="{_href(page)}">{_e(ep.title)}</a></h2>\n'
            f'<p class="meta">{_date(ep)}{" · " + _e(_duration(ep)) if ep.duration else ""}</p>\n'
            f'<p>{_e(ep.description)}</p>\n'
            f'<audio controls preload="none" src="{_href(ep.audio.name)}" '
            f'aria-label="Play {_e(ep.title)}"></audio>\n</li>')
    link = f'<p><a href="{_href(feed)}">Podcast feed (RSS)</a></p>\n' if feed else ""
    return (_head(title) + f'<body>\n<main id="main">\n<h1>{_e(title)}</h1>\n{link}'
            f'<ol class="episodes" aria-label="Episodes, newest first">\n' + "\n".join(items) +
            "\n</ol>\n</main>\n</body>\n</html>\n")


def _chapters(ep: Episode) -> list[tuple[float, str]]:
    if ep.chapters is None:
        return []
    try:
        data = json.loads(ep.chapters.read_text(encoding="utf-8"))
        return [(float(c["startTime"]), str(c.get("title") or "")) for c in data.get("chapters", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def chapters_html(ep: Episode) -> str:
    """The chapter list: each a button that seeks the audio to its start."""
    rows = [f'<li><button type="button" data-seek="{start:.3f}">'
            f'<span class="at">{_e(timecode(start, compact=True))}</span> {_e(name)}</button></li>'
            for start, name in _chapters(ep)]
    if not rows:
        return ""
    return '<nav class="chapters" aria-label="Chapters">\n<h2>Chapters</h2>\n<ol>\n' + "\n".join(rows) + \
        "\n</ol>\n</nav>\n"


def transcript_html(article: Article) -> str:
    """Everything said, in the order said: the article's headings and paragraphs and, from a narration's
    `narration`, the lines around and between them (the intro and standfirst before the body, the outro after, a
    heading said in its <h3>). Each timed line is a span that seeks to its start, each timed word a span."""
    blocks: list[tuple[str | None, list[Sentence]]] = []  # (a heading, []) or (None, a paragraph's sentences)
    for section in article.sections:
        if section.heading:
            blocks.append((section.heading, []))
        blocks += [(None, p.sentences) for p in section.paragraphs if p.sentences]
    starts: list[float | None] = []  # each block's start: its first timed sentence's, else the next block's
    later: float | None = None
    for _, sentences in reversed(blocks):
        later = next((s.start for s in sentences if s.start is not None), later)
        starts.insert(0, later)
    lines = sorted((s for s in article.narration if s.start is not None and s.end is not None),
                   key=lambda s: s.start or 0.0)
    parts: list[str] = []

    def show(n: int, heading: str | None = None) -> None:
        """The next `n` lines of the narration, a paragraph of each run of them; the line that says `heading`,
        when one does, as that heading (else the heading as printed, after them)."""
        run: list[Sentence] = []

        def close() -> None:
            if run:
                parts.append('<p class="said">' + " ".join(map(_sentence_html, run)) + "</p>")
                run.clear()

        for s in lines[:n]:
            if heading and s.text == heading:
                close()
                parts.append(f"<h3>{_sentence_html(s)}</h3>")
                heading = None
            else:
                run.append(s)
        close()
        if heading:
            parts.append(f"<h3>{_e(heading)}</h3>")
        del lines[:n]

    def before(t: float | None, heading: str | None = None) -> int:
        """How many lines start before `t`; with no `t` (nothing timed follows), up to the line saying `heading`."""
        if t is not None:
            return sum(1 for s in lines if (s.start or 0.0) < t)
        said = [s.text for s in lines]
        return said.index(heading) + 1 if heading in said else 0

    for (heading, sentences), t in zip(blocks, starts):
        show(before(t, heading), heading)
        if sentences:
            parts.append("<p>" + " ".join(map(_sentence_html, sentences)) + "</p>")
    show(len(lines))
    return ('<section class="transcript" aria-label="Transcript">\n<h2>Transcript</h2>\n'
            + "\n".join(parts) + "\n</section>\n")


def _sentence_html(s: Sentence) -> str:
    """A sentence: plain when untimed; else a span that seeks to its start, holding its words' spans when every
    word is timed."""
    if s.start is None or s.end is None:
        return f"<span>{_e(s.text)}</span>"
    words = (" ".join(f'<span class="w" data-start="{w.start:.3f}" data-end="{w.end:.3f}">{_e(w.text)}</span>'
                      for w in s.words)
             if len(s.words) == len(s.text.split()) else _e(s.text))
    return (f'<span class="s" tabindex="0" data-start="{s.start:.3f}" data-end="{s.end:.3f}" '
            f'title="Play from {_e(timecode(s.start, compact=True))}">{words}</span>')


def _credits(article: Article) -> str:
    rows = []
    if article.byline:
        rows.append(f"<li>By {_e(article.byline)}</li>")
    if article.publisher:
        rows.append(f"<li>Published by {_e(article.publisher)}</li>")
    rows += [f"<li>{_e(role)}: {_e(name)}</li>" for role, name in article.credits.items()]
    url = article.url
    if url and urllib.parse.urlparse(url).scheme in ("http", "https"):
        rows.append(f'<li><a href="{_e(url)}" rel="noopener">Original article</a></li>')
    if not rows:
        return ""
    return '<section class="credits" aria-label="Credits">\n<h2>Credits</h2>\n<ul>\n' + "\n".join(rows) + \
        "\n</ul>\n</section>\n"


def _player(ep: Episode, src: str) -> str:
    return (f'<div class="player">\n<audio id="audio" controls preload="metadata" src="{src}" '
            f'aria-label="{_e(ep.title)}"></audio>\n'
            '<label class="speed">Speed <select data-speed aria-label="Playback speed">'
            + "".join(f'<option value="{r}"{" selected" if r == "1" else ""}>{r}×</option>'
                      for r in ("0.75", "1", "1.25", "1.5", "2")) + "</select></label>\n"
            '<a class="moment" href="#t=0" data-moment>Link to this moment</a>\n</div>\n')


def episode_html(ep: Episode, article: Article, site_title: str) -> str:
    """One episode's page: player, chapters, read-along transcript, downloads and credits."""
    downloads = [f'<li><a href="{_href(ep.audio.name)}" download>Audio ({_e(ep.audio.suffix.lstrip("."))})</a></li>']
    downloads += [f'<li><a href="{_href(_sidecar(ep.audio, ext).name)}" download>{label}</a></li>'
                  for ext, label in DOWNLOADS if _sidecar(ep.audio, ext).is_file()]
    byline = f" · {_e(ep.author)}" if ep.author else ""
    return (_head(ep.title) + '<body>\n<a class="skip" href="#transcript">Skip to the transcript</a>\n'
            f'<header>\n<p><a href="index.html">{_e(site_title)}</a></p>\n<h1>{_e(ep.title)}</h1>\n'
            f'<p class="meta">{_date(ep)}{byline}{" · " + _e(_duration(ep)) if ep.duration else ""}</p>\n'
            f"</header>\n<main id=\"main\">\n{_player(ep, _href(ep.audio.name))}{chapters_html(ep)}"
            f'<div id="transcript">\n{transcript_html(article)}</div>\n'
            '<section class="downloads" aria-label="Downloads">\n<h2>Downloads</h2>\n<ul>\n'
            + "\n".join(downloads) + f"\n</ul>\n</section>\n{_credits(article)}</main>\n{_script()}\n"
            "</body>\n</html>\n")


def embed_html(ep: Episode, article: Article) -> str:
    """The embeddable player: one file (styles and script inline) for an <iframe>, the audio one folder up."""
    return (_head(ep.title, inline=True) + '<body class="embed">\n<main id="main">\n'
            f'<h1><a href="../{_href(ep.audio.stem + ".html")}" target="_top">{_e(ep.title)}</a></h1>\n'
            f"{_player(ep, '../' + _href(ep.audio.name))}{chapters_html(ep)}{transcript_html(article)}</main>\n"
            f"{_script(inline=True)}\n</body>\n</html>\n")
