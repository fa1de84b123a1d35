"""A frozen dataclass of numbers that the build writes into the manifest's JSON and the pages read back."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Self


class JsonRecord:
    """Mixed into a dataclass whose fields are all plain JSON values."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]  # the subclass is a dataclass

    @classmethod
    def from_json(cls, values: dict[str, Any]) -> Self:
        return cls(**values)
