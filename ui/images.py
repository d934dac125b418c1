"""Product photos served from the data folder, safely: one fixed folder, plain file names, nothing else.

Cards point at ``/images/<name>`` for photos that live in the fashion image set's folder; the route resolves
the name inside that folder only (no separators, no "..", no symlink escape) and answers 404 otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROUTE = "/images"
IMAGE_SUBDIR = Path("fashion-product-images-small") / "images"
NAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,80}\.(jpe?g|png)$", re.I)
MAX_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class ImageFolder:
    root: Path

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> "ImageFolder":
        return cls(root=Path(data_dir) / IMAGE_SUBDIR)

    def resolve(self, name: str) -> Path | None:
        """The file for ``name`` when it is a plain photo name inside the folder; None for anything else."""
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            return None
        try:
            root = self.root.resolve(strict=True)
            path = (root / name).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if path.parent != root or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path


def image_url(path: str | None) -> str | None:
    """``/images/<name>`` for a photo of the served image set, else None (the card falls back to inlining)."""
    if not path:
        return None
    p = Path(path)
    if p.parent.name != IMAGE_SUBDIR.name or p.parent.parent.name != IMAGE_SUBDIR.parent.name:
        return None
    return f"{ROUTE}/{p.name}" if NAME_RE.fullmatch(p.name) else None


def add_image_route(app, folder: ImageFolder | None) -> None:
    """``GET /images/{name}`` on a FastAPI app: a photo from ``folder`` only; anything else is a 404."""
    from fastapi import HTTPException
    from fastapi.responses import FileResponse

    @app.get(ROUTE + "/{name}")
    def product_photo(name: str):
        path = folder.resolve(name) if folder is not None else None
        if path is None:
            raise HTTPException(status_code=404, detail="no such photo")
        return FileResponse(path, media_type="image/png" if path.suffix.lower() == ".png" else "image/jpeg",
                            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})
