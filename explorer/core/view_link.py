"""The settings of a view as URL query parameters: each parameter's allowed values, and the parsing that turns a
hand-edited string into a setting or refuses it. No streamlit here: explorer/ui/shared/view_link.py applies the
result."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


@dataclass(frozen=True)
class ViewParam:
    """One setting kept in the URL: `name` in the query string, `key` of its widget in session state.

    `kind` is int, float, bool or str; `options`, when given, lists every allowed value; `low` and `high` bound
    a number. A value outside them is refused, so the widget keeps its default."""

    name: str
    key: str
    kind: type = str
    options: Sequence[Any] | None = None
    low: float | None = None
    high: float | None = None


class RefusedValue(ValueError):
    """A query value that is no allowed setting of its parameter."""


def parse_value(param: ViewParam, raw: str) -> Any:
    """The setting `raw` stands for, or RefusedValue when it stands for none."""
    text = str(raw).strip()
    try:
        if param.kind is bool:
            if text.lower() not in TRUE_WORDS + FALSE_WORDS:
                raise RefusedValue(raw)
            value: Any = text.lower() in TRUE_WORDS
        elif param.kind is int:
            value = int(text)
        elif param.kind is float:
            value = float(text)
            if not math.isfinite(value):
                raise RefusedValue(raw)
        else:
            value = text
    except ValueError as error:
        raise RefusedValue(raw) from error
    if param.options is not None:
        matches = [option for option in param.options if _same(option, value)]
        if not matches:
            raise RefusedValue(raw)
        value = matches[0]
    if param.low is not None and value < param.low or param.high is not None and value > param.high:
        raise RefusedValue(raw)
    return value


def _same(option: Any, value: Any) -> bool:
    if isinstance(option, float) or isinstance(value, float):
        try:
            return math.isclose(float(option), float(value), rel_tol=1e-9, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    return str(option) == str(value)


def format_value(value: Any) -> str:
    """The query string's text for a setting: parse_value gives the setting back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_params(params: Sequence[ViewParam], query: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """({widget key: setting} for every valid parameter of `query` among `params`, ["name=value", ...] for every
    refused one). Names that none of `params` answers to are left to unknown_names."""
    known = {param.name: param for param in params}
    settings, ignored = {}, []
    for name, raw in query.items():
        param = known.get(name)
        if param is None:
            continue
        try:
            settings[param.key] = parse_value(param, raw)
        except RefusedValue:
            ignored.append(named(name, raw))
    return settings, ignored


def named(name: str, raw: str, longest: int = 30) -> str:
    """"name=value" for a notice, a pasted essay cut short."""
    text = f"{name}={raw}"
    return text if len(text) <= longest else text[: longest - 1] + "…"


def unknown_names(params: Sequence[ViewParam], query: dict[str, str]) -> list[str]:
    """["name=value", ...] for every parameter of `query` that no setting of the page answers to."""
    names = {param.name for param in params}
    return [named(name, raw) for name, raw in query.items() if name not in names]


def view_path(page: str, settings: dict[str, str]) -> str:
    """The page's own path with its settings as a query string: app_pages/bottleneck.py -> /bottleneck?k=8."""
    stem = page.rsplit("/", 1)[-1].removesuffix(".py")
    return f"/{stem}?{urlencode(settings, safe=',')}" if settings else f"/{stem}"
