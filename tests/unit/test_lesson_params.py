"""The parsing of lesson-wide URL parameters: `lock` names a page's parameters, `class` is a short tally id."""

import pytest

from explorer.core.lesson_link import format_lock, new_class_id, parse_class, parse_lock, split_lock
from explorer.core.view_link import RefusedValue


@pytest.mark.parametrize(("raw", "names"), [
    ("k", ["k"]), ("k,mode", ["k", "mode"]), (" k , mode ", ["k", "mode"]), ("k,,mode,", ["k", "mode"]),
    ("k,k", ["k"]), ("", []), (",", []),
])
def test_a_lock_value_is_a_list_of_names(raw, names):
    assert parse_lock(raw) == names
    assert parse_lock(format_lock(names)) == names


def test_a_page_locks_only_its_own_parameters():
    assert split_lock(["k", "colour", "seed"], ["k", "mode", "seed"]) == (["k", "seed"], ["colour"])


@pytest.mark.parametrize("raw", ["a", "room-12_b", "A" * 32, " abc "])
def test_a_class_id_of_letters_digits_dash_and_underscore_is_kept(raw):
    assert parse_class(raw) == raw.strip()


@pytest.mark.parametrize("raw", ["", "a b", "A" * 33, "<script>", "é", "a/b", "a%20b", "a.b"])
def test_any_other_class_id_is_refused(raw):
    with pytest.raises(RefusedValue):
        parse_class(raw)


def test_a_new_class_id_is_valid_and_fresh():
    ids = {new_class_id() for _ in range(50)}
    assert len(ids) == 50 and all(parse_class(tally) == tally for tally in ids)
