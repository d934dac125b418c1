"""When to hand a conversation to a person, and how urgent it is.

Exact rules, tuned for precision: a generic policy question ("what is your return policy?") must stay
with the bot, while a first-person problem with an order, payment, refund or delivery goes to an agent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HUMAN = re.compile(
    r"\b(human|real\s+person|live\s+(?:agent|person|chat|support)|(?:an?\s+|the\s+)?agent|representative|rep\b|"
    r"customer\s+(?:care|service|support|executive)|support\s+(?:team|staff|person)|call\s+centre|call\s+center|"
    r"manager|supervisor|somebody\s+real|someone\s+real|actual\s+person|speak\s+to\s+(?:someone|somebody|a\s+person)|"
    r"talk\s+to\s+(?:someone|somebody|a\s+person|people)|call\s+me(?:\s+back)?|phone\s+(?:me|number|support)|helpline|"
    r"not\s+a\s+(?:bot|robot|machine)|stop\s+being\s+a\s+bot|transfer\s+me|connect\s+me|escalate|raise\s+a\s+(?:ticket|complaint)|"
    r"file\s+a\s+complaint|(?:want|need|like)\s+to\s+complain|register\s+a\s+complaint|lodge\s+a\s+complaint|open\s+a\s+ticket)\b",
    re.I,
)
_HUMAN_ASK = re.compile(r"\b(talk|speak|chat|connect|transfer|put\s+me|get\s+me|want|need|give\s+me|let\s+me|can\s+i|"
                        r"i'?d\s+like|please|escalate|call|contact|reach)\b", re.I)
_ANGER = re.compile(
    r"\b(worst|terrible|horrible|pathetic|useless|ridiculous|disgusting|awful|furious|angry|annoyed|frustrat\w*|"
    r"fed\s+up|cheated|scam\w*|fraud\w*|liars?|rubbish|garbage|trash|nonsense|stupid|idiot\w*|incompetent|"
    r"unacceptable|shameful|shame\s+on|wtf|damn|hell|crap|sh[i1]t\w*|f+u+c+k\w*|bloody|sucks?|hate\s+(?:this|you|your)|"
    r"never\s+(?:again|shopping|buying)|sue\s+you|consumer\s+(?:court|forum)|legal\s+action)\b",
    re.I,
)
_ORDER_OBJ = re.compile(r"\b(order\w*|parcel|package|shipment|delivery|delivered|courier|refund\w*|payment|paid|"
                        r"charged|charge|money|amount|transaction|upi|card|wallet\s+balance|return\s+pickup|pickup|"
                        r"replacement|exchange\s+request|invoice|tracking|otp|received|ordered|bought|purchased|got)\b", re.I)
_PROBLEM = re.compile(
    r"\b(not\s+(?:yet\s+)?(?:received|arrived|delivered|come|got|credited|refunded|processed|working|showing|picked)|"
    r"never\s+(?:arrived|came|received|delivered|got)|has(?:n'?t| not)\s+(?:arrived|come|been)|have(?:n'?t| not)\s+"
    r"(?:received|got|gotten|been)|didn'?t\s+(?:receive|arrive|come|get)|did\s+not\s+(?:receive|arrive|come|get)|"
    r"still\s+(?:not|no|waiting|haven'?t|hasn'?t|pending)|no\s+(?:refund|update|response|reply)|missing|lost|wrong|"
    r"damaged|broken|defective|torn|faulty|stained|fake|counterfeit|used\s+item|late|delayed|overdue|stuck|failed|"
    r"declined|deducted|debited|charged\s+(?:twice|double|two\s+times|extra|wrongly)|double\s+charged|twice|"
    r"cancel+ed\s+(?:without|by\s+you)|rejected|where\s+is\s+my|where'?s\s+my|what\s+happened\s+to\s+my|"
    r"wasn'?t\s+(?:delivered|refunded)|not\s+what\s+i\s+ordered|different\s+(?:item|product)|short\s+(?:delivered|shipped)|"
    r"can'?t\s+(?:track|cancel|return|pay)|unable\s+to\s+(?:track|cancel|return|pay)|problem\s+with|issue\s+with|"
    r"complaint\s+about|messed\s+up|screwed\s+up)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(i|i'?ve|i'?m|my|me|we|our|us|mine)\b", re.I)
_ORDER_ID = re.compile(r"\b(?:order|awb|tracking)\s*(?:id|no\.?|number|#)?\s*[:#]?\s*[A-Z0-9-]{5,}\b", re.I)
_NEG_FEEDBACK = re.compile(
    r"\b(none\s+of\s+(?:these|them|those)|not\s+what\s+i\s+(?:want|asked|need|meant|am\s+looking)|not\s+helpful|"
    r"doesn'?t\s+help|you\s+(?:don'?t|do\s+not)\s+understand|that'?s\s+not\s+it|wrong\s+(?:results|products|items)|"
    r"irrelevant|nothing\s+useful|still\s+not\s+right|not\s+(?:right|relevant)|useless\s+results|try\s+again)\b",
    re.I,
)


@dataclass(slots=True)
class Escalation:
    reason: str  # human_request | complaint | order_problem | repeated_failure
    priority: str  # high | normal
    evidence: str


def detect(text: str) -> Escalation | None:
    """Escalation reason for one message, or None. Repeated failure is decided by the caller's counter."""
    t = text.strip()
    if not t:
        return None
    order_problem = bool(_ORDER_OBJ.search(t)) and bool(_PROBLEM.search(t)) and (
        bool(_FIRST_PERSON.search(t)) or bool(_ORDER_ID.search(t)))
    anger = _ANGER.search(t)
    shouting = sum(ch.isupper() for ch in t) >= 12 and sum(ch.isupper() for ch in t) > 0.6 * sum(ch.isalpha() for ch in t)
    if order_problem:
        pri = "high" if anger or shouting or re.search(r"\b(twice|double|fraud|scam|money|charged|deducted|debited)\b", t, re.I) else "normal"
        return Escalation("order_problem", pri, _PROBLEM.search(t).group(0))
    human = _HUMAN.search(t)
    if human and (_HUMAN_ASK.search(t) or len(t.split()) <= 4):
        # "customer care number?" is also a request for a person; "agent" in "agent provocateur" is not a word here
        return Escalation("human_request", "high" if anger else "normal", human.group(0))
    if anger and (_FIRST_PERSON.search(t) or re.search(r"\b(you|your|this|these|service|site|app|bot)\b", t, re.I)):
        return Escalation("complaint", "high", anger.group(0))
    if shouting and re.search(r"!{2,}", t):
        return Escalation("complaint", "high", "shouting")
    return None


def is_negative_feedback(text: str) -> bool:
    return bool(_NEG_FEEDBACK.search(text))
