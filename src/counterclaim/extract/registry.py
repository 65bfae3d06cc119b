"""The stage registry: extractors are named, versioned, replaceable components.

A stage is a function ``(doc, result) -> None`` that reads the shared spaCy
``Doc`` (one parse per article) and fills its own field of the
``ArticleResult``. Stages declare which earlier stages they read (``requires``);
the pipeline orders them accordingly. Registering a stage under an existing
name replaces it, so a rule-based stage can be swapped for a trained one
without touching the others::

    @stage("places", version="1", requires=("mentions",))
    def places(doc, result): ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from spacy.tokens import Doc

from ..model import ArticleResult


class StageFunc(Protocol):
    def __call__(self, doc: Doc, result: ArticleResult) -> None: ...


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    func: StageFunc
    requires: tuple[str, ...] = ()
    doc: str = ""

    def __call__(self, doc: Doc, result: ArticleResult) -> None:
        self.func(doc, result)
        result.stages[self.name] = self.version


_REGISTRY: dict[str, Stage] = {}
# Default order of the built-in stages; modules listed here are imported on demand.
DEFAULT_STAGES: tuple[str, ...] = ("mentions", "places", "dates", "claims", "events")
_BUILTIN_MODULES: dict[str, str] = {
    "mentions": "counterclaim.extract.mentions",
    "places": "counterclaim.extract.places",
    "dates": "counterclaim.extract.dates",
    "claims": "counterclaim.extract.claims",
    "events": "counterclaim.extract.events",
}


def stage(name: str, *, version: str, requires: tuple[str, ...] = ()) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name`` (replacing any earlier one)."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, version, func, tuple(requires), (func.__doc__ or "").strip())
        return func

    return register


def get_stage(name: str) -> Stage:
    if name not in _REGISTRY and name in _BUILTIN_MODULES:
        import importlib

        importlib.import_module(_BUILTIN_MODULES[name])
    if name not in _REGISTRY:
        from ..errors import ConfigError

        raise ConfigError(f"no extraction stage named {name!r}; known: {', '.join(available_stages())}")
    return _REGISTRY[name]


def available_stages() -> list[str]:
    return sorted(set(_REGISTRY) | set(_BUILTIN_MODULES))


def resolve_order(names: tuple[str, ...] | list[str]) -> list[Stage]:
    """Stages in an order that satisfies ``requires``; required stages are pulled in."""
    ordered: list[Stage] = []
    seen: set[str] = set()

    def visit(n: str, path: tuple[str, ...]) -> None:
        if n in seen:
            return
        if n in path:
            from ..errors import ConfigError

            raise ConfigError(f"stage dependency cycle: {' -> '.join(path + (n,))}")
        st = get_stage(n)
        for req in st.requires:
            visit(req, path + (n,))
        seen.add(n)
        ordered.append(st)

    for n in names:
        visit(n, ())
    return ordered
