"""What the Anomaly page says about its shipped models, checked against the shipped build.

explorer/topics/anomaly/story.py writes the page's numbers from the build at run time; these tests keep the
words around them true. A rebuild that changes the story fails here instead of silently falsifying the page.
They read the build the app reads ($EXPLORER_PRETRAINED_DIR, else pretrained/).
"""

import numpy as np
import pytest
import torch
from scipy.ndimage import binary_dilation

from explorer.checkpoints.store import PretrainedStore
from explorer.core.data import load_bundled_mnist
from explorer.models.digit_likeness import class_probabilities
from explorer.models.inference import reconstruct
from explorer.topics.anomaly.by_digit import DigitErrors, errors_by_digit, ink, ink_against_normal
from explorer.topics.anomaly.logic import most_anomalous, roc

SHOWN = 8  # the page's ranked row


@pytest.fixture(scope="module")
def store():
    return PretrainedStore()


@pytest.fixture(scope="module")
def shipped(store):
    """Each held-out digit's test errors, the labels and the test images' ink."""
    group = store.group("anomaly")
    arrays = store.load_arrays(group["errors"])
    errors = {int(digit): arrays[name] for digit, name in group["models"].items()}
    return errors, arrays["labels"], ink(load_bundled_mnist().test_images)


@pytest.fixture(scope="module")
def by_digit(shipped) -> dict[int, DigitErrors]:
    errors, labels, image_ink = shipped
    return {digit: errors_by_digit(scores, labels, image_ink, digit) for digit, scores in errors.items()}


def hardest_to_flag(shipped) -> int:
    errors, labels, _ = shipped
    aucs = {digit: roc(scores, labels == digit).auc for digit, scores in errors.items()}
    return min(aucs, key=aucs.get)


def test_each_model_reconstructs_its_unseen_digit_worse_on_average(by_digit):
    """why_it_works: "on average, it reconstructs the unseen ds less well"."""
    for digit, errors in by_digit.items():
        assert errors.error_of(digit) > errors.normal_mean_error, digit


def test_the_misses_sit_along_the_strokes(store):
    """why_it_fails: "the black background is easy to reconstruct, so the misses sit along the strokes" (and the
    page's look_for: the heat maps show a reconstruction missing "along the strokes"): most of
    the squared error lies on a stroke or next to one (within a pixel), a minority of the pixels."""
    images = load_bundled_mnist().test_images
    near_strokes = binary_dilation(images[:, 0] > 0.1, structure=np.ones((1, 3, 3), bool))
    assert near_strokes.mean() < 0.4
    for name in store.group("anomaly")["models"].values():
        squared_errors = ((images - reconstruct(store.load_model(name), images)) ** 2)[:, 0]
        assert squared_errors[near_strokes].sum() > 0.85 * squared_errors.sum(), name


def test_inkier_normal_digits_cost_more_error(by_digit):
    """why_it_fails: "over the normal digits, more ink goes with more error", the inkiest digit's error
    above the thinnest's."""
    for digit, errors in by_digit.items():
        assert errors.ink_error_correlation > 0.5, digit
        assert errors.error_of(errors.inkiest_normal) > errors.error_of(errors.thinnest_normal), digit


def test_the_normal_images_above_the_unseen_mean_are_inky(by_digit):
    """why_it_fails: the normal images that score above the unseen digit's mean "carry x times the ink of the
    average normal image", x above 1: inkier than the average."""
    for digit, errors in by_digit.items():
        assert errors.normal_above_unseen > 0, digit
        assert errors.ink_of_normal_above_unseen > 1.05, digit


def test_the_normal_images_among_the_highest_errors_are_inky(shipped):
    """ranked_caption: the normal digits among the highest errors carry more ink than the average one."""
    errors, labels, image_ink = shipped
    for digit, scores in errors.items():
        top = most_anomalous(scores, SHOWN)
        normal_top = top[labels[top] != digit]
        if len(normal_top):
            assert ink_against_normal(image_ink, normal_top, labels == digit) > 1.05, digit


def test_the_hardest_digit_to_flag_is_thin(shipped, by_digit):
    """hardest_to_flag: "A d is thin, ... so it has few pixels where a reconstruction can miss"."""
    hardest = hardest_to_flag(shipped)
    assert by_digit[hardest].ink_of(hardest) < 1, hardest


def test_the_hardest_model_still_reconstructs_most_unseen_digits_recognisably(store, shipped):
    """hardest_to_flag: "it still reconstructs most unseen ds recognisably", as the shipped digit classifier reads
    the reconstructions (it names 97% of the original test digits right)."""
    hardest = hardest_to_flag(shipped)
    data = load_bundled_mnist()
    unseen = data.test_images[data.test_labels == hardest]
    model = store.load_model(store.group("anomaly")["models"][str(hardest)])
    classifier = store.load_model(store.group("diffusion")["classifier"])
    read = class_probabilities(classifier, torch.from_numpy(reconstruct(model, unseen))).numpy().argmax(axis=1)
    assert np.mean(read == hardest) > 0.5
