"""Inside the VAE: one digit's posterior as a cloud on the k = 2 latent plane (mu, and ellipses at +-1 sigma and
+-2 sigma), the reparameterised sample z = mu + sigma * eps written out with that digit's numbers, samples of the
cloud decoded, and, deeper, why this form lets the gradient through, and the KL term."""

from functools import partial

import streamlit as st

from explorer.core.glossary import term
from explorer.topics.vae_posterior.figures import posterior_figure
from explorer.topics.vae_posterior.logic import (
    SAMPLE_COUNT,
    Posterior,
    epsilon,
    posterior_of,
    reparameterise,
    sample_epsilons,
)
from explorer.topics.vae_posterior.measures import decode_code, decode_samples, nearest_other, proportion
from explorer.topics.vae_posterior.story import (
    LOOK_FOR,
    alike_story,
    ellipse_story,
    neighbour_story,
    own_cloud_line,
    proportion_story,
)
from explorer.ui.shared.anatomy import deeper, look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error, show_pretrained_error
from explorer.ui.shared.own_digit import own_digit, own_digit_input
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.style import show_chart
from explorer.ui.shared.view_link import ViewLink, ViewParam
from explorer.ui.vae_posterior.keys import ANOTHER, CLOSE_CHART, DIGIT, DRAW, OWN_NEXT, USE_OWN, WHOLE_CHART
from explorer.ui.vae_posterior.loaders import pair_difference, test_posteriors, vae
from explorer.ui.vae_posterior.panels import show_gradient, show_kl, show_reparameterisation, show_samples
from explorer.ui.vae_posterior.predictions import vae_posterior_prediction
from explorer.ui.vae_posterior.state import chose_test_digit, draw_another, remember_click, start

PAGE = "app_pages/vae_posterior.py"
PLANE_HEIGHT = 330  # px: the title, the controls and both planes fit a 1366 x 768 laptop screen

page_header("🎲 Inside the VAE", "Why is a VAE's code a small cloud, not a point, and how can it learn through a "
                                 "random draw?")
predict_first(vae_posterior_prediction)

with report_pretrained_error():
    found = test_posteriors()
if found.replaced is not None:
    show_pretrained_error(found.replaced)
    st.info("Meanwhile the dots are the test digits' codes encoded here, the same numbers the file held.")
count = len(found.labels)

# --- the controls, in one row ---
view = ViewLink(PAGE)
view.restore(ViewParam("digit", DIGIT, int, low=0, high=count - 1),
             ViewParam("draw", DRAW, int, low=0, high=2**31 - 1))
start()
mine = own_digit()
if mine is None:
    st.session_state[USE_OWN] = False  # forgotten, or never drawn
st.session_state.setdefault(DIGIT, 0)
controls = st.columns([1.4, 1.6, 1.8, 3], vertical_alignment="bottom")
number = view.control(controls[0].number_input, "Test digit", min_value=0, max_value=count - 1, key=DIGIT,
                      on_change=chose_test_digit,
                      help=f"One of the {count:,} test digits, by number; or click its dot on the plane.")
use_own = controls[1].toggle("Use my own digit", key=USE_OWN, disabled=mine is None,
                             help="Draw or upload a digit under 'Your own digit' below, then show its cloud here.")
controls[2].button("🎲 Draw another ε", key=ANOTHER, on_click=draw_another, disabled=view.locked(DRAW),
                   help="Draw a new ε from N(0, 1) for each dimension: the red sample moves inside the cloud.")
draw = int(st.session_state[DRAW])

# --- the digit's posterior, its sample and its decodes ---
model = vae()
if use_own:
    posterior, image, what, itself = posterior_of(model, mine.image), mine.image, "your digit", None
else:
    posterior = Posterior.from_arrays(found.means[number], found.logvars[number])
    image, what, itself = bundled_data().test_images[number], f"test digit #{number}, a {found.labels[number]}", number
eps = epsilon(draw, len(posterior.mean))
sample = reparameterise(posterior, eps)
others = reparameterise(posterior, sample_epsilons(SAMPLE_COUNT, len(posterior.mean)))
row = decode_samples(model, posterior, others)

# --- the main picture: the whole plane, the close-up, and the steps of the sample beside them ---
whole, close, panel = st.columns([0.95, 0.9, 1.45])
for column, close_up, key in ((whole, False, WHOLE_CHART), (close, True, CLOSE_CHART)):
    with column:
        st.markdown(f"**The whole plane**: each dot a test digit's {term('μ')}; click one" if not close_up else
                    f"**Close up** (the square): ◆ μ, ellipses at ±1{term('σ')} and ±2σ, 🔴 z")
        show_chart(partial(posterior_figure, close_up=close_up, height=PLANE_HEIGHT), found.dots, found.labels,
                   posterior, sample, others, key=key, selection_mode="points",  # a locked digit ignores clicks
                   on_select="ignore" if view.locked(DIGIT) else partial(remember_click, key),
                   config={"displaylogo": False})
with panel:
    show_reparameterisation(posterior, eps, sample, draw, image, row.mean_decode, decode_code(model, sample),
                            what)

st.markdown(proportion_story(proportion(posterior, found.dots, found.logvars), count) + " " + ellipse_story())
neighbour, sigmas = nearest_other(posterior, found.dots, itself)
neighbour_line = neighbour_story(neighbour, int(found.labels[neighbour]), sigmas,
                                 None if itself is None else int(found.labels[itself]))
show_samples(row, f"{alike_story(row, pair_difference())} {neighbour_line}")

look_for(LOOK_FOR)

fresh = own_digit_input("posterior")
if fresh is not mine:
    st.session_state[OWN_NEXT] = fresh is not None  # a digit drawn just now: show its cloud
    st.rerun()
if mine is not None:
    theirs = posterior if use_own else posterior_of(model, mine.image)
    st.markdown(own_cloud_line(theirs, shown_above=use_own))

with deeper() as opened:
    if opened:
        show_gradient(posterior, eps, sample, what)
        show_kl(posterior)

view.finish()
next_link(PAGE)
