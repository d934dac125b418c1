"""Multimodal retrieval: a small image encoder trained here, LiT-style, against the frozen MiniLM text tower."""
