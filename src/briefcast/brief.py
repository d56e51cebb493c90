"""brief(): several stories in one episode, a programme with a rundown, a break between stories and a length that
fits the slot.

The show opens with its title, the date and the rundown ("In this briefing:" and the headlines); each story follows
with its own short intro ("From MSN: headline."), its body and its credits, the sting (--music) between stories; the
show closes with its title. Every story is a chapter with its web address. Each story is narrated as `narrate`
narrates an article (its script, pauses, cache, loudness, tags): the stories' scripts are joined into one and the
narrator renders it once. With `max_minutes`, whole paragraphs are left out from the end of the longest stories
first, never a story's first paragraph, planned from the measured speaking time of every sentence; a shortened
story ends with "The full story is at SOURCE." A story that several inputs carry (one wire story in two feeds) is
said once, from the first, ending "Also reported by X." (briefcast.duplicates).
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Article, Section
from .errors import InputError, UsageError
from .fileio import check_targets, write_text_atomic
from .narrate.narrator import NarrationResult, Progress, check_output, narrate, speech_seconds
from .narrate.options import NarrateOptions
from .narrate.script import Script, Utterance, build_script, render_template, said_sentences, spoken_date
from .optionspec import AUDIO, option, setting
from .segmenter.pauses import PauseGrammar
from .segmenter.programme import CLOSING, OPENING, RUNDOWN, STORY_INTRO  # the wording transcription reads back
from .stories import ReadOptions, Story, read_input

log = logging.getLogger(__name__)

BRIEFING = ("brief",)
STORY_OUTRO = "[By {byline}.] [{credits}.] [Originally published by {source_name}.]"  # each story's credits
OWN_DEFAULTS: dict[str, Any] = {  # where brief's narration differs from narrate's: story intros, credits, the sting
    "intro_template": STORY_INTRO, "outro_template": STORY_OUTRO, "music": "default"}
FULL_STORY = "The full story is at {source}."
ALSO = "Also reported by {sources}."  # a story that another input carries too, said once
MAX_PLANS = 4  # times the cut is planned again from the measured script (a left-out heading, the closing notes)


def parse_date(text: str) -> str:
    """--date: an ISO date, kept as written."""
    from .dates import iso_parts

    if iso_parts(text) is None:
        raise UsageError(f"--date {text!r}: not a date", hint="write it like 2024-05-01")
    return text


@dataclass(frozen=True)
class BriefOptions:
    """How an episode is put together; `narration` says how it is narrated (every narration option), `reading` how
    its inputs are read (feeds' items, fetching)."""

    title: str = option(  # the show's name: said first and last, the file's title tag
        "News briefing", "--title", commands=BRIEFING, shapes=AUDIO, help="The episode's title, said first and last.")
    date: str | None = option(  # ISO date said after the title; None: today
        None, "--date", metavar="DATE", parse=parse_date, show_default=False, commands=BRIEFING, shapes=AUDIO,
        help="The episode's date, said after its title (2024-05-01). [default: today]")
    max_minutes: float | None = option(  # the slot, minutes; None: every story whole
        None, "--max-minutes", type=float, range=(0.5, None), metavar="N", show_default=False, commands=BRIEFING,
        shapes=AUDIO,
        help="Fit the episode into N minutes: whole paragraphs are left out from the end of the longest stories "
             "first (never a story's first paragraph), and a shortened story ends with where to read it all.")
    keep_duplicates: bool = option(  # False: a story two inputs carry (one wire story) is said once
        False, "--keep-duplicates", value=True, commands=BRIEFING, shapes=AUDIO,
        help="Say a story again when another input carries it too (default: once, with 'Also reported by X').")
    narration: NarrateOptions = setting(  # how it is narrated; the story templates and the sting by default
        NarrateOptions(**OWN_DEFAULTS), shapes=AUDIO)
    reading: ReadOptions = setting(ReadOptions())

    def replace(self, **changes: Any) -> BriefOptions:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class StoryRecord:
    """One story as the episode tells it: where it lies (seconds) and what of it was left out."""

    title: str
    source: str
    url: str | None
    start: float
    end: float
    paragraphs: int  # paragraphs said
    left_out: int = 0  # paragraphs left out to fit the episode's length
    also: tuple[str, ...] = ()  # the sources of the same story from other inputs, said once here

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class BriefResult:
    """What brief() made: the narration of the episode, its stories in order, and the listing's path."""

    narration: NarrationResult
    stories: list[StoryRecord]
    listing: Path
    budget: float | None = None  # seconds asked for
    episode: Article = field(default_factory=Article)

    @property
    def path(self) -> Path:
        return self.narration.path

    @property
    def duration(self) -> float:
        return self.narration.duration

    def summary(self) -> str:
        """One line: "episode.mp3: 4:02, -16.0 LUFS, 3 stories (2 shortened: 7 paragraphs left out)"."""
        m, s = divmod(int(round(self.duration)), 60)
        cut = [r for r in self.stories if r.left_out]
        line = f"{self.path.name}: {m}:{s:02d}, {self.narration.loudness:.1f} LUFS, {len(self.stories)} stories"
        if cut:
            line += f" ({len(cut)} shortened: {sum(r.left_out for r in cut)} paragraphs left out)"
        return line

    def to_dict(self) -> dict[str, Any]:
        """The listing: the episode, its stories (title, source, URL, start, end, paragraphs said and left out) and
        its Article's sections."""
        return {"title": self.episode.title, "date": self.episode.published, "file": str(self.path),
                "duration": self.duration, "loudness": self.narration.loudness, "budget": self.budget,
                "stories": [r.to_dict() for r in self.stories],
                "sections": [s.to_dict() for s in self.episode.sections]}


def listing_path(output: Path) -> Path:
    """Where the episode's listing goes: STEM.brief.json beside the audio."""
    return output.with_name(output.stem + ".brief.json")


def brief(inputs: Sequence[str | Story | Article], output: str | Path, options: BriefOptions = BriefOptions(), *,
          progress: Progress | None = None) -> BriefResult:
    """Narrate the stories of `inputs` (files, page URLs, feeds, Stories or Articles) as one episode in `output`,
    with its sidecars and STEM.brief.json, the listing of its stories."""
    narration = options.narration.validate()
    out = Path(output)
    files = [i for i in inputs if isinstance(i, str)]
    check_output(out, narration, sources=files)  # before any fetching or speech
    check_targets([listing_path(out)], force=narration.force, inputs=files)
    from .segmenter.sitewide import drop_site_template

    # the same story twice first: two copies from one site would otherwise lose every paragraph as its template
    stories, also = _once(_stories(inputs, options.reading), options.keep_duplicates)
    drop_site_template([s.article for s in stories])
    for s in stories:
        if not any(p.sentences and not p.kind for p in s.article.paragraphs):
            raise InputError(f"{s.url or s.origin}: the story has no body text to narrate",
                             hint="leave it out, or pass the article's own page")
    date = options.date or dt.date.today().isoformat()
    full = [_paragraph_count(s.article) for s in stories]
    kept = list(full)
    budget = options.max_minutes * 60 if options.max_minutes else None
    script, episode = _episode(stories, kept, options, date, also)
    if budget is not None:
        script, episode, kept = _fit(stories, kept, budget, options, date, also)
    result = narrate(episode, out, options=narration, progress=progress, sources=files, script=script)
    records = [StoryRecord(s.article.title or s.source, s.source or Path(s.origin).name, s.url, start, end, k, n - k,
                           tuple(a))
               for s, (start, end, _), k, n, a in zip(stories, result.chapters[1:], kept, full, also)]
    brief_result = BriefResult(result, records, listing_path(out), budget, result.article)
    write_text_atomic(brief_result.listing, json.dumps(brief_result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return brief_result


def _stories(inputs: Sequence[str | Story | Article], reading: ReadOptions) -> list[Story]:
    stories: list[Story] = []
    for item in inputs:
        if isinstance(item, Story):
            stories.append(item)
        elif isinstance(item, Article):
            stories.append(Story(item, item.url or item.title or "article"))
        else:
            stories.extend(read_input(item, options=reading))
    if not stories:
        raise UsageError("no stories to narrate", hint="pass article files, page URLs or feeds")
    return stories


def _once(stories: list[Story], keep: bool) -> tuple[list[Story], list[list[str]]]:
    """The stories with each one told by several inputs kept once (the first), and for each the sources of the
    others (briefcast.duplicates)."""
    also: list[list[str]] = [[] for _ in stories]
    if keep or len(stories) < 2:
        return stories, also
    from .duplicates import same_stories

    first = same_stories([s.article for s in stories])
    for i, j in enumerate(first):
        if j is not None:
            log.info("%s tells the same story as %s: said once", stories[i].url or stories[i].origin,
                     stories[j].url or stories[j].origin)
            name = stories[i].source or Path(stories[i].origin).name
            if name not in also[j] and name != stories[j].source:
                also[j].append(name)
    return [s for s, j in zip(stories, first) if j is None], [a for a, j in zip(also, first) if j is None]


def _paragraph_count(article: Article) -> int:
    return sum(1 for p in article.paragraphs if p.sentences and not p.kind)


def _kept(article: Article, keep: int) -> Article:
    """A copy of `article` with its first `keep` prose paragraphs (and what lies between them); sections left
    empty go."""
    trimmed = copy.deepcopy(article)
    seen = 0
    sections: list[Section] = []
    for sec in trimmed.sections:
        paragraphs = []
        for p in sec.paragraphs:
            if p.sentences and not p.kind:
                seen += 1
            if seen > keep:
                break
            paragraphs.append(p)
        if any(p.sentences for p in paragraphs):
            sections.append(dataclasses.replace(sec, paragraphs=paragraphs))
        if seen > keep:
            break
    trimmed.sections = sections
    return trimmed


def _episode(stories: Sequence[Story], kept: Sequence[int], options: BriefOptions, date: str,
             also: Sequence[Sequence[str]] = ()) -> tuple[Script, Article]:
    """The episode's script and Article: the opening and rundown, each story's own script (its first `kept`
    paragraphs, and where to read the rest when shortened), the closing."""
    narration = options.narration
    g = narration.grammar
    layout = _EpisodeLayout(options.title, g)
    layout.lines(render_template(OPENING, {"title": options.title, "date": spoken_date(date)}), "intro", 0, 0.0, "")
    layout.lines(RUNDOWN, "intro", 0, g.sentence, "sentence")
    for s in stories:
        headline = s.article.title or s.source or "A story"
        layout.lines(headline if headline[-1:] in ".?!" else headline + ".", "intro", 0, g.sentence, "sentence")
    sections: list[Section] = []
    offset = 0
    for k, (s, keep) in enumerate(zip(stories, kept)):
        article = _kept(s.article, keep)
        article.publisher = s.source
        story = build_script(article, narration)
        chapter = layout.chapter(s.article.title or s.source or f"Story {k + 1}", s.url)
        layout.story(story, chapter, offset, first=k == 0)
        if keep < _paragraph_count(s.article):
            layout.lines(FULL_STORY.format(source=s.source or "the original"), "outro", chapter, g.paragraph,
                         "paragraph")
        credits = [u for u in story.utterances if u.kind == "outro"]
        layout.credits(credits, chapter)
        if k < len(also) and also[k]:
            layout.also(also[k], chapter, after_credits=bool(credits))
        offset += len(article.sentences)
        for i, sec in enumerate(article.sections):
            sections.append(dataclasses.replace(sec, heading=sec.heading or layout.chapters[chapter],
                                                source=s.source or None) if i == 0 else sec)
    closing = render_template(CLOSING, {"title": options.title})
    if said_sentences(closing):
        layout.lines(closing, "outro", layout.chapter("End", None), g.story, "story")
    episode = Article(title=options.title, published=date, sections=sections)
    return layout.script(), episode


class _EpisodeLayout:
    """An episode's script being laid out: its utterances, chapters (each with its web address) and the places the
    sting plays (before each story after the first)."""

    def __init__(self, title: str, grammar: PauseGrammar) -> None:
        self.grammar = grammar
        self.utterances: list[Utterance] = []
        self.chapters: list[str] = [title]
        self.urls: list[str | None] = [None]
        self.transitions: list[int] = []

    def chapter(self, title: str, url: str | None) -> int:
        """A new chapter; its index."""
        self.chapters.append(title)
        self.urls.append(url)
        return len(self.chapters) - 1

    def lines(self, text: str, kind: str, chapter: int, first_pause: float, first_level: str) -> None:
        """The sentences of `text`, the first after `first_pause` s (none for the episode's first), then a
        sentence's pause each."""
        for i, (written, spoken) in enumerate(said_sentences(text)):
            pause, level = (first_pause, first_level) if i == 0 else (self.grammar.sentence, "sentence")
            if not self.utterances:
                pause, level = 0.0, ""
            self.utterances.append(Utterance(spoken, kind, pause, chapter, None, level, written))

    def story(self, story: Script, chapter: int, offset: int, *, first: bool) -> None:
        """A story's own script but its credits, after a story break (and the sting, but for the first story), its
        sentence numbers moved on by `offset` (the sentences of the stories before it)."""
        body = [u for u in story.utterances if u.kind != "outro"]
        for i, u in enumerate(body):
            if i == 0 and not first:
                self.transitions.append(len(self.utterances))
            pause, level = (self.grammar.story, "story") if i == 0 else (u.pause, u.level)
            sentence = None if u.sentence is None else u.sentence + offset
            self.utterances.append(dataclasses.replace(u, pause=pause, level=level, chapter=chapter,
                                                       sentence=sentence))

    def credits(self, credits: list[Utterance], chapter: int) -> None:
        """A story's credits (its script's outro) after a paragraph's pause."""
        for i, u in enumerate(credits):
            pause, level = (self.grammar.paragraph, "paragraph") if i == 0 else (u.pause, u.level)
            self.utterances.append(dataclasses.replace(u, pause=pause, level=level, chapter=chapter))

    def also(self, names: Sequence[str], chapter: int, *, after_credits: bool) -> None:
        """The other sources that ran the story ("Also reported by A, B and C.")."""
        said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        g = self.grammar
        self.lines(ALSO.format(sources=said), "outro", chapter, g.sentence if after_credits else g.paragraph,
                   "sentence" if after_credits else "paragraph")

    def script(self) -> Script:
        return Script(tuple(self.utterances), tuple(self.chapters), tuple(self.urls), tuple(self.transitions))


def _fit(stories: Sequence[Story], kept: list[int], budget: float, options: BriefOptions, date: str,
         also: Sequence[Sequence[str]] = ()) -> tuple[Script, Article, list[int]]:
    """The episode within `budget` seconds. Every sentence's speaking time is measured (synthesised once, through
    the sentence cache); the plan leaves out the last paragraph of the longest story that has more than one until
    the episode fits, then lets paragraphs come back (the shortest first) while one still fits. Each step is
    checked on the episode laid out as the narrator lays it out."""
    narration = options.narration
    sting = _sting_seconds(narration)
    known: dict[str, float] = {}  # utterance text -> seconds spoken

    def measure(plan: Sequence[int]) -> tuple[Script, Article, float, list[float]]:
        script, episode = _episode(stories, plan, options, date, also)
        missing = list(dict.fromkeys(u.text for u in script.utterances if u.text not in known))
        if missing:
            said = Script(tuple(Utterance(t, "body", 0.0, 0) for t in missing), ("",))
            known.update(zip(missing, speech_seconds(said, narration)))
        seconds = [known[u.text] for u in script.utterances]
        return script, episode, episode_seconds(script, seconds, sting), seconds

    script, episode, total, seconds = measure(kept)
    log.info("the stories whole take %.1f s (budget %.1f s)", total, budget)
    if total <= budget:
        return script, episode, kept
    per_story, per_paragraph = _spoken(script, seconds, stories, kept)
    full = list(kept)
    while total > budget:  # planned from the stories whole: no speech needed
        longest = max((k for k in range(len(stories)) if kept[k] > 1), key=lambda k: per_story[k], default=None)
        if longest is None:
            break
        drop = per_paragraph[longest].get(kept[longest] - 1, 0.0)
        kept[longest] -= 1
        per_story[longest] -= drop
        total -= drop
    tried: set[int] = set()
    for _ in range(4 * len(stories) + MAX_PLANS):  # then checked, step by step
        script, episode, total, seconds = measure(kept)
        log.info("planned: %s paragraphs, %.1f s", kept, total)
        if total > budget:
            per_story, _ = _spoken(script, seconds, stories, kept)
            longest = max((k for k in range(len(stories)) if kept[k] > 1), key=lambda k: per_story[k], default=None)
            if longest is None:
                log.warning("the stories' first paragraphs alone take %.0f s, more than %.0f s", total, budget)
                break
            kept[longest] -= 1
            tried.add(longest)  # what was just left out does not come back
            continue
        back = [(per_paragraph[k].get(kept[k], 0.0), k) for k in range(len(stories))
                if kept[k] < full[k] and k not in tried and per_paragraph[k].get(kept[k], 0.0) <= budget - total]
        if not back:
            break
        _, k = min(back)
        trial = list(kept)
        trial[k] += 1
        if measure(trial)[2] <= budget:
            kept[k] += 1
        else:
            tried.add(k)
    script, episode, total, _ = measure(kept)  # the plan as it ended (every time is known by now)
    return script, episode, kept


def _spoken(script: Script, seconds: Sequence[float], stories: Sequence[Story], kept: Sequence[int],
            ) -> tuple[list[float], list[dict[int, float]]]:
    """Seconds each story takes, and each of its prose paragraphs (by position), pauses before them included."""
    per_story = [0.0] * len(stories)
    per_paragraph: list[dict[int, float]] = [{} for _ in stories]
    where: dict[int, tuple[int, int]] = {}  # episode sentence index -> (story, prose paragraph position)
    offset = 0
    for k, (s, keep) in enumerate(zip(stories, kept)):
        article = _kept(s.article, keep)
        position, index = -1, offset
        for p in article.paragraphs:
            if p.sentences and not p.kind:
                position += 1
            for _ in p.sentences:
                where[index] = (k, position)
                index += 1
        offset = index
    for u, took in zip(script.utterances, seconds):
        k = u.chapter - 1
        if 0 <= k < len(stories):
            per_story[k] += took + u.pause
            if u.sentence is not None and u.sentence in where:
                _, position = where[u.sentence]
                per_paragraph[k][position] = per_paragraph[k].get(position, 0.0) + took + u.pause
    return per_story, per_paragraph


def episode_seconds(script: Script, seconds: Sequence[float], sting: float) -> float:
    """The length of the narrated episode from each utterance's speaking time, as the narrator lays it out."""
    from .narrate import mix

    rate = 1000  # milliseconds are fine enough to plan with
    starts, total = mix.layout([int(round(s * rate)) for s in seconds], [u.pause for u in script.utterances], rate,
                               sting=int(round(sting * rate)), transitions=script.transitions)
    return total / rate


def _sting_seconds(options: NarrateOptions) -> float:
    from .narrate import mix
    from .narrate.narrator import asset_file

    music = asset_file(options.music, "music")
    return len(mix.load_sting(music, 8000)) / 8000 if music is not None else 0.0
