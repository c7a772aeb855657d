"""podcards: turn podcast and video transcripts into Anki flashcards worth studying."""

__version__ = "0.1.0"
