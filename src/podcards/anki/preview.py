"""A self-contained HTML page of every card as the deck will show it, for a look before importing.

The cards are rendered from the same notes, templates and CSS the export writes, by a small
renderer for the template syntax our note types use.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from podcards.anki.notes import ExportNote, plan_notes
from podcards.anki.notetypes import CSS, field_names, templates
from podcards.cardfile import load_card_file
from podcards.cloze import Deletion, replace_deletions
from podcards.paths import distinct_paths
from podcards.ui import plural

SECTION = re.compile(r"\{\{([#^])([^{}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
REPLACEMENT = re.compile(r"\{\{([^{}]+)\}\}")

PAGE_CSS = """\
body { margin: 0; padding: 1em; background: #ecebe6; font-family: system-ui, sans-serif; }
body.nightMode { background: #121315; color: #ddd; }
.preview-bar { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
.preview-bar h1 { font-size: 1.2em; margin: 0; }
.preview-deck { margin: 1.2em 0 0.4em; font-size: 1em; }
.preview-note { margin: 0 0 1.5em; }
.preview-label { font-size: 0.75em; color: #777; margin: 0.2em 0; overflow-wrap: anywhere; }
.preview-pair { display: flex; flex-wrap: wrap; gap: 0.8em; }
.preview-face { flex: 1 1 22em; min-width: 0; }
.preview-face > .card { border-radius: 10px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
  padding: 0.2em 0; min-height: 5em; }
"""

NIGHT_TOGGLE = """\
<script>
function setNight(on) {
  document.body.classList.toggle("nightMode", on);
  document.body.classList.toggle("night_mode", on);
}
setNight(location.hash === "#night");
</script>"""


def render_cloze(text: str, ordinal: int, answer: bool) -> str:
    """Anki's `{{cloze:}}`: the card's own deletion hidden (question) or highlighted (answer)."""

    def reveal(deletion: Deletion) -> str:
        if deletion.number != ordinal:
            return f'<span class="cloze-inactive">{deletion.answer}</span>'
        shown = deletion.answer if answer else f"[{deletion.hint or '...'}]"
        return f'<span class="cloze">{shown}</span>'

    return replace_deletions(text, reveal)


def render_template(
    template: str, fields: dict[str, str], ordinal: int, *, answer: bool, front_side: str = ""
) -> str:
    """A card side: `{{#F}}`/`{{^F}}` sections, then `{{F}}`, `{{cloze:F}}` and `{{FrontSide}}`."""

    def section(match: re.Match[str]) -> str:
        wanted = match[1] == "#"
        return match[3] if bool(fields[match[2]].strip()) == wanted else ""

    while (expanded := SECTION.sub(section, template)) != template:
        template = expanded

    def fill(match: re.Match[str]) -> str:
        name = match[1].strip()
        if name == "FrontSide":
            return front_side
        if name.startswith("cloze:"):
            return render_cloze(fields[name.removeprefix("cloze:")], ordinal, answer)
        return fields[name]

    return REPLACEMENT.sub(fill, template)


def card_sides(note: ExportNote, ordinal: int) -> tuple[str, str]:
    """(question, answer) HTML of one card of a note, as Anki renders it."""
    front, back = templates(note.note_type)
    fields = dict(zip(field_names(note.note_type), note.fields, strict=True))
    question = render_template(front, fields, ordinal, answer=False)
    return question, render_template(back, fields, ordinal, answer=True, front_side=question)


def _note_html(note: ExportNote) -> str:
    label = html.escape(f"{note.card_id} · {note.note_type.value} · {' '.join(note.tags)}")
    pairs = []
    for ordinal in note.card_ordinals:
        question, answer = card_sides(note, ordinal)
        faces = "".join(
            f'<div class="preview-face"><div class="preview-label">{side}</div>'
            f'<div class="card card{ordinal}">{content}</div></div>'
            for side, content in (("Front", question), ("Back", answer))
        )
        pairs.append(f'<div class="preview-pair">{faces}</div>')
    return f'<section class="preview-note"><div class="preview-label">{label}</div>{"".join(pairs)}</section>'


def preview_page(notes: Sequence[ExportNote]) -> str:
    """The whole page: our deck CSS, then each deck's notes, front beside back (stacked on phones)."""
    body = []
    deck = None
    for note in notes:
        if note.deck != deck:
            deck = note.deck
            body.append(f'<h2 class="preview-deck">{html.escape(deck)}</h2>')
        body.append(_note_html(note))
    cards = sum(len(note.card_ordinals) for note in notes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>podcards preview</title>
<style>
{CSS}
{PAGE_CSS}</style></head>
<body>
{NIGHT_TOGGLE}
<div class="preview-bar"><h1>podcards preview: {plural(cards, "card")}</h1>
<button type="button" onclick="setNight(!document.body.classList.contains('nightMode'))">Night mode</button></div>
{"".join(body)}
</body></html>
"""


def write_preview(
    card_files: list[Path],
    output: Path,
    *,
    deck_pattern: str,
    include_pending: bool = False,
    extra_tags: Sequence[str] = (),
) -> tuple[int, list[str]]:
    """Write the preview page of what `export` would write; (cards shown, skipped-card lines)."""
    loaded = [load_card_file(path, migrate=False) for path in distinct_paths(card_files)]
    notes, skipped = plan_notes(
        loaded,
        deck_pattern=deck_pattern,
        include_pending=include_pending,
        extra_tags=extra_tags,
        action="preview",
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(preview_page(notes), encoding="utf-8")
    return sum(len(note.card_ordinals) for note in notes), [str(card) for card in skipped]
