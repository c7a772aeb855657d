"""The questions review asks, as real questionary prompts on a chosen terminal.

Tests pass a prompt_toolkit pipe input and a dummy output; a user gets the real terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ESCAPE_WAIT = 0.05
"""Seconds a text prompt waits after Esc for the rest of an Alt-key before taking it as Esc:
a terminal sends an Alt-key's bytes together, so Esc needs no longer (prompt_toolkit waits 1 s)."""
PREFIX_WAIT = 1.0
"""Seconds it waits after any other first key of two (Ctrl-X of Ctrl-X Ctrl-E): typed by a
person, the second comes a few tenths of a second later (prompt_toolkit's own wait)."""


class PromptCancelled(Exception):
    """Esc or Ctrl-C in a text prompt: drop what was typed, leave the card as it was."""


@dataclass
class Prompter:
    input: Any = None
    output: Any = None

    def key(self, message: str, choices: dict[str, str]) -> str:
        """One keypress picks a choice (keys -> labels), no Enter: the `git add -p` feel.

        Ctrl-C raises KeyboardInterrupt and Ctrl-D raises EOFError; other keys are ignored
        (Enter too, unless a choice: a stray Enter after an edit must not count as a decision).
        """
        from prompt_toolkit import PromptSession
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        bindings = KeyBindings()
        for key, label in choices.items():
            bindings.add(key)(_answer_with(key, label))
        bindings.add("c-c")(lambda event: event.app.exit(exception=KeyboardInterrupt))
        bindings.add("c-d")(lambda event: event.app.exit(exception=EOFError))
        for ignored in {Keys.Any, "enter", "tab"} - choices.keys():
            bindings.add(ignored)(lambda event: None)
        session: PromptSession = PromptSession(
            [("class:qmark", "?"), ("class:question", f" {message} ")],
            key_bindings=bindings,
            style=merge_styles_default([]),
            input=self.input,
            output=self.output,
        )
        return Question(session.app).unsafe_ask()

    def text(
        self,
        message: str,
        default: str,
        validate: Callable[[str], bool | str] | None = None,
        long_text: bool = False,
    ) -> str:
        """A line of text pre-filled with `default`; for `long_text`, Ctrl-X Ctrl-E opens $EDITOR.

        Esc or Ctrl-C raises PromptCancelled: they cancel this text, not the whole review.
        """
        import questionary
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()
        for key in ("escape", "c-c"):
            bindings.add(key)(lambda event: event.app.exit(exception=PromptCancelled))
        question = questionary.text(
            message,
            default=default,
            validate=validate,
            instruction="(Esc: cancel; Ctrl-X Ctrl-E: $EDITOR)" if long_text else "(Esc: cancel)",
            enable_open_in_editor=long_text,
            key_bindings=bindings,
            input=self.input,
            output=self.output,
        )
        _wait_briefly_after_esc_only(question.application)
        return question.unsafe_ask()


def _wait_briefly_after_esc_only(app: Any) -> None:
    """Take a lone Esc at once, yet give a person time for Ctrl-E after Ctrl-X: prompt_toolkit
    has one wait for the second key of every binding of two, read as each key is processed,
    so it is set after each key from the key that waits (one wait of 0.05 s for all made
    Ctrl-X Ctrl-E work only when both keys came in the same instant)."""
    from prompt_toolkit.keys import Keys

    def set_wait(processor: Any) -> None:
        waiting = processor.key_buffer
        esc = bool(waiting) and waiting[0].key == Keys.Escape
        app.timeoutlen = ESCAPE_WAIT if esc else PREFIX_WAIT

    app.timeoutlen = ESCAPE_WAIT
    app.key_processor.after_key_press += set_wait


def _answer_with(key: str, label: str) -> Callable:
    def answer(event: Any) -> None:
        event.app.current_buffer.text = label
        event.app.exit(result=key)

    return answer
