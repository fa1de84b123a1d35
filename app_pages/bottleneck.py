"""Bottleneck: pick the code size k and watch reconstructions degrade, the autoencoder beside PCA."""

import numpy as np

from explorer.core.data import PIXELS
from explorer.topics.bottleneck.logic import compare, error_curve
from explorer.ui.bottleneck.controls import bottleneck_controls
from explorer.ui.bottleneck.deeper import show_deeper
from explorer.ui.bottleneck.loaders import codes_of_test_split, pca_basis
from explorer.ui.bottleneck.panels import show_own_digit, show_rows, shown_digits
from explorer.ui.bottleneck.predictions import bottleneck_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model, pretrained_store
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/bottleneck.py"

page_header("🗜️ Bottleneck: what do k numbers keep?",
            f"How much of a {PIXELS}-pixel digit survives a code of only k numbers?")
predict_first(bottleneck_prediction)

with report_pretrained_error():
    curve = error_curve(pretrained_store())
data = bundled_data()

# --- the controls, in one row ---
view = ViewLink(PAGE)
choice = bottleneck_controls(view, curve)

# --- the main picture: the chosen test digits through a code of k numbers, beside PCA ---
model_name = curve.models[curve.ks.index(choice.k)]
with report_pretrained_error():
    model = pretrained_model(model_name)
    basis = pca_basis()
    indices = shown_digits(choice, model_name, data.test_labels)
result = compare(model, basis, data.test_images, data.test_labels, indices)
show_rows(result, curve, len(data.test_images))

tiny_sizes = ", ".join(str(size) for size in np.array_split(curve.ks, 3)[0])
look_for(
    f"Step k down from {curve.ks[-1]} to {curve.ks[0]}. First the quirks of each hand go and the digits turn "
    f"into a typical way of writing them; at the tiniest sizes ({tiny_sizes}) some come back as a different digit. "
    "PCA, in the bottom row, makes the best code that is a straight weighted sum of the pixels: at every k its "
    "error is higher than the autoencoder's."
)

mine = own_digit_input("bottleneck")
if mine is not None:
    show_own_digit(mine.image, model, basis, codes_of_test_split(model_name), data.test_labels)

with deeper() as opened:
    if opened:
        show_deeper(result, curve, len(data.test_images))

view.finish(*choice.hidden)
next_link(PAGE)
