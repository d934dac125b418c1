"""The image arm's RRF weight, tuned on the photo set's validation split by ``shopassist eval multimodal``."""
from __future__ import annotations

import json
from pathlib import Path

FUSION = Path(__file__).resolve().parent / "artefacts" / "fusion.json"
DEFAULT_IMAGE_WEIGHT = 0.5  # used only until a tuned value is saved


def tuned_image_weight(path: Path = FUSION) -> float:
    try:
        return float(json.loads(Path(path).read_text())["image_weight"])
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_IMAGE_WEIGHT


def save_fusion(values: dict, path: Path = FUSION) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values, indent=2) + "\n")
    return path
