"""A problem with an input, said in Thai and in English, and the error that carries every one of them.

Forms, workbook imports and commands check a whole input and report every problem at once (an
import lists them by row and column); nothing is stored while any remains. Pure, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InvalidInput", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: the field it is in, said in Thai and in English."""

    field: str
    th: str
    en: str

    def text(self, language: str) -> str:
        """Return the message in `language` (English for "en…", Thai otherwise)."""
        return self.en if language.startswith("en") else self.th


class InvalidInput(Exception):
    """An input failed its checks; nothing was stored. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems
