"""Charts for the CLI (matplotlib, drawn off-screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot_dyad(series: list[dict[str, Any]], title: str, path: Path) -> Path:
    """Cooperation (up) against conflict (down) per period, with mean Goldstein."""
    periods = [p["period"] for p in series]
    x = range(len(periods))
    fig, counts = plt.subplots(figsize=(10, 4.5), dpi=120)
    counts.bar(x, [p["cooperation"] for p in series], color="#1b7f79", label="cooperation")
    counts.bar(x, [-p["conflict"] for p in series], color="#c62828", label="conflict")
    counts.axhline(0, color="#555", linewidth=0.8)
    counts.set_ylabel("events (conflict below zero)")
    goldstein = counts.twinx()
    goldstein.plot(
        x,
        [p["goldstein_mean"] for p in series],
        color="#6a3d9a",
        marker="o",
        linewidth=1.5,
        label="mean Goldstein",
    )
    goldstein.set_ylim(-10, 10)
    goldstein.set_ylabel("mean Goldstein")
    step = max(1, len(periods) // 12)
    counts.set_xticks(list(x)[::step], periods[::step], rotation=45, ha="right")
    counts.set_title(title)
    handles = counts.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    counts.legend(handles=handles, loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
