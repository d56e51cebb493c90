"""`briefcast site` and `briefcast serve`: episode pages with read-along for a folder of briefings, and a preview."""
from __future__ import annotations

from typing import Any

import click

from ..serve import ServeOptions
from ..site import SiteOptions
from . import say
from .options import declared_options, force_option, quiet_option, verbosity_options


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@declared_options(SiteOptions, "site", "settings")
@force_option
@quiet_option
@verbosity_options
def site(folder: str, settings: dict[str, Any], force: bool, quiet: bool) -> None:
    """Write a static site for the audio briefings in FOLDER, beside them.

    index.html lists the episodes, newest first; STEM.html is one episode's page (player, chapters, the transcript
    of everything said, intro and outro included, highlighting the line, and with Piper's word times the word,
    being said; a click on a line plays from there; STEM.html#t=83 starts at 83 s; downloads and credits);
    embed/STEM.html is a player for an <iframe>. `briefcast feed FOLDER --site` writes the same pages.
    Nothing is fetched from the internet: the pages work from the disk and from any web server. Pages briefcast
    wrote are replaced; any other existing file only with --force.

    \b
    Examples:
      briefcast batch articles/ -o podcast/
      briefcast site podcast/ --title "Morning Briefing"
      briefcast serve podcast/
    """
    from ..site import write_site

    written = write_site(folder, SiteOptions(**settings, force=force))
    if not quiet:
        pages = sum(1 for p in written if p.suffix == ".html" and p.parent.name != "embed") - 1
        say(f"briefcast: wrote {folder.rstrip('/')}/index.html ({pages} episode pages, {pages} embeds)")


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@declared_options(ServeOptions, "serve", "serving")
@quiet_option
@verbosity_options
def serve(folder: str, serving: dict[str, Any], quiet: bool) -> None:
    """Serve FOLDER on 127.0.0.1 for a preview of its site (byte ranges, so the players can seek); Ctrl-C stops.

    \b
    Examples:
      briefcast serve podcast/
      briefcast serve podcast/ --port 8080
    """
    from ..serve import make_server

    server = make_server(folder, ServeOptions(**serving).port)
    if not quiet:
        say(f"briefcast: serving {folder} at http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        if not quiet:
            say("briefcast: stopped")
    finally:
        server.server_close()
