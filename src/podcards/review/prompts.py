"""The questions review asks, as real questionary prompts on a chosen terminal.

Tests pass a prompt_toolkit pipe input and a dummy output; a user gets the real terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
        """A line of text pre-filled with `default`; for `long_text`, Ctrl-X Ctrl-E opens $EDITOR."""
        import questionary

        return questionary.text(
            message,
            default=default,
            validate=validate,
            instruction="(Ctrl-X Ctrl-E: $EDITOR)" if long_text else None,
            enable_open_in_editor=long_text,
            input=self.input,
            output=self.output,
        ).unsafe_ask()


def _answer_with(key: str, label: str) -> Callable:
    def answer(event: Any) -> None:
        event.app.current_buffer.text = label
        event.app.exit(result=key)

    return answer
