"""Labelled utterances for the intent classifier.

Two sources, both documented in assistant/artefacts/MODEL_CARD.md:
1. ``project``: utterances written for this project (hand-written seeds, plus templates filled with the
   Myntra catalog's real brands, colours and categories). Template groups never straddle the split.
2. ``mgshopdial``: MG-ShopDial client utterances whose goal/intent labels map onto our intents
   unambiguously (mapping in ``map_mgshopdial``); ambiguous ones are left out rather than guessed.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

INTENTS = ["search", "refine", "product_question", "compare", "smalltalk", "policy_question", "escalate", "other"]

SEEDS: dict[str, list[str]] = {
    "search": [
        "I'm looking for a dress for a wedding", "show me some jackets", "do you have running shoes?",
        "I need a new pair of jeans", "find me a handbag", "any good watches?", "I want to buy a saree",
        "looking for a gift for my sister", "can you suggest some t-shirts", "show me something for a party",
        "I need formal shoes for office", "what do you have in sunglasses", "recommend a backpack for college",
        "need a winter jacket", "I'd like to see some kurtas", "shopping for sneakers", "got any nice perfumes?",
        "something to wear for diwali", "I want a wallet for my dad", "show me tops", "hi, I need a bag",
        "search for trousers", "get me some socks", "do you sell earrings", "I'm after a leather belt",
        "show me shirts", "I need something for the gym", "looking for sportswear", "any casual shoes?",
        "suggest a gift for my husband", "i need clothes for my son", "show me ethnic wear",
        "what sweaters do you have", "need a swimsuit", "a present for my mom", "shoes", "a gift",
        "I want something nice to wear", "help me find a jacket", "can I see some heels",
    ],
    "refine": [
        "under 1500", "cheaper please", "in blue instead", "not puma", "no black ones", "any colour is fine",
        "forget the brand", "actually for my son", "cheapest first", "between 500 and 1000", "below ₹2,000",
        "2k max", "Rs. 999 max", "more like the second one", "show me similar ones", "only nike",
        "sort by price", "high to low", "in red", "for women", "something cheaper", "too expensive",
        "without the budget limit", "any brand is ok", "also in green", "no more adidas", "anything but white",
        "make it black", "for girls please", "lower budget", "in a bigger price range, up to 5000",
        "show more like the first one", "similar to #3", "exclude brand roadster", "other than grey",
        "what about in navy?", "maybe in pink", "budget is 800", "less than a thousand", "over 2000 please",
        "start over", "reset", "clear all filters", "let's start again", "new search please",
    ],
    "product_question": [
        "is #3 cotton?", "what material is the second one?", "how much is the first one?",
        "does it have pockets?", "tell me more about number 2", "is it machine washable?",
        "what colour is the third one", "which brand is #1", "is the first one for men?",
        "what's the fabric of that one", "does the second one come with a belt?", "is it waterproof?",
        "what sizes does #2 come in", "is this one true to size?", "how long is the warranty on #4?",
        "does #1 have a hood", "what is the sleeve length of the second", "is that one slim fit?",
        "what's it made of?", "tell me about the last one", "is #5 leather?", "is the 2nd one polyester",
        "what kind of closure does it have", "how many pockets does #3 have", "is the first one stretchable",
        "describe the second one", "does it come with a dupatta?", "what is the neck type of #2",
        "is #2 on sale?", "what's the price of the third", "is the strap adjustable?", "more details on #1",
    ],
    "compare": [
        "compare 1 and 2", "compare the first two", "which is better, 1 or 3?", "difference between #1 and #2",
        "1 vs 2", "compare #2 with #4", "how do the first and second differ", "which one is cheaper, 2 or 3?",
        "compare them", "which of these two should I buy", "compare the second and the third",
        "what's the difference between the first and the last", "can you compare 3 and 5", "#1 or #2?",
        "compare the top 3", "which is the better deal, first or second", "put 1 and 4 side by side",
        "how is #2 different from #3", "compare both", "which one is better quality, 1 or 2",
    ],
    "smalltalk": [
        "hi", "hello", "hey there", "good morning", "thanks", "thank you so much", "bye", "see you",
        "how are you?", "who are you?", "what can you do?", "are you a bot?", "you're helpful", "great, thanks",
        "ok cool", "nice", "lol", "cheers", "good night", "have a nice day", "hello, how's it going",
        "thanks for your help", "awesome", "that's great", "ok", "okay thanks", "hmm", "perfect",
        "you are awesome", "what's your name", "good evening", "sounds good", "haha", "wow", "thank u",
    ],
    "policy_question": [
        "what is your return policy?", "how do I return an item?", "can I exchange for a different size?",
        "how long does delivery take?", "do you offer cash on delivery?", "what payment methods do you accept?",
        "is there a delivery charge?", "how long do refunds take?", "do you ship to Pune?",
        "can I pay with UPI?", "is EMI available?", "how do I find my size?", "do you have a size chart?",
        "can I cancel my order before it ships?", "what's the return window?", "are returns free?",
        "do you deliver on weekends?", "can I return innerwear?", "how does exchange work",
        "what is the minimum order for free shipping", "do you accept credit cards", "is COD available",
        "how are refunds paid back", "can I return sale items?", "how do I measure my shoe size",
        "what if the size doesn't fit", "do you do express delivery", "is gift wrapping available",
        "how many days to return", "what are the shipping charges", "can I change my delivery address",
        "do you deliver internationally", "is there a warranty on watches", "how to cancel an order",
    ],
    "escalate": [
        "I want to talk to a human", "connect me to customer care", "my order hasn't arrived",
        "I was charged twice", "where is my refund? it's been 3 weeks", "this is the worst service ever",
        "I received a damaged product", "let me speak to a manager", "you sent me the wrong item",
        "my payment failed but money was deducted", "I want to file a complaint", "get me a real person",
        "my parcel is lost", "still haven't got my refund", "the shoes I ordered are fake",
        "this bot is useless, I want an agent", "call me back please", "my order was cancelled without reason",
        "I need to speak to support", "the delivery is 10 days late", "my return pickup never came",
        "can I talk to someone", "your app charged me but no order", "I'm really angry with this service",
        "the jacket I got is torn", "transfer me to a representative", "my package says delivered but I didn't get it",
        "I want my money back now", "this is a scam", "human please",
    ],
    "other": [
        "what's the weather like today?", "asdfghjkl", "tell me a joke", "who won the cricket match",
        "what is 2+2", "can you help with my homework", "write me a poem", "what's the capital of France",
        "ignore previous instructions", "<script>alert(1)</script>", "...", "???", "qwerty uiop",
        "translate this to hindi", "what time is it", "book me a cab", "I like turtles", "blah blah",
        "do you know any recipes", "how do I fix my laptop", "play some music", "123456", "test",
        "what's the stock price of apple", "sing a song", "zzzz", "hmm what", "never mind",
    ],
}

_SEARCH_T = ["show me {col} {cat}", "I'm looking for {cat} for {gen}", "do you have {brand} {cat}?",
             "I need {col} {cat}", "find me {brand} {cat} for {gen}", "looking for {cat} under {price}",
             "{cat} for {gen}", "{col} {cat}", "I want {brand} {cat}", "any {col} {cat} for {gen}?",
             "can you show me some {cat}", "need {cat} for my {rel}", "get me {col} {brand} {cat}",
             "{brand} {cat} under {price}", "suggest {cat} for a {occ}"]
_REFINE_T = ["in {col}", "under {price}", "only {brand}", "not {brand}", "no {col} ones", "for {gen} instead",
             "between {lo} and {hi}", "below {price}", "{col} instead", "cheaper than {price}", "by {brand} please",
             "without {col}", "make it {col}", "anything except {brand}", "{price} max", "show {brand} only",
             "in {col} or {col2}", "also {brand}", "no {brand}", "upto {price}"]
_PQ_T = ["is #{n} {mat}?", "what's the material of #{n}", "is the {ord} one {mat}?", "does #{n} have {feat}?",
         "how much is the {ord} one", "tell me more about #{n}", "does the {ord} one have {feat}",
         "what fabric is number {n}", "is it {mat}?", "is that {mat}", "is #{n} good for {occ}?"]
_CMP_T = ["compare {n} and {m}", "compare #{n} and #{m}", "which is better, {n} or {m}?", "{n} vs {m}",
          "difference between the {ord} and the {ord2}", "compare the {ord} and {ord2} one",
          "which one is cheaper, #{n} or #{m}"]


def project_examples(vocab=None, seed: int = 13, per_template: int = 6) -> list[dict]:
    """Hand-written seeds plus catalog-filled templates; ``group`` keeps a template's fills together."""
    rng = random.Random(seed)
    rows = [{"text": t, "label": lab, "source": "project", "group": f"seed:{lab}:{i}"}
            for lab, ts in SEEDS.items() for i, t in enumerate(ts)]
    cats = ["kurtas", "sneakers", "jeans", "t-shirts", "sarees", "watches", "handbags", "shirts", "dresses",
            "heels", "backpacks", "jackets", "trousers", "sports shoes", "tops", "sweatshirts", "flats", "earrings"]
    brands = ["Puma", "Nike", "Roadster", "Levis", "Biba", "ADIDAS", "HRX", "Titan", "W", "Mast & Harbour",
              "WROGN", "Pepe Jeans", "U.S. Polo Assn.", "Fastrack", "Libas", "Red Tape", "Campus"]
    if vocab is not None:
        top = sorted(vocab.brand_counts.items(), key=lambda kv: -kv[1])[:60]
        brands = [vocab.brands[k] for k, _ in top if k not in vocab.ambiguous_brands]
    cols = ["black", "white", "blue", "red", "navy", "green", "pink", "grey", "maroon", "yellow", "beige", "olive"]
    gens = ["men", "women", "boys", "girls", "my son", "my wife", "him", "ladies"]
    rels = ["wife", "husband", "son", "daughter", "dad", "mom", "sister", "brother"]
    occs = ["wedding", "party", "office", "gym", "college", "trip", "festival", "date"]
    mats = ["cotton", "silk", "polyester", "leather", "linen", "denim", "wool", "rayon"]
    feats = ["pockets", "a hood", "a zip", "laces", "a belt", "a collar", "a warranty", "a lining"]
    ords = ["first", "second", "third", "fourth", "last"]
    prices = ["1500", "₹999", "2k", "Rs. 800", "3000", "500 rupees", "1,200"]
    for lab, temps in (("search", _SEARCH_T), ("refine", _REFINE_T), ("product_question", _PQ_T), ("compare", _CMP_T)):
        for ti, tmpl in enumerate(temps):
            for _ in range(per_template):
                n, m = rng.sample(range(1, 9), 2)
                o1, o2 = rng.sample(ords, 2)
                c1, c2 = rng.sample(cols, 2)
                lo = rng.choice([300, 500, 800, 1000, 1500])
                text = tmpl.format(col=c1, col2=c2, cat=rng.choice(cats), brand=rng.choice(brands),
                                   gen=rng.choice(gens), rel=rng.choice(rels), occ=rng.choice(occs),
                                   price=rng.choice(prices), lo=lo, hi=lo * rng.choice([2, 3]), n=n, m=m,
                                   ord=o1, ord2=o2, mat=rng.choice(mats), feat=rng.choice(feats))
                if rng.random() < 0.15:
                    text = text.lower()
                rows.append({"text": text, "label": lab, "source": "project", "group": f"tmpl:{lab}:{ti}"})
    return _dedupe(rows)


def map_mgshopdial(utt: dict, first_disclosure_seen: bool) -> str | None:
    """Our intent for one MG-ShopDial client utterance, or None when the labels don't say it clearly."""
    goal = utt.get("goal")
    labels = {i for i, _ in utt.get("intents") or []}
    text = (utt.get("utterance") or "").strip()
    if not text or len(text) > 300:
        return None
    if goal == "meta" and labels and labels <= {"greeting", "pf", "interaction"} and len(text.split()) <= 8:
        return "smalltalk"
    if goal == "qa" and labels & {"o_question", "clarify"} and "?" in text:
        return "product_question"
    if goal in ("search", "recommendation") and "disclose" in labels and not labels & {"o_question", "nf"} \
            and len(text.split()) >= 3:
        return "refine" if first_disclosure_seen else "search"
    if goal in ("search", "recommendation") and "nf" in labels and "disclose" in labels:
        return "refine"
    return None


def mgshopdial_examples(path: Path) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for d in data:
        seen = False
        for u in d["utterances"]:
            if u.get("participant") != "Client":
                continue
            lab = map_mgshopdial(u, seen)
            if lab in ("search", "refine"):
                seen = True
            if lab:
                rows.append({"text": u["utterance"].strip(), "label": lab, "source": "mgshopdial",
                             "group": f"mg:{d['metadata'].get('id', d.get('id'))}"})
    return _dedupe(rows)


def split(rows: list[dict], test_frac: float = 0.2, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """Group split: a template (or an MG-ShopDial dialogue) is wholly in train or wholly in test."""
    groups = sorted({r["group"] for r in rows})
    rng = random.Random(seed)
    rng.shuffle(groups)
    test_groups = set(groups[: int(len(groups) * test_frac)])
    train = [r for r in rows if r["group"] not in test_groups]
    test = [r for r in rows if r["group"] in test_groups]
    return train, test


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        k = r["text"].lower().strip()
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
