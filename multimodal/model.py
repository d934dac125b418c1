"""The image tower: a compact ResNet-style CNN for 80x60 product thumbnails, plus attribute heads.

Why this shape: no pretrained image weights exist offline, so it is trained from scratch on ~11k photos on a
CPU. Four stride-2 stages (80x60 -> 5x4) with one residual block at the three coarsest scales keep it near
2M parameters and ~60M multiply-adds per photo: thousands of photos/s at inference, minutes per epoch in training.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

HEIGHT, WIDTH = 80, 60
# Per-channel statistics of the training photos (mostly white backgrounds), rounded; fixed so inference needs no data.
MEAN = (0.85, 0.83, 0.82)
STD = (0.25, 0.26, 0.27)


@dataclass(slots=True)
class EncoderConfig:
    widths: tuple[int, ...] = (32, 64, 128, 256)
    embed_dim: int = 384  # the MiniLM text space
    article_types: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        d = asdict(self)
        d["widths"] = list(self.widths)
        return json.dumps(d, indent=2)

    @classmethod
    def from_json(cls, text: str) -> "EncoderConfig":
        d = json.loads(text)
        d["widths"] = tuple(d["widths"])
        return cls(**d)


def _conv_bn(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class _Residual(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.a = _conv_bn(c, c)
        self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        return F.relu(x + self.b(self.a(x)), inplace=True)


class ImageTower(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.widths
        layers: list[nn.Module] = [_conv_bn(3, w[0], 2)]  # 40x30: colour/texture at full detail is cheap here
        for i in range(1, len(w)):
            layers.append(_conv_bn(w[i - 1], w[i], 2))
            layers.append(_Residual(w[i]))
        self.features = nn.Sequential(*layers)
        feat = w[-1] * 2  # average + max pooling: max keeps small coloured details (logos, prints)
        self.proj = nn.Sequential(nn.Linear(feat, 512), nn.ReLU(inplace=True), nn.Linear(512, cfg.embed_dim))
        self.heads = nn.ModuleDict({
            name: nn.Linear(feat, len(labels))
            for name, labels in (("article_type", cfg.article_types), ("colour", cfg.colours), ("gender", cfg.genders))
            if labels
        })
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1), persistent=False)

    def pooled(self, x_uint8: torch.Tensor) -> torch.Tensor:
        """``x_uint8``: (B, 3, 80, 60) uint8 or float in [0, 255]."""
        x = (x_uint8.float() / 255.0 - self.mean) / self.std
        h = self.features(x)
        return torch.cat([h.mean((2, 3)), h.amax((2, 3))], dim=1)

    def forward(self, x_uint8: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        f = self.pooled(x_uint8)
        emb = F.normalize(self.proj(f), dim=-1)
        return emb, {name: head(f) for name, head in self.heads.items()}


WEIGHTS = "image_encoder.safetensors"
CONFIG = "image_encoder.json"


def save_tower(tower: ImageTower, folder: Path, *, extra: dict | None = None) -> Path:
    """fp16 safetensors + JSON config (a few MB; committed). Written atomically per file."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16 if v.is_floating_point() else v.dtype).contiguous()
             for k, v in tower.state_dict().items()}
    tmp = folder / (WEIGHTS + ".tmp")
    save_file(state, str(tmp), metadata={k: str(v) for k, v in (extra or {}).items()})
    tmp.replace(folder / WEIGHTS)
    (folder / CONFIG).write_text(tower.cfg.to_json())
    return folder / WEIGHTS


def load_tower(folder: Path) -> ImageTower:
    from safetensors.torch import load_file

    folder = Path(folder)
    cfg = EncoderConfig.from_json((folder / CONFIG).read_text())
    tower = ImageTower(cfg)
    state = {k: v.float() if v.is_floating_point() else v for k, v in load_file(str(folder / WEIGHTS)).items()}
    tower.load_state_dict(state)
    return tower.eval()
