"""Markdown reports with plots, written under the reports folder by every eval and bench command."""
from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

import numpy as np


def hardware_line() -> str:
    try:
        import torch

        dev = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU only"
        threads = torch.get_num_threads()
    except Exception:  # torch missing is not a reason to lose a report
        dev, threads = "unknown", 0
    try:  # the cores are shared: the load average says how contended these timings were
        load = "load average " + " / ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        load = "load average unknown"
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, torch threads {threads}, {dev}, {load}"


def percentiles(ms: list[float]) -> dict:
    arr = np.asarray(ms, dtype=float)
    return {"p50": round(float(np.percentile(arr, 50)), 2), "p95": round(float(np.percentile(arr, 95)), 2)}


def bar_plot(path: Path, title: str, groups: dict[str, dict[str, float]], ylabel: str = "") -> Path:
    """One bar group per outer key (e.g. arm), one bar per inner key (e.g. metric)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(groups)
    metrics = list(next(iter(groups.values())).keys()) if groups else []
    x = np.arange(len(metrics))
    width = 0.8 / max(1, len(names))
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for i, name in enumerate(names):
        ax.bar(x + i * width, [groups[name].get(m, 0) for m in metrics], width, label=name)
    ax.set_xticks(x + width * (len(names) - 1) / 2, metrics)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def write_report(
    reports_dir: Path, name: str, title: str, result: dict, notes: list[str] | None = None,
    tables: list[str] | None = None, plots: list[Path] | None = None,
) -> Path:
    """Write ``reports/<name>.md`` (overwritten: the latest figures) and return its path."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / f"{name}.md"
    lines = [f"# {title}", "", f"_Generated {time.strftime('%Y-%m-%d %H:%M:%S')} on {hardware_line()}._", ""]
    for note in notes or []:
        lines += [note, ""]
    for table in tables or []:
        lines += [table, ""]
    for plot in plots or []:
        lines += [f"![{plot.stem}]({os.path.relpath(plot, reports_dir)})", ""]
    lines += ["## Raw result", "", "```json", json.dumps(result, indent=2), "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def markdown_table(rows: list[dict], columns: list[str]) -> str:
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = ["| " + " | ".join(_fmt(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join([head, *body])


def _fmt(v) -> str:
    return f"{v:.4f}" if isinstance(v, float) else str(v)
