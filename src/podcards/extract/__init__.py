"""Find the key claims and definitions of a transcript and turn them into candidate cards."""

from podcards.extract.extractor import extract_cards
from podcards.extract.glossary import load_glossary
from podcards.extract.lint import lint
from podcards.nlp import warm_up

__all__ = ["extract_cards", "lint", "load_glossary", "warm_up"]
