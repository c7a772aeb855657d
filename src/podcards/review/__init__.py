"""Interactive review: the user decides which candidate cards become flashcards."""

from podcards.review.session import (
    DecisionCounts,
    ReviewInterrupted,
    ReviewSummary,
    approve_all,
    approve_best,
    review_card_file,
)
from podcards.review.status import card_file_statuses, show_statuses

__all__ = [
    "DecisionCounts",
    "ReviewInterrupted",
    "ReviewSummary",
    "approve_all",
    "approve_best",
    "card_file_statuses",
    "review_card_file",
    "show_statuses",
]
