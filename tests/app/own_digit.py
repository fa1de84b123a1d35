"""A student's digit put straight into an AppTest's session, as the draw / upload widget would."""

from __future__ import annotations

from explorer.core.data import load_bundled_mnist
from explorer.core.digitize import Digit
from explorer.ui.shared.own_digit import OWN_DIGIT_KEY


def give_own_digit(app, index: int = 3) -> Digit:
    digit = Digit(load_bundled_mnist().test_images[index], ("a note for the student",))
    app.session_state[OWN_DIGIT_KEY] = digit
    app.run()
    assert not app.exception, app.exception
    return digit
