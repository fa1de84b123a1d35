"""The page's prediction, measured from the student's own finished run: which images does the model reconstruct
better, the ones it trained on or the held-out ones?"""

from __future__ import annotations

from explorer.core.prediction import OpenQuestion, Prediction

CARD_ID = "own_dataset_held_out"
ALIKE_WITHIN = 0.10  # errors within 10% of each other count as about the same
QUESTION = ("After training, which does the model reconstruct with the lower error: the images it trained on, or "
            f"held-out ones (errors within {ALIKE_WITHIN:.0%} of each other count as about the same)?")
TRAINED, HELD_OUT, ALIKE = "The images it trained on", "The held-out images", "About the same"
CHOICES = (TRAINED, HELD_OUT, ALIKE)


def open_question() -> OpenQuestion:
    """The card before a finished run: the question can be answered, the answer waits for the run."""
    return OpenQuestion(card_id=CARD_ID, question=QUESTION, choices=CHOICES,
                        until="Train a model to the last epoch: the answer is measured from your own run.")


def held_out_prediction(train_mse: float, held_out_mse: float, train_count: int, held_out_count: int,
                        title: str) -> Prediction:
    ratio = held_out_mse / max(train_mse, 1e-12)
    answer = TRAINED if ratio > 1 + ALIKE_WITHIN else HELD_OUT if ratio < 1 - ALIKE_WITHIN else ALIKE
    return Prediction(
        card_id=CARD_ID, question=QUESTION, choices=CHOICES, answer=answer,
        measured=(f"Your run ({title}), after its last epoch: reconstruction error (mean squared pixel difference) "
                  f"{train_mse:.4f} on the {train_count:,} images it trained on, {held_out_mse:.4f} on the "
                  f"{held_out_count:,} held-out ones: {ratio:.2f} times as large."),
        why=("A model tunes its weights to the images it trains on; held-out images show how much of that carries "
             "over to images it never saw. A large gap means it has learned its training images by heart "
             "(overfitting), which a small data set makes easy."),
    )
