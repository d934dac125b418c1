"""A tiny LoRA run on a handful of real products saves an adapter that reloads and generates valid JSON."""
from __future__ import annotations

import json

from assistant.generation.lm import LMConfig, TransformersLM, parse_output
from assistant.generation.train import load_pairs, make_pair, train


def test_tiny_lora_train_saves_and_reloads(tmp_path, data_dir, gen_products, one_thread):
    pairs = [x for x in (make_pair(p) for p in gen_products) if x]
    assert len(pairs) >= 6
    m = train(data_dir=data_dir, out=tmp_path / "lora", steps=2, batch_size=2, log_every=1, eval_examples=2,
              pairs=(pairs[:6], pairs[6:8]), write_card=False)
    assert (tmp_path / "lora" / "adapter_model.safetensors").is_file()
    assert json.loads((tmp_path / "lora" / "metrics.json").read_text())["steps"] == 2
    assert len(m["loss_curve"]) == 2
    lm = TransformersLM(config=LMConfig(adapter=str(tmp_path / "lora")))
    lm.warm_up()
    assert lm.name.endswith("+lora")
    assert parse_output(lm.generate(gen_products[:1])[0].text) is not None


def test_split_is_by_target_and_disjoint(data_dir):
    train_pairs, test_pairs = load_pairs(data_dir, catalogs=("flipkart",))
    assert test_pairs and train_pairs
    key = lambda x: (x.product.brand.lower(), x.summary.lower())  # noqa: E731
    assert not {key(x) for x in train_pairs} & {key(x) for x in test_pairs}
