"""Options for transcription: one frozen dataclass, a comment per field."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..optionspec import TEXT, option, setting
from ..segmenter.pauses import DEFAULT_GRAMMAR, PauseGrammar
from .backends import CHOICES as BACKENDS

RECOGNISING = ("transcribe", "batch", "roundtrip")  # the commands that recognise speech: each takes every flag
TASKS = ("transcribe", "translate")  # Whisper's tasks: the words as said, or their English translation


def parse_names(text: str) -> tuple[str, ...]:
    """`Ann Lee, Bo Chen` -> ("Ann Lee", "Bo Chen"); an empty name keeps that speaker's "Speaker N"."""
    return tuple(" ".join(part.split()) for part in text.split(","))


@dataclass(frozen=True)
class TranscribeOptions:
    """How to recognise speech and assemble the article. Each field declares its flag and what it shapes
    (briefcast.optionspec): the commands and the batch manifest read it from here."""

    backend: str = option(  # one of backends.CHOICES; "auto": faster-whisper if importable, else openai-whisper
        "auto", "--backend", choices=BACKENDS, commands=RECOGNISING, shapes=TEXT,
        help="Recogniser: faster-whisper (faster on CPU) or openai-whisper; auto: faster-whisper if installed.")
    model: str | None = option(  # None: the bundled tiny.en; else a model name, a CTranslate2 folder or a .pt file
        None, "--model", show_default=False, commands=RECOGNISING, shapes=TEXT,
        help="A model name (tiny.en, base, small, ...), a CTranslate2 folder or a .pt checkpoint. [default: the "
             "bundled tiny.en]")
    language: str | None = option(  # ISO 639-1 code; None: detect (the bundled tiny.en model is English-only)
        None, "--language", "-l", show_default=False, commands=RECOGNISING, shapes=TEXT,
        help="Spoken language (en, fr, ...). [default: detect]")
    task: str = option(  # one of TASKS; translate needs a multilingual model (the bundled tiny.en is English-only)
        "transcribe", "--task", choices=TASKS, commands=RECOGNISING, shapes=TEXT,
        help="transcribe: the words as said; translate: speech in another language as an English article "
             "(Whisper's own translation; needs a multilingual model, e.g. --model base).")
    compute_type: str = option(  # CTranslate2 quantisation on CPU (faster-whisper only): int8, int8_float32, float32
        "int8", "--compute-type", commands=RECOGNISING, shapes=TEXT, help="faster-whisper quantisation on CPU.")
    beam_size: int = option(  # beam search width; 1 is greedy decoding (faster, slightly less accurate)
        5, "--beam-size", type=int, range=(1, 20), commands=RECOGNISING, shapes=TEXT,
        help="Beam search width (1: greedy, faster).")
    vad: bool = option(  # short input only: skip non-speech with the Silero VAD first (faster-whisper only)
        False, "--vad/--no-vad", commands=RECOGNISING, shapes=TEXT,
        help="Input up to 2 min: skip non-speech first (faster-whisper). Longer input is always cut by the VAD.")
    batch_size: int = option(  # long input: VAD speech chunks decoded at once (faster-whisper); 1: one at a time
        4, "--batch-size", type=int, range=(1, 64), commands=RECOGNISING, shapes=TEXT,
        help="Input over 2 min: speech chunks decoded at once (faster-whisper; more takes more memory).")
    initial_prompt: str | None = option(  # text that primes the vocabulary and style, e.g. names in the story
        None, "--initial-prompt", show_default=False, commands=RECOGNISING, shapes=TEXT,
        help="Text to prime names and spelling, e.g. 'Raqqa, Tabqa, SDF.'")
    prime: bool = option(  # without initial_prompt, prime names from the media's metadata (title, tags, description)
        True, "--prime/--no-prime", commands=RECOGNISING, shapes=TEXT,
        help="Prime names from the video's metadata (info.json, description, tags) when it has some.")
    threads: int = option(  # CPU threads for the recogniser; 0: all cores (a batch gives each worker its share)
        0, "--threads", type=int, range=(0, 256), commands=("transcribe", "roundtrip"),
        help="CPU threads (0: all cores).")
    speakers: bool = option(  # find who speaks when: a speaker on every sentence, paragraphs broken at turns
        False, "--speakers/--no-speakers", commands=RECOGNISING, shapes=TEXT,
        help="Find who speaks when: 'Speaker 2' (or a name) on each turn in the transcript and subtitles.")
    num_speakers: int | None = option(  # how many speakers (implies speakers); None: found from the voices
        None, "--num-speakers", type=int, range=(1, 20), show_default=False, metavar="N", commands=RECOGNISING,
        shapes=TEXT, help="There are N speakers (implies --speakers). [default: found from the voices]")
    speaker_names: tuple[str, ...] = option(  # speakers' names in order of first appearance (implies speakers)
        (), "--speaker-names", show_default=False, metavar="LIST", parse=parse_names, commands=RECOGNISING, shapes=TEXT,
        help="Names for the speakers in order of first appearance, e.g. 'Ann Lee,Bo Chen' (implies --speakers). "
             "[default: the credited voiceover for the voice that talks most, else Speaker N]")
    max_paragraph_sentences: int = setting(6, shapes=TEXT)  # split a run of sentences no paragraph pause divided
    #                                                         beyond this many
    grammar: PauseGrammar = setting(DEFAULT_GRAMMAR, shapes=TEXT)  # the pause grammar read backwards: silence (s)
    #                                                                -> break level
    allow_download: bool = setting(True)  # a model name not on disk may be fetched when the network answers (never
    #                                       in tests)

    def __post_init__(self) -> None:
        from ..errors import UsageError

        if self.backend not in BACKENDS:
            raise UsageError(f"unknown backend {self.backend!r}", hint=f"choose one of {', '.join(BACKENDS)}")
        if self.task not in TASKS:
            raise UsageError(f"unknown task {self.task!r}", hint=f"choose one of {', '.join(TASKS)}")
        if self.beam_size < 1:
            raise UsageError(f"beam size must be at least 1, not {self.beam_size}")
        if self.batch_size < 1:
            raise UsageError(f"batch size must be at least 1, not {self.batch_size}")
        if self.threads < 0:
            raise UsageError(f"threads must be 0 (all cores) or more, not {self.threads}")
        if isinstance(self.num_speakers, int) and self.num_speakers < 1:
            raise UsageError(f"the number of speakers must be at least 1, not {self.num_speakers}")
        if self.max_paragraph_sentences < 1:
            raise UsageError("max paragraph sentences must be at least 1")

    @property
    def finds_speakers(self) -> bool:
        """Whether to tell the speakers apart: asked for, or implied by a count or names for them."""
        return bool(self.speakers or self.num_speakers is not None or self.speaker_names)

@dataclass(frozen=True)
class AlignOptions:
    """Aligning a printed article to the speech (`transcribe --script`)."""

    script: str | None = option(  # the printed article: a .txt, .md or .html file (what `segment` reads)
        None, "--script", metavar="ARTICLE", show_default=False, commands=("transcribe",), shapes=TEXT,
        help="The printed article (.txt, .md, .html) the voice reads: the output is that text, as printed, with "
             "the voice's times, and what the reader changed (format changes, or the end of the Markdown).")
    reprime: bool = option(  # decode a stretch that differs again, primed with the printed words it should hold
        True, "--reprime/--no-reprime", commands=("transcribe",), shapes=TEXT,
        help="With --script: decode a stretch that differs from the print again, primed with the printed words.")


SCRIPT_SUFFIXES = (".html", ".htm", ".md", ".txt")  # NAME.article.EXT beside NAME.mp4: its printed article


def script_beside(media: str | Path) -> Path | None:
    """The printed article `batch` aligns a recording with: NAME.article.html (.htm, .md, .txt) beside it."""
    p = Path(media)
    return next((c for ext in SCRIPT_SUFFIXES if (c := p.with_name(f"{p.stem}.article{ext}")).is_file()), None)
