"""Fixtures for the dialogue agent: the real catalog vocabulary, the shared small real index, and a fresh
state folder (tickets, sessions) per test so sessions and tickets never leak between tests."""
from __future__ import annotations

import pytest



@pytest.fixture(scope="session")
def full_products(data_dir):
    from retrieval.catalogs import load_catalog

    return load_catalog("myntra", data_dir).products


@pytest.fixture(scope="session")
def vocab(full_products):
    from assistant.vocab import Vocabulary

    return Vocabulary.from_products(full_products)


@pytest.fixture(scope="session")
def classifier():
    """The committed intent model, or None (rules-only fallback) when the artefact is absent."""
    from assistant.intents import IntentClassifier

    c = IntentClassifier()
    return c if c.warm_up() else None


@pytest.fixture(scope="session")
def model():
    """The committed escalation detector (shared by the detector's test modules); skips when the artefact is absent."""
    from assistant.escalation_model import EscalationModel

    m = EscalationModel()
    if not m.warm_up():
        pytest.skip("escalation artefact not committed")
    return m


@pytest.fixture(scope="session")
def policies(small_settings, embedder):
    from assistant.policy import PolicyStore

    p = PolicyStore(settings=small_settings, embedder=embedder)
    p.warm_up()
    return p


@pytest.fixture()
def make_assistant(tmp_path, small_settings, small_searcher, classifier, policies, vocab):
    """Factory: a real Assistant over the small index; tickets/sessions live in this test's tmp folder."""
    from assistant.agent import Assistant
    from assistant.tickets import TicketStore

    made = []

    def _make(state_dir=None):
        d = state_dir or tmp_path
        a = Assistant(settings=small_settings, searcher=small_searcher, classifier=classifier,
                      use_classifier=classifier is not None, policies=policies, vocab=vocab,
                      tickets=TicketStore(path=d / "tickets.sqlite3"), checkpoint_path=d / "sessions.sqlite3")
        a.warm_up()
        made.append(a)
        return a

    yield _make
    for a in made:
        a.close()
