"""On-disk caches: synthesised sentences, and whole renders of unchanged articles.

Sentence clips are keyed by the spoken text, voice, rate, volume and engine version, so an edited article only
re-synthesises what changed. A render is keyed by everything that shapes the output file (the script, all audio
options, the music files' contents, the tags), so re-narrating an unchanged article copies the finished file.
A clip's word times (engines that report them) are kept beside it as JSON. Entries are written atomically with a
sha256 of their audio; an entry that does not match it is damaged: it is dropped with a warning and made again.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..fileio import atomic_path, file_digest

log = logging.getLogger(__name__)

MAX_RENDERS = 24  # finished renders kept (oldest removed first)
CLIP_MAGIC = b"briefcast clip 1"  # a sentence clip file: this, the sample rate (4 bytes, little-endian), the sha256
#                                   of the samples (32 bytes), then the samples (16-bit mono PCM)
_CLIP_HEAD = len(CLIP_MAGIC) + 4 + 32

Span = tuple[float, float]  # (start, end) seconds
WordSpans = tuple[Span | None, ...]  # each spoken word of an utterance (its text split at spaces); None: no sound


@dataclass(frozen=True)
class RenderManifest:
    """What a finished render measured and where its pieces lie, kept beside it in the render cache (as JSON)."""

    duration: float  # seconds
    loudness: float  # integrated loudness as written (metered, or predicted), LUFS
    true_peak: float  # dBTP as written (metered, or at most this when predicted)
    spans: tuple[tuple[float, float], ...]  # (start, end) seconds of each utterance of the script
    chapters: tuple[tuple[float, float, str], ...]  # (start, end seconds, title)
    words: tuple[WordSpans | None, ...] = ()  # each utterance's words in the file (seconds); None: not timed
    predicted: bool = False  # loudness and true_peak predicted from the encoder's measured effect, not metered

    def to_dict(self) -> dict[str, Any]:
        d = {"duration": self.duration, "loudness": self.loudness, "true_peak": self.true_peak,
             "spans": [list(s) for s in self.spans], "chapters": [list(c) for c in self.chapters]}
        if self.words:
            d["words"] = [None if w is None else [None if s is None else list(s) for s in w] for w in self.words]
        if self.predicted:
            d["predicted"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RenderManifest:
        return cls(d["duration"], d["loudness"], d["true_peak"], tuple((a, b) for a, b in d["spans"]),
                   tuple((a, b, title) for a, b, title in d["chapters"]),
                   tuple(None if w is None else word_spans(w) for w in d.get("words", ())), d.get("predicted", False))


def word_spans(data: list[Any]) -> WordSpans:
    """Word spans read from JSON ([start, end] or null each)."""
    return tuple(None if s is None else (float(s[0]), float(s[1])) for s in data)


def _atomic_write(target: Path, write: Any) -> None:
    """Write a cache entry through `write(tmp)` atomically; an unwritable cache raises OSError (logged by callers)."""
    try:
        with atomic_path(target) as tmp:
            write(tmp)
    except OutputError as e:
        raise OSError(str(e)) from e


def usable(root: Path) -> bool:
    """Whether `root` can hold the cache (created when missing, a file made in it); if not, one warning naming the
    folder and the reason, and the caller carries on without a cache."""
    import tempfile

    try:
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(20, "it is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
        return True
    except OSError as e:
        log.warning("%s: cannot use the cache folder (%s); carrying on without the cache", root,
                    e.strerror or e)
        return False


def _drop(kind: str, *paths: Path) -> None:
    """Delete a damaged cache entry (its audio first), with one warning: it is made again."""
    log.warning("the %s cache entry %s is damaged: dropped, made again", kind, paths[0])
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()


def _clip_path(root: Path, key: str) -> Path:
    return root / "sentences" / key[:2] / f"{key}.clip"


def _words_path(root: Path, key: str) -> Path:
    return _clip_path(root, key).with_suffix(".words")


class Cache:
    """A cache folder (`root`), or a no-op when `root` is None. Failures to write only log a warning."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    # sentences -------------------------------------------------------------------------------------------------
    def get_clip(self, key: str) -> tuple[bytes, int] | None:
        """(16-bit mono PCM, sample rate) of a cached clip, or None; a damaged clip is dropped (see CLIP_MAGIC)."""
        if self.root is None:
            return None
        path = _clip_path(self.root, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, digest, pcm = data[:_CLIP_HEAD - 32], data[_CLIP_HEAD - 32:_CLIP_HEAD], data[_CLIP_HEAD:]
        rate = int.from_bytes(head[len(CLIP_MAGIC):], "little")
        if head.startswith(CLIP_MAGIC) and rate > 0 and hashlib.sha256(pcm).digest() == digest:
            return pcm, rate
        _drop("sentence", path)
        return None

    def get_words(self, key: str) -> WordSpans | None:
        """The word spans kept with a cached clip (seconds in the clip), or None."""
        if self.root is None:
            return None
        try:
            return word_spans(json.loads(_words_path(self.root, key).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, IndexError):
            return None

    def put_clip(self, key: str, pcm: bytes, rate: int, words: WordSpans | None = None) -> None:
        if self.root is None:
            return
        data = CLIP_MAGIC + rate.to_bytes(4, "little") + hashlib.sha256(pcm).digest() + pcm
        try:
            if words is not None:  # first: a clip found always finds the words it was made with
                text = json.dumps([None if s is None else list(s) for s in words])
                _atomic_write(_words_path(self.root, key), lambda tmp: tmp.write_text(text, encoding="utf-8"))
            _atomic_write(_clip_path(self.root, key), lambda tmp: tmp.write_bytes(data))
        except OSError as e:
            log.warning("cannot write the sentence cache in %s: %s", self.root, e.strerror or e)

    # renders ---------------------------------------------------------------------------------------------------
    def get_render(self, key: str) -> tuple[Path, RenderManifest] | None:
        """(audio file, manifest) of a finished render, or None."""
        if self.root is None:
            return None
        manifest = self.root / "renders" / f"{key}.json"
        audio = self.root / "renders" / f"{key}.audio"
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            if audio.stat().st_size != data["size"] or file_digest(audio) != data.get("sha256"):
                _drop("render", audio, manifest)
                return None
            found = RenderManifest.from_dict(data)
            os.utime(manifest)  # most recently used
            return audio, found
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_render(self, key: str, audio: Path, manifest: RenderManifest) -> None:
        if self.root is None:
            return
        folder = self.root / "renders"
        try:
            _atomic_write(folder / f"{key}.audio", lambda tmp: shutil.copyfile(audio, tmp))
            data = {**manifest.to_dict(), "size": audio.stat().st_size, "sha256": file_digest(audio)}
            _atomic_write(folder / f"{key}.json",
                          lambda tmp: tmp.write_text(json.dumps(data), encoding="utf-8"))
            self._prune(folder)
        except OSError as e:
            log.warning("cannot write the render cache in %s: %s", self.root, e.strerror or e)

    @staticmethod
    def _prune(folder: Path) -> None:
        manifests = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in manifests[MAX_RENDERS:]:
            with contextlib.suppress(OSError):
                old.unlink()
                old.with_suffix(".audio").unlink()
