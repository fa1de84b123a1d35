"""Inside the network: a conv autoencoder layer by layer, then a fully connected one beside it under shifts."""

import numpy as np
import streamlit as st

from explorer.core.glossary import term
from explorer.topics.inside_network.following import following_summary
from explorer.topics.inside_network.layers import BY_NUMBER, CHANNEL_MODES, sizes_in_words, trace
from explorer.topics.inside_network.shift import SHIFTS, shift_row, shifted
from explorer.ui.inside_network import keys
from explorer.ui.inside_network.comparison import explain_locality_and_shifts, show_comparison
from explorer.ui.inside_network.layers import conv_following, inside_pair, show_layer_trace
from explorer.ui.inside_network.predictions import inside_network_prediction
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data, pretrained_model
from explorer.ui.shared.view_link import ViewLink, ViewParam

PAGE = "app_pages/inside_network.py"

page_header("🔬 Inside the network",
            f"What does each layer of a {term('conv')} autoencoder make of a digit, and does it cope with a moved "
            "digit better than a fully connected one?")
predict_first(inside_network_prediction)

with report_pretrained_error():
    pair = inside_pair()
    conv = pretrained_model(pair.conv.name)
    following = conv_following()  # measured when the app was built

data = bundled_data()
per_digit = min(np.bincount(data.test_labels, minlength=10))

# --- the controls, in one row ---
view = ViewLink(PAGE)
view.restore(ViewParam("digit", keys.DIGIT, int, low=0, high=9),
             ViewParam("example", keys.EXAMPLE, int, low=1, high=per_digit),
             ViewParam("shift", keys.SHIFT, int, options=list(SHIFTS)),
             ViewParam("channels", keys.CHANNELS, options=list(CHANNEL_MODES)),
             ViewParam("first", keys.FIRST, int, low=1, high=64))
controls = st.columns([0.8, 1, 1.6, 1.6, 1.1])
digit = view.control(controls[0].selectbox, "Digit", range(10), index=7, key=keys.DIGIT)
example = view.control(controls[1].number_input, "Test example", min_value=1, max_value=per_digit, value=1,
                       key=keys.EXAMPLE)
shift = view.control(controls[2].select_slider, "Shift right by (pixels)", options=list(SHIFTS), value=0,
                     key=keys.SHIFT)
mode = view.control(controls[3].selectbox, "Maps shown", list(CHANNEL_MODES), format_func=CHANNEL_MODES.get,
                    key=keys.CHANNELS)
first = (view.control(controls[4].number_input, "From channel", min_value=1, max_value=64, value=1,
                      key=keys.FIRST, help="Layers with fewer channels start again from 1.")
         if mode == BY_NUMBER else 1)

# --- the main picture: the digit through each layer of the conv AE, then beside a fully connected one ---
index = int(np.flatnonzero(data.test_labels == digit)[example - 1])
image = data.test_images[index, 0]
layers = trace(conv, shifted(image, shift, "right"))
st.markdown(f"**Test digit {digit}, shifted {shift} px right, through the conv AE** (MSE {layers.mse:.4f}). Each "
            f"layer slides its {term('kernel', 'kernels')} over its input and writes one {term('feature map')} "
            f"per kernel, its {term('channel', 'channels')}: {sizes_in_words(layers)}, then back up.")
show_layer_trace(layers, mode, first - 1, key=keys.TRACE)

st.markdown(f"#### Fully connected against conv, both with a code of k = {pair.k}")
mlp = None
with report_pretrained_error(stop=False):  # without it, the picture above still stands
    mlp = pretrained_model(pair.mlp.name)
if mlp is not None:
    show_comparison(pair, mlp, conv, image, shift, len(data.test_images))

look_for(
    "Move the shift and watch the encoder's feature maps: each kernel slides over the digit in steps, so the maps "
    f"move along with the digit only when it moves by whole steps ({following_summary(following)}) and "
    "change at the other shifts. The code's bars change at every shift: the layer that makes the code is fully "
    "connected and weighs every place differently. Then compare how much error each model's curve adds, and whose "
    "reconstructions of the moved digit break up first."
)

mine = own_digit_input("inside_network")
if mine is not None:
    own = trace(conv, shifted(mine.image, shift, "right"))
    beside = "" if mlp is None else f"; the {pair.mlp.label}'s: {shift_row(mlp, mine.image, shifts=[shift]).mse[0]:.4f}"
    st.markdown(f"**Your digit, shifted {shift} px right, through the conv AE** (MSE {own.mse:.4f}{beside})")
    show_layer_trace(own, mode, first - 1, key=keys.OWN_TRACE)

with deeper() as opened:
    if opened:
        if mlp is not None:
            explain_locality_and_shifts(pair, mlp, conv, layers, len(data.train_images))

view.finish(*(() if mode == BY_NUMBER else ("first",)))
next_link(PAGE)
