"""Our two Anki note types: fields, templates and CSS, shared by the export and the preview.

Model ids are fixed constants: Anki matches note types by id, so a changed id would make every
re-import create a second note type and stop updating the user's notes.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from podcards.models import NoteType

if TYPE_CHECKING:
    import genanki

BASIC_MODEL_ID = 1_739_402_611
CLOZE_MODEL_ID = 1_739_402_612

BASIC_FIELDS = ["Front", "Back", "Quote", "Speaker", "Time", "Source"]
CLOZE_FIELDS = ["Text", "Extra", "Quote", "Speaker", "Time", "Source"]

GROUNDING = """\
{{#Quote}}<blockquote class="pc-quote">{{Quote}}</blockquote>{{/Quote}}
<div class="pc-meta">\
{{#Speaker}}<span class="pc-speaker">{{Speaker}}</span>{{/Speaker}}\
{{#Time}}<span class="pc-time">{{Time}}</span>{{/Time}}\
{{#Source}}<span class="pc-source">{{Source}}</span>{{/Source}}\
</div>"""
"""The back's evidence: the verbatim quote, who said it and when (a link when the URL is known)."""

BASIC_FRONT = '<div class="pc-card"><div class="pc-front">{{Front}}</div></div>'
BASIC_BACK = f"""\
<div class="pc-card">
<div class="pc-front">{{{{Front}}}}</div>
<hr id="answer">
{{{{#Back}}}}<div class="pc-back">{{{{Back}}}}</div>{{{{/Back}}}}
{GROUNDING}
</div>"""

CLOZE_FRONT = '<div class="pc-card"><div class="pc-front">{{cloze:Text}}</div></div>'
CLOZE_BACK = f"""\
<div class="pc-card">
<div class="pc-front">{{{{cloze:Text}}}}</div>
<hr id="answer">
{{{{#Extra}}}}<div class="pc-back">{{{{Extra}}}}</div>{{{{/Extra}}}}
{GROUNDING}
</div>"""

CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  font-size: 20px;
  line-height: 1.5;
  color: #1f2328;
  background-color: #fbfaf7;
  text-align: left;
}
.pc-card { max-width: 38em; margin: 1.2em auto; padding: 0 0.8em; }
.pc-front { font-size: 1.15em; font-weight: 600; overflow-wrap: anywhere; }
.pc-back { font-size: 1.05em; margin-bottom: 0.8em; overflow-wrap: anywhere; }
hr#answer { border: none; border-top: 1px solid #d5d0c4; margin: 1em 0; }
.cloze { font-weight: 700; color: #1d5fd1; }
.pc-quote {
  margin: 0.6em 0;
  padding: 0.5em 0.9em;
  border-left: 4px solid #c28a2c;
  border-radius: 0 6px 6px 0;
  background: #f3eee2;
  color: #3a3630;
  font-size: 0.85em;
  font-style: italic;
  overflow-wrap: anywhere;
}
.pc-meta {
  display: flex;
  flex-wrap: wrap;
  gap: 0.2em 1em;
  font-size: 0.75em;
  color: #6a6459;
}
.pc-speaker { font-weight: 600; }
.pc-time a { color: #1d5fd1; }
.nightMode.card, .night_mode.card, .nightMode .card, .night_mode .card {
  color: #e6e3dc;
  background-color: #1e1f22;
}
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #4a4740; }
.nightMode .cloze, .night_mode .cloze, .nightMode .pc-time a, .night_mode .pc-time a {
  color: #7fb0ff;
}
.nightMode .pc-quote, .night_mode .pc-quote {
  background: #2b2a26;
  border-left-color: #d9a54a;
  color: #d6d1c6;
}
.nightMode .pc-meta, .night_mode .pc-meta { color: #a39d90; }
@media (max-width: 480px) {
  .card { font-size: 18px; }
  .pc-card { margin: 0.6em auto; padding: 0 0.4em; }
}
"""


def templates(note_type: NoteType) -> tuple[str, str]:
    """(front, back) template of the note type."""
    if note_type is NoteType.CLOZE:
        return CLOZE_FRONT, CLOZE_BACK
    return BASIC_FRONT, BASIC_BACK


def field_names(note_type: NoteType) -> list[str]:
    return CLOZE_FIELDS if note_type is NoteType.CLOZE else BASIC_FIELDS


@cache
def genanki_model(note_type: NoteType) -> genanki.Model:
    """The genanki model of a note type, built once per process."""
    import genanki

    front, back = templates(note_type)
    is_cloze = note_type is NoteType.CLOZE
    return genanki.Model(
        CLOZE_MODEL_ID if is_cloze else BASIC_MODEL_ID,
        "podcards Cloze" if is_cloze else "podcards Basic",
        fields=[{"name": name} for name in field_names(note_type)],
        templates=[{"name": "Cloze" if is_cloze else "Card 1", "qfmt": front, "afmt": back}],
        css=CSS,
        model_type=genanki.Model.CLOZE if is_cloze else genanki.Model.FRONT_BACK,
    )
