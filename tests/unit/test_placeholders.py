"""LazyPlaceholder makes its st.empty() at the first draw, once."""

from explorer.ui.shared.placeholders import LazyPlaceholder


class Parent:
    """Stands in for a Streamlit container: counts the placeholders made in it."""

    def __init__(self):
        self.made = []

    def empty(self):
        slot = Slot()
        self.made.append(slot)
        return slot


class Slot:
    def __init__(self):
        self.drawn = []

    def image(self, what):
        self.drawn.append(what)


def test_nothing_is_made_until_the_first_draw_and_later_draws_replace_in_the_same_slot():
    parent = Parent()
    placeholder = LazyPlaceholder(parent)
    assert parent.made == []  # the previous run's element stays on screen meanwhile
    placeholder.image("epoch 1")
    placeholder.image("epoch 2")
    assert len(parent.made) == 1 and parent.made[0].drawn == ["epoch 1", "epoch 2"]
