"""`briefcast roundtrip`: narrate an article, transcribe it back, and score what survived."""
from __future__ import annotations

import json
from typing import Any

import click

from ..transcribe.backends import CHOICES as BACKEND_CHOICES


@click.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="Whisper model name or path. [default: bundled tiny.en]")
@click.option("--backend", type=click.Choice(BACKEND_CHOICES), default="auto",
              show_default=True, help="Recogniser backend.")
@click.option("--voice", default=None, help="Narration voice (see `espeak-ng --voices`).")
@click.option("--rate", type=int, default=None, help="Narration speaking rate, words per minute.")
@click.option("--worst", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many of the worst sentences to show.")
@click.option("--keep", type=click.Path(file_okay=False), default=None,
              help="Keep the narrated audio in this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def roundtrip(article: str, model: str | None, backend: str, voice: str | None, rate: int | None, worst: int,
              keep: str | None, as_json: bool) -> None:
    """Narrate ARTICLE, transcribe the audio back, and report how much came back.

    Body word error rate (after Whisper's English normaliser on both sides), sentence- and paragraph-boundary F1,
    whether title, byline, date and credits were recovered (from the audio's tags or the spoken intro and outro),
    and the worst sentences side by side.

    \b
    Examples:
      briefcast roundtrip article.md
      briefcast roundtrip article.md --json > scores.json
      briefcast roundtrip article.md --model small.en --keep roundtrip/
    """
    from ..narrate import NarrateOptions
    from ..roundtrip import roundtrip as run
    from ..transcribe import TranscribeOptions

    narrate_options = NarrateOptions(**{k: v for k, v in {"voice": voice, "rate": rate}.items() if v is not None})
    report = run(article, narrate_options=narrate_options,
                 transcribe_options=TranscribeOptions(backend=backend, model=model), keep=keep, worst=worst)
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
            lines += [f"  {d['wer']:.0%}  {d['reference']}", f"        {d['hypothesis'] or '(nothing)'}"]
    return "\n".join(lines)
