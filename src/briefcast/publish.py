"""A folder of briefings published: its podcast feed and, when asked, its site (the episode pages), with the feed's
place planned (outputs.feed_target) and every file checked before anything is written."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .feed import FeedOptions, find_episodes, write_feed
from .outputs import feed_target

__all__ = ["Published", "publish"]


@dataclass(frozen=True)
class Published:
    """What publish() wrote: the feed, how many briefings it lists, and the site's files (none without a site)."""

    feed: Path
    episodes: int
    pages: tuple[Path, ...] = ()


def publish(folder: str | os.PathLike[str], options: FeedOptions, *, output: str | None = None, site: bool = False,
            force: bool = False) -> Published:
    """Write the feed of `folder` to `output` (default FOLDER/feed.xml) and, with `site`, its pages beside the
    briefings (linking the feed when it lies in the folder). A feed or page briefcast wrote is replaced; any other
    existing file only with `force`."""
    from .site import SiteOptions, write_site

    target = feed_target(str(folder), output, force=force)
    pages: list[Path] = []
    if site:  # first: it checks its own files before writing any, so a refusal leaves no feed behind
        inside = target.absolute().parent == Path(folder).absolute()
        pages = write_site(folder, SiteOptions(title=options.title, force=force, feed=target.name if inside else None))
    episodes = find_episodes(folder)  # once: each unreadable sidecar is one warning
    path = write_feed(folder, options, target, episodes=episodes)
    return Published(path, len(episodes), tuple(pages))
