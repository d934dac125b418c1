"""Fixtures for the generation tests: real catalog products, the real guard, one real LM per session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gen_products(myntra_products):
    """Twelve varied real Myntra products (brands, colours, prices) from the shared session slice."""
    return [p for p in myntra_products if p.brand and p.colours and p.price][:12]


@pytest.fixture(scope="session")
def guard(data_dir):
    from assistant.generation.guard import FaithfulnessGuard

    return FaithfulnessGuard.from_catalogs(data_dir)


@pytest.fixture(scope="session")
def one_thread():
    """torch on 1 thread while the LM tests run: on a busy 2-core box, 2 spinning threads are several times slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def real_lm(one_thread):
    """The serving LM (SmolLM2 + committed adapter when present), loaded once; skips without the wheel."""
    from assistant.generation.lm import LMConfig, LMError, TransformersLM, smollm2_dir

    try:
        smollm2_dir()
    except LMError as exc:
        pytest.skip(str(exc))
    lm = TransformersLM(config=LMConfig(batch_size=8))
    lm.warm_up()
    return lm


class RaisingLM:
    """Fault injection: an LM backend that is down."""

    name = "raising"

    def warm_up(self) -> None:
        pass

    def generate(self, products, bans=None):
        from assistant.generation.lm import LMError

        raise LMError("endpoint refused the connection")


class ScriptedLM:
    """Fault injection: an LM that returns fixed (possibly false or broken) texts, recording each call."""

    name = "scripted"

    def __init__(self, texts):
        self.texts, self.calls = list(texts), []

    def warm_up(self) -> None:
        pass

    def generate(self, products, bans=None):
        from assistant.generation.lm import LMOutput

        self.calls.append(([p.id for p in products], bans))
        return [LMOutput(text=self.texts[min(len(self.calls) - 1, len(self.texts) - 1)], new_tokens=10)
                for _ in products]


@pytest.fixture()
def raising_lm():
    return RaisingLM()


@pytest.fixture()
def scripted_lm():
    return ScriptedLM
