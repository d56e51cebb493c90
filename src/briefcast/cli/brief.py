"""`briefcast brief`: several stories, from files, article URLs and feeds, narrated as one episode."""
from __future__ import annotations

import json
from typing import Any

import click

from ..brief import OWN_DEFAULTS, BriefOptions
from ..narrate.options import NarrateOptions
from ..optionspec import default_of
from . import say, show_progress
from .options import declared_options, jobs_option, narrate_options, narration_options, output_options, reading_options


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@narration_options("brief", defaults=OWN_DEFAULTS)
@reading_options("brief")
@declared_options(BriefOptions, "brief", "episode")
@jobs_option("speech engines", default=default_of(NarrateOptions, "jobs"))
@output_options("The episode's audio file (.mp3, .ogg, .opus, .m4a, .wav); STEM.brief.json, the listing of its "
                "stories, goes beside it.", json=True, required=True, dir_okay=False)
def brief(inputs: tuple[str, ...], narration: dict[str, Any], reading: dict[str, Any], episode: dict[str, Any],
          jobs: int, output: str, force: bool, quiet: bool, as_json: bool) -> None:
    """Narrate several stories as one episode: a rundown, each story credited, a sting between them, chapters.

    INPUT is an article file, an article page's URL, or an RSS/Atom feed (a URL or a file; its items, or the newest
    with --latest N or --since DATE). The episode opens with --title, the date and the headlines; each story starts
    "From SOURCE: headline." and ends with its credits; the bundled sting (or --music FILE, or none) plays between
    stories; every story is a chapter with its web address. --max-minutes N fits the episode into N minutes by
    leaving out whole paragraphs from the end of the longest stories (never a story's first paragraph); a shortened
    story ends with where to read it all. Besides the audio and its sidecars (--subtitles), STEM.brief.json lists
    the stories with their times and what was left out. A story that several inputs carry is said once, with "Also
    reported by X." (--keep-duplicates: each time). Every narration option of `briefcast narrate` applies.

    \b
    Examples:
      briefcast brief a.html b.md https://example.org/news/story.html -o episode.mp3
      briefcast brief https://example.org/feed.xml --latest 5 --max-minutes 4 -o today.mp3 --subtitles all
      briefcast brief feed.xml --since 2024-05-01 --title "Morning Briefing" -o morning.opus --music none
    """
    from ..brief import brief as run
    from ..outputs import episode_format
    from ..stories import ReadOptions
    from .narrate import _progress

    if "format" not in narration:
        narration["format"] = episode_format(output)
    given = {k: v for k, v in narration.items() if v is not None}  # brief's own defaults under what was given
    options = BriefOptions(narration=narrate_options({**OWN_DEFAULTS, **given}, jobs=jobs, force=force),
                           reading=ReadOptions(**reading), **episode)
    with _progress(show_progress(quiet), output) as progress:
        result = run(list(inputs), output, options, progress=progress)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    if not quiet:
        say(result.summary())
