"""When to hand a conversation to a person, and how urgent it is.

Exact rules, tuned for precision: a generic policy question ("what is your return policy?") must stay
with the bot, while a first-person problem with an order, payment, refund or delivery goes to an agent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.vocab import expand_shorthand

_HUMAN = re.compile(
    r"\b(human|real\s+person|live\s+(?:agent|person|chat|support)|(?:an?\s+|the\s+)?agent|representative|rep\b|"
    r"customer\s+(?:care|service|support|executive)|support\s+(?:team|staff|person)|call\s+centre|call\s+center|"
    r"manager|supervisor|somebody\s+real|someone\s+real|actual\s+person|speak\s+to\s+(?:someone|somebody|a\s+person)|"
    r"talk\s+to\s+(?:someone|somebody|a\s+person|people)|(?:speak|talk|chat)\s+with\s+(?:someone|somebody|a\s+person|your\s+team)|"
    r"someone\s+from\s+(?:your|the)\s+(?:team|company|store)|someone\s+who\s+can\s+(?:actually\s+|really\s+)?help|"
    r"(?:an?\s+)?(?:executive|associate)|live\s+chat|real\s+human|actual\s+human|contact\s+(?:number|details|no)|email\s+(?:id|address)\s+(?:of|for)\s+support|call\s+me(?:\s+back)?|phone\s+(?:me|number|support)|helpline|"
    r"not\s+a\s+(?:bot|robot|machine)|stop\s+being\s+a\s+bot|transfer\s+me|connect\s+me|escalate|raise\s+a\s+(?:ticket|complaint)|"
    r"file\s+a\s+complaint|(?:want|need|like)\s+to\s+complain|register\s+a\s+complaint|lodge\s+a\s+complaint|open\s+a\s+ticket)\b",
    re.I,
)
_HUMAN_ASK = re.compile(r"\b(talk|speak|chat|connect|transfer|put\s+me|get\s+me|want|need|give\s+me|let\s+me|can\s+i|"
                        r"i'?d\s+like|please|escalate|call|contact|reach|is\s+there|number|email|phone|whatsapp|could\s+you|can\s+you|"
                        r"would\s+you|for\s+me)\b", re.I)
_ANGER = re.compile(
    r"\b(worst|terrible|horrible|pathetic|useless|ridiculous|disgusting|awful|furious|angry|annoyed|frustrat\w*|"
    r"fed\s+up|cheated|scam\w*|fraud\w*|liars?|rubbish|garbage|trash|nonsense|stupid|idiot\w*|incompetent|"
    r"unacceptable|shameful|shame\s+on|wtf|damn|hell|crap|sh[i1]t\w*|f+u+c+k\w*|bloody|sucks?|hate\s+(?:this|you|your)|"
    r"never\s+(?:again|shopping|buying)|sue\s+you|consumer\s+(?:court|forum)|legal\s+action|rude|misbehav\w*|"
    r"abusive|unprofessional|harass\w*|disgusted|outrageous|hopeless|joke\s+of\s+a|dumb|moron\w*|brainless|clueless|"
    r"are\s+you\s+(?:deaf|blind|kidding|serious|mad|crazy)|how\s+many\s+times\s+(?:do|should|must|have)\s+i|"
    r"(?:i\s+)?(?:already\s+)?told\s+you\s+(?:already|before|twice|(?:\d+|two|three|many)\s+times)|waste\s+of\s+(?:my\s+)?time|"
    r"wasting\s+my\s+time|ruin(?:ed)?\s+(?:my|our|the)|spoilt\s+my|spoiled\s+my)\b",
    re.I,
)
_ORDER_OBJ = re.compile(r"\b(order\w*|parcel|package|shipment|delivery|delivered|courier|refund\w*|payment|paid|"
                        r"cashback|coupon|voucher|promo\s*code|account|login|log\s+in|app|checkout|cart|points|"
                        r"confirmation|return|pickup|debited|deducted|credited|box|reached\s+me|arrive[ds]?|dispatched|shipped|"
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
    r"complaint\s+about|messed\s+up|screwed\s+up|pending|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|shipped|dispatched|updated|applied|reflected|initiated|credited|refunded)(?:\s+yet)?|"
    r"has(?:n'?t|\s+not)\s+(?:updated|moved|changed|shipped)|no\s+(?:update|updates|tracking|confirmation|money)|"
    r"cancel+ed\s+(?:automatically|on\s+its\s+own|for\s+no\s+reason)|auto[- ]?cancel\w*|"
    r"extra\s+(?:money|charges?|amount|cash)|overcharg\w*|asked\s+(?:me\s+)?for\s+(?:more|extra)|"
    r"did\s*n'?t\s+get|did\s+not\s+get|have\s*n'?t\s+got(?:ten)?|not\s+got|crash\w*|blocked|locked|error|"
    r"keeps?\s+\w+ing|does\s*n'?t\s+work|is\s*n'?t\s+working|not\s+working|stopped\s+working|"
    r"got\s+(?:debited|deducted|charged)|but\s+(?:got|received|you\s+sent|they\s+sent)|instead\s+of|"
    r"taking\s+(?:so|too|very)\s+long|(?:so|too)\s+long|(?:it'?s|its|it\s+has|it\s+is|been)\s+(?:already\s+)?(?:been\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|few|over\s+a)\s+(?:days?|weeks?|months?)|"
    r"since\s+(?:\d+|last|yesterday|a\s+week|two)\b|supposed\s+to\s+(?:come|arrive|reach|be\s+\w+)|nothing\s+yet|not\s+yet|"
    r"only\s+(?:one|\d+|half|some|part)\s+(?:of\s+them\s+|\w+\s+)?(?:arrived|came|delivered|received|reached)|"
    r"(?:not|n'?t)\s+(?:yet\s+)?reached|nobody\s+came|no\s*(?:one|-one)\s+came|cancel+ed\s+(?:every|again|multiple|twice|thrice)|"
    r"rescheduled|tamper\w*|(?:was|is|came)\s+empty|empty\s+(?:box|package|parcel)|(?:was|were|got)\s+charged|charged\s+(?:me|for)|"
    r"not\s+in\s+my\s+(?:account|bank)|shows?\s+(?:as\s+)?(?:completed|delivered|refunded|successful|credited)\s+but|"
    r"(?:has|have|did|does|is|was)\s*n'?t\s+(?:my|the|our|it|they)\s+(?:\w+\s+)?(?:come|came|arrived|arrive|been|reached|reach|"
    r"shipped|credited|delivered|processed|got)|hacked|unauthori[sz]ed|without\s+my\s+(?:permission|knowledge|consent)|wet|soaked|ruined|spoil(?:ed|t)|crushed|smashed)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(i|i'?ve|i'?m|my|me|we|our|us|mine)\b", re.I)
_ORDER_ID = re.compile(r"\b(?:order|awb|tracking)\s*(?:id|no\.?|number|#)?\s*[:#]?\s*[A-Z0-9-]{5,}\b", re.I)
_NEG_FEEDBACK = re.compile(
    r"\b(none\s+of\s+(?:these|them|those)|not\s+what\s+i\s+(?:want|asked|need|meant|am\s+looking)|not\s+helpful|"
    r"doesn'?t\s+help|you\s+(?:don'?t|do\s+not)\s+understand|that'?s\s+not\s+it|wrong\s+(?:results|products|items)|"
    r"irrelevant|nothing\s+useful|still\s+not\s+right|not\s+(?:right|relevant)|useless\s+results|try\s+again|"
    r"not\s+what\s+i'?m\s+(?:looking|searching)|not\s+(?:looking|searching)\s+for\s+(?:these|this|that|those)|"
    r"nothing\s+(?:good|nice|suitable|relevant|i\s+(?:like|want))|(?:don'?t|do\s+not|didn'?t)\s+like\s+(?:any|these|those|them|this|it)|"
    r"not\s+(?:these|this|those|it|quite|good|great|really)\b(?!\s+(?:colou?r|brand|one|ones|size|in\b))|"
    r"(?:these|those|they|this|that)(?:\s+(?:are|is|r|look|looks))?\s+(?:not|aren'?t|isn'?t|don'?t\s+look)\s+(?:it|right|good|nice|great|what)|"
    r"still\s+(?:not|nothing|no\s+good|bad|wrong)|bad\s+(?:results|options|suggestions|matches)|no\s+good|nope|nah|meh|"
    r"not\s+impressed|none\s+(?:work|fit|suit)|these\s+(?:are\s+)?(?:bad|awful|ugly|boring))\b",
    re.I,
)


# Hypotheticals and how-questions are policy questions, not problems ("what if my order is late?").
_HYPOTHETICAL = re.compile(r"^\s*(?:what\s+if|if|in\s+case|suppose|supposing|what\s+happens|how\s+(?:do|can|long|many|much|to)|"
                           r"can\s+i|could\s+i|may\s+i|do\s+you|does|is\s+(?:it|there)|are\s+(?:returns|refunds))\b", re.I)
_HYPOTHETICAL_ANY = re.compile(r"\b(?:what\s+if|in\s+case|what\s+happens\s+if|what\s+(?:do|should|can|would)\s+i\s+do\s+if|"
                               r"suppose|supposing|hypothetically)\b", re.I)
_QUESTION_START = re.compile(r"^\s*(?:how|what|when|which|can|could|may|do|does|is|are|will|would|should)\b", re.I)
# A specific past purchase: "i bought", "the kurta i got", "my order", "received a used product".
_PURCHASE = re.compile(
    r"\b(?:i|we)\s+(?:have\s+|had\s+|just\s+|recently\s+|already\s+)?(?:bought|ordered|purchased|received|recieved|got|"
    r"was\s+sent|paid(?:\s+for)?)\b|"
    r"\b(?:my|our)\s+(?:order|purchase|parcel|package|delivery|shipment)\b|^\s*(?:received|recieved|got)\b|"
    r"\bmy\s+\w+(?:\s+\w+)?\s+(?:came|arrived|was\s+delivered|got\s+delivered|has\s+arrived)\b|"
    r"\b(?:bought|ordered|purchased|delivered)\s+(?:it\s+|them\s+)?(?:from\s+you|last|yesterday|on|\d|a\s+few|few|two|this|earlier)|"
    r"\b(?:you|you\s+guys|they|seller|store|courier|brand)\s+(?:have\s+|has\s+)?(?:sent|delivered|shipped|gave)\b", re.I)
_DEFECT = re.compile(
    r"\b(broke|broken|torn|tore|ripped|cracked|crack|scratch(?:ed|es)?|dent(?:ed)?|damaged|defective|faulty|stain(?:ed|s)?|"
    r"dirty|faded|fading|shrunk|shrank|came\s+(?:off|apart|out|loose|open)|fell\s+apart|falling\s+apart|peel(?:ed|ing)|"
    r"stopped\s+working|does\s*n'?t\s+work|not\s+working|leak(?:s|ed|ing)|smell(?:s|y)?|holes?|loose\s+threads?|"
    r"used|old\s+stock|fake|duplicate|counterfeit|first\s+copy|wrong|different|too\s+(?:small|big|tight|loose|short|long)|"
    r"(?:does|do)\s*n'?t\s+fit|not\s+fitting|missing|blisters?|(?:bad|poor|cheap|low|pathetic|worst)\s+quality|"
    r"quality\s+is\s+(?:bad|poor|pathetic|terrible|horrible|very\s+bad|not\s+good|worst)|someone\s+else'?s|somebody\s+else'?s|"
    r"not\s+mine|(?:sizes?\s+)?(?:smaller|bigger|larger|tighter|looser|shorter|longer)\s+than|tamper\w*|empty|instead\s+of|"
    r"wet|soaked|ruined|spoil(?:ed|t)|crushed|smashed)\b", re.I)
_DISSATISFIED = re.compile(
    r"\b(disappointed|disappointing|dissatisfied|unhappy|not\s+(?:at\s+all\s+)?(?:happy|satisfied|pleased)|upset|regret\w*|"
    r"let\s+down|not\s+worth|waste\s+of\s+money|bad\s+experience|poor\s+(?:service|experience))\b", re.I)
# Past-tense damage reports are post-purchase by themselves ("the zip broke on day one").
_DEFECT_EVENT = re.compile(
    r"\b(broke|tore|cracked|shrunk|shrank|came\s+(?:off|apart|loose)|fell\s+apart|stopped\s+working|peeled|"
    r"started\s+(?:peeling|fading|tearing|breaking)|(?:colou?r|it|they|print)\s+(?:has\s+|have\s+)?(?:faded|ran|bled)|"
    r"faded\s+after|(?:different|differs)\s+from\s+(?:the\s+|what\s+(?:was\s+)?)?(?:photo|picture|image|pic|website|description|shown)|"
    r"not\s+as\s+(?:shown|described|pictured|in\s+the\s+(?:photo|picture))|looks?\s+nothing\s+like)\b", re.I)
# Help with a specific order, or money back: the bot cannot act on orders.
_ORDER_HELP = re.compile(
    r"\b(?:help|issue|problem|query|question|concern|complaint|trouble)\s+(?:with|about|regarding|related\s+to|on)\s+"
    r"(?:my|the|an?)\s+(?:order|refund|return|payment|delivery|account|parcel|package|shipment|exchange|purchase)|"
    r"(?:check|know|what'?s|where'?s|track)\s+(?:the\s+)?(?:status\s+of\s+)?my\s+(?:order|refund|return|parcel|package|shipment|exchange)|"
    r"my\s+(?:order|refund|return|exchange)\s+status|(?:my|the)\s+money\s+back|refund\s+me\b|want\s+(?:a|my)\s+refund", re.I)
_ORDER_ACTION = re.compile(
    r"\b(?:i\s+(?:want|need|would\s+like|wanna)|i'?d\s+like|please|help\s+me|want\s+to|need\s+to)\b.*"
    r"\b(?:refund|return|replace(?:ment)?|exchange|cancel)\b", re.I)
_COMPLAINT_TARGET = re.compile(r"\b(you|your|this|these|service|site|website|app|bot|experience|company|store|platform|"
                               r"support|team|delivery|courier|quality|product|guys|people|myntra)\b", re.I)


@dataclass(slots=True)
class Escalation:
    reason: str  # human_request | complaint | order_problem | repeated_failure
    priority: str  # high | normal
    evidence: str


def detect(text: str) -> Escalation | None:
    """Escalation reason for one message, or None. Repeated failure is decided by the caller's counter."""
    t = expand_shorthand(text).strip()
    if not t:
        return None
    order_problem = bool(_ORDER_OBJ.search(t)) and bool(_PROBLEM.search(t)) and (
        bool(_FIRST_PERSON.search(t)) or bool(_ORDER_ID.search(t)))
    anger = _ANGER.search(t)
    shouting = sum(ch.isupper() for ch in t) >= 12 and sum(ch.isupper() for ch in t) > 0.6 * sum(ch.isalpha() for ch in t)
    hypothetical = bool(_HYPOTHETICAL.search(t) or _HYPOTHETICAL_ANY.search(t))
    order_problem = order_problem and not (hypothetical and not _ORDER_ID.search(t))
    if not order_problem and _ORDER_OBJ.search(t) and _PROBLEM.search(t) and not hypothetical and not _QUESTION_START.search(t):
        order_problem = True  # "order not delivered yet", "refund pending since 2 weeks": a report, not a question
    if order_problem:
        pri = "high" if anger or shouting or re.search(r"\b(twice|double|fraud|scam|money|charged|deducted|debited)\b", t, re.I) else "normal"
        return Escalation("order_problem", pri, _PROBLEM.search(t).group(0))
    purchase = _PURCHASE.search(t)
    if not hypothetical and ((purchase and (_DEFECT.search(t) or _DISSATISFIED.search(t) or _ORDER_ACTION.search(t)))
                             or _DEFECT_EVENT.search(t)):
        ev = _DEFECT.search(t) or _DISSATISFIED.search(t) or _DEFECT_EVENT.search(t) or _ORDER_ACTION.search(t)
        return Escalation("order_problem", "high" if anger or shouting else "normal", ev.group(0))
    human = _HUMAN.search(t)
    if human and (_HUMAN_ASK.search(t) or len(t.split()) <= 4) and not re.search(
            r"\b(?:if\s+(?:needed|required|necessary)|later\s+on|in\s+(?:the\s+)?future)\b", t, re.I):
        # "customer care number?" is also a request for a person; "agent" in "agent provocateur" is not a word here
        return Escalation("human_request", "high" if anger else "normal", human.group(0))
    help_req = _ORDER_HELP.search(t)
    if help_req and not hypothetical:
        return Escalation("order_problem", "normal", help_req.group(0))
    if anger and (_FIRST_PERSON.search(t) or _COMPLAINT_TARGET.search(t)):
        return Escalation("complaint", "high", anger.group(0))
    dis = _DISSATISFIED.search(t)
    if dis and not hypothetical and re.search(r"\b(service|experience|quality|product|purchase|order|delivery|support|you|your)\b", t, re.I):
        return Escalation("complaint", "normal", dis.group(0))
    quality = re.search(r"\b(?:(?:bad|poor|pathetic|worst|low)\s+quality|quality\s+is\s+(?:bad|poor|pathetic|terrible|"
                        r"horrible|very\s+bad|not\s+good|worst))\b", t, re.I)
    if quality and not hypothetical and not _QUESTION_START.search(t):
        return Escalation("complaint", "normal", quality.group(0))
    if shouting and re.search(r"!{2,}", t):
        return Escalation("complaint", "high", "shouting")
    return None


def is_negative_feedback(text: str) -> bool:
    return bool(_NEG_FEEDBACK.search(expand_shorthand(text)))
