"""Build a ready ``Assistant`` from settings (shared by the chat REPL, the eval and the UI)."""
from __future__ import annotations


def build_assistant(settings, *, reranker: str | object | None = "auto", use_classifier: bool = True):
    """Real searcher over the indexed catalog; the cross-encoder ranker when it is available."""
    import torch

    from assistant.agent import Assistant
    from retrieval.search import HybridSearcher

    if settings.serve_torch_threads:
        torch.set_num_threads(settings.serve_torch_threads)

    searcher = HybridSearcher(settings=settings, catalog=settings.catalog)
    rr = None
    if reranker == "auto":
        try:
            from ranking.cross_encoder import Reranker

            # one MiniLM embedder per process; the query prior reads the index's stored product vectors
            rr = Reranker(settings=settings, embedder=searcher.embedder, vector_source=searcher.vectors)
            rr.warm_up()
            if not getattr(rr, "available", True):
                rr = None
        except Exception:  # no trained ranker yet: retrieval order
            rr = None
    elif reranker is not None:
        rr = reranker
    return Assistant(settings=settings, searcher=searcher, reranker=rr, use_classifier=use_classifier)
