"""One settings object, read from the environment (``SHOPASSIST_*``) and overridable from the CLI.

Why here: every component takes what it needs from this object at construction time, so nothing
reads ``os.environ`` deep inside the code and a test can build a fully isolated configuration.
"""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_data_dir() -> Path:
    """``../shared/data`` beside the checkout (or the working directory); the first that exists wins."""
    candidates = [REPO_ROOT.parent / "shared" / "data", Path.cwd().parent / "shared" / "data",
                  Path("/work/shared/data")]
    return next((c for c in candidates if c.is_dir()), candidates[0])

# Nothing may reach the internet at run time (model hubs, Gradio telemetry, Chroma telemetry).
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}


def force_offline() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


class Settings(BaseModel):
    data_dir: Path = Field(default_factory=default_data_dir)
    home: Path = Field(default=REPO_ROOT / ".shopassist")
    chroma_url: str | None = None
    catalog: str = "myntra"
    host: str = "127.0.0.1"
    port: int = 7860
    embed_batch_size: int = 64
    # torch threads while serving (intent classifier, LM summaries): tiny per-request work on shared
    # cores, where torch's OpenMP pool degrades badly when oversubscribed; the ranker and embedder run
    # on ONNX Runtime with their own pools.
    serve_torch_threads: int = 1
    reports_dir: Path = Field(default=REPO_ROOT / "reports")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values: dict = {}
        if env.get("SHOPASSIST_DATA"):
            values["data_dir"] = Path(env["SHOPASSIST_DATA"]).expanduser()
        if env.get("SHOPASSIST_HOME"):
            values["home"] = Path(env["SHOPASSIST_HOME"]).expanduser()
        if env.get("SHOPASSIST_CHROMA_URL"):
            values["chroma_url"] = env["SHOPASSIST_CHROMA_URL"]
        if env.get("SHOPASSIST_CATALOG"):
            values["catalog"] = env["SHOPASSIST_CATALOG"]
        if env.get("SHOPASSIST_HOST"):
            values["host"] = env["SHOPASSIST_HOST"]
        if env.get("SHOPASSIST_PORT"):
            values["port"] = int(env["SHOPASSIST_PORT"])
        if env.get("SHOPASSIST_TORCH_THREADS"):
            values["serve_torch_threads"] = int(env["SHOPASSIST_TORCH_THREADS"])
        if env.get("SHOPASSIST_REPORTS"):
            values["reports_dir"] = Path(env["SHOPASSIST_REPORTS"]).expanduser()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def models_dir(self) -> Path:
        """Built model files (ONNX exports, int8 graphs); content-addressed, so shared by every catalog."""
        return self.home / "models"

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    def index_dir(self, catalog: str) -> Path:
        """Per-catalog files kept beside the Chroma data (lexical index, product snapshot)."""
        return self.home / "index" / catalog
