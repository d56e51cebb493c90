"""`briefcast say`: a word or phrase said on its own, to audition a pronunciation lexicon's entry."""
from __future__ import annotations

from typing import Any

import click

from . import say as tell
from .options import narrate_options, narration_options, output_options


@click.command()
@click.argument("text")
@narration_options("say")
@output_options("Audio file to write (.wav, .mp3, .ogg, .opus, .m4a).", dir_okay=False)
@click.option("--play", is_flag=True, help="Play it (ffplay, pw-play, paplay or aplay); with -o, after writing.")
def say(text: str, narration: dict[str, Any], output: str | None, force: bool, quiet: bool, play: bool) -> None:
    """Say TEXT on its own, as narration would, to hear how the voice says a name.

    The lexicon (--lexicon FILE, else lexicon.toml in the user config folder) applies as it does when narrating,
    so this is how to audition an entry: edit the file, say the word again (--force to replace the file). An entry
    is a word or phrase and a respelling or [[phonemes]] (espeak-ng's, as `espeak-ng -x WORD` prints them):

    \b
      Tabqa = "TAHB-kah"
      Olayanieh = "[[oUl,aI@n'i:@]]"
      "Khibrat al-Shami" = { say = "KIB-raht al-SHAH-mee", pyttsx3 = "[[k'Ibr@t al S'A:mi]]" }

    Keys match whole words, the longest first, in any case, except that a key in capitals ("US") matches only in
    capitals. Give -o FILE, --play, or both.

    \b
    Examples:
      briefcast say "Tabqa" -o tabqa.wav
      briefcast say "Khibrat al-Shami" --lexicon names.toml --play
      briefcast say "Olayanieh" --engine pyttsx3 -o olayanieh.wav
    """
    from ..narrate.audition import audition
    from ..outputs import said_format

    chosen = said_format(output, play=play)
    if "format" not in narration:
        narration["format"] = chosen
    result = audition(text, output, options=narrate_options(narration, force=force), aloud=play)
    if output is not None and not quiet:
        tell(result.summary())
