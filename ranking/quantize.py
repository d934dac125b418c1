"""int8 dynamic quantization for CPU serving.

Why dynamic int8 on the Linear layers only: they hold >95 % of the FLOPs of MiniLM-L6; weights are
quantized once at load (~0.3 s), activations per batch, so no calibration data is needed. Measured
quality next to latency by ``shopassist bench ranking`` (reports/bench_ranking.md).
"""
from __future__ import annotations

import warnings

import torch
from torch import nn


def quantize_int8(model: nn.Module) -> nn.Module:
    with warnings.catch_warnings():
        # torch.ao eager quantization is deprecated in favour of torchao, which is not installed here;
        # the eager path still works in torch 2.13 and needs no extra dependency.
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
