"""Text-level noise every format shares: entities, curly quotes, markdown marks, non-speech tags.

Cleaning happens once, in the turn builder, so every reader yields the same kind of text and a
card's quote is verbatim text of the cleaned transcript.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Sound descriptions such as [Music], (applause), [upbeat music playing], [audience laughs]:
# at least one sound word, optionally with modifiers. A bracket holding anything else (an
# editor's clarification like "[the model]", a speaker like "[Audience]") is kept.
SOUND_WORDS = frozenset(
    [
        "music",
        "applause",
        "laughter",
        "laughs",
        "laughing",
        "laugh",
        "chuckles",
        "chuckling",
        "chuckle",
        "inaudible",
        "crosstalk",
        "silence",
        "noise",
        "cheering",
        "cheers",
        "cough",
        "coughs",
        "coughing",
        "sighs",
        "sigh",
        "sighing",
        "foreign",
        "pause",
        "beep",
        "beeps",
        "bell",
        "static",
        "unintelligible",
        "indistinct",
        "blank_audio",
        "clapping",
        "claps",
        "whistling",
        "breathing",
        "breathes",
        "sniffs",
        "groans",
        "ding",
        "ringing",
        "rings",
    ]
)
SOUND_MODIFIERS = frozenset(
    [
        "playing",
        "upbeat",
        "soft",
        "gentle",
        "dramatic",
        "intro",
        "outro",
        "theme",
        "background",
        "light",
        "both",
        "all",
        "audience",
        "crowd",
        "clears",
        "throat",
        "speaking",
        "language",
        "tone",
        "phone",
        "ends",
        "fades",
        "plays",
        "continues",
        "no",
        "sound",
        "audio",
        "the",
        "and",
    ]
)

_BRACKETED = re.compile(r"\[([^\[\]]{1,60})\]|\(([^()]{1,60})\)")
_MUSIC_NOTES = re.compile(r"[♪♫][^♪♫]*[♪♫]|[♪♫]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]+)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_EMPHASIS = re.compile(r"\*\*([^*\n]+)\*\*|\*([^*\s][^*\n]*)\*|__([^_\n]+)__")
_CHARACTER_REFERENCE = re.compile(r"&#(?:\d{1,7}|[xX][0-9a-fA-F]{1,6});")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_JOINER = re.compile("[\u200c\u200d]")
"""Zero-width (non-)joiners: part of a word where they join two letters, marks or symbols
outside ASCII (an emoji sequence '👩\u200d💻', Persian 'می\u200cخواهم', Indic conjuncts),
noise anywhere else (a stray one splits an English word for every search)."""
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)")
"""A CSI sequence ('ESC [1m', bold) or an OSC one ('ESC ]0;title BEL', a window title), as
text copied from a terminal keeps them."""
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def is_non_speech(inner: str) -> bool:
    """True for a description of a sound ("Music", "upbeat music playing"), not for words said."""
    words = re.findall(r"[a-z_]+", inner.lower())
    return any(word in SOUND_WORDS for word in words) and all(
        word in SOUND_WORDS or word in SOUND_MODIFIERS for word in words
    )


def speech_pieces(text: str) -> list[str]:
    """One line of speech as a reader should see it (decoded, plain, single-spaced), in the
    pieces between the sounds dropped from it ('[Laughter]', '(laughs)', music): a quote must
    not run across one, since the words on either side were not said together. An empty first
    or last piece means the line began or ended with a sound. Entities are decoded once, as a
    browser or caption player would: '&amp;lt;' is what the speaker's words read, '&lt;'; but a
    character reference left after that ('don&amp;#39;t', from captions escaped twice) is
    decoded too, as no speaker's words are '&#39;'."""
    if "&" in text:
        text = _CHARACTER_REFERENCE.sub(lambda found: html.unescape(found[0]), html.unescape(text))
    text = _JOINER.sub(_joiner_kept, _INVISIBLE.sub("", text)).translate(_QUOTES)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub(lambda match: next(group for group in match.groups() if group), text)
    text = text.replace("\\[", "[").replace("\\]", "]").replace("\\*", "*")
    pieces, start = [], 0
    for sound in sounds(text):
        pieces.append(text[start : sound.start()])
        start = sound.end()
    pieces.append(text[start:])
    return [plain_line(piece) for piece in pieces]


def _joiner_kept(found: re.Match[str]) -> str:
    """The joiner where it joins (between two non-ASCII letters, marks or symbols), else ''."""
    text, at = found.string, found.start()
    neighbours = text[at - 1 : at] if at else "", text[at + 1 : at + 2]
    return found[0] if all(map(_joins, neighbours)) else ""


def _joins(char: str) -> bool:
    return char > "\x7f" and unicodedata.category(char)[0] in "LMS"


def sounds(text: str) -> list[re.Match[str]]:
    """Music notes and bracketed sound descriptions, in order."""
    found = list(_MUSIC_NOTES.finditer(text)) + [
        match
        for match in _BRACKETED.finditer(text)
        if is_non_speech(match.group(1) if match.group(1) is not None else match.group(2))
    ]
    found.sort(key=lambda match: match.start())
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def plain_line(text: str) -> str:
    """Single-spaced text without control characters: a transcript's words, names and title
    must not be able to ring the bell, move the cursor or recolour the terminal showing them."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", without_terminal_escapes(text))).strip()


def without_terminal_escapes(text: str) -> str:
    """The text without whole terminal escape sequences: removing only their ESC byte left
    '[1m' or ']0;title' in the words."""
    return _TERMINAL_ESCAPE.sub("", text) if "\x1b" in text else text


def readable_title(text: str) -> str:
    """A title from shouting title-page lines or a lower-case file name: 'HOPES OF AGI' ->
    'Hopes of AGI', 'sql-indexes-for-beginners' -> 'SQL Indexes for Beginners'. A title that
    mixes cases is written as meant."""
    text = plain_line(text)
    upper = any(char.isupper() for char in text)
    if upper and any(char.islower() for char in text):
        return text
    words = text.split()
    return " ".join(
        _title_word(word, index == 0, shouting=upper) for index, word in enumerate(words)
    )


_SMALL_WORDS = frozenset(re.findall(r"\w+", "a an and as at but by for in of on or the to vs with"))
# Three-letter words common in titles; other short all-caps words are kept as acronyms (AGI, SDS).
_SHORT_WORDS = frozenset(
    re.findall(
        r"\w+",
        """all and any are big can day end far few get has how its law new not now old one our
        out own red see six ten top two use war way who why yes yet you""",
    )
)
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)


def _title_word(word: str, first: bool, shouting: bool) -> str:
    """Small words go lower case, acronyms stay in capitals, others get a capital. Shouting, an
    acronym is a short word not common in titles (AGI, ML); in lower case, a word without a
    vowel (gps, sql)."""
    letters = re.sub(r"[^\w]", "", word)
    if word.lower() in _SMALL_WORDS and not first:
        return word.lower()
    if shouting and letters.isalpha() and len(letters) <= 3 and letters.lower() not in _SHORT_WORDS:
        return word
    if not shouting and letters.isalpha() and not _VOWEL.search(letters):
        return word.upper()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
