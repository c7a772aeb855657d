"""Errors the user can act on: the CLI prints their message on one line and exits with their code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOTHING_TO_DO = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class PodcardsError(Exception):
    """A problem with the user's input or files, told in one line (no traceback)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(PodcardsError):
    """A transcript (or card file, or config) that cannot be read: names the file and the problem."""

    def __init__(self, path: object, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NothingToDo(PodcardsError):
    exit_code = EXIT_NOTHING_TO_DO
