"""The Latent map's weight files sit under `server.baseUrlPath`: the address the page's script fetches and the route
that answers it, so that a lecture hall or a hosted app serving the app under a path still finds them."""

import pytest
from starlette.routing import Match
from streamlit import config

from explorer.ui.server.browser_files import browser_file_routes, file_address, publish


@pytest.fixture
def base_path():
    before = config.get_option("server.baseUrlPath")
    yield lambda path: config.set_option("server.baseUrlPath", path)
    config.set_option("server.baseUrlPath", before)


@pytest.mark.parametrize(("base", "prefix"), [("", "/"), ("hall", "/hall/"), ("/class/7b/", "/class/7b/")])
def test_a_published_file_is_addressed_and_routed_under_the_base_path(base_path, base, prefix):
    base_path(base)
    address = publish("test-file", b"weights")
    assert address.startswith(prefix + "explorer-files/test-file")
    assert file_address("x") == prefix + "explorer-files/x"
    route, = browser_file_routes()
    match, _ = route.matches({"type": "http", "path": address, "method": "GET"})
    assert match == Match.FULL, f"the route {route.path} does not answer {address}"
    if base:
        outside, _ = route.matches({"type": "http", "path": address.removeprefix(prefix.rstrip("/")), "method": "GET"})
        assert outside == Match.NONE, "the file answers outside the base path too"
