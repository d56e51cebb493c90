"""One time-code formatter for subtitles, chapters, feeds and the text writers."""
from __future__ import annotations


def timecode(seconds: float, *, fraction: str | None = None, compact: bool = False) -> str:
    """`HH:MM:SS`; with `fraction` (`,` for SRT, `.` for WebVTT and chapters) `HH:MM:SS,mmm`; `compact`: `mm:ss`,
    or `h:mm:ss` past an hour.

    Rounds to the unit shown (milliseconds or seconds); a negative time counts as 0.
    """
    unit = 1000 if fraction is not None else 1
    ticks = int(round(max(seconds, 0.0) * unit))
    whole, ms = divmod(ticks, unit)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    if compact:
        text = f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
    else:
        text = f"{h:02d}:{m:02d}:{s:02d}"
    return text + (f"{fraction}{ms:03d}" if fraction is not None else "")
