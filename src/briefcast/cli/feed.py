"""`briefcast feed`: a podcast RSS feed of the briefings in a folder."""
from __future__ import annotations

from typing import Any

import click

from ..feed import FeedOptions
from . import say
from .options import declared_options, output_options


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@declared_options(FeedOptions, "feed", "podcast")
@click.option("--site", "site", is_flag=True,
              help="Also write the episode pages beside the feed, as `briefcast site FOLDER --title TITLE` does.")
@output_options("Where to write the feed (.xml or .rss). [default: FOLDER/feed.xml]; a feed briefcast wrote is "
                "replaced, any other existing file only with --force.", dir_okay=False)
def feed(folder: str, podcast: dict[str, Any], site: bool, output: str | None, force: bool, quiet: bool) -> None:
    """Write a podcast RSS 2.0 feed of the audio briefings in FOLDER.

    Each STEM.mp3 (or .m4a, .ogg, .opus, .wav) becomes an episode: title, date, byline and description from the
    narration sidecar STEM.json, enclosure size and type, duration, and podcast:transcript (STEM.srt, STEM.vtt) and
    podcast:chapters (STEM.chapters.json) links when those files exist. An episode that cannot be read is left
    out with a warning naming its file; it never stops the feed.

    \b
    Examples:
      briefcast batch articles/ -o podcast/
      briefcast feed podcast/ --title "Morning Briefing" --base-url https://example.org/podcast/
      briefcast feed podcast/ --title "Morning Briefing" --base-url https://example.org/podcast/ --site
      briefcast feed podcast/ --title "Briefs" --base-url https://example.org/p/ --author "News Desk" \\
          --image https://example.org/p/cover.jpg
    """
    from ..publish import publish

    options = FeedOptions(**podcast).validate()
    published = publish(folder, options, output=output, site=site, force=force)
    if not quiet:
        pages = " and its site (index.html)" if site else ""
        say(f"briefcast: wrote {published.feed}{pages} ({published.episodes} episodes)")
