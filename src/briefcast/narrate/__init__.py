"""Narration: an Article becomes a podcast-ready audio briefing (a speech engine from engines/: Piper or pyttsx3;
numpy/ffmpeg, mutagen).

    from briefcast.narrate import narrate_file, NarrateOptions
    result = narrate_file("article.txt", "briefing.mp3", options=NarrateOptions(subtitles=("srt", "vtt")))
    print(result.summary())   # briefing.mp3: 2:31, -16.0 LUFS, 12 chapters

Heavy modules (numpy, scipy, pydub) load only when narration runs; the engines run in worker processes.
"""
from ..formats import AUDIO_FORMATS as FORMATS
from .narrator import NarrationResult, narrate, narrate_file
from .options import DEFAULT_INTRO, DEFAULT_OUTRO, NarrateOptions

__all__ = ["narrate", "narrate_file", "NarrateOptions", "NarrationResult", "FORMATS", "DEFAULT_INTRO",
           "DEFAULT_OUTRO"]
