"""`briefcast roundtrip`: narrate an article, transcribe it back, and score what survived."""
from __future__ import annotations

import json
from typing import Any

import click

from ..roundtrip import RoundtripOptions
from . import say
from .options import (
    declared_options,
    force_option,
    json_option,
    narrate_options,
    narration_options,
    quiet_option,
    recognition_options,
    transcribe_options,
    verbosity_options,
)


@click.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False))
@narration_options("roundtrip")
@recognition_options("roundtrip")
@declared_options(RoundtripOptions, "roundtrip", "showing")
@force_option
@json_option
@quiet_option
@verbosity_options
def roundtrip(article: str, narration: dict[str, Any], recognition: dict[str, Any], showing: dict[str, Any],
              force: bool, as_json: bool, quiet: bool) -> None:
    """Narrate ARTICLE, transcribe the audio back, and report how much came back.

    Body word error rate (after Whisper's English normaliser on both sides), sentence- and paragraph-boundary F1,
    whether title, byline, date and credits were recovered (from the audio's tags or the spoken intro and outro),
    and the worst sentences side by side.

    \b
    Examples:
      briefcast roundtrip article.md
      briefcast roundtrip article.md --json > scores.json
      briefcast roundtrip article.md --model small.en --keep roundtrip/ --force
      briefcast roundtrip article.md --engine pyttsx3
    """
    from pathlib import Path

    from ..roundtrip import roundtrip as run

    options = narrate_options(narration, force=force)
    shown = RoundtripOptions(**showing)
    doing = {"narrate": "narrating", "transcribe": "transcribing the audio back", "score": "scoring"}

    def stage(name: str) -> None:
        if not quiet:
            say(f"briefcast: {Path(article).name}: {doing.get(name, name)}")

    report = run(article, narrate_options=options, transcribe_options=transcribe_options(recognition),
                 keep=shown.keep, worst=shown.worst, stage=stage)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(report))


def _yes(value: bool | None, source: str | None) -> str:
    if value is None:
        return "n/a (not in the article)"
    return f"yes ({source})" if value else "no"


def render_table(report: Any) -> str:
    """The report as a two-column table, then the worst sentences side by side."""
    how = report.recovered_from
    rows = [
        ("body WER", f"{report.wer:.1%}  ({report.reference_words} reference words)"),
        ("sentence F1", f"{report.sentence_f1:.2f}  (P {report.sentence_precision:.2f}, "
                        f"R {report.sentence_recall:.2f})"),
        ("paragraph F1", f"{report.paragraph_f1:.2f}  (P {report.paragraph_precision:.2f}, "
                         f"R {report.paragraph_recall:.2f})"),
        ("title", _yes(report.title_recovered, how.get("title"))),
        ("byline", _yes(report.byline_recovered, how.get("byline"))),
        ("date", _yes(report.date_recovered, how.get("date"))),
        ("credits", _yes(report.credits_recovered, how.get("credits"))),
    ]
    if report.audio_seconds:
        rows.append(("audio", f"{report.audio_seconds:.1f} s"))
    if report.narrate_seconds is not None:
        rows.append(("time", f"narrate {report.narrate_seconds:.1f} s, transcribe {report.transcribe_seconds:.1f} s"))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    if report.worst:
        lines += ["", "worst sentences (WER: reference / heard):"]
        for d in report.worst:
            lines += [f"  {d.wer:.0%}  {d.reference}", f"        {d.hypothesis or '(nothing)'}"]
    return "\n".join(lines)
