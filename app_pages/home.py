"""Home: what an autoencoder is, with a picture drawn by a real, shipped one."""

from functools import partial

import streamlit as st

from explorer.core.data import PIXELS
from explorer.models.inference import embed, reconstruct
from explorer.topics.home.diagram import autoencoder_diagram
from explorer.ui.home import keys
from explorer.ui.home.loaders import DIAGRAM_MODEL, diagram_model
from explorer.ui.home.predictions import home_prediction
from explorer.ui.shared.anatomy import look_for, next_link, page_header
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.navigation import HOME, PAGES
from explorer.ui.shared.prediction_card import predict_first
from explorer.ui.shared.resources import bundled_data
from explorer.ui.shared.view_link import ViewLink

view = ViewLink(HOME.path)  # no settings of its own: the lesson-wide ones, and a lesson link to any page
page_header("🧠 Autoencoder Explorer", "What does a network learn when its only job is to copy its input?")
predict_first(partial(home_prediction, DIAGRAM_MODEL))
st.markdown(
    f"""
An **autoencoder** is a neural network with a strange-sounding job: give back its own input.
The catch is the middle. The network has two halves joined by a narrow layer, the **bottleneck**:
- the **encoder** squeezes the {PIXELS} pixels of a digit into a short list of numbers, the **code**
  (also called the *latent* code; all the codes together make the *latent space*);
- the **decoder** turns a code back into {PIXELS} pixels: **decoding**. Decoding the code of an image
  gives its **reconstruction**, the network's copy of that image.

Because the code is far too short to hold every pixel, training forces the network to discover
what matters in a digit (its strokes, slant and thickness) and drop the rest. Nobody tells it
what a digit is: the image is its own target.
"""
)

data = bundled_data()
st.session_state.setdefault(keys.IMAGE, 0)
model = None
with report_pretrained_error(stop=False):  # the rest of the home page needs no shipped model
    model = diagram_model()
if model is not None:
    image = data.test_images[st.session_state[keys.IMAGE] : st.session_state[keys.IMAGE] + 1]
    picture = autoencoder_diagram(image[0], embed(model, image)[0], reconstruct(model, image)[0])
    st.image(picture, width=820, alt=f"A test digit {data.test_labels[st.session_state[keys.IMAGE]]} goes into the "
             f"encoder, becomes a code of {model.latent_dim} numbers, and the decoder turns the code back into a "
             "digit that looks like it")
    st.caption(
        f"A real pass through the shipped autoencoder with a {model.latent_dim}-number code, on a test "
        "digit it never saw in training. Each coloured cell is one number of the code "
        "(red positive, blue negative, white near zero)."
    )
    if st.button("Show another digit", key=keys.NEXT):
        st.session_state[keys.IMAGE] = (st.session_state[keys.IMAGE] + 97) % len(data.test_images)
        st.rerun()

look_for(
    "The code in the middle is tiny next to the picture, yet the output is close to the input. Whatever the "
    "network keeps in those few numbers is what it has learned a digit is."
)

lesson = [page for page in (HOME, *PAGES) if page.lesson_minutes]  # later pages are for after the lesson
st.subheader(f"A {sum(page.lesson_minutes for page in lesson)}-minute lesson path")
st.markdown("Each page builds on the ones before it. Follow them in this order (the sidebar has the same order):")
st.markdown("\n".join(f"{number}. **{page.title}** ({page.lesson_minutes} min): {page.lesson_task}"
                      for number, page in enumerate(lesson, start=1)))
st.caption("Every page ends with a link to the next one.")

st.subheader("Every page")
for page in PAGES:
    st.page_link(page.path, label=f"**{page.title}**: {page.blurb}", icon=page.icon)

st.caption(
    f"Runs offline on a laptop CPU: every page opens with models trained in advance on "
    f"{len(data.train_images):,} MNIST digits, the training part of the "
    f"{len(data.train_images) + len(data.test_images):,} that ship with the app (the other "
    f"{len(data.test_images):,} are kept aside to test them)."
)
view.finish()
next_link(HOME.path)
