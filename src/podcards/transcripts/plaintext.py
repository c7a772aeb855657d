"""Plain-text and markdown transcripts: speaker labels and timestamps in the styles real exports use.

Handled labels (a leading "- " or "* " bullet is allowed on each):
  Name: 00:12:34 text        Name : 00:12:34 (text on the next lines)     - 00:12:34 text
  Name (00:12:34):           [00:12:34] Name: text     [00:12:34] **Name:** text
  Name (Host): text          Name, PhD: text  (the role or title is not part of the name)
  **Name:** text \\[06:04\\]   [Name] [12:34] text       Name  2:05   (Otter, text below)
  Name [(01:02:03)](https://...&t=3723) text           00:12:34 text       plain paragraphs
and the layout noise around them: YAML front matter, headings, bold title-page lines, page
breaks that cut a sentence, show-notes and "Transcribed by" footers, page numbers.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, replace

from podcards.transcripts.cleanup import is_non_speech, readable_title
from podcards.transcripts.turns import ParsedText, TurnBuilder

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIME_TOKEN = re.compile(
    rf"""^(?:
        \\?\[\(?(?P<linked>{TIME})\)?\\?\](?:\((?P<url>[^()\s]*)\))?   # [12:34], \\[12:34\\], [(12:34)](url)
      | \((?P<paren>{TIME})\)                                           # (12:34)
      | (?P<bare>{TIME})(?=\s|$)                                        # 12:34
    )\s*:?\s*""",
    re.VERBOSE,
)
_INLINE_TIME = re.compile(rf"\\?\[({TIME})\\?\]")
_NAME = r"[^\W\d_][\w.'\-]*(?: [\w.'\-]+){0,3}"
_ROLE = r"(?P<role>\s*\([^\W\d_][^():\n]{0,38}\)|,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
"""A role or title after the name, not part of it: 'Jane Doe (Host):', 'Jane Doe, PhD:'. A
role opens with a letter, so 'Name (12:34):' is still a name and its time."""
_BOLD_NAME = re.compile(rf"^\*\*(?P<name>{_NAME}){_ROLE}\s*(?::\s*\*\*|\*\*\s*:)\s*")
_BRACKET_NAME = re.compile(rf"^\[(?P<name>{_NAME})\]:?\s*")
_COLON_NAME = re.compile(rf"^(?P<name>{_NAME}){_ROLE}\s*:(?:(?<!\d:)|(?!\d))\s*")
"""'Name: text', but not the colon of a time or verse ('At 10:30 the...', 'John 3:16 is...')."""
_NAME_BEFORE_TIME = re.compile(
    rf"^(?P<bold>\*\*)?(?P<name>{_NAME}){_ROLE}(?(bold)\*\*)\s+"
    rf"(?=(?:\\?\[|\()\(?{TIME}|{TIME}\s*$)"
)
"""'Name (12:34)', 'Name [(12:34)](url)', 'Name  2:05', the name bold or not, a role after it
('Student (Marcus) [00:09:04]')."""
_NAME_BEFORE_CLOCK_TIME = re.compile(rf"^(?P<name>{_NAME})\s+(?=\d{{1,2}}:\d{{2}}:\d{{2}}\s)")
"""'Ana Ruiz 01:02:03 text', 'Ana 01:02:03 text' (tab-separated too): a time with its hours,
as exports write it; a word that opens prose before a time ('At 10:30:15 the rocket...') is
no name (`_PROSE_OPENERS`)."""
_BULLET = re.compile(r"^(?:[-*•]|\d+\.)\s+")
_TURN_MARKER = re.compile(r"^(?:>>+|&gt;&gt;)\s*")
"""Captions' mark of a new speaker, left in text made from TV or caption transcripts."""
_NAME_PARTICLES = frozenset(
    ["de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "bin", "al"]
)
_PROSE_OPENERS = frozenset(
    re.findall(
        r"\w+",
        """at by after before until till since from around about approximately roughly nearly
        almost exactly circa then now today tonight yesterday tomorrow time timestamp start
        starting end ending duration runtime length total elapsed monday tuesday wednesday
        thursday friday saturday sunday""",
    )
)
"""Words that open a sentence before a time ('At 10:30:15 the rocket...', 'By 09:00:00
everyone...'): capitalised, but never one speaker's whole name."""
LABELLED_SHARE = 0.75
"""A file is label-structured when this share of its lines of speech open with a 'Name:'."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BOLD_ONLY = re.compile(r"^(?:\*\*[^*]+\*\*[\s\\]*)+$")
_BOLD_WITH_LINK = re.compile(
    rf"^\*\*[^*]+\*\*\s*(?:<?https?://\S+>?|\[(?!\(?{TIME}\)?\])[^\]]*\]\([^)]*\))\s*$"
)
"""A show-notes line ('**Website** [garden.example](https://...)'); not a bold name with its
linked time ('**Ivy Hale** [(00:00:05)](https://...)'), which labels a turn."""
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$")
_OTTER_FOOTER = re.compile(r"^Transcribed by\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"')\]]*$")
_SPACE_LIKE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_TIME_PARAM = re.compile(r"([?&])t=[\dhms]+&?")


@dataclass
class Line:
    """One line of the file, classified."""

    kind: str  # "blank", "noise", "heading", "bold", "label", "text"
    text: str
    name: str | None = None
    written: str | None = None  # the name as the label wrote it, role and all, for a non-label
    strong: bool = False
    time: float | None = None
    url: str | None = None
    new_turn: bool = False  # opened by a '>>' turn marker


def parse_plain_text(text: str) -> ParsedText:
    """Segments (one per speaker turn), title and URL of a plain-text or markdown transcript."""
    meta, text = _split_front_matter(text)
    lines = [_classify(_SPACE_LIKE.sub(" ", raw).strip()) for raw in text.split("\n")]
    _confirm_speakers(lines)
    first_label = next((i for i, line in enumerate(lines) if line.kind == "label"), len(lines))
    title = meta.get("title") or _title_from_title_page(lines[:first_label])
    _drop_title_page(lines, first_label)
    url = meta.get("url") or meta.get("link") or next((ln.url for ln in lines if ln.url), None)
    return ParsedText(title=title, url=_without_time_param(url), builder=_build_turns(lines))


def parse_time(text: str) -> float:
    """'1:02:03' -> 3723.0, '12:34' -> 754.0, '00:01:02,500' -> 62.5, '16.140' -> 16.14."""
    seconds = 0.0
    for part in text.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text.lstrip("\n"))
    if not match:
        return {}, text
    meta = {}
    for entry in match.group(1).split("\n"):
        key, sep, value = entry.partition(":")
        if sep and value.strip():
            meta[key.strip().lower()] = html.unescape(_unquoted(value.strip()))
    return meta, text.lstrip("\n")[match.end() :]


def _unquoted(value: str) -> str:
    """A front-matter value without the quotes enclosing it, as YAML reads it; quotes that are
    part of the text ('Caches "Quoted"', '"Caches" and "Things"') stay."""
    quote, inside = value[:1], value[1:-1]
    if len(value) >= 2 and quote in "\"'" and value[-1] == quote and quote not in inside:
        return inside
    return value


def _classify(line: str) -> Line:
    if not line:
        return Line("blank", "")
    if marker := _TURN_MARKER.match(line):
        return replace(_classify(line[marker.end() :]), new_turn=True)
    if heading := _HEADING.match(line):
        return Line("heading", heading.group(1))
    if _BOLD_ONLY.match(line):
        return Line("bold", line.replace("*", "").replace("\\", "").strip())
    if (
        _BOLD_WITH_LINK.match(line)
        or _URL_ONLY.match(line)
        or _PAGE_NUMBER.match(line)
        or _RULE.match(line)
        or _OTTER_FOOTER.match(line)
    ):
        return Line("noise", line)
    return _parse_label(line) or Line("text", line)


def _parse_label(line: str) -> Line | None:
    """A speaker and/or time at the start of the line, in any of the supported styles."""
    rest = _BULLET.sub("", line, count=1)
    first_time, rest, url = _take_time(rest)
    name, strong, rest, written = split_speaker_label(rest)
    later_time = None
    if first_time is None:
        later_time, rest, url = _take_time(rest)
    if name is None and first_time is None and later_time is None:
        return None
    if later_time is not None and name is not None:
        strong = True
    time = first_time if first_time is not None else later_time
    rest = _TURN_MARKER.sub("", rest)  # 'Ann: >> text'
    return Line("label", rest, name=name, written=written, strong=strong, time=time, url=url)


def _take_time(text: str) -> tuple[float | None, str, str | None]:
    match = _TIME_TOKEN.match(text)
    if not match:
        return None, text, None
    value = match.group("linked") or match.group("paren") or match.group("bare")
    return parse_time(value), text[match.end() :], match.group("url")


def split_speaker_label(text: str) -> tuple[str | None, bool, str, str | None]:
    """('Name', strong, rest, written) for text opening with a speaker label, else (None,
    False, text, None). `written` is the name with the role or title the label gave it ('Jane
    Doe (Host)'), to put back word for word when the label turns out to be no speaker's.

    Strong labels (bold, bracketed) are trusted at once; a plain 'Name:' only when the name
    labels two or more lines (else 'Note: ...' would become a speaker).
    """
    for pattern, strong in (
        (_BOLD_NAME, True),
        (_BRACKET_NAME, True),
        (_COLON_NAME, False),
        (_NAME_BEFORE_TIME, False),
        (_NAME_BEFORE_CLOCK_TIME, False),
    ):
        match = pattern.match(text)
        if match and _is_name_like(match.group("name")):
            written_end = match.end("role") if match.groupdict().get("role") else match.end("name")
            written = text[match.start("name") : written_end]
            return match.group("name"), strong, text[match.end() :], written
    return None, False, text, None


def _is_name_like(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 4
        and words[0][0].isupper()
        and not is_non_speech(name)
        and not (len(words) == 1 and name.lower() in _PROSE_OPENERS)
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words)
    )


def trusted_speakers(labels: list[tuple[str, bool]]) -> set[str]:
    """Names (from (name, strong) labels) that are speakers.

    Trusted: a strong label (bold, bracketed, next to a time), a full name ('Leo Brandt'), or
    a one-word name used twice or more; a lone 'Note: ...' stays text.
    """
    counts = Counter(name for name, _ in labels)
    return {
        name for name, strong in labels if strong or counts[name] >= 2 or len(name.split()) >= 2
    }


def _confirm_speakers(lines: list[Line]) -> None:
    """An untrusted 'Word: text' label is plain text again (with its time, if it had one)."""
    trusted = trusted_speakers([(line.name, line.strong) for line in lines if line.name])
    if trusted and _is_label_structured(lines):
        trusted |= {line.name for line in lines if line.name and _is_bare_one_word_label(line)}
    for index, line in enumerate(lines):
        if line.name and line.name not in trusted:
            kind = "text" if line.time is None else "label"
            lines[index] = Line(kind, f"{line.written}: {line.text}", time=line.time)


def _is_label_structured(lines: list[Line]) -> bool:
    """Three lines of speech in four, or more, open with a speaker label, as in a transcript of
    'Name: text' turns, where a one-word label used once ('Caller: ...') is one more speaker;
    in prose, 'Note: ...' is text."""
    speech = [line for line in lines if line.kind in ("label", "text")]
    labelled = sum(1 for line in speech if line.name)
    return labelled >= LABELLED_SHARE * len(speech)


def _is_bare_one_word_label(line: Line) -> bool:
    """'Caller: text': one word, no role after it ('Finally, Kubernetes:' is prose), words
    after it on the line (a lone 'Summary:' heads what follows)."""
    return line.written == line.name and len(line.name.split()) == 1 and bool(line.text)


def _title_from_title_page(lines: list[Line]) -> str | None:
    """A markdown heading, else the paragraphs made only of bold lines (a logo block mixes in plain lines)."""
    heading = next((line.text for line in lines if line.kind == "heading"), None)
    if heading:
        return readable_title(heading)
    words: list[str] = []
    for paragraph in _paragraphs(lines):
        if all(line.kind == "bold" for line in paragraph):
            words.extend(line.text for line in paragraph)
    return readable_title(" ".join(words)) if words else None


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.kind == "blank":
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return [paragraph for paragraph in paragraphs if paragraph]


def _drop_title_page(lines: list[Line], first_label: int) -> None:
    """Short all-caps lines before any speech are a title page or logo, not words spoken. With
    no speech after them (no label, no line in lower case), they are the speech: a transcript
    in capitals, as closed captions are, is not all title page."""
    shouted = []
    for index in range(first_label):
        line = lines[index]
        if line.kind == "text" and _is_shouted_caption(line.text):
            shouted.append(index)
        elif line.kind == "text":
            break
    else:
        if first_label == len(lines):
            return
    for index in shouted:
        lines[index] = Line("noise", lines[index].text)


def _is_shouted_caption(text: str) -> bool:
    return not any(char.islower() for char in text) and len(text.split()) <= 8


def _build_turns(lines: list[Line]) -> TurnBuilder:
    """Labels open turns; unlabelled lines and page-break fragments continue the open turn, but
    for a '>>' turn marker where no speaker is named."""
    builder = TurnBuilder()
    has_speakers = any(line.name for line in lines)
    after_blank = True
    for line in lines:
        if line.kind == "label":
            if line.name:
                builder.start_turn(line.name)
                builder.break_here()  # the label's words lie between this and a turn it continues
            elif not has_speakers and (line.new_turn or _ends_sentence(builder.last_fragment)):
                builder.start_turn(None, force=True)
            _add_with_inline_times(builder, line.text, line.time)
        elif line.kind == "text":
            paragraph = after_blank and _ends_sentence(builder.last_fragment)
            if not has_speakers and (line.new_turn or paragraph):
                builder.start_turn(None, force=True)
            _add_with_inline_times(builder, line.text, None)
        if line.kind != "noise":
            after_blank = line.kind in ("blank", "heading", "bold")
    return builder


def _add_with_inline_times(builder: TurnBuilder, text: str, start: float | None) -> None:
    """Text with occasional inline stamps like \\[06:04\\]: each stamp marks where its words begin."""
    pieces = _INLINE_TIME.split(text)
    builder.add(pieces[0], start)
    for stamp, words in zip(pieces[1::2], pieces[2::2], strict=True):
        builder.add(words, parse_time(stamp))


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _without_time_param(url: str | None) -> str | None:
    if not url:
        return None
    return _TIME_PARAM.sub(r"\1", url).rstrip("?&")
