"""SRT and WebVTT captions, joined into running text per speaker turn.

Captions are fragments: a cue is a line or two of a sentence. Speakers appear as VTT voice
tags (`<v Name>`, often never closed), a `Name:` prefix on the first cue of a turn, or `- `,
`- [Name]` and `>>` turn markers. YouTube auto-captions roll: each line is shown again at the
top of the next cue and in a 10 ms snapshot cue, and new words carry inline
`<00:00:01.234><c> word</c>` tags; those repeats are dropped so each spoken word stays once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from podcards.transcripts.cleanup import sounds
from podcards.transcripts.plaintext import parse_time, split_speaker_label, trusted_speakers
from podcards.transcripts.turns import FormatMismatch, ParsedText, TurnBuilder

_TIMESTAMP = r"(?:\d+:)?(?:\d{1,2}:)?\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<start>-?{_TIMESTAMP})\s*-->\s*(?P<end>-?{_TIMESTAMP})")
_LOOSE_TIMING = re.compile(
    rf"^\s*(?P<start>{_TIMESTAMP})\s*(?:-+>|[\u2013\u2014]+>?|\u2192|\s)\s*(?P<end>{_TIMESTAMP})\s*$"
)
"""A hand-edited timing line: '->', an en or em dash, an arrow sign or only a space."""
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_INLINE_TIMESTAMP = re.compile(r"<\d[^<>\s]*\s*>")
"""Any word-time tag, even one too malformed to read (`<00:00:53.1000>`, `<00:01:04.000x>`,
`<00:01:03.000 >`): WebVTT text writes a '<' of its own as '&lt;', so none is a word."""
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|\{\\[^{}]*\}")
_TURN_MARKER = re.compile(r"^(?:>>|&gt;&gt;|-|–|—)\s*")
"""A new speaker: '>>' (which YouTube writes '&gt;&gt;', decoded only later) or a dash."""
_VTT_TITLE = re.compile(r"^WEBVTT[ \t]*[-–:]?[ \t]*(\S.*)$")
# Share of cues opening with the previous cue's last line above which captions are "rolling".
ROLLING_SHARE = 0.3
MIN_ROLLING_REPEATS = 3


@dataclass
class CueLine:
    """One displayed caption line, tags removed."""

    text: str
    speaker: str | None = None
    written: str | None = None  # the speaker as the label wrote it ('Jane Doe (Host)')
    strong: bool = False
    new_turn: bool = False
    timed: bool = False  # carried inline word timestamps: YouTube's marker of newly spoken words


@dataclass
class Cue:
    start: float
    end: float
    lines: list[CueLine]


def parse_captions(text: str) -> ParsedText:
    """Turns of an SRT or WebVTT file; repeats of rolling captions removed."""
    cues = _read_cues(text)
    if not cues:
        raise FormatMismatch("no caption cues with 'start --> end' timings")
    trusted = trusted_speakers(
        [(line.speaker, line.strong) for cue in cues for line in cue.lines if line.speaker]
    )
    rolling = _is_rolling(cues)
    builder = TurnBuilder()
    shown: list[str] = []  # the words on screen now, line by line, without sounds (`_said`)
    for cue in cues:
        fresh = _unseen_lines(cue.lines, shown) if rolling else cue.lines
        shown = [said for said in map(_said, (line.text for line in cue.lines)) if said] or shown
        for line in fresh:
            _add_line(builder, line, cue, trusted)
    return ParsedText(builder=builder, title=_vtt_title(text))


def _read_cues(text: str) -> list[Cue]:
    """Cues in file order: a timing line and the text lines up to the next blank line."""
    cues: list[Cue] = []
    current: Cue | None = None
    lines = text.split("\n")
    for index, raw in enumerate(lines):
        timing = _TIMING.match(raw) or _cue_timing_by_place(raw, lines[index - 1 : index])
        if timing:
            current = Cue(_cue_time(timing.group("start")), _cue_time(timing.group("end")), [])
            cues.append(current)
        elif "-->" in raw:  # a timing line that cannot be read: keep its words, timed as the
            since = cues[-1].end if cues else 0.0  # last cue ended, rather than lose them
            current = Cue(since, since, [])
            cues.append(current)
        elif not raw or _is_cue_number(raw, lines[index + 1 : index + 2]):
            current = None  # an empty line ends a cue; YouTube puts a lone space inside cues
        elif current is not None:
            line = _cue_line(raw)
            if line.text or line.new_turn or line.speaker:
                current.lines.append(line)
    return cues


def _cue_timing_by_place(raw: str, before: list[str]) -> re.Match[str] | None:
    """A loosely written timing line, taken for one only right after an SRT cue number."""
    return _LOOSE_TIMING.match(raw) if before and before[0].strip().isdigit() else None


def _cue_time(text: str) -> float:
    """Seconds of a cue timing; a negative one (captions shifted before the start) is 0, so
    its words are kept rather than dropped with a timing line no pattern matched."""
    return 0.0 if text.startswith("-") else parse_time(text)


def _is_cue_number(raw: str, following: list[str]) -> bool:
    """An SRT cue number (even without the blank line that should precede it)."""
    return (
        raw.strip().isdigit()
        and bool(following)
        and bool(_TIMING.match(following[0]) or _LOOSE_TIMING.match(following[0]))
    )


def _cue_line(raw: str) -> CueLine:
    """Tags stripped; a voice tag, turn marker or 'Name:' prefix becomes speaker information."""
    voice = _VOICE.search(raw)
    timed = bool(_INLINE_TIMESTAMP.search(raw))
    text = _TAG.sub("", _INLINE_TIMESTAMP.sub("", raw)).strip()
    marker = _TURN_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    name, strong, rest, written = split_speaker_label(text)
    if voice:
        return CueLine(text, speaker=voice.group(1).strip(), strong=True, timed=timed)
    if name:
        return CueLine(rest, name, written, strong=strong, new_turn=bool(marker), timed=timed)
    return CueLine(text, new_turn=bool(marker), timed=timed)


def _is_rolling(cues: list[Cue]) -> bool:
    """YouTube-style captions: inline word timestamps, or cues that repeat the previous line."""
    if any(line.timed for cue in cues for line in cue.lines):
        return True
    repeats = sum(
        1
        for previous, cue in pairwise(cues)
        if previous.lines and cue.lines and cue.lines[0].text == previous.lines[-1].text
    )
    return repeats >= max(MIN_ROLLING_REPEATS, ROLLING_SHARE * len(cues))


def _unseen_lines(lines: list[CueLine], shown: list[str]) -> list[CueLine]:
    """The cue's lines minus its leading lines that repeat what the last cues showed.

    Lines with inline word timestamps are new speech by construction and are never dropped;
    a line that grew word by word from the last one seen keeps only its added words.
    """
    fresh = _drop_repeated_lines(lines, shown)
    dropped = len(lines) - len(fresh)
    seen = _said(lines[dropped - 1].text) if dropped else (shown[-1] if shown else "")
    if fresh and seen and not fresh[0].timed:
        grown = _said(fresh[0].text)
        if grown.startswith(seen + " "):
            added = CueLine(grown[len(seen) + 1 :], fresh[0].speaker, fresh[0].strong)
            return [added, *fresh[1:]]
    return fresh


def _drop_repeated_lines(lines: list[CueLine], shown: list[str]) -> list[CueLine]:
    said = [_said(line.text) for line in lines]
    for count in range(min(len(lines), len(shown)), 0, -1):
        if not any(line.timed for line in lines[:count]) and said[:count] == shown[-count:]:
            return lines[count:]
    return lines


def _said(text: str) -> str:
    """The line's words without sound descriptions: YouTube shows '[Music] spring tides' as it
    is spoken and then 'spring tides' in the repeat, and the two must still match."""
    for sound in reversed(sounds(text)):
        text = text[: sound.start()] + " " + text[sound.end() :]
    return " ".join(text.split())


def _add_line(builder: TurnBuilder, line: CueLine, cue: Cue, trusted: set[str]) -> None:
    """A known speaker opens (or continues) their turn; a bare turn marker opens an unnamed one."""
    text = line.text
    if line.speaker in trusted:
        builder.start_turn(line.speaker)
    elif line.speaker:
        text = f"{line.written or line.speaker}: {text}"
    if line.new_turn and line.speaker not in trusted:
        builder.start_turn(None, force=True)
    builder.add(text, cue.start, cue.end)


def _vtt_title(text: str) -> str | None:
    match = _VTT_TITLE.match(text.lstrip().split("\n", 1)[0])
    return match.group(1).strip() if match else None
