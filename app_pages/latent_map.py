"""Latent map: where a plain autoencoder and a VAE put their codes (two clickable maps, shaded where the digit
judge calls a decode no real digit), what each model decodes where the student clicks, a straight walk between
the last two dots clicked, and, deeper, whether random codes make new digits."""

import streamlit as st

from explorer.core.projection import METHODS
from explorer.models.placement import place_digit
from explorer.topics.latent_map.logic import GROUP, KINDS
from explorer.topics.latent_map.story import axes_span, look_for_text
from explorer.ui.latent_map.controls import link_params, map_controls
from explorer.ui.latent_map.deeper import show_planes, show_reading_guide, show_sampling
from explorer.ui.latent_map.keys import SELECTION
from explorer.ui.latent_map.likeness import shipped_likeness
from explorer.ui.latent_map.live_decode import show_live_decode
from explorer.ui.latent_map.loaders import bundled_images_and_labels, load_spaces
from explorer.ui.latent_map.maps import show_maps
from explorer.ui.latent_map.panels import show_click, show_own_digit
from explorer.ui.latent_map.predictions import latent_map_prediction
from explorer.ui.latent_map.state import keep_whole_walk, walk_ends, with_session_draws
from explorer.ui.latent_map.walk import show_walk
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.own_digit import own_digit, own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import pretrained_store
from explorer.ui.shared.view_link import ViewLink

PAGE = "app_pages/latent_map.py"

page_header("🗺️ Latent map", "Where does each model put its codes, and what does it decode between them?")
predict_first(latent_map_prediction)

with report_pretrained_error():
    info = pretrained_store().group(GROUP)
images, labels = bundled_images_and_labels()

# --- the controls, in one row ---
view = ViewLink(PAGE)
view.restore(*link_params(info["pairs"], len(images)))
keep_whole_walk()
choice = map_controls(view, info["pairs"], info["files"])
k, method = choice.k, choice.method

spaces = load_spaces(choice.names, method, k)
likeness = None
with report_pretrained_error(stop=False):  # the maps need no scores: only their shading and the stories do
    likeness = shipped_likeness(k)
spaces = with_session_draws(spaces, choice.show_random)

# --- the main picture: both maps, and beside them what the last click decodes ---
mine = own_digit()  # drawn or uploaded below (or on another page): its star goes on the maps
placements = {kind: place_digit(spaces[kind].model, mine.image, spaces[kind].codes, labels) for kind in KINDS} \
    if mine is not None else {}
walk = walk_ends(k, labels)
selection = st.session_state.get(SELECTION)
exact = spaces["ae"].latent_map.exact
spans = {kind: axes_span(spaces[kind].latent_map.extent) for kind in KINDS} if exact else None
maps, panel = st.columns([2, 0.85])
with maps:
    show_maps(choice, spaces, labels, likeness, spans, selection, walk, placements)
with panel:
    if exact:  # decoded in the browser as the pointer moves; a click below still asks the server
        show_live_decode(spaces, labels, int(k))
    show_click(selection, spaces, images, labels, likeness, spans, None if exact else METHODS[method], walk)

look_for(look_for_text(METHODS[method], spans))
show_walk(k, method, walk, images, labels, likeness)

if own_digit_input("latent") is not mine:
    st.rerun()  # a digit drawn or uploaded just now: the maps above must show its star
if mine is not None:
    show_own_digit(mine.image, spaces, placements, exact)

with deeper() as opened:
    if opened:
        if likeness is not None:
            show_sampling(k, likeness, spaces)
        show_planes(k, method, likeness, spaces)
        show_reading_guide()

view.finish()
next_link(PAGE)
