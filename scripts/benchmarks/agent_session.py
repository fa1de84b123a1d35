"""One student's session driven through Streamlit's agent API (`POST /_stcore/agent/interact`, 1.67+): the same
script runs, with the same widgets and session state, as in a browser, but no browser draws it. The benchmark
server turns the API on for itself only (`--server.enableAgentApi true`); the app's own configuration keeps it off.

A request blocks until the run it caused has settled; one that outlasts the server's agentWaitTimeout answers 202
and is collected by sending the session id alone, which this client does, counting the whole wait."""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any

AGENT_PATH = "/_stcore/agent/interact"
REQUEST_TIMEOUT_S = 900.0
# What the benchmark server needs: the API on, room for a large class, requests that answer within a proxy's
# timeout (a slower run is collected with further requests), and idle sessions closed soon after the class leaves,
# so that the memory they held can be measured as freed.
AGENT_OPTIONS = ("--server.enableAgentApi", "true", "--server.agentMaxSessions", "500",
                 "--server.agentWaitTimeout", "30", "--server.agentSessionTTL", "30")


class AgentError(RuntimeError):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass(frozen=True)
class Answer:
    snapshot: dict
    seconds: float  # from sending the request to the whole answer read, waits for a slow run included


def nodes_by_key(node: dict, found: dict[str, dict] | None = None) -> dict[str, dict]:
    """Every element of a snapshot's tree that has a key, by key."""
    found = {} if found is None else found
    if "key" in node:
        found[node["key"]] = node
    for child in node.get("children") or ():
        nodes_by_key(child, found)
    return found


def texts(node: dict) -> list[str]:
    """Every text the tree shows: the props of its elements that are strings (bodies, labels, captions)."""
    found = [value for value in (node.get("props") or {}).values() if isinstance(value, str)]
    for child in node.get("children") or ():
        found += texts(child)
    return found


class AgentSession:
    def __init__(self, base_url: str):
        self.url = base_url.rstrip("/") + AGENT_PATH
        self.session_id: str | None = None
        self.snapshot: dict = {}
        # Its own cookies, as a browser has: behind a lecture hall's proxy, the sticky cookie keeps it on the
        # process that holds its session.
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def _post(self, body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with self._opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:  # a refusal has a JSON body; a proxy's own error page has none
            body = error.read()
            try:
                return error.code, json.loads(body or b"{}")
            except ValueError:
                message = body[:200].decode(errors="replace")
                return error.code, {"error": {"code": f"HTTP {error.code}", "message": message}}

    def send(self, body: dict) -> Answer:
        """One client-state change, waited for to the end of its run."""
        started = time.perf_counter()
        status, answer = self._post({**body, "session_id": self.session_id} if self.session_id else body)
        while status == 202:  # the run goes on past the server's wait: collect it
            self.session_id = answer.get("session_id", self.session_id)
            status, answer = self._post({"session_id": self.session_id})
        seconds = time.perf_counter() - started
        if "error" in answer:
            raise AgentError(answer["error"].get("code", str(status)), answer["error"].get("message", ""))
        self.session_id, self.snapshot = answer["session_id"], answer
        return Answer(answer, seconds)

    def open(self, page: str, query: dict[str, list[str]] | None = None) -> Answer:
        """Go to a page, as a link does; `query`: its URL's parameters (a lesson link's class id, say)."""
        return self.send({"page": page, **({"query_params": query} if query else {})})

    def element(self, key: str) -> dict | None:
        return nodes_by_key(self.snapshot.get("tree", {})).get(key)

    def can(self, key: str) -> bool:
        return any(action["key"] == key for action in self.snapshot.get("actions", ()))


def legal_value(node: dict, rng: random.Random, *, widest: int = 20) -> Any:
    """A value the widget can take other than its current one, read from its own props: another option, another
    number in range (within `widest` steps of its minimum, as a student tries a few), or the other boolean."""
    props, current = node.get("props") or {}, node.get("value")
    if "options" in props:
        others = [option for option in props["options"] if option != current] or props["options"]
        return rng.choice(others)
    if node.get("value_schema", {}).get("type") == "boolean":
        return not current
    low, high = props.get("min_value", 0), props.get("max_value", widest)
    step = props.get("step") or 1
    choices = [low + i * step for i in range(int(min((high - low) / step, widest)) + 1)]
    value = rng.choice([choice for choice in choices if choice != current] or choices)
    return int(value) if node.get("value_schema", {}).get("type") == "integer" else round(value, 6)
