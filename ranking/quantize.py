"""int8 dynamic quantization for CPU serving.

Why dynamic int8 on the Linear layers only: they hold >95 % of the FLOPs of MiniLM-L6; weights are
quantized once at load (~0.3 s), activations per batch, so no calibration data is needed.
Why per-channel weight scales: on 719 dev pairs the per-tensor variant's logits correlated 0.951
with fp32 (mean abs error 0.236), per-channel 0.985 (0.136), at the same speed.
Measured quality next to latency by ``shopassist bench ranking`` (reports/bench_ranking.md).
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
        from torch.ao.quantization import per_channel_dynamic_qconfig

        return torch.ao.quantization.quantize_dynamic(model, {nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
