"""Rule-based constraint parser and state update.

``parse`` extracts what one message says (values grounded in the catalog vocabulary, negations, prices,
references, sort, removal, reset); ``apply`` folds it into the active constraints. Rules, not a model:
every value must be exact and explainable, and injected text has already been removed by ``text.clean``.
"""
from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass, field

from assistant.state import Constraints
from assistant.vocab import CATEGORY_FAMILIES, Vocabulary, expand_shorthand, norm_text
from retrieval.filters import norm_category

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "fifteen": 15, "twenty": 20, "twenty five": 25, "thirty": 30, "forty": 40, "fifty": 50,
              "a": 1, "an": 1}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
             "ninth": 9, "9th": 9, "tenth": 10, "10th": 10}
# Hinglish ordinals ("teesre wale ka fabric?", "pehla aur teesra compare karo")
_ORDINALS.update({w: n for n, ws in {
    1: "pehla pehli pahla pahli", 2: "doosra doosre doosri dusra dusre dusri", 3: "teesra teesre teesri tisra tisre tisri",
    4: "chautha chauthe chauthi chotha", 5: "paanchva paanchve paanchvi panchva panchve paanchwa panchwa"}.items()
    for w in ws.split()})

_CUR = r"(?:rs\.?|inr|₹|rupees)"
_AMT = r"(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*(k|thousand|lakh|lac|l)?(?:\b|(?=rs\b|inr\b|rupees\b|/-))"  # "999rs"
_NUM = rf"{_CUR}?\s*{_AMT}(?:\s*(?:{_CUR}|/-|bucks))?"
_NOT_PRICE_AFTER = re.compile(r"^\s*(?:%|percent|stars?|cm|mm|inch|inches|size|pack|pcs|pieces|ml|gb|years?|yrs?|"
                              r"months?|days?|weeks?|hours?|items?|results?|products?|options?|kg|g)\b", re.I)
_RANGE = re.compile(rf"(?:between|from|range(?:\s+of)?|in\s+the)?\s*{_NUM}\s*(?:-|–|to|and|se(?=\s*(?:rs\.?|inr|₹)?\s*\d[\d,]*(?:\.\d+)?\s*(?:k|thousand)?"
                    r"\s*(?:rs|/-)?\s*(?:ke\s+|ki\s+)?(?:beech|bich|bech|darmiyan|tak|range)))\s*" + _NUM, re.I)  # Hinglish "800 se 1500 ke beech/tak"
_MAX_BEFORE = re.compile(
    rf"(?:under|below|beneath|less\s+than|lesser\s+than|cheaper\s+than|lower\s+than|up\s*to|upto|within|"
    rf"max(?:imum)?(?:\s+of)?|at\s+most|not\s+more\s+than|no\s+more\s+than|not\s+over|not\s+above|not\s+exceeding|"
    rf"budget(?:\s+(?:is|of|:|=|to|till|upto|up\s+to|would\s+be|will\s+be|is\s+only|only))?|limit(?:\s+(?:is|of|to))?|"
    rf"(?:can|could|will|would|willing\s+to)\s+(?:only\s+)?(?:spend|pay|go)(?:\s+(?:up\s*to|upto|till|max))?|"
    rf"(?:cap|keep)\s+(?:it\s+)?(?:at|to)|"
    # moving the ceiling: "stretch it to 1999", "raise my budget to 3k", "bump it up to 2500", "increase the limit to 5000"
    rf"(?:stretch|increase|raise|extend|bump|push|take|move|lower|reduce|bring|drop|change|make)\s+(?:it|that|this|my\s+budget|the\s+budget|budget|the\s+limit|"
    rf"the\s+max|the\s+price|the\s+cap)?\s*(?:back\s+)?(?:up|down)?\s*to|"
    rf"(?:make|keep)\s+(?:it|that)|"
    rf"<=?|till|until|spend(?:\s+only)?|only\s+have|afford)\s*(?:of\s+)?{_NUM}", re.I)
# Hinglish puts the bound after the amount: "2000 ke andar / ke neeche / tak / se kam" (at most), "1500 se upar / se
# zyada / ke upar" (at least), "3000 ke aas paas" (around).
_HI_MAX = (r"(?:ke?\s+(?:andar|ander|andr|bhitar|neeche|niche|nichey|under|within)|tak|se\s+(?:kam|kum|neeche|niche|zyada\s+nahi\w*)|"
           r"se\s+(?:upar|uper|oopar|jyada|zada)\s+(?:nahi\w*|mat|na))")  # "3000 se upar nahi": not above 3000
_HI_MIN = r"(?:se\s+(?:upar|uper|oopar|zyada|jyada|zada|adhik)|ke\s+(?:upar|uper|oopar))(?!\s+(?:nahi|mat|na)\b)"
_MAX_AFTER = re.compile(rf"{_NUM}\s*(?:max(?:imum)?|or\s+less|or\s+under|or\s+below|and\s+below|and\s+under|tops|at\s+most|limit|"
                        rf"{_HI_MAX})\b", re.I)
_MIN_BEFORE = re.compile(
    rf"(?:over|above|more\s+than|greater\s+than|higher\s+than|at\s*least|min(?:imum)?(?:\s+of)?|starting\s+(?:at|from)|>=?)\s*{_NUM}", re.I)
# A negated bound flips: "nothing above 3000" is a ceiling, "nothing below 500" a floor.
_NEG_BOUND = r"(?:not|nothing|none|no(?:thing)?\s+(?:items?|products?|ones?)|don'?t\s+(?:show|want|need)(?:\s+(?:me\s+)?(?:anything|stuff|items|ones))?|never)\s+"
_NEG_MAX = re.compile(rf"(?:{_NEG_BOUND}|(?:if|when)\s+(?:i|we)\s+|(?:won'?t|can'?t|cannot|shouldn'?t)\s+)(?:(?:to\s+)?(?:spend|pay|go)\s+)?(?:priced\s+|costing\s+)?(?:above|over|more\s+than|beyond|exceeding|costlier\s+than|pricier\s+than|higher\s+than)\s*{_NUM}", re.I)
# "nothing under 1000 either??" asks whether there is any: the plain bound (under 1000), not its negation
_NEG_MIN = re.compile(rf"{_NEG_BOUND}(?:priced\s+|costing\s+)?(?:below|under|less\s+than|cheaper\s+than|lower\s+than)\s*{_NUM}"
                      rf"(?![\d,.])(?!\s*(?:either|too|as\s+well|at\s+all)?\s*\?|\s+either)", re.I)
_MIN_AFTER = re.compile(rf"{_NUM}\s*(?:\+|or\s+more|and\s+above|and\s+up|or\s+above|plus|{_HI_MIN})(?!\w)", re.I)
_AROUND = re.compile(rf"(?:(?:around|about|approx(?:imately)?\.?|roughly|near(?:ly)?|close\s+to|~|somewhere\s+(?:near|around)|"
                     rf"in\s+the\s+(?:region|ballpark)\s+of|ballpark|lagbhag|takriban|taqriban)\s*{_NUM}|"
                     rf"{_NUM}\s*(?:ke\s+(?:aas\s*paas|aspas|around)|ke\s+kareeb|ke\s+qareeb))", re.I)
# An amount of money already spent or taken is no budget ("charged a ₹99 fee", "paid ₹2,499 and got back ₹1,200").
_SPENT_BEFORE = re.compile(r"\b(?:charged|paid|deducted|debited|collected|billed|refunded|credited|lost|took|taken|got\s+back|"
                           r"returned|cut|fee|fine|penalty|cashback)\b[^.?!,]*$", re.I)
_SPENT_AFTER = re.compile(r"\s*(?:convenience\s+|delivery\s+|platform\s+|extra\s+|hidden\s+|cod\s+|late\s+|shipping\s+)?"
                          r"(?:fee|fees|charge|charges|fine|penalty|extra|more\s+than|was\s+(?:deducted|debited|charged|taken|cut)|"
                          r"(?:got\s+)?(?:deducted|debited|cut))\b", re.I)
_BARE_CUR = re.compile(rf"(?:{_CUR}\s*{_AMT})|(?:{_AMT}\s*(?:{_CUR}|/-|bucks))", re.I)
_WORD_AMOUNT = re.compile(r"\b(under|below|less than|within|upto|up to|max|above|over|more than|around|about)\s+"
                          r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+(hundred|thousand|grand|k)\b", re.I)

_SORT = [
    (re.compile(r"\b(most\s+expensive|highest\s+price|high\s+to\s+low|hi\s+to\s+lo(?:w)?|highest\s+(?:first|on\s+top)|costly\s+(?:ones\s+)?first|pric(?:ey|i)est|costliest|premium\s+first|"
                r"(?:expensive|pricey|pricier|costlier|premium)\s+(?:ones\s+|items\s+|stuff\s+)?(?:first|on\s+top)|"
                r"(?:costly|premium|mehe?n?ga|mehenge|mehngi|expensive)\s+(?:wal[aei]\s+|vale\s+|se\s+)(?:pehle|dikhao|upar|first)|descending|price\s+desc|sabse\s+(?:meh?enga|meh?enge|meh?engi|zyada\s+(?:price|daam|keemat))\b)", re.I), "price_desc"),
    (re.compile(r"\b(cheapest|lowest\s+price|low\s+to\s+high|lo(?:w)?\s+to\s+hi(?:gh)?|lowest\s+(?:first|on\s+top)|increasing\s+(?:order\s+of\s+)?price|least\s+expensive|cheap(?:er)?\s+(?:ones\s+)?first|"
                r"ascending|sort\w*\s+(?:them\s+|it\s+)?by\s+price|price\s+asc|order\s+by\s+price|budget\s+first|"
                r"sabse\s+(?:sast[aei]|kam\s+(?:price|daam|dam|keemat|kimat))\b|sast[aei]\s+(?:wal[aei]\s+)?(?:pehle|upar)\b)", re.I), "price_asc"),
    (re.compile(r"\b(sort\w*\s+by\s+(?:popularity|popular|recommended|rating)|recommended\s+first|popular\s+first|sort\w*\s+by\s+relevance|most\s+relevant|best\s+match(?:es)?(?:\s+first)?|default\s+order|by\s+relevance|(?:normal|usual|original|default|regular)\s+(?:relevance\s+)?(?:order|sort\w*)|relevance\s+(?:order|sort\w*)|"
                r"(?:back\s+to|go\s+back\s+to)\s+(?:the\s+)?relevance|unsort)", re.I), "relevance"),
]
_CHEAPER = re.compile(r"\b(cheaper|less\s+expensive|lower\s+price[sd]?|more\s+affordable|too\s+(?:expensive|costly|pricey|much)|"
                      r"bit\s+less|something\s+less\s+pricey|lower\s+budget|reduce\s+the\s+budget|over\s+my\s+budget|"
                      # Hinglish: "kuch sasta dikhao", "aur sasta", "thoda kam price wala", "bahut mehenga hai"
                      r"(?<!sabse\s)sast[aei]|(?<!sabse\s)kam\s+(?:price|daam|dam|keemat|kimat)|(?:bahut|bohot|bohat|zyada|jyada|thoda)\s+"
                      r"meh?eng[aei])\b", re.I)
_RESET = re.compile(r"\b(start\s+(?:over|again|afresh|fresh)|reset|clear\s+(?:all|everything|the\s+filters|filters|my\s+filters)|"
                    r"new\s+search|from\s+scratch|scratch\s+(?:all\s+(?:of\s+)?)?(?:that|this|everything)|forget\s+(?:all|everything)(?:\s+(?:of\s+)?(?:that|this))?|restart|"
                    r"(?:scrap|ditch|drop|wipe|clear)\s+(?:all|everything)(?:\s+(?:of\s+)?(?:that|this))?|clean\s+slate|"
                    r"remove\s+all\s+(?:the\s+)?filters|begin\s+(?:again|afresh)|sab\s+(?:clear|hatao|saaf|reset)\s*(?:karo|kar\s+do|kardo)?|"
                    r"shuru\s+se\s+(?:karte|karo|karein|kar))\b", re.I)
_ADDITIVE = re.compile(r"\b(also|too|as\s+well|in\s+addition|plus|either)\b|\bor\b|"
                       r"(?<!koi\s)(?<!kuch\s)(?<!kisi\s)(?<!kabhi\s)\bbhi\b(?!\s+(?:nahi|nahin|mat))", re.I)  # "orange bhi chalega"
_SWITCH = re.compile(r"\b(instead|actually|rather|what\s+about|how\s+about|switch\s+to|change\s+(?:it\s+)?to|"
                     r"(?:go|going|come|coming|get|switch)\s+back\s+to|back\s+to\s+(?:the|those|these)|"
                     r"same\s+(?:but|in)|make\s+it|now\s+in|but\s+in|only\s+in|in\s+\w+\s+please)\b", re.I)
_NEW_SEARCH = re.compile(r"\b(looking\s+for|look\s+for|i\s+(?:want|need|would\s+like|d\s+like|'d\s+like)|show\s+me|"
                         r"do\s+you\s+(?:have|sell|stock)|find\s+me|search\s+for|get\s+me|buy|shopping\s+for|"
                         r"recommend|suggest|any\s+good|i\s+am\s+after|i'm\s+after)\b", re.I)
_MORE_LIKE = re.compile(r"\b(more\s+like|similar\s+to|something\s+like|like\s+(?:the|#|number|no)|others?\s+like|"
                        r"same\s+style|similar\s+ones?|more\s+of\s+(?:the|that|this))\b", re.I)
_ITEM_ALT = (r"(?:#\s*\d{1,2}|\d{1,2}|(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
             r"1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)(?:\s+one)?|(?:number|no\.?|item|option)\s*\d{1,2})")
_COMPARE = re.compile(r"\b(compare|comparison|versus|vs\.?|difference\s+between|differences|which\s+(?:one\s+)?is\s+(?:better|cheaper|best)|"
                      r"which\s+(?:of\s+(?:these|them|the\s+two)|one)\s+(?:should|would|is)|better\s*,?\s+(?:#?\d|the))\b|"
                      # "which of the first two is cheaper", "which one of the top 3 lasts longest": a choice among shown items
                      r"\bwhich\s+(?:one\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?:first|top|last)\s+(?:two|three|four|2|3|4)\b|"
                      r"\bwhich\s+(?:one\s+)?of\s+(?:(?:these|those)(?:\s+(?:two|three|2|3))?|them|the\s+two|the\s+three|both)\s+(?:ones?\s+)?"
                      r"(?:is|are|has|have|looks?|seems?|feels?|costs?|lasts?|would|should|will)\b|"
                      # "which is lighter, 1 or 2?", "the first or the third, which one lasts longer?": a choice between two items
                      rf"\bwhich\b[^.?!]{{0,50}}?\b{_ITEM_ALT}\s*(?:,\s*)?(?:or|vs\.?|and)\s+{_ITEM_ALT}"
                      r"(?!\s*(?:k\b|rs\b|inr\b|₹|rupees|thousand|options?\b|colou?rs?\b|sizes?\b|pieces?\b|items?\b))|"
                      rf"\b{_ITEM_ALT}\s*(?:or|vs\.?)\s+{_ITEM_ALT}\s*[,?:-]*\s*which\b", re.I)
_NEG_CUES = {"not", "no", "non", "without", "except", "excluding", "exclude", "avoid", "dont", "never", "nothing",
             "hate", "dislike", "skip", "minus", "neither", "nor", "but", "zzrem"}
_NEG_PHRASES = re.compile(r"\b(other\s+than|anything\s+but|any\s+(?:colou?rs?|brands?|shades?|one|ones)\s+(?:but|except(?:\s+for)?)(?!\s+(?:in|with|make|only|just))|"
                          r"except(?:\s+for)?|apart\s+from|not\s+a\s+fan\s+of|hates?|hated|dislikes?|can'?t\s+stand|don'?t\s+(?:really\s+|much\s+|quite\s+)?(?:like|want|show)|"
                          r"do\s+not\s+(?:really\s+|much\s+)?(?:like|want|show)|skip|avoid|no\s+more|none\s+of|not\s+into|allergic\s+to|tired\s+of|"
                          r"fed\s+up\s+with|stay\s+away\s+from|steer\s+clear\s+of|leave\s+out|rule\s+out)\b", re.I)
# Releasing a value ("doesn't have to be Lavie", "forget the puma filter") removes it from the wishes without
# excluding it; "remove/drop X" releases X when it is a wish, else excludes it (the shopper sees X and wants it gone).
_RELEASE_PHRASES = re.compile(
    r"\b(?:(?:does\s*n'?t|does\s+not|do\s*n'?t|do\s+not|need\s*n'?t|need\s+not)\s+(?:have|need)\s+to\s+be|not\s+necessarily|"
    r"no\s+need\s+(?:for|of)|forget\s+(?:about\s+)?(?:the\s+)?|ignore\s+(?:the\s+)?|never\s*mind\s+(?:the\s+)?|"
    r"not\s+(?:only|just)\s+(?=\w+\s+(?:is|are)\s+fine))", re.I)
_INSTEAD_OF = re.compile(r"\b(?:(?:instead|insted|instaed|instad|istead|insteed)\s+of|in\s+place\s+of|rather\s+than)\s+(?:the\s+)?", re.I)
_REMOVE_PHRASES = re.compile(r"\b(?:remove|drop|take\s+off|take\s+out|clear|delete|get\s+rid\s+of|cancel|scrap|ditch|undo)\s+(?:the\s+)?", re.I)
# Hinglish negation *before* the value ("nahi chahiye black", "mat dikhao puma wale"): it negates the values after it
# only when no value stands before it in the same clause ("black nahi chahiye, red dikhao" negates black only).
_PRE_NEG_HI = re.compile(r"\b(?:nahi+n?|nahin|nhi|mat)\s+(?:chahi?ye|chaiye|chahie|dikhao|dikhana|dikhaiye|dikha|bhejo|bhejna|"
                         r"lena|lao|mangta|mangti)\b", re.I)
_KURTA_SET = re.compile(r"\bkurta?s?\s+(?:with|and|&|n|plus)\s+(?:a\s+)?(?:pa[jy]amas?|palazzos?|churidars?|salwars?|"
                        r"trousers?|pants?|leggings?|dupattas?|skirts?|shararas?|bottoms?)\b", re.I)
_SCOPE_STOP = {"but", "instead", "rather", "just", "only", "prefer", "want", "like", "show", "give", "please", "need",
               "mean", "wait", "actually", "zzsep",
               # "a refund from HIM not you, men's sweatshirts": a negated person closes the scope
               "you", "u", "him"}
_SENTENCE_END = re.compile(r"(?<!\brs)(?<!\bno)(?<!\bnum)(?<!\bassn)(?<!\bco)(?<!\bltd)(?<!\binc)(?<!\bu\.s)[.!?;]+(?=\s|$)")
_CHAIN = {"or", "and", "nor", "either", "any", "ones", "one", "the", "a", "colour", "color", "brand", "stuff", "items",
          "products", "of", "from", "by", "in", "shade", "shades", "coloured", "colored", "things"}
_REMOVE_CUE = re.compile(r"\b(no|any|forget|remove|drop|clear|ignore|cancel|scrap|ditch|whatever|no\s+preference|not\s+fussy|don'?t\s+care|"
                         r"doesn'?t\s+matter|does\s+not\s+matter|not\s+important|no\s+matter|open\s+to\s+any|all|without\s+(?:a|the|any)|"
                         r"no\s+(?:limit|restriction|filter)|koi\s+bhi|kisi\s+bhi|(?:bhi\s+)?chalega|chalegi|chalenge)\b", re.I)  # Hinglish "koi bhi colour chalega"
_SLOT_WORDS = {
    "colors": re.compile(r"\b(colou?rs?|shades?)\b", re.I),
    "brands": re.compile(r"\b(brands?|labels?|makers?|makes?)\b", re.I),
    "price": re.compile(r"\b(price|prices|budget|cost|costs|price\s+(?:limit|range|filter|cap))\b", re.I),
    "gender": re.compile(r"\b(gender)\b", re.I),
    "category": re.compile(r"\b(category|type|kind)\b", re.I),
    "sort": re.compile(r"\b(sort(?:ing)?|order(?:ing)?)\b", re.I),
}
_REF_PATTERNS = [
    re.compile(r"#\s*(\d{1,2})\b"),
    re.compile(r"\b(?:number|no\.?|num|item|option|product|result|pick|choice)\s*#?\s*(\d{1,2})\b", re.I),
]
# "my first order", "the second time", "first salary": an ordinal of something other than a shown item
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# "i got them on the 2nd", "since the 3rd of march": a date, not a shown item
_DATE_BEFORE = re.compile(r"\b(?:on|by|since|till|until|before|after)\s+the\s+$")
_ITEM_AFTER = re.compile(r"\s+(?:one|ones|item|items|product|pair|option|piece|wala|wali)\b")
_ORD_RE = re.compile(r"(?<!\bmy\s)(?<!\bour\s)"
                     r"\b(" + "|".join(_ORDINALS) + r")\b(?!\s+(?:time|times|class|order|orders|purchase|"
                     r"visit|month|week|day|year|salary|birthday|anniversary|date|diwali|baby|child|job|wedding|trip|attempt|try)"
                     rf"|\s+(?:of\s+)?{_MONTHS}\b)", re.I)
_FIRST_N = re.compile(r"\b(?:first|top)\s+(two|three|four|2|3|4)\b", re.I)
_LAST_N = re.compile(r"\b(?:the\s+)?last\s+(two|three|2|3)\b(?!\s*(?:k\b|rs\b|days?|weeks?|months?|years?|times?|orders?))", re.I)
# "the last one" is a shown item; "the last parcel", "the last date to order", "last time" are not
_LAST = re.compile(r"\b(?:the\s+)?last\s+(?:one|item|option|product)\b|\bthe\s+last\b(?!\s+(?:parcel|package|order|orders|"
                   r"delivery|date|day|days|time|times|week|weeks|month|months|year|years|minute|moment|sale|season|festival|"
                   r"diwali|holi|christmas|eid|trip|visit|purchase|shipment|refund|return|exchange|wedding|birthday|party)\b)", re.I)
_PRONOUN = re.compile(r"\b(it|this\s+one|that\s+one|this|that|these|those|them|the\s+one)\b", re.I)
_BARE_INTS = re.compile(r"(?<![\d,.₹])\b(\d{1,2})\b(?![\d,.]|\s*(?:k|%|rs|inr|₹))", re.I)


@dataclass(slots=True)
class Parsed:
    tokens: list[str] = field(default_factory=list)
    category: str | None = None
    category_from_brand: bool = False  # read from the brand's name only ("Pepe Jeans"), no type word of its own
    negated_categories: list[str] = field(default_factory=list)
    gender: str | None = None
    gender_from_pronoun: bool = False  # "for her", "for him": the sex, not the age group
    colors: list[str] = field(default_factory=list)
    exclude_colors: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    price_min: float | None = None
    price_max: float | None = None
    cheaper: bool = False
    sort: str | None = None
    remove: set[str] = field(default_factory=set)
    reset: bool = False
    additive: bool = False
    switch: bool = False
    new_search_phrase: bool = False
    refs: list[int] = field(default_factory=list)  # 1-based positions in the last results; -1 = last, -2 = the one before
    pronoun: bool = False
    more_like: bool = False
    compare: bool = False
    terms: list[str] = field(default_factory=list)
    release: list[str] = field(default_factory=list)  # colour/brand values to drop from the wishes, never excluded
    remove_values: list[str] = field(default_factory=list)  # "remove X": released if X is a wish, else excluded
    matching: bool = False  # "and matching placemats": the new type keeps the colour
    keep_slots: set[str] = field(default_factory=set)  # "same colour and budget but shirts": kept across a new type
    activity_type: str | None = None  # "for running" names the type a generic "shoes" narrows to
    allow: dict[str, str] = field(default_factory=dict)  # "white is ok actually": value -> kind, no longer excluded

    def has_constraints(self) -> bool:
        return bool(self.category or self.gender or self.colors or self.exclude_colors or self.brands
                    or self.exclude_brands or self.price_min is not None or self.price_max is not None
                    or self.cheaper or self.sort or self.remove or self.reset or self.release or self.allow)

    def has_item_slots(self) -> bool:
        return bool(self.category or self.colors or self.brands or self.gender)


def _amount(num: str, unit: str | None) -> float | None:
    try:
        v = float(num.replace(",", ""))
    except ValueError:
        return None
    u = (unit or "").lower()
    if u in ("k", "thousand"):
        v *= 1000
    elif u in ("lakh", "lac", "l"):
        v *= 100000
    return v


_REJECTED_AMOUNT = re.compile(r"((?:₹|rs\.?\s*|inr\s*)?\d[\d,]*(?:\.\d+)?\s*k?)\s*(?:rs\.?|rupees|inr|bucks)?\s*"
                              r"(?:is|'s|was|seems|sounds|feels)\s+(?:way\s+|a\s+bit\s+|a\s+little\s+|bit\s+|kinda\s+|just\s+|far\s+)?"
                              r"too\s+(?:much|expensive|high|costly|steep|pricey|many)", re.I)

# "who pays 3k for a t-shirt": an amount scoffed at, no budget
_SCOFFED_AMOUNT = re.compile(r"\bwho\s+(?:(?:would|even|on\s+earth|in\s+their\s+right\s+mind)\s+)*(?:pays?|spends?|buys?\s+(?:\w+\s+){0,3}?(?:for|at))\s+"
                             r"((?:₹|rs\.?\s*|inr\s*)?\d[\d,]*(?:\.\d+)?\s*k?)", re.I)


# The shopper corrects a budget in the same message: "between 500 and 1000... actually make it 1500 max"
_CORRECTION = re.compile(r"(?:\.\.\.|[,.;!-])?\s*\b(?:actually|no\s+wait|wait|sorry|i\s+mean|scratch\s+that|or\s+rather|rather|"
                         r"nahi\s+nahi|no\s+no|nope)\b", re.I)


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "fifteen": 15, "twenty": 20, "ek": 1, "do": 2, "teen": 3, "char": 4, "paanch": 5, "panch": 5, "dus": 10,
                 "dedh": 1.5, "dhai": 2.5}
_WORD_NUMBER = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|ek|do|teen|char|paanch|panch|dus|"
                          r"dedh|dhai)\s+(hundred|thousand|hazaar|hazar|hajar|sau)\b", re.I)
_HAZAAR = re.compile(r"(\d+(?:\.\d+)?)\s*(?:hazaar|hazar|hajar|hazzar)\b", re.I)
# "hmm ok 1200?", "what about 1500": an amount alone is a budget
_BARE_AMOUNT = re.compile(r"^\W*(?:(?:hmm+|ok(?:ay)?|fine|alright|chalo|theek\s+hai|and|so|then|maybe|try|what\s+about|how\s+about)\W+)*"
                          r"(\d{3,6})\s*(?:rs|inr|rupees|/-)?(?:\W+(?:then|it\s+is|is\s+fine|will\s+do|tops|only|ok(?:ay)?|"
                          r"chalega|please|pls|plz|budget))*\W*$", re.I)


def _spell_amounts(text: str) -> str:
    """'five hundred' -> '500', 'two thousand' -> '2000', '2 hazaar' -> '2000', 'dedh hazaar' -> '1500'."""
    def word(m: re.Match) -> str:
        n = _NUMBER_WORDS[m.group(1).lower()] * (100 if m.group(2).lower() in ("hundred", "sau") else 1000)
        return str(int(n))
    text = _WORD_NUMBER.sub(word, text)
    # "one thousand five hundred" -> "1000 500" -> 1500
    text = re.sub(r"\b(\d+)000\s+(?:and\s+)?([1-9])00\b", lambda m: str(int(m.group(1)) * 1000 + int(m.group(2)) * 100), text)
    return _HAZAAR.sub(lambda m: str(int(float(m.group(1)) * 1000)), text)


def parse_price(text: str) -> tuple[float | None, float | None, set[tuple[int, int]]]:
    """(price_min, price_max, character spans used). Numbers need a price cue: "top 3" is no budget. A correction later
    in the message ("... actually make it 1500 max") replaces the bound it names and keeps the other."""
    text = _spell_amounts(text)
    bare = _BARE_AMOUNT.match(text)
    # a number alone ("12345") is no budget; with a word or a question mark around it ("hmm ok 1200?") it is
    if bare and 100 <= float(bare.group(1)) <= 100000 and (re.search(r"[a-z]", text, re.I) or "?" in text):
        return None, float(bare.group(1)), {bare.span(1)}
    cuts = [m for m in _CORRECTION.finditer(text) if m.start() > 0]
    if cuts:
        head, tail = text[:cuts[-1].start()], text[cuts[-1].end():]
        lo2, hi2, spans2 = _parse_price(tail)
        bare_tail = re.match(r"^\W*(\d[\d,]*(?:\.\d+)?)\s*(k)?\b", tail, re.I)
        if lo2 is None and hi2 is None and bare_tail:
            # "under 1000 nahi nahi 2000": the bare amount replaces the bound just named
            v = _amount(bare_tail.group(1), bare_tail.group(2))
            lo1, hi1, spans1 = _parse_price(head)
            if v is not None and v >= 50 and (lo1 is not None or hi1 is not None):
                return (lo1, v, spans1) if hi1 is not None else (v, None, spans1)
        if lo2 is not None or hi2 is not None:
            lo1, hi1, spans1 = _parse_price(head)
            lo = lo2 if lo2 is not None else lo1
            hi = hi2 if hi2 is not None else hi1
            if lo is not None and hi is not None and lo >= hi:
                lo, hi = (lo2, hi2) if lo2 is not None and hi2 is not None else ((None, hi) if hi2 is not None else (lo, None))
            off = cuts[-1].end()
            return lo, hi, spans1 | {(a + off, b + off) for a, b in spans2}
    return _parse_price(text)


def _parse_price(text: str) -> tuple[float | None, float | None, set[tuple[int, int]]]:
    t = text.lower().replace("₹ ", "₹")
    # an amount turned down ("2k is too much, make it 700") is no budget: blank it, keeping the offsets
    t = _REJECTED_AMOUNT.sub(lambda m: " " * len(m.group(1)) + m.group(0)[len(m.group(1)):], t)
    t = _SCOFFED_AMOUNT.sub(lambda m: m.group(0)[:m.start(1) - m.start()] + " " * len(m.group(1)), t)
    spans: set[tuple[int, int]] = set()
    lo = hi = None

    def ok(m: re.Match, end_group_end: int) -> bool:
        return not _NOT_PRICE_AFTER.match(t[end_group_end:])

    m = _WORD_AMOUNT.search(t)
    if m:
        base = _NUM_WORDS.get(m.group(2).lower(), 1) * (100 if m.group(3).lower() == "hundred" else 1000)
        cue = m.group(1).lower()
        if cue in ("above", "over", "more than"):
            lo = base
        elif cue in ("around", "about"):
            lo, hi = math.floor(base * 0.8), math.ceil(base * 1.2)
        else:
            hi = base
        spans.add(m.span())
        return lo, hi, spans
    for m in _RANGE.finditer(t):
        a, b = _amount(m.group(1), m.group(2)), _amount(m.group(3), m.group(4))
        # "1 and 2" or "2 to 3" are references; a price range has a cue or amounts of at least 50
        cue = bool(re.match(r"\s*(between|from|range|in\s+the)", m.group(0))) or bool(re.search(_CUR, m.group(0))) \
            or bool(re.search(r"\dk?\s*se\s", m.group(0)))
        if m.group(2) and not m.group(4) and b is not None and b < 100:  # "1k-2" means 1k-2k
            b = _amount(m.group(3), m.group(2))
        if m.group(4) and not m.group(2) and a is not None and a < 100:  # "2-3k" means 2k-3k
            a = _amount(m.group(1), m.group(4))
        if a is None or b is None or not ok(m, m.end()):
            continue
        conn_and = bool(re.search(r"\d\s*(?:k|thousand)?\s*(?:rs|inr|₹)?\s*and\s", m.group(0)))
        if conn_and and not re.search(r"between|range", m.group(0)):
            continue  # "1 and 2" is a reference list
        if min(a, b) >= 50 or (cue and max(a, b) >= 50):
            lo, hi = min(a, b), max(a, b)
            spans.add(m.span())
            return lo, hi, spans
    for rx, kind in ((_NEG_MAX, "max"), (_NEG_MIN, "min"), (_MAX_BEFORE, "max"), (_MAX_AFTER, "max"), (_MIN_BEFORE, "min"),
                     (_MIN_AFTER, "min"), (_AROUND, "around")):
        for m in rx.finditer(t):
            if any(m.start() < s[1] and m.end() > s[0] for s in spans):
                continue  # "around 900 max": the bound already read
            num, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))  # "_AROUND": before or after
            v = _amount(num, unit)
            if v is None or not ok(m, m.end()) or (v < 50 and not unit):
                continue
            if kind == "max":
                hi = v
            elif kind == "min":
                lo = v
            elif re.search(r"\bwithin\s+(?:that|the|this|my|our)\s+(?:budget|amount|limit)|\bnot\s+more\b|\bmax(?:imum)?\b|"
                           r"\bcan'?t\s+go\s+(?:above|over|beyond)", t):
                hi = v  # "about 2500 total ... sarees within that budget": a ceiling
            else:
                lo, hi = math.floor(v * 0.8), math.ceil(v * 1.2)
            spans.add(m.span())
    if lo is None and hi is None:
        m = next((m for m in _BARE_CUR.finditer(t) if not _SPENT_BEFORE.search(t[max(0, m.start() - 30):m.start()])
                  and not _SPENT_AFTER.match(t[m.end():])), None)
        if m:
            num, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            v = _amount(num, unit)
            if v is not None and v >= 50:
                hi = v
                spans.add(m.span())
        else:  # "2k" alone is a budget
            m = re.search(r"\b(\d+(?:\.\d+)?)\s*k\b", t)
            if m:
                hi = float(m.group(1)) * 1000
                spans.add(m.span())
    return lo, hi, spans


def parse_refs(text: str, compare_context: bool = False) -> list[int]:
    refs: list[int] = []
    t = text.lower()
    m = _FIRST_N.search(t)
    if m:
        n = {"two": 2, "three": 3, "four": 4}.get(m.group(1), None) or int(m.group(1))
        refs.extend(range(1, n + 1))
    for rx in _REF_PATTERNS:
        refs.extend(int(x) for x in rx.findall(t))
    if re.search(r"\b(?:pehle|pahle)\s+(?:wal|waal|val)[aei]\b|\b(?:pehle|pahle)\s+(?:aur|ya|vs|or)\s+(?:doosr|dusr|teesr|tisr)", t):
        # "pehle" alone is "first (of all)", not an item; "pehle aur doosre mein" compares the first and the second
        refs.append(1)
    for m2 in _ORD_RE.finditer(t):
        if m and m.start() <= m2.start() < m.end():
            continue
        if _DATE_BEFORE.search(t[:m2.start()]) and not _ITEM_AFTER.match(t[m2.end():]):
            continue  # "the jeans i got on the 2nd": a date ("on the third one" is an item)
        refs.append(_ORDINALS[m2.group(1).lower()])
    last_n = _LAST_N.search(t)
    if last_n:  # "the last two": -2, -1 (counted from the end of what was shown)
        n_last = {"two": 2, "three": 3}.get(last_n.group(1).lower()) or int(last_n.group(1))
        refs.extend(range(-n_last, 0))
    elif _LAST.search(t):
        refs.append(-1)
    if compare_context or re.search(r"\b(one|ones)\b", t):
        if not refs:
            for x in _BARE_INTS.findall(t):
                if 1 <= int(x) <= 20:
                    refs.append(int(x))
    if compare_context and not refs and re.search(r"\b(both|the\s+two|these\s+two|those\s+two|them)\b", t):
        refs = [1, 2]
    seen: list[int] = []
    for r in refs:
        if r not in seen and r != 0:
            seen.append(r)
    return seen


def _case_cued_brands(text: str, vocab: Vocabulary) -> frozenset[str]:
    """Ambiguous brand names written in the brand's own casing, not sentence-initial ("add W as well",
    "show me Metro ones"): the casing is the shopper's cue. Ignored in all-caps messages."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
        return frozenset()
    out = set()
    for m in re.finditer(r"(?<![\w&])([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*)", text):
        key = norm_text(m.group(1))
        # a brand in its own capitals ("GUESS watches") is a cue anywhere, even opening the message
        # ("W kurtas for women": a one-letter brand in its own capital opens the message just as well)
        if (m.start() == 0 or re.search(r"[.!?]\s*$", text[:m.start()])) and not (
                (len(m.group(1)) >= 3 or len(m.group(1)) == 1) and m.group(1).isupper() and vocab.brands.get(key) == m.group(1)):
            continue
        if key in vocab.ambiguous_brands and any(ch.isupper() for ch in vocab.brands.get(key, "")) and \
                norm_text(vocab.brands.get(key, "")) == key and vocab.brands[key].split()[0].lower() == m.group(1).split()[0].lower():
            out.add(key)
    return frozenset(out)


def parse(text: str, vocab: Vocabulary) -> Parsed:
    p = Parsed()
    text = expand_shorthand(text)
    cued = _case_cued_brands(text, vocab)
    text = _KURTA_SET.sub("kurta set", text)
    text = re.sub(r"\bread(?=\s+colou?r\b)", "red", text, flags=re.I)  # voice typing: "saree in read colour"
    text = re.sub(r"\b(my|for|our)\s+sun\b", r"\1 son", text, flags=re.I)  # "tshrit for my sun age 10"
    text = re.sub(r"\bswim(?:ming)?\s+goggles\b", "swimgoggles", text, flags=re.I)  # not sunglasses: not stocked
    low = text.lower()
    # typo-tolerant cue words ("undr 3000"), numbers and currency untouched
    p.price_min, p.price_max, _ = parse_price(re.sub(r"[a-z]{4,}", lambda m: vocab.correct(m.group(0)), low))
    p.cheaper = bool(_CHEAPER.search(low)) and p.price_max is None
    # the last order asked for wins: "most expensive first lol jk. cheapest first"
    sorts = [(m.start(), sort) for rx, sort in _SORT for m in [rx.search(low)] if m]
    p.sort = max(sorts)[1] if sorts else None
    if p.sort == "price_asc" and re.search(r"\bcheapest\b", low) and not re.search(r"\b(first|sort|order)\b", low):
        p.sort = "price_asc"  # "the cheapest ones" still means order by price
    if p.sort == "price_asc" and re.search(r"\bsast[aei]\s+(?:wal[aei]\s+)?(?:pehle|upar)\b", low):
        p.cheaper = False  # "sasta wala pehle dikhao" orders by price, it sets no budget
    p.reset = bool(_RESET.search(low))
    p.additive = bool(_ADDITIVE.search(low))
    p.switch = bool(_SWITCH.search(low))
    p.new_search_phrase = bool(_NEW_SEARCH.search(low))
    p.more_like = bool(_MORE_LIKE.search(low))
    p.matching = bool(re.search(r"\bmatching\b|\bto\s+match\b|\bsame\s+colou?r\b|\bin\s+the\s+same\s+colou?r\b", low))
    p.compare = bool(_COMPARE.search(low)) or bool(re.search(r"\b(?:mein|me|main)\s+(?:kaunsa|kaunsi|konsa|konsi|kya\s+fa?ra?k)\b", low)) or bool(re.search(r"\b\d\s*(?:vs|v|or)\s*\d\b", low) and "compare" in low)
    ref_text = low
    for rx, _ in _SORT:  # "cheapest first" is an order, not item #1
        ref_text = re.sub(rx.pattern + r"(?:\s+(?:ones?\s+|items?\s+)?(?:first|on\s+top))?", " ", ref_text, flags=re.I)
    ref_text = re.sub(r"\b(first|top)\s+(time|priority)\b|\bat\s+first\b|\bfirst\s+of\s+all\b", " ", ref_text)
    p.refs = parse_refs(ref_text, compare_context=p.compare)
    p.pronoun = bool(_PRONOUN.search(low))

    # Mark tokens belonging to negation phrases so "other than nike" negates nike.
    # a sentence end closes every scope: "I hate red. kurtas for women" negates red, not the kurtas
    neg_text = _SENTENCE_END.sub(" zzsep ", low)
    # an emoji closes what came before it: "he's 12 not 5 🙄 plain black ones" negates nothing after the emoji
    neg_text = "".join(" zzsep " if unicodedata.category(ch) == "So" else ch for ch in neg_text)
    neg_text = re.sub(r",(?=\s)", " zzcomma ", neg_text)
    neg_text = _INSTEAD_OF.sub(" zzinst ", neg_text)
    neg_text = _RELEASE_PHRASES.sub(" zzrel ", neg_text)
    neg_text = _REMOVE_PHRASES.sub(" zzrem ", neg_text)
    neg_text = _NEG_PHRASES.sub(lambda m: " NEGCUE ", neg_text)
    neg_text = _PRE_NEG_HI.sub(" zzhneg ", neg_text)
    tokens = vocab.tokens(neg_text.replace("NEGCUE", "zzneg"))
    p.tokens = tokens
    matches = _drop_corrected(_drop_story_sentences(vocab.find(tokens, cued), tokens), tokens)
    negated = _negated_spans(tokens, matches)
    released = _released_spans(tokens, matches)
    cat_hits: list = []
    genders: list = []
    released_type = False
    for m, neg, rel in zip(matches, negated, released):
        if rel in ("zzrel", "zzinst") and m.kind in ("colour", "brand"):
            p.release.append(m.value)
            continue
        if rel in ("zzinst", "zzrel") and m.kind == "category":
            released_type = released_type or rel == "zzrel"
            continue  # "shorts instead of t-shirts", "instead of t-shirts, what about shorts?", "forget blazers, a suit"
        if m.kind in ("colour", "brand") and not neg and _IS_OK.match(" ".join(tokens[m.end:m.end + 4])):
            p.allow[m.value] = m.kind  # "fine white is ok actually, just not black"
            continue
        if rel == "zzrem" and m.kind in ("colour", "brand"):
            p.remove_values.append(m.value)
        if m.kind == "colour":
            (p.exclude_colors if neg else p.colors).append(m.value)
        elif m.kind == "brand":
            (p.exclude_brands if neg else p.brands).append(m.value)
        elif m.kind == "category":
            if neg:
                p.negated_categories.append(m.value)
            else:
                cat_hits.append(m)
        elif m.kind == "gender" and not neg:
            genders.append(m)
    if released_type and not cat_hits:
        p.remove.add("category")  # "forget kurtas": the type goes, the rest stays
    # a facet word ("for men", "women's") beats a relation word met in passing ("my wife laughed ... trousers for men")
    # "his mom": the kin word names the person, the possessive only the relation
    genders = [m for m in genders if not (tokens[m.start] in ("his", "her") and any(o.start == m.end for o in genders))]
    facet = [m for m in genders if " ".join(tokens[m.start:m.end]) in _FACET_GENDER]
    # the recipient of this message: "mummy already bought hers, its for papa now" -> papa
    # "my husband will be furious if ...", "my mom says ...": a person as the subject of a verb is nobody shopped for
    # (the one who needs or wants something is, see below); "my husband forgot ... so i'm buying my own gift": the
    # shopper is the spouse of the one named
    spouse_self = bool(genders) and all(tokens[m.start] in _SPOUSES for m in genders) and bool(_FOR_SELF.search(low)) \
        and not any((m.start > 0 and tokens[m.start - 1] in ("for", "to")) or (m.start > 1 and tokens[m.start - 2] in ("for", "to")
                    and tokens[m.start - 1] in ("my", "his", "her", "our", "the")) for m in genders)
    spouse_gender = genders[0].value if spouse_self else None
    def verb_after(m) -> str:  # "my late husband always bought me ...": the verb past an adverb
        k = m.end + (1 if m.end < len(tokens) and tokens[m.end] in _VERB_ADVERBS else 0)
        return tokens[k] if k < len(tokens) else ""
    genders = [m for m in genders if not (m.end < len(tokens) and (verb_after(m) in _SUBJECT_VERBS
                                                                    or _REACTION.match(" ".join(tokens[m.end:m.end + 5])))
                                          and not (m.start > 0 and tokens[m.start - 1] in ("for", "to")))]
    # "the delivery boy gave my parcel to someone else": a job, not a person shopped for
    genders = [m for m in genders if not (m.start >= 1 and tokens[m.start - 1] in _ROLE_WORDS)]
    # "it needs to go to my mom's place": a person's place, nobody shopped for
    genders = [m for m in genders if not (m.end < len(tokens) and tokens[m.end] in _PLACES)]
    # "better than the guy at my local shop": a person compared with is nobody shopped for
    genders = [m for m in genders if not (m.start >= 2 and tokens[m.start - 2] == "than") and not (m.start >= 1 and tokens[m.start - 1] == "than")]
    # "bhai, ..." / "bro ..." opening a message addresses the reader; another person named after it is the one shopped for
    if len(genders) > 1 and genders[0].start == 0 and tokens[0] in _ADDRESS_WORDS:
        genders = genders[1:]
    elif genders and genders[0].start == 0 and tokens[0] in _ADDRESS_WORDS and not (
            tokens[1:2] and tokens[1] in ("ke", "ki", "k", "ka", "ko", "for", "liye", "lie", "s", "ne")):
        genders = genders[1:]  # "bhai ek min, ...", "bhai sasta dikhao", "bro, ...": the reader addressed, nobody shopped for
    named = [m for m in genders if not all(t in ("him", "his", "her") for t in tokens[m.start:m.end])]
    # "for his mama's wedding": the person whose occasion it is, not the one the item is for
    hosts = {m.start for m in genders if m.end < len(tokens) and tokens[m.end] in _OCCASIONS}
    recipient = [m for m in (named or genders) if m.start not in hosts and m.start > 0 and (tokens[m.start - 1] == "for" or (
        m.start > 1 and tokens[m.start - 2] == "for" and tokens[m.start - 1] in ("my", "his", "her", "our", "the")))
        or (m.end + 1 < len(tokens) and tokens[m.end] in ("ke", "ki", "k") and tokens[m.end + 1] in ("liye", "lie", "liya"))]
    # "my 10 yr old son needs a blazer": the one who needs or wants it
    # ("my mom wants him in something ethnic": the one wanted for, not the one who wants)
    needer = [m for m in named if m.end < len(tokens) and tokens[m.end] in _NEEDS
              and not (m.end + 1 < len(tokens) and tokens[m.end + 1] in ("him", "her", "them", "me", "us"))]
    if len(tokens) >= _LONG_MESSAGE and not facet and not recipient:
        # a long story naming several people ("my sister in law is visiting with her kids and my son turns 7 ... i want
        # him to look nice"): the one the request points at ("want him", "for her") is the last named of that sex
        pointed = [i for i, t in enumerate(tokens) if t in ("him", "her") and i > 0 and tokens[i - 1] in (_REQUEST_WORDS | {"for"})]
        if pointed:
            sex = "m" if tokens[pointed[-1]] == "him" else "f"
            recipient = [m for m in named if m.start < pointed[-1] and _SEX.get(m.value) == sex][-1:]
    p.gender = (facet or recipient[-1:] or needer[:1] or named or genders)[0].value if genders else None
    if genders and not facet and all(m.start in hosts for m in genders) and re.search(r"\bfor\s+(?:me|myself)\b", low):
        p.gender = None  # "the kurta for my daughter's engagement came ... now something for me": the shopper's own
    if spouse_self:
        p.gender = {"men": "women", "women": "men"}.get(spouse_gender, p.gender)
    told_age = _THIRD_PERSON_AGE.search(low)
    if genders:
        g = (facet or recipient[-1:] or needer[:1] or named or genders)[0]
        # the shopper about themself: "girl hu", "ladki hu lol", "i'm a guy": an adult
        if p.gender in ("girls", "boys") and (_SELF_ID.search(low)):
            p.gender = "women" if p.gender == "girls" else "men"
        # "my little brother", "chhoti behen", "my brother (10)": a child, so the kids' range
        kid_before = g.start > 0 and tokens[g.start - 1] in _KID_WORDS
        nxt = tokens[g.end:g.end + 3] + [""] * 3
        age = int(nxt[0]) if nxt[0].isdigit() and nxt[1] in ("", "yrs", "years", "yr", "year", "yo", "old", "zzcomma", "zzsep") \
            else None
        if age is None and nxt[0] in ("is", "turns", "turned") and nxt[1].isdigit() and len(nxt[1]) <= 2 \
                and nxt[2] not in ("k", "rs", "inr", "percent", "cm", "kg"):
            age = int(nxt[1])  # "my son is 24 and needs jeans": an adult
        if p.gender in ("men", "women") and tokens[g.start] not in _FACET_GENDER and (kid_before or (age is not None and age <= 14)):
            p.gender = "boys" if p.gender == "men" else "girls"
        elif p.gender in ("boys", "girls") and age is not None and age >= 18:
            p.gender = "men" if p.gender == "boys" else "women"
        # an age told in its own clause: "my son's job interview. He is 24" (an adult), "my grandson, he is 12" (a child)
        if told_age and tokens[g.start] not in _FACET_GENDER:
            p.gender = _for_age(p.gender, int(told_age.group(1))) or p.gender
        p.gender_from_pronoun = all(t in ("him", "his", "her") for t in tokens[g.start:g.end])
    if p.gender is None and told_age and not genders:
        # "now he needs shorts, he's 10": the pronoun and the age name the range
        p.gender = _for_age("men" if told_age.group(0).lower().startswith("he") else "women", int(told_age.group(1)))
        p.gender_from_pronoun = True
    own = _SELF_GENDER.search(low)
    if own and _FOR_SELF.search(low):
        # "a yellow kurta for me for the haldi (i'm a guy btw, 24)": the shopper's own sex, whoever else is named
        p.gender, p.gender_from_pronoun = ("men" if own.group(1) in _MALE_SELF else "women"), False
    if p.gender is None and any(t in ("kurti", "kurtis") for t in tokens):
        p.gender = "women"  # a kurti is the women's short kurta; the type word itself maps to Kurta, which men wear too
    if len({m.value for m in cat_hits}) > 1 and "zzsep" in tokens:
        # "hmm he has belts. a wallet instead": a type in a sentence that only says what someone has is no wish
        seps = [i for i, t in enumerate(tokens) if t == "zzsep"]

        def sentence_of(i: int) -> list[str]:
            a = max((k for k in seps if k < i), default=-1) + 1
            b = min((k for k in seps if k > i), default=len(tokens))
            return tokens[a:b]

        wished = [m for m in cat_hits if not (set(sentence_of(m.start)) & _HAS_WORDS
                                              and not set(sentence_of(m.start)) & (_REQUEST_WORDS | _SWITCH_WORDS)
                                              and not _long_message_asks(sentence_of(m.start)))]  # "do you have ..."
        # "the kurta for my daughter's engagement arrived just in time! now something for me - heels": a type in a
        # sentence that tells of an old order gives way to one in a sentence that asks
        def told(m) -> bool:
            s = set(sentence_of(m.start))
            return bool(s & _TOLD_WORDS) and not s & (_REQUEST_WORDS | _SWITCH_WORDS | {"now"})
        if any(set(sentence_of(m.start)) & (_REQUEST_WORDS | {"now"}) for m in wished) and any(told(m) for m in wished):
            wished = [m for m in wished if not told(m)]
        if wished:
            cat_hits = wished
    p.category = _head_category(cat_hits, tokens)
    if len({m.value for m in cat_hits}) > 1 and "instead" in tokens:
        # "i thought saree but i can't drape one, so an anarkali kurta instead": the type "instead" follows wins
        i = max(k for k, t in enumerate(tokens) if t == "instead")
        near = [m for m in cat_hits if m.end <= i and i - m.end <= 2]
        if near:
            p.category = near[-1].value
    # "rakhi gift for my brother, a mens wallet maybe": a type word that names the gift's occasion ("X gift",
    # "X present", "X special") gives way to the product the message names besides it
    occasion = [m for m in cat_hits if m.end < len(tokens) and tokens[m.end] in _GIFT_NOUNS]
    others = [m for m in cat_hits if m not in occasion]
    if occasion and others and p.category in {m.value for m in occasion}:
        p.category = _head_category(others, tokens)
    # a long message (a backstory, then "long story short: i need a grey blazer") takes its type from the last request
    asks = _long_message_asks(tokens) if len(tokens) >= _LONG_MESSAGE else []
    if asks:
        # a long message's colours and brands come from its last request, not from its story ("i already bought a pink
        # outfit ... what i need is a yellow kurta")
        for kind, attr in (("colour", "colors"), ("brand", "brands")):
            # the last request that names any (a closing "i also have to buy gifts" names none)
            for a in reversed(asks):
                later = [x for x in getattr(p, attr) if any(m.kind == kind and m.value == x and m.start > a for m in matches)]
                if later:
                    setattr(p, attr, later)
                    break
    if asks and len(cat_hits) > 1:
        # the last request that names a type soon after it ("i was thinking navy ... gifts and shoes" names none)
        ask = [i for i in asks if any(i < m.start <= i + 6 for m in cat_hits)]
        if ask:
            p.category = _head_category([m for m in cat_hits if m.start > ask[-1]], tokens)
    same = _SAME_SLOTS.search(low)
    if same:
        p.keep_slots = {("colors" if w.startswith("col") else "brands" if w.startswith("brand") else "price")
                        for w in re.findall(r"colou?rs?|brands?|budget|price|range", same.group(1))}
    act = _ACTIVITY.search(low)
    if act:
        p.activity_type = _ACTIVITY_TYPES[act.group(1) or act.group(2)]
        if p.category and norm_category(p.activity_type) in _NARROWS.get(norm_category(p.category), ()):
            p.category = p.activity_type  # "shoes for running": the sports shoes
    if p.category and vocab.is_generic(p.category):  # "I own zero good shoes. sneakers for women": the specific type wins
        family = set(vocab.category_filter(p.category))
        p.category = next((m.value for m in cat_hits if not vocab.is_generic(m.value)
                           and set(vocab.category_filter(m.value)) <= family), p.category)
    if p.category is None and p.brands:  # "pepe jeans for men": the brand's own last word names the type
        p.category = next((c for c in map(vocab.brand_tail_category, p.brands) if c), None)
        p.category_from_brand = p.category is not None
    p.colors, p.exclude_colors = _dedupe(p.colors), _dedupe(p.exclude_colors)
    p.brands, p.exclude_brands = _dedupe(p.brands), _dedupe(p.exclude_brands)
    # the same value negated and named again in one message ("nothing in black, I own too many black jackets"):
    # the negation is the wish, the other mention is talk about it
    p.colors, p.brands = _without(p.colors, p.exclude_colors), _without(p.brands, p.exclude_brands)
    # Removal: a slot word ("colour", "brand", "budget") next to a removal cue in the same clause.
    for clause in re.split(r"[,.;!?]|\bbut\b|\band\s+(?=show|make|sort|give)", low):
        if not _REMOVE_CUE.search(clause):
            continue
        for slot, rx in _SLOT_WORDS.items():
            if rx.search(clause):
                if slot == "price" and re.search(r"\d", clause) and not re.search(r"\b(no|any|forget|remove|drop)\b", clause):
                    continue
                if slot == "sort" and not re.search(r"\b(any|forget|remove|drop|clear|default)\b", clause):
                    continue
                if slot in ("category",) and not re.search(r"\b(any|forget|remove|drop|clear)\s+(?:the\s+)?(category|type|kind)", clause):
                    continue
                p.remove.add(slot)
        if re.search(r"\b(?:any|koi\s+bhi|kisi\s+bhi)\s+(?:of\s+)?(?:the\s+)?(?:colou?rs?|shade)\b|\bany\s+colou?r\b", clause):
            p.remove.add("colors")
    # Soft descriptors: catalog words that are not slot values, stop words or numbers.
    used = {i for m in matches for i in range(m.start, m.end)}
    terms = []
    for i, t in enumerate(tokens):
        if (i in used or t.isdigit() or len(t) < 3 or t in _STOP or t not in vocab.catalog_words or t == "zzneg"
                or (i > 0 and tokens[i - 1] in _NEG_CUES | {"zzneg"})):  # "no padded ones": not a wish
            continue
        terms.append(t)
    p.terms = _dedupe(terms)[:6]
    return p


_STOP = set("""about above actually add again all also and any anything are around ask available back bad be because
been before below best better between both but buy can cant cheap cheaper cheapest color colour colours colors compare
could cost day did different does doesnt dont else even ever every expensive fine first for forget from get give going
good got great had has have hello help her here hey him his how instead into its just know last less let like
looking lot love make many maybe mine more most much need new next nice not now off okay one ones only order other
our out over please price prices range really same second see show should some something sorry start still such sure
tell than thank thanks that thats the their them then there these they thing things think third this those through too
try under until upto use very want wanted was way well were what whats when where which while who why will wish with
within without wont would yeah yes yet you your looking brand brands shade shades item items products product
option options results result number pick below above budget rupees thousand hundred max min sort first lowest highest
show shown something anything style type kind similar fan either neither nor none also too well buy need want prefer
preferably please kindly find search looking something someone gift present son daughter wife husband mom dad sister
brother friend girlfriend boyfriend mother father kids kid children myself self alternatively totally fine okay ok
affordable premium pricey costly instead rather about around lakh bucks inr limit plus minus filter filters remove
exclude excluding except without avoid hate dislike love like likes skip drop clear reset restart again scratch fresh
matter care preference fussy important open ones""".split())


_SELF_ID = re.compile(r"\b(?:girl|boy|ladki|ladka)\s+(?:hu|hoon|hun|hai\s+(?:main|mai))\b|\b(?:i'?m|i\s+am|im|main|mai)\s+(?:a\s+)?"
                      r"(?:girl|boy)\b", re.I)
_SELF_GENDER = re.compile(r"\b(?:i'?m|i\s+am|im)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(guy|man|boy|dude|gent|male|girl|woman|lady|gal|female)\b")
_MALE_SELF = {"guy", "man", "boy", "dude", "gent", "male"}
_SPOUSES = {"husband", "hubby", "wife", "wifey", "bf", "gf", "boyfriend", "girlfriend", "pati", "patni", "biwi"}
_FOR_SELF = re.compile(r"\b(?:my\s+own|for\s+myself|for\s+me|mere\s+liye|apne\s+liye)\b", re.I)
_SUBJECT_VERBS = {"says", "said", "thinks", "thought", "complains", "complained", "laughs", "laughed", "told", "tells", "forgot",
                  "forgets", "keeps", "kept", "scolds", "scolded", "shouts", "shouted", "showed", "shows", "taught", "teaches",
                  "bought", "gave", "gifted", "helped", "helps", "used", "recommended", "suggested", "sent"}
_VERB_ADVERBS = {"always", "usually", "often", "never", "once", "also", "just", "already", "sometimes", "still"}
# "my husband will be furious", "my wife would kill me": a reaction, not a wish ("a saree my mom won't want to return" is)
_REACTION = re.compile(r"^(?:will|would|is\s+going\s+to|gonna)\s+(?:be\s+(?:so\s+|super\s+|really\s+)?(?:furious|angry|mad|upset|"
                       r"annoyed|livid|cross)|kill|murder|scold|shout|freak|lose\s+it)", re.I)
_THIRD_PERSON_AGE = re.compile(r"\b(?:he|she)\s*(?:is|'s|turns|turned|will\s+be|is\s+turning)\s+(\d{1,2})\b(?!\s*(?:%|cm|kg|inch))")
_KID_WORDS = {"little", "younger", "baby", "small", "chhota", "chhoti", "chota", "choti", "kid", "toddler", "teenage", "teen"}
_ADDRESS_WORDS = {"bhai", "bhaiya", "bro", "didi", "dude", "sis", "boss", "man", "guys"}
# occasions hosted by the person named ("his mama's wedding"): the guest is shopped for; a birthday or anniversary is
# the named person's own, so there the person is the recipient
_OCCASIONS = {"wedding", "weddings", "party", "function", "engagement", "reception", "sangeet", "mehendi", "mehndi", "shaadi",

              "funeral", "housewarming", "puja", "pooja"}
_NEEDS = {"needs", "need", "wants", "want", "requires", "loves", "likes", "asked", "asks", "ko"}
_IS_OK = re.compile(r"(?:is|are|r)\s+(?:also\s+|too\s+)?(?:ok|okay|fine|alright|allowed|acceptable)\b|(?:also|too)\s+"
                    r"(?:is|are)\s+(?:ok|okay|fine)\b|(?:chalega|chalegi|chalenge)\b")
def _for_age(gender: str, years: int) -> str | None:
    """The range for someone of that sex and age: a child's up to 14, an adult's from 18, None in between."""
    sex = _SEX.get(gender)
    if sex is None:
        return None  # "unisex"
    if years <= 14:
        return "boys" if sex == "m" else "girls"
    return ("men" if sex == "m" else "women") if years >= 18 else None


_PLACES = {"place", "house", "home", "address", "flat", "office", "city", "village", "hometown"}
_ROLE_WORDS = {"delivery", "courier", "security", "sales", "shop", "office", "post", "service", "store", "peon", "tea", "pickup",
               "pick-up", "cab", "auto", "repair"}
_FACET_GENDER = {"men", "mens", "male", "males", "gents", "gent", "gentlemen", "menswear", "mans", "women", "womens",
                 "female", "females", "ladies", "womenswear", "womans", "boys", "girls", "unisex"}
_NP_BREAK = {"zzsep", "zzcomma", "zzinst", "for", "and", "or", "with", "instead", "than", "then", "also", "plus", "not", "no", "but", "to", "in",
             "zzneg", "zzrel", "zzrem", "like", "of", "from", "vs", "versus", "under", "below", "above"}


_GIFT_NOUNS = {"gift", "gifts", "present", "presents", "hamper", "special"}
_REQUEST_WORDS = {"need", "want", "looking", "show", "find", "searching", "buy", "get", "thinking"}
_LONG_MESSAGE = 40  # tokens
_TOLD_WORDS = {"came", "arrived", "returned", "bought", "ordered", "got", "delivered", "received", "refund", "reached", "exchanged"}
_HAS_WORDS = {"has", "have", "own", "owns", "already", "bought", "got", "wearing", "wore", "wears"}
_SWITCH_WORDS = {"instead", "rather", "actually", "maybe", "perhaps", "how", "what"}


_BACK_REFERENCE = {"same", "similar", "like", "matching", "match", "those", "them", "it", "these", "one", "ones", "another",
                   "more", "again"}
_STORY_WORDS = {"came", "arrived", "delivered", "ordered", "order", "bought", "got", "received", "loved", "wore", "had",
                "was", "were", "gifted", "returned", "exchanged", "last", "ago", "yesterday"}


def _long_message_asks(tokens: list[str]) -> list[int]:
    """Where a long message asks for something: a request word ("synthetic-looking" is none: "looking" asks only as
    "looking for"), "do you have", or the "anyway" that turns from the story to the request."""
    # ("i also need to buy gifts and shoes" is an aside, not the request)
    return [i for i, t in enumerate(tokens)
            if (t in _REQUEST_WORDS and (t != "looking" or (i + 1 < len(tokens) and tokens[i + 1] == "for"))
                and "also" not in tokens[max(0, i - 3):i])
            or (t == "have" and i > 0 and tokens[i - 1] in ("you", "u"))
            or t in ("anyway", "anyways", "anyhow")]


def _drop_story_sentences(matches: list, tokens: list[str]) -> list:
    """'my last order of roadster jeans came early, loved it! now i need a denim jacket': the product, brand and colour
    of a sentence that tells of a past order (and asks for nothing) are no wish when another sentence asks for something.
    A person named there (the recipient) stays."""
    # a comma before "now" turns from the story to the request as a full stop does ("bought a maroon kurta last month,
    # now want earrings to go with it")
    cuts = {i for i, t in enumerate(tokens) if t == "zzsep"
            or (t == "zzcomma" and i + 1 < len(tokens) and tokens[i + 1] in ("now", "this"))}
    if not cuts:
        return matches
    bounds, a = [], 0
    for i in sorted(cuts) + [len(tokens)]:
        bounds.append((a, i))
        a = i + 1
    asks = [(a, b) for a, b in bounds if set(tokens[a:b]) & _REQUEST_WORDS or _long_message_asks(tokens[a:b])]
    story = [(a, b) for a, b in bounds if (a, b) not in asks and set(tokens[a:b]) & _STORY_WORDS
             and not set(tokens[a:b]) & (_SWITCH_WORDS | {"not", "no", "zzneg", "under", "below", "above", "between"})]
    if not asks or not story:
        return matches
    # "... want the same in blue", "show me white ones": the story's item is the one asked about; only what the request
    # sets itself (its own colour) replaces the story's
    back = any(set(tokens[a:b]) & _BACK_REFERENCE for a, b in asks)
    asked_kinds = {m.kind for m in matches if any(a <= m.start < b for a, b in asks)}
    return [m for m in matches if m.kind == "gender" or not any(a <= m.start < b for a, b in story)
            or (back and m.kind not in asked_kinds)]


_CORRECTION_TOKENS = {"wait", "actually", "mean", "rather", "correction", "sorry"}


def _drop_corrected(matches: list, tokens: list[str]) -> list:
    """'red wala.. no wait, maroon', 'under 1000 nahi nahi 2000', 'puma, i mean nike': a value the shopper takes back gives
    way to the one after the correction (of the same kind)."""
    cut = -1
    for i, t in enumerate(tokens):
        if t in _CORRECTION_TOKENS or (t in ("nahi", "no", "nope") and i + 1 < len(tokens) and tokens[i + 1] in ("nahi", "no")):
            cut = i
    if cut < 0:
        return matches
    after = {m.kind for m in matches if cut < m.start <= cut + 4}  # the value right after the correction
    # "white is ok actually, just not black": a value allowed again is no value taken back
    return [m for m in matches if m.start > cut or m.kind not in after or m.kind == "gender"
            or _IS_OK.match(" ".join(tokens[m.end:m.end + 4]))]


def _head_category(hits, tokens: list[str]):
    """The product type of the first noun phrase: its right-most category word ("slim fit jeans" -> Jeans,
    "kurta set" stays one phrase), so modifiers that happen to be category words don't win."""
    if not hits:
        return None
    head = hits[0]
    for m in hits[1:]:
        gap = tokens[head.end:m.start]
        if 0 < len(gap) <= 2 and set(gap) & _EXAMPLE_CUES and set(gap) <= _EXAMPLE_CUES | {"zzcomma"}:
            head = m  # "earrings, like jhumkas", "a bag, preferably a sling bag": the example named wins
            continue
        if len(gap) > 2 or any(t in _NP_BREAK for t in gap):
            break
        head = m
    return head.value


_EXAMPLE_CUES = {"like", "specifically", "preferably", "ideally", "especially", "maybe", "probably", "say"}


def _released_spans(tokens: list[str], matches) -> list[str | None]:
    """For each match, the release cue ('zzrel' or 'zzrem') that governs it, if any (same scope rules as negation)."""
    out: list[str | None] = []
    for m in matches:
        cue = None
        j, gap = m.start - 1, 0
        while j >= 0 and gap <= 2:
            t = tokens[j]
            if t in ("zzrel", "zzrem", "zzinst"):
                cue = t
                break
            if t in _SCOPE_STOP or t in ("zzneg", "zzhneg", "zzcomma") or t in _NEG_CUES:
                break  # "never mind hrx, mast & harbour": after the comma comes the new wish
            if any(o.start <= j < o.end for o in matches):
                gap = 0
            elif t not in _CHAIN:
                gap += 1
            j -= 1
        out.append(cue)
    return out


def _negated_spans(tokens: list[str], matches) -> list[bool]:
    """A negation cue negates the next entities until a stop word or a gap of non-chain words."""
    out = []
    for m in matches:
        neg = False
        j = m.start - 1
        gap = 0
        while j >= 0 and gap <= 3:
            t = tokens[j]
            if t == "zzcomma":  # a comma continues the scope only inside a list of the same kind ("no black, brown")
                if gap > 0:
                    break  # a word of its own after the comma opens a new wish: "anything but red, maybe green"
                k = j - 1
                while k >= 0 and tokens[k] in _CHAIN:
                    k -= 1
                before = next((o for o in matches if o.start <= k < o.end), None)
                if before is None or before.kind != m.kind:
                    break  # "I hate polyester, cotton t-shirts", "shirts, not blue, for men"
                j -= 1
                continue
            if t == "zzhneg":
                start = max((k for k in range(j) if tokens[k] in ("zzsep", "zzcomma")), default=-1)
                neg = not any(start < o.start and o.end <= j and o.kind != "category" for o in matches)
                break
            if t == "zzneg" or t in _NEG_CUES:
                if t == "but" and not (j > 0 and tokens[j - 1] in ("anything", "everything", "all")):
                    break
                neg = True
                break
            if t in _SCOPE_STOP:
                break
            if any(o.start <= j < o.end for o in matches):
                gap = 0  # another entity in a list ("no black or brown") keeps the scope open
            elif t in _CHAIN:
                pass
            else:
                gap += 1
            j -= 1
        out.append(neg or _post_negated(tokens, m, matches))
    return out


# Hinglish negates after the value: "black nahi chahiye", "puma wale mat dikhao", "red ya maroon nahin", "adidas ke
# alawa kuch dikhao" (other than adidas) -- but "X ke alawa Y bhi" is "besides X, Y too", no exclusion.
_POST_NEG = {"nahi", "nahin", "nahii", "nhi", "alawa", "alava", "ilawa", "siwa", "siva", "chhod", "chod", "chhodke", "chodke"}
_BESIDES = {"alawa", "alava", "ilawa", "siwa", "siva"}
_POST_NEG_MAT_VERBS = {"dikhao", "dikhana", "dikhaiye", "dikha", "bhejo", "bhejna", "chahiye", "do", "dena", "lao", "lana",
                       "show", "send"}
_POST_CHAIN = _CHAIN | {"wala", "wale", "wali", "waala", "waale", "waali", "vala", "vale", "vali", "ka", "ki", "ke", "ya", "bhi",
                        "to", "toh", "bilkul", "koi", "mujhe", "humko"}


def _post_negated(tokens: list[str], m, matches) -> bool:
    """A Hinglish negation after the value (and after the rest of its list) negates it."""
    j, gap = m.end, 0
    while j < len(tokens) and gap <= 1:
        t = tokens[j]
        if t in _POST_NEG or t == "zzhneg" or (t == "mat" and j + 1 < len(tokens) and tokens[j + 1] in _POST_NEG_MAT_VERBS):
            if t in _BESIDES:
                rest = tokens[j + 1:]
                end = next((k for k, x in enumerate(rest) if x in ("zzsep", "zzcomma")), len(rest))
                return not any(x == "bhi" and (k == 0 or rest[k - 1] not in ("koi", "kuch", "kahin", "kabhi"))
                               for k, x in enumerate(rest[:end]))  # "koi bhi"/"kuch bhi" is "any", not "too"
            return True
        if t in ("zzsep", "zzcomma", "zzneg") or t in _SCOPE_STOP:
            return False
        nxt = next((o for o in matches if o.start <= j < o.end), None)
        if nxt is not None:
            if nxt.kind != m.kind and nxt.kind != "category":
                return False  # "black puma nahi": the nearer value is the negated one
            j = nxt.end
            continue
        if t not in _POST_CHAIN:
            gap += 1
        j += 1
    return False


def _dedupe(xs: list[str]) -> list[str]:
    seen, out = set(), []
    for x in xs:
        k = x.lower()
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


_SEX = {"men": "m", "boys": "m", "women": "f", "girls": "f"}


def _only_gender(c: Constraints) -> bool:
    return bool(c.gender) and not (c.colors or c.exclude_colors or c.brands or c.exclude_brands
                                   or c.price_min is not None or c.price_max is not None or c.category)


def _without(xs: list[str], remove: list[str]) -> list[str]:
    r = {x.lower() for x in remove}
    return [x for x in xs if x.lower() not in r]


_SAME_SLOTS = re.compile(r"\bsame\s+((?:colou?rs?|brands?|budget|price|range)(?:\s*(?:,|and|&|\+)\s*(?:the\s+)?"
                        r"(?:colou?rs?|brands?|budget|price|range))*)\b")
# what a pair of shoes is for names its type: "mens, for running" after "shoes"
_ACTIVITY_TYPES = {"running": "Sports Shoes", "jogging": "Sports Shoes", "gym": "Sports Shoes", "workout": "Sports Shoes",
                   "workouts": "Sports Shoes", "training": "Sports Shoes", "walking": "Sports Shoes", "sports": "Sports Shoes",
                   "football": "Football Shoes", "driving": "Driving Shoes"}
_ACTIVITY = re.compile(r"\b(?:for|to\s+(?:go|wear)\s+(?:for|to)?)\s*(?:my\s+|daily\s+|morning\s+|the\s+)?("
                       + "|".join(_ACTIVITY_TYPES) + r")\b|\b(" + "|".join(_ACTIVITY_TYPES)
                       + r")\s+(?:ones?|pairs?|wale|wali|wala)\b")  # "running ones under 2500"
# the types a generic word narrows to in conversation: "shoes" for a child then "flats would be nice"
_NARROWS = {**CATEGORY_FAMILIES, "shoe": CATEGORY_FAMILIES["shoe"] + CATEGORY_FAMILIES["footwear"]}


def apply(p: Parsed, c: Constraints, *, shown_prices: list[float] | None = None,
          results_shown: bool = False) -> tuple[Constraints, bool]:
    """Fold one message into the constraints. Returns (new constraints, is_new_search). ``results_shown``: products
    of the current state are on screen (a narrowing of them refines; the answer to a clarification searches)."""
    c = c.model_copy(deep=True)
    prior_wishes = {x.lower() for x in c.colors + c.brands}
    new_search = False
    if p.reset:
        c = Constraints()
        new_search = p.has_item_slots()
    # soft words of a slot-less state ("something for a party" before the clarification) carry into the search
    context_terms = [] if c.has_slots() else list(c.terms)
    if p.category_from_brand and c.category:
        # "Pepe Jeans only" while browsing T-shirts narrows the brand; the type the brand's name ends in is no switch
        p = dataclasses.replace(p, category=None, category_from_brand=False)
    if p.category and c.category and p.category.lower() != c.category.lower():
        if p.switch:
            c.category = p.category  # "sneakers instead": keep everything else (a refinement, as shoppers and our sets read it)
        elif norm_category(p.category) in _NARROWS.get(norm_category(c.category), ()):
            # "shoes" -> "flats would be nice": a narrowing inside the family keeps the rest; it refines what was shown,
            # and searches when nothing was ("shoes" -> clarification -> "sneakers for men")
            c.category = p.category
            new_search = not results_shown
        else:
            # A new product type is a new search: item-level slots go, the shopper's gender stays ("matching" keeps the colour).
            old = c
            c = Constraints(gender=c.gender, colors=list(c.colors) if p.matching and not p.colors else [])
            c.category = p.category
            if "colors" in p.keep_slots:
                c.colors, c.exclude_colors = list(old.colors), list(old.exclude_colors)
            if "brands" in p.keep_slots:
                c.brands, c.exclude_brands = list(old.brands), list(old.exclude_brands)
            if "price" in p.keep_slots:
                c.price_min, c.price_max = old.price_min, old.price_max
            new_search = True
    elif not p.category and p.activity_type and c.category \
            and norm_category(p.activity_type) in _NARROWS.get(norm_category(c.category), ()):
        c.category = p.activity_type  # "shoes" -> "mens, for running": an answer that names no type of its own refines
    elif p.category:
        if not c.category:
            # a first type on a state without slots (only soft words) is a search; so is a message that states its own
            # gender when the state held nothing else ("need a raincoat for men" found nothing, "ok then gumboots for men?")
            # the first product type of a request is a search, whatever slots came before it ("a gift for my wife" ->
            # clarification -> "maybe earrings, under 800"; "under 2000" -> "earrings"): nothing was shown for it yet
            new_search = True
        c.category = p.category
    if not c.has_slots() and p.has_item_slots():
        new_search = True
    if p.gender and not p.gender_from_pronoun and not p.category and _only_gender(c) and len(p.tokens) >= 3 \
            and not (p.colors or p.brands or p.exclude_colors or p.exclude_brands or p.price_min or p.price_max or p.sort):
        # the state held only a gender and the message restates one with a product we do not stock ("need a raincoat
        # for men" found nothing, "ok then gumboots for men?"): a fresh request, not a narrowing
        new_search = True
    if p.gender and not (p.gender_from_pronoun and _SEX.get(c.gender or "") == _SEX.get(p.gender)):
        c.gender = p.gender  # "for her" after shopping for a daughter keeps "girls"
    for slot in p.remove:
        if slot == "colors":
            c.colors, c.exclude_colors = [], []
        elif slot == "brands":
            c.brands, c.exclude_brands = [], []
        elif slot == "price":
            c.price_min = c.price_max = None
        elif slot == "gender":
            c.gender = None
        elif slot == "category":
            c.category = None
        elif slot == "sort":
            c.sort = "relevance"
    if p.colors:
        c.colors = _dedupe((c.colors if p.additive and not p.switch else []) + p.colors)
    if p.exclude_colors:
        c.exclude_colors = _dedupe(c.exclude_colors + p.exclude_colors)
        c.colors = _without(c.colors, p.exclude_colors)
    c.exclude_colors = _without(c.exclude_colors, p.colors)
    if p.brands:
        c.brands = _dedupe((c.brands if p.additive and not p.switch else []) + p.brands)
    if p.exclude_brands:
        c.exclude_brands = _dedupe(c.exclude_brands + p.exclude_brands)
        c.brands = _without(c.brands, p.exclude_brands)
    c.exclude_brands = _without(c.exclude_brands, p.brands)
    if p.price_min is not None or p.price_max is not None:
        if p.price_min is not None and p.price_max is not None:
            c.price_min, c.price_max = p.price_min, p.price_max
        elif p.price_max is not None:
            c.price_max = p.price_max
            if c.price_min is not None and c.price_min >= p.price_max:
                c.price_min = None
        else:
            c.price_min = p.price_min
            if c.price_max is not None and c.price_max <= p.price_min:
                c.price_max = None
    elif p.cheaper:
        # "cheaper": 20 % below the current budget, else below the typical price shown.
        base = c.price_max
        if base is None and shown_prices:
            s = sorted(shown_prices)
            base = s[len(s) // 2]
        if base is not None:
            c.price_max = float(math.floor(base * 0.8))
            if c.price_min is not None and c.price_min >= c.price_max:
                c.price_min = None
    if p.sort:
        c.sort = p.sort
    _apply_release(p, c, prior_wishes)
    if new_search:
        c.terms = _dedupe(context_terms + p.terms)[-6:]
    elif p.terms:
        c.terms = _dedupe(c.terms + p.terms)[-6:]
    for k in ("price_min", "price_max"):
        v = getattr(c, k)
        if v is not None:
            setattr(c, k, float(v))
    return c, new_search


def _apply_release(p: Parsed, c: Constraints, prior_wishes: set[str]) -> None:
    """'doesn't have to be Lavie' drops Lavie from the wishes; 'remove black' drops black if it was a wish (no
    exclusion), else the negation already excluded it; 'white is ok' drops white from the exclusions."""
    for v, kind in p.allow.items():
        excluded = v.lower() in {x.lower() for x in c.exclude_colors + c.exclude_brands}
        c.exclude_colors, c.exclude_brands = _without(c.exclude_colors, [v]), _without(c.exclude_brands, [v])
        wishes = c.colors if kind == "colour" else c.brands
        if p.additive and wishes and not excluded and v.lower() not in {x.lower() for x in wishes}:
            wishes.append(v)  # "white t-shirts" then "or grey is fine too": grey joins the wish
    for v in p.release:
        c.colors, c.brands = _without(c.colors, [v]), _without(c.brands, [v])
    wished = {x.lower() for x in (p.colors + p.brands)}
    for v in p.remove_values:
        if v.lower() in wished:
            continue
        if v.lower() in prior_wishes:
            c.exclude_colors, c.exclude_brands = _without(c.exclude_colors, [v]), _without(c.exclude_brands, [v])


def normalise_for_tokens(text: str) -> str:
    return norm_text(text)
