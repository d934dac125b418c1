"""Store-policy answers: the shipped ``assistant/policies/*.md`` sections, retrieved through Chroma.

Answers are the retrieved section's own text (extractive), so nothing a shopper writes can change what
the policy says. The collection is embedded with OUR MiniLM function (Chroma's default would try to
download a model) and is re-built only when the documents' hash changes.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

POLICY_DIR = Path(__file__).resolve().parent / "policies"
COLLECTION = "shopassist-policies"

# Topic words -> file stem: an exact keyword beats embedding similarity on short questions.
_CONTACT = re.compile(r"\b(customer\s+(?:care|service|support)|support\s+team|human\s+(?:support|agents?|staff)|talk\s+to\s+(?:a\s+)?(?:person|human|someone|agent)|"
                      r"reach\s+(?:you|support)|contact\s+(?:you|support))\b", re.I)
# "is it safe to pay here?", "my friend got scammed elsewhere, is it safe here?": how payments are protected
_SAFETY = re.compile(r"\b(?:is\s+it|it\s+is|is\s+this|is\s+it\s+really)\s+safe\b|\bsafe\s+to\s+(?:buy|pay|order|shop)\b|"
                     r"\b(?:secure|safety|otp|scam\w*)\b", re.I)
_SAFETY_WORD = re.compile(r"\b(?:safe|secure|safety|otp)\b|\bscam", re.I)  # picks the safety section within a topic
_TOPIC = [
    # an item that arrives damaged, leaking or wrong is answered by the refunds document's damaged-items section
    (re.compile(r"\b(damaged|defective|leak\w*|broken|torn|faulty|wrong\s+(?:item|product|colou?r)|different\s+from\s+what)\b", re.I),
     "refunds"),
    (_CONTACT, "orders"),
    (_SAFETY, "payments"),
    (re.compile(r"\b(refund\w*|money\s+back|reversed?)\b", re.I), "refunds"),
    (re.compile(r"\b(cod|cash\s+on\s+delivery|emi|upi|card|cards|pay|payment\w*|net\s*banking|wallet)\b", re.I), "payments"),
    (re.compile(r"\b(size|sizes|sizing|fit|measure|chart)\b", re.I), "sizes"),
    (re.compile(r"\b(return\w*|exchange\w*)\b", re.I), "returns"),
    (re.compile(r"\b(deliver\w*|shipping|ship|courier|track\w*|pin\s*code|address|express|parcel|package|late|delay\w*)\b", re.I),
     "delivery"),
    (re.compile(r"\b(cancel\w*|gift\s+wrap\w*|warranty|privacy|personal\s+data)\b", re.I), "orders"),
]


@dataclass(slots=True)
class PolicySection:
    id: str
    doc: str
    title: str
    text: str


def load_sections(policy_dir: Path = POLICY_DIR) -> list[PolicySection]:
    out: list[PolicySection] = []
    for path in sorted(Path(policy_dir).glob("*.md")):
        doc, title, buf = path.stem, "", []
        for line in path.read_text(encoding="utf-8").splitlines() + ["## "]:
            if line.startswith("## "):
                if title and buf:
                    out.append(PolicySection(f"{doc}:{len(out)}", doc, title, " ".join(buf).strip()))
                title, buf = line[3:].strip(), []
            elif line.strip() and not line.startswith("# "):
                buf.append(line.strip())
    return out


class MiniLMEmbeddingFunction:
    """Chroma embedding function over the project's packaged MiniLM ``Embedder`` (never Chroma's default)."""

    def __init__(self, embedder=None):
        if embedder is None:
            from retrieval.embeddings import Embedder

            embedder = Embedder()
        self.embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's protocol names it "input"
        return [v.tolist() for v in self.embedder.embed_documents(list(input))]

    def embed_query(self, input):  # noqa: A002
        return [self.embedder.embed_query(t).tolist() for t in input]

    @staticmethod
    def name() -> str:
        return "shopassist-minilm"

    def get_config(self) -> dict:
        return {}

    @staticmethod
    def build_from_config(config: dict) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction()

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]


def _as_chroma_ef(ef: MiniLMEmbeddingFunction):
    """Wrap in Chroma's EmbeddingFunction base class so its validation hooks apply."""
    from chromadb.api.types import EmbeddingFunction

    class _EF(EmbeddingFunction):
        def __init__(self):
            self.inner = ef

        def __call__(self, input):  # noqa: A002
            return self.inner(input)

        @staticmethod
        def name() -> str:
            return MiniLMEmbeddingFunction.name()

        def get_config(self) -> dict:
            return {}

        @staticmethod
        def build_from_config(config):
            return _as_chroma_ef(MiniLMEmbeddingFunction())

        def default_space(self):
            return "cosine"

        def supported_spaces(self):
            return ["cosine"]

        def is_legacy(self):
            return False

    return _EF()


class PolicyStore:
    def __init__(self, *, settings, embedder=None, policy_dir: Path = POLICY_DIR, client=None):
        self.settings = settings
        self.policy_dir = Path(policy_dir)
        self._embedder = embedder
        self._client = client
        self._collection = None
        self._sections: dict[str, PolicySection] = {}
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        if self._collection is not None:
            return
        with self._lock:
            if self._collection is not None:
                return
            sections = load_sections(self.policy_dir)
            self._sections = {s.id: s for s in sections}
            digest = hashlib.sha1("".join(s.id + s.title + s.text for s in sections).encode()).hexdigest()[:12]
            if self._client is None:
                from retrieval.chroma_store import make_client

                self._client = make_client(self.settings)
            ef = _as_chroma_ef(MiniLMEmbeddingFunction(self._embedder))
            self._ef = ef
            name = f"{COLLECTION}-{digest}"  # new documents -> new collection, no stale sections
            col = self._client.get_or_create_collection(name, embedding_function=ef, metadata={"hnsw:space": "cosine"})
            if col.count() != len(sections):
                col.upsert(ids=[s.id for s in sections], documents=[f"{s.title}. {s.text}" for s in sections],
                           metadatas=[{"doc": s.doc, "title": s.title} for s in sections])
            self._collection = col

    def search(self, question: str, k: int = 3) -> list[tuple[PolicySection, float]]:
        self.warm_up()
        # Embed with our own function instance: Chroma would otherwise rebuild the function from its stored
        # config on every query (a fresh, cold model each time).
        vec = self._ef.inner.embed_query([question])
        res = self._collection.query(query_embeddings=vec, n_results=min(k, len(self._sections)),
                                     include=["distances"])
        return [(self._sections[i], float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]

    def answer(self, question: str) -> tuple[str, list[str]]:
        """(answer text, section ids). The topic keyword picks the document; Chroma picks the section."""
        hits = self.search(question, k=len(self._sections) or 8)
        topic = next((doc for rx, doc in _TOPIC if rx.search(question)), None)
        if topic:
            in_topic = [(s, d) for s, d in hits if s.doc == topic]
            hits = in_topic or hits
        if not hits:
            return "I couldn't find that in our store policies; a customer-service agent can help.", []
        if re.search(r"\b(days?|how\s+long|window|within|timeline|how\s+soon)\b", question, re.I):
            # "how many days?": the section that states a time wins within the topic
            timed = [(s, d) for s, d in hits if re.search(r"window|timeline|time\b", s.title, re.I)]
            hits = timed or hits
        # "how do i contact customer care if an order goes wrong?": the way to reach a person, whatever the case;
        # "is it safe to pay here?": the safety section
        section = "contact" if _CONTACT.search(question) else "safety" if _SAFETY_WORD.search(question) else None
        if section:
            hits = [(s, d) for s, d in hits if section in s.title.lower()] or hits
        best = hits[0][0]
        return f"{best.title}: {best.text}", [best.id]
