"""When to hand a conversation to a person, and how urgent it is.

Exact rules, tuned for precision: a generic policy question ("what is your return policy?") must stay
with the bot, while a first-person problem with an order, payment, refund or delivery goes to an agent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.vocab import expand_shorthand

_HUMAN = re.compile(
    r"\b(human|real\s+person|live\s+(?:agent|person|chat|support)|(?:an?\s+|the\s+)?agent|representative|rep\b|"
    r"customer\s+(?:care|service|support|executive)|support\s+(?:team|staff|person)|call\s+centre|call\s+center|"
    r"manager|supervisor|(?:some|any)(?:body|one)\s+real|actual\s+person|speak\s+to\s+(?:someone|somebody|a\s+person)|"
    r"talk\s+to\s+(?:someone|somebody|a\s+person|people)|(?:speak|talk|chat)\s+with\s+(?:someone|somebody|a\s+person|your\s+team|"
    r"(?:the\s+|your\s+|customer\s+)?support(?:\s+team)?|(?:the\s+|your\s+)?team)|"
    r"(?:someone|somebody|anyone|anybody|a\s+person|people)\s+(?:from|at|in|on)\s+(?:your|the)\s+(?:team|company|store|staff|support|side|end)|"
    r"(?:someone|somebody|anyone|anybody)\s+(?:who\s+)?(?:works?\s+(?:here|there|for\s+you)|in\s+charge)|(?:whoever|who)(?:'?s|\s+is)?\s+in\s+charge|"
    r"(?:put|get)\s+me\s+through|(?:hand|pass|transfer)\s+(?:me\s+)?(?:over\s+|on\s+)?to\s+(?:a|an|someone|somebody|the|your)\b|"
    r"(?:number|line)\s+(?:i|we)\s+(?:can|could)\s+(?:call|ring|dial|reach|phone)|"
    r"an?\s+(?:real|live|actual|proper)\s+(?:person|human|someone|agent|staff\s+member)|someone\s+who\s+can\s+(?:actually\s+|really\s+)?help|"
    r"(?:an?\s+)?(?:executive|associate)|live\s+chat|real\s+human|actual\s+human|contact\s+(?:number|details|no)|email\s+(?:id|address)\s+(?:of|for)\s+support|call\s+me(?:\s+back)?|phone\s+(?:me|number|support)|helpline|"
    r"not\s+a\s+(?:bot|robot|machine)|stop\s+being\s+a\s+bot|transfer\s+me|connect\s+me|escalate[ds]?|escalation|raise\s+a\s+(?:ticket|complaint)|"
    r"file\s+a\s+complaint|(?:want|need|like)\s+to\s+complain|register\s+a\s+complaint|lodge\s+a\s+complaint|open\s+a\s+ticket|"
    r"operator|staff\s+member|toll[- ]?free|whatsapp\s+(?:support|number|no|care)|grievance|"
    r"(?:whoever|(?:the\s+)?(?:person|people|team|department|one)\s+(?:who|that))\s+(?:handles?|deals?\s+with|looks?\s+after|manages?|"
    r"is\s+responsible\s+for|takes?\s+care\s+of)|(?:returns?|refunds?|billing|accounts?|payments?|complaints?|escalations?)\s+"
    r"(?:team|department|desk|cell)|who\s+(?:do|can|should|could)\s+i\s+(?:speak|talk|complain|write|reach\s+out)\s+to|"
    r"(?:an?\s+)?(?:actual|real|human|live)\s+(?:employee|staff|worker)|employee|"
    r"(?:someone|somebody|a\s+person|a\s+human|your\s+team)\s+to\s+(?:look\s+(?:at|into)|check\s+(?:on|into)?|sort\s+(?:out|this)|fix|handle|"
    r"deal\s+with)\b|"
    r"call\s*-?\s*back|ring\s+me(?:\s+back)?|give\s+me\s+a\s+(?:ring|call|buzz)|(?:arrange|book|schedule|request|set\s+up)\s+(?:a\s+|an?\s+)?"
    r"(?:phone\s+|quick\s+)?call|"
    r"(?:file|log|lodge|register|raise|record|put\s+in|submit|make)\s+(?:a\s+|an\s+|my\s+|this\s+)?(?:formal\s+|official\s+|written\s+)?"
    r"(?:complaint|grievance)|complaint\s+(?:number|id|ticket|reference|recorded|registered|logged)|writing\s+to\s+complain|"
    r"(?:want|need|like|wish)\s+to\s+report\s+(?:the|your|this|that|a|him|her|them)\b|"
    r"(?:someone|somebody|anyone|anybody|a\s+person|a\s+human|an\s+agent)\s+on\s+(?:the\s+)?(?:phone|line|call)|"
    r"(?:anyone|anybody|someone|somebody)\s+(?:here\s+|there\s+|around\s+)?(?:who\s+is\s+|who'?s\s+)?(?:competent|capable|"
    r"knowledgeable|sensible|useful|who\s+(?:knows|understands|actually\s+knows|can\s+(?:actually\s+|really\s+)?help)))\b",
    re.I,
)
# Giving up on the bot is a request for a person by itself ("I'm done talking to a machine").
_BOT_FED_UP = re.compile(
    r"\b(?:done|tired|sick|fed\s+up|bored|finished)\s+(?:of\s+|with\s+)?(?:talking|chatting|speaking|dealing|arguing|typing)\s+"
    r"(?:to|with)\s+(?:a\s+|an\s+|this\s+|the\s+|some\s+|your\s+)?(?:stupid\s+|dumb\s+)?(?:bot|robot|machine|computer|chatbot|ai|"
    r"automated\s+\w+|software|program)\b|\b(?:enough|done)\s+(?:of|with)\s+(?:this|the|your)\s+(?:bot|robot|machine|chatbot)\b|"
    r"\b(?:don'?t|dont|do\s+not)\s+want\s+(?:a\s+|an\s+|the\s+|this\s+|some\s+)?(?:bot|robot|machine|chatbot|ai)\b|"
    r"\b(?:so\s+|totally\s+|completely\s+)?done\s+with\s+(?:you|your\s+(?:store|app|site|company|service)|this\s+(?:store|app|site)|"
    r"you\s+(?:guys|people)|myntra)\b",
    re.I)
# Hinglish: "kisi insaan se baat karni hai", "customer care se baat karao", "agent se connect karo".
_HUMAN_HINGLISH = re.compile(
    r"\b(?:(?:insaan|insan|banda|bande|human|person|agent|manager|customer\s+care|support|koi|kisi)\b[^.?!]{0,25}?\b"
    r"(?:baat|connect|call|phone)\s*(?:karni|karna|karao|karwao|karwa|kara|karado|karwado|karo|kijiye|chahiye|hai)|"
    r"(?:insaan|insan|banda|human|agent)\s+(?:chahiye|se\s+baat|hai\s+kya|hai\s+yahan)|customer\s+care\s+(?:ka|ki)\s+number|"
    r"koi\s+(?:insaan|insan|banda|human|real\s+person)\s+hai)\b", re.I)
_ORDER_HINGLISH = re.compile(
    r"\b(?:(?:order|parcel|refund|paise|paisa|delivery|product|saman|samaan|item)\b[^.?!]{0,30}?\b(?:aaya|aya|aayi|ayi|mila|mili|"
    r"pahuncha|pahunchi)\s+(?:hi\s+)?(?:nahi|nahin|nai)\b|"
    r"(?:paise|paisa|paisey|amount|payment|money)\b[^.?!]{0,20}?\b(?:kat|katt|cut)\s*(?:gaya|gaye|gye|gya|liya|liye|diya|gayi)|"
    r"kuch\s+aur\s+(?:hi\s+)?(?:nikla|nikli|aaya|aya|aayi|ayi|mila|mili|bheja|bhej\s+diya|de\s+diya)|"
    r"(?:order|parcel|package|saman|samaan)\b[^.?!]{0,70}?\b(?:mila|mili|aaya|aayi|pahuncha)\s+(?:hi\s+)?(?:nahi|nahin|nai)\b|"
    r"delivered\s+(?:dikha|dikh|bata|show)\w*\s+(?:raha|rahi|rhe)|"
    r"(?:order|mangwaya|mangwayi|mangaya)\s+(?:kiya|kiye|ki)?\s*(?:tha|thi|the)\b[^.?!]{0,40}?\b(?:wal[aie]|vala|vali)\s+"
    r"(?:aa\s+(?:gaya|gayi|gaye|gya|gyi)|aaya|aayi|bhej\s+(?:diya|di|diye))|"
    r"(?:galat|doosra|dusra)\s+(?:item|saman|samaan|product|size|colou?r|rang|maal)\s+(?:aaya|aya|aayi|ayi|bheja|bhej|mila|nikla|de)|"
    r"(?:order|parcel|refund|paise|paisa|delivery|product|saman|samaan|item)\b[^.?!]{0,30}?\b(?:nahi|nahin|nai)\s+"
    r"(?:aaya|aya|aayi|ayi|mila|mili|pahuncha|pahunchi|hua|hui)|paise\s+(?:kat|cut)|payment\s+(?:kat|cut)|"
    r"(?:galat|toota|tuta|tooti|tuti|kharab|phata|fata|phati|fati|ganda)\s+(?:\w+\s+){0,2}?(?:aaya|aya|aayi|ayi|bheja|bhej|"
    r"bheji|mila|mili|nikla|nikli)|(?:cancel|return|exchange|wapas)\s+karna\s+hai|(?:otp|account)\b[^.?!]{0,20}?"
    r"\b(?:nahi\s+aa\s+raha|band\s+ho\s+gaya|block\s+ho\s+gaya|nahi\s+khul)|"
    r"(?:order|parcel|refund|paise|paisa|delivery|saman|samaan|return|exchange)\b[^.?!]{0,30}?\bkab\s+(?:aayega|ayega|aaega|milega|"
    r"aayegi|ayegi|milegi|hoga|hogi|pahunchega)|\d+\s+(?:din|hafte|hafta|mahine|mahina)\s+ho\s+gaye|"
    # "delivery boy ne 200 rs extra liye", "bill bhi nahi diya": money taken at the door, no bill
    r"(?:delivery\s+(?:boy|wala|guy|person|agent)|courier\s+(?:wala|boy))\b[^.?!]{0,30}?\b(?:extra|zyada|jyada|upar\s+se)\b"
    r"[^.?!]{0,20}?\b(?:liye|liya|le\s+liye|maange|mange|maang\s+(?:rahe|raha)|lele?)\b|"
    r"\b(?:bill|invoice|receipt)\s+(?:bhi\s+)?(?:nahi|nahin|nai)\s+(?:diya|di|mila|mili|diye)\b|"
    # "L size order kiya tha, M bhej diya"; "exchange request 2 baar reject kar di"
    r"(?:order|mangwaya|mangaya)\s+(?:kiya|kiye|ki|kari)\s+(?:tha|thi|the)\b[^.?!]{0,40}?\b(?:bhej\s+(?:diya|di|diye|dia)|"
    r"aa\s+(?:gaya|gayi|gaye|gya|gyi)|aaya|aayi|mila|mili|de\s+(?:diya|di))|"
    r"(?:order|exchange|return|refund|request|pickup)\b[^.?!]{0,30}?\b(?:reject|cancel)\s+(?:kar|kr)\s+(?:di|diya|diye|dia|dii)|"
    # damage told in Hinglish about a delivery: "parcel aaya but box phata hua tha aur kurta pe daag hai"
    r"(?:parcel|order|saman|samaan|box|packet|delivery|deliver\w*|aaya|aayi|mila|mili)\b[^.?!]{0,60}?\b(?:phata|phati|phate|fata|fati|toota|tooti|"
    r"tuta|tuti|toote|kharab|ganda|gandi|daag|chhed|ched|used|purana|purani|toot\s+(?:gaya|gayi|gaye|gya)|phenk|fenk)\b|"
    # "kal deliver hona tha, abhi tak nahi aaya", "tracking 3 din se update nahi ho rahi"
    r"(?:abhi\s+tak|ab\s+tak|still)\s+(?:bhi\s+)?(?:nahi|nahin|nai|nhi)\s+(?:aaya|aya|aayi|ayi|mila|mili|pahuncha|pahunchi|aaye|"
    r"hua|hui)|(?:deliver|delivery|aana|aani|milna|pahunchna)\s+(?:hona|honi|hone)?\s*(?:tha|thi|the)\b[^.?!]{0,40}?"
    r"\b(?:nahi|nahin|nai|nhi)\b|(?:tracking|status|order)\b[^.?!]{0,25}?\bupdate\s+(?:nahi|nahin|nhi)\s+(?:ho\s+)?(?:raha|rahi|rhi|hua|hui)|"
    r"(?:bheja|bheji|bhej\s+diya|aaya|aayi|mila|mili)\s+(?:\w+\s+){0,3}?(?:size|colou?r|rang)\s+(?:galat|alag|different)|"
    r"(?:paisa|paise|refund|amount)\s+(?:wapas|vapas)\s+(?:nahi|nahin|nhi)\s+(?:aaya|aya|mila|aaye)|"
    # "delivery boy ne mera parcel kisi aur ko de diya": handed to someone else
    r"(?:parcel|order|package|packet|saman|samaan)\b[^.?!]{0,30}?\bkisi\s+(?:aur|or|dusre|doosre)\s+ko\s+(?:de|di|diya|dia|dediya))",
    re.I)
# "kidding", "jk", "only joking": the shopper takes the outburst back ("not kidding" is emphasis, not a retraction).
_RETRACT = re.compile(r"(?<!not\s)(?<!n't\s)\b(?:just\s+|only\s+|i'?m\s+)?(?:kidding|joking)\b|\bjk\b|\bj/k\b", re.I)
_HUMAN_ASK = re.compile(r"\b(talk|speak|chat|connect|transfer|put\s+me|get\s+me|want|need|give\s+me|let\s+me|can\s+i|(?:could|may)\s+i\s+(?:please\s+)?(?:get|have|talk|speak|request)|"
                        r"call\s*backs?|"
                        r"i'?d\s+like|please|escalate|call|contact|reach|is\s+there|number|email|phone|whatsapp|could\s+you|can\s+you|"
                        r"would\s+you|for\s+me|take\s+over|through|ring)\b", re.I)
_ANGER = re.compile(
    r"\b(worst(?![- ]case)|terrible|horrible|pathetic|useless|ridiculous|disgusting|awful|furious|angry(?!\s+birds?)|annoyed|frustrat\w*|"
    r"fed\s+up|cheated|cheats|cheaters|scam\w*|fraud\w*|liars?|bakwaa?s(?:\s+(?:service|hai))?|ghatiya|dhokha\w*|chor|rubbish|garbage|trash|nonsense|stupid|idiot\w*|incompetent|"
    r"unacceptable|shameful|shame\s+on|wtf|damn|hell|crap|sh[i1]t\w*|f+u+c+k\w*|bloody|sucks?|hate\s+(?:this|you|your)|"
    r"never\s+(?:again|shopping|buying)|sue\s+you|consumer\s+(?:court|forum|complaint|case)|pointless|legal\s+action|rude|misbehav\w*|"
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
                        r"replacement|exchange\s+request|exchange|exchanged|invoice|tracking|otp|received|ordered|bought|purchased|got|"
                        r"sign\s*in|sign\s*up|log\s*in|password|verification\s+(?:code|mail|email|sms)|profile|gift\s*cards?|store\s+credit|"
                        r"balance|loyalty|reward\s+points|supercoins?|fee|fees|cod|cash\s+on\s+delivery|billed|bill)\b", re.I)
_PROBLEM = re.compile(
    r"\b(not\s+(?:yet\s+)?(?:received|arrived|delivered|come|got|credited|refunded|processed|working|showing|picked)|"
    r"never\s+(?:arrived|came|received|delivered|got|comes?|arrives?|shows?\s+up|showed\s+up|works?|gets?\s+(?:sent|delivered))|"
    r"(?:did\s*n'?t|did\s+not|does\s*n'?t|does\s+not|never)\s+(?:even\s+)?(?:show|turn)\s+up|no[- ]show|"
    r"(?:is|are)\s*n'?t\s+(?:coming|arriving|working|loading)|(?:is|are)\s+not\s+(?:coming|arriving|loading)|"
    r"(?:can'?t|cannot|can\s+not|could\s*n'?t|unable\s+to|not\s+able\s+to)\s+(?:sign|log)\s*(?:in|into|on)?|"
    r"(?:can'?t|cannot|can\s+not|could\s*n'?t|unable\s+to|not\s+able\s+to)\s+(?:access|open|verify|reset|login|place|complete|"
    r"check\s*out|update|change|edit|modify)|"
    r"has(?:n'?t| not)\s+(?:arrived|come|been)|have(?:n'?t| not)\s+"
    r"(?:received|got|gotten|been)|didn'?t\s+(?:receive|arrive|come|get)|did\s+not\s+(?:receive|arrive|come|get)|"
    r"still\s+(?:not|no|waiting|haven'?t|hasn'?t|pending)|"
    # an owed state denied with the contraction, apostrophe or not: "still isnt credited", "wasn't refunded yet"
    r"still\s+(?:is|are|was|were)\s*n'?t\b|(?:is|are|was|were)\s*n'?t\s+(?:yet\s+)?(?:been\s+)?(?:credited|refunded|processed|"
    r"initiated|reflected|received|shipped|dispatched|picked\s+up|updated)|no\s+(?:refund|update|response|reply)|missing|lost|wrong|"
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
    r"taking\s+(?:so|too|very)\s+long|(?:so|too)\s+long(?!\s+(?:story|as|ago|since|bye))|(?:it'?s|its|it\s+has|it\s+is|been)\s+(?:already\s+)?(?:been\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|few|over\s+a|a|one|almost\s+a|nearly\s+a|more\s+than\s+a|"
    r"about\s+a|a\s+whole|a\s+full)\s+(?:days?|weeks?|months?|fortnight)|"
    # chasing something owed: "still chasing my refund", "following up on my order for the third time"
    r"(?:(?:still\s+)?(?:chasing|following\s+up\s+on|running\s+after)|still\s+waiting\s+(?:on|for))\s+(?:my|the|this|our)\s+"
    r"(?:refund|order|return|money|parcel|package|delivery|exchange|replacement|payment|cashback)|"
    r"since\s+(?:\d+|last|yesterday|a\s+week|two)\b|supposed\s+to\s+(?:come|arrive|reach|be\s+\w+)|nothing\s+yet|not\s+yet|"
    r"only\s+(?:one|\d+|half|some|part)\s+(?:of\s+them\s+|\w+\s+)?(?:arrived|came|delivered|received|reached)|"
    r"(?:not|n'?t)\s+(?:yet\s+)?reached|nobody\s+came|no\s*(?:one|-one)\s+came|cancel+ed\s+(?:every|again|multiple|twice|thrice)|"
    r"rescheduled|tamper\w*|(?:was|is|came)\s+empty|empty\s+(?:box|package|parcel)|(?:was|were|got)\s+charged|charged\s+(?:me|for)|"
    r"not\s+in\s+my\s+(?:account|bank)|shows?\s+(?:as\s+)?(?:completed|delivered|refunded|successful|credited)\s+but|"
    r"(?:has|have|did|does|is|was)\s*n'?t\s+(?:my|the|our|it|they)\s+(?:\w+\s+)?(?:come|came|arrived|arrive|been|reached|reach|"
    r"shipped|credited|delivered|processed|got)|vanished|disappeared|went\s+missing|(?:is|are|was|got)\s+gone|"
    r"shows?\s+(?:zero|0|nil)|hacked|unauthori[sz]ed|without\s+my\s+(?:permission|knowledge|consent)|wet|soaked|ruined|spoil(?:ed|t)|crushed|smashed|"
    # money taken that should not have been: "why was I charged", "collected 300 more than the app showed",
    # "a fee that wasn't shown", "I want it reversed"
    r"(?:was|were|am|are|have|has)\s+(?:i|we|me|you|they)\s+(?:been\s+)?(?:charged|billed|debited|deducted)|"
    r"why\s+(?:was|were|did|is|has|have|does|do)\b[^.?!]{0,30}?\b(?:charg\w*|bill\w*|deduct\w*|debit\w*|cancel+\w*|reject\w*|"
    r"declin\w*|block\w*|collect\w*|cut)|"
    r"(?:collected|took|taken|demanded|wanted|charged|billed|asked\s+for)\s+(?:me\s+)?(?:(?:₹|rs\.?|inr)\s*)?[\d,]*\s*"
    r"(?:rupees\s+|rs\.?\s+|bucks\s+)?(?:more|extra|additional|over)\b|more\s+(?:cash|money)\s+than|"
    r"(?:hidden|unexpected|surprise|unexplained|unknown|extra)\s+(?:fee|fees|charges?|deductions?)|"
    r"(?:fee|charges?|amount)\s+(?:that\s+|which\s+)?(?:was\s*n'?t|was\s+not|were\s*n'?t|is\s*n'?t|not)\s+(?:shown|mentioned|displayed|"
    r"disclosed|told)|"
    r"(?:want|need|get)\s+(?:it|this|that|the\s+(?:charge|fee|amount|money|payment|transaction))\s+(?:reversed|refunded|back)|"
    r"revers(?:e|al\s+of)\s+(?:the|this|that|my)\s+(?:charge|fee|payment|transaction|deduction|amount)|"
    r"(?:was|were|got)\s+billed|(?:never|did\s*n'?t|did\s+not)\s+(?:agree|agreed|opt|opted|choose|chose|select|selected)\b|"
    r"(?:nobody|no\s*-?\s*one)\s+told\s+(?:me|us)|without\s+(?:telling|informing|asking)\s+(?:me|us)|"
    r"showed\s+up\s+on\s+my\s+(?:bank|card|credit|statement)|"
    # someone else using the account: "orders I never placed", "claiming to be from your company", "compromised"
    r"compromised|misused|claiming\s+to\s+be|pretending\s+to\s+be|(?:do\s*n'?t|do\s+not|did\s*n'?t|did\s+not)\s+recogni[sz]e|"
    r"(?:orders?|purchases?|transactions?|payments?|charges?)\b[^.?!]{0,30}?\b(?:i|we)\s+(?:never|did\s*n'?t|did\s+not)\s+"
    r"(?:place|placed|make|made|do|did|authori[sz]e|authori[sz]ed)\b|"
    r"unknown\s+(?:device|login|orders?|purchases?|transactions?)|(?:used|spent|redeemed|accessed)\s+by\s+(?:someone|somebody|a\s+stranger)|"
    r"(?:someone|somebody)\s+(?:else\s+)?(?:redeemed|used|spent|accessed|logged\s+into|placed)|"
    r"(?:nobody|no\s*-?\s*one)\s+(?:has\s+)?(?:come|came|turned\s+up|showed\s+up|picked|collected)|"
    r"not\s+(?:getting|receiving)\s+(?:the\s+|any\s+|my\s+)?(?:otp|code|sms|email|mail|refund|money|confirmation|updates?|invoice)|"
    r"(?:went|sent|credited|transferred|paid)\s+(?:back\s+)?(?:in)?to\s+(?:the\s+wrong|my\s+old|an?\s+old|a\s+closed|my\s+closed|someone|"
    r"somebody|another)|"
    r"(?:got|received|refunded|credited|returned)\s+(?:money\s+back\s+|back\s+|refund\s+|a\s+refund\s+)?(?:for\s+)?only\s+"
    r"(?:\d+|one|two|three|half|part)|only\s+(?:\d+|one|two|three)\s+(?:of|out\s+of)\s+(?:the\s+)?(?:\d+|two|three|four|five)\b"
    r"[^.?!]{0,30}?\b(?:refund\w*|credited|money|back|arrived|came|delivered)|"
    r"(?:took|taken|stole|stolen|kept|ate|eaten|swallowed)\s+my\s+(?:money|cash|payment|amount)|gave\s+me\s+nothing|"
    r"double\s+(?:debit|deduction|payment|charge|billing)|(?:debited|deducted|billed|paid)\s+(?:twice|two\s+times|double)|"
    # broken English and partial deliveries or refunds: "i not get any parcel", "refund came but it's only 640",
    # "only the tshirts came"
    r"(?:i|we)\s+(?:not|no)\s+(?:get|got|receive|received|getting)|not\s+(?:yet\s+)?(?:came|come)\b|"
    r"nothing\s+(?:has\s+|had\s+)?happened|no\s+(?:pickup|pick-up|call|callback|call\s+back|email|sms)\b|"
    # "cod got removed from my earlier order ... now it's asking me to prepay"
    r"(?:got|was|been|were)\s+(?:removed|taken\s+off|changed|switched)\s+(?:from|on)\s+(?:my|the|our)\s+(?:\w+\s+)?(?:order|cart|account)|"
    r"asking\s+(?:me|us)\s+to\s+(?:pre-?pay|pay\s+(?:again|online|more|extra|twice|in\s+advance))|"
    r"(?:asking|demanding|charging|collecting|wants?|wanted)\s+(?:me\s+|us\s+)?(?:for\s+)?(?:₹|rs\.?\s*|inr\s*)?[\d,]+\s*"
    r"(?:rs\.?|rupees|bucks|inr)?\s*(?:more|extra|additional)|"
    r"(?:refund|money|amount|cashback|credit)\b[^.?!]{0,30}?\bonly\s+(?:₹|rs\.?\s*|inr\s*)?\d[\d,]*|"
    r"only\s+the\s+(?:\w+\s+){1,2}?(?:arrived|came|were\s+delivered|was\s+delivered|got\s+delivered|reached))\b",
    re.I,
)
_STAFF_CONDUCT = re.compile(
    r"\b(?:delivery|courier|pickup|pick-up|return\s+pickup|rider)\s*(?:boy|guy|man|men|person|partner|agent|executive|staff|wala|"
    r"bhaiya|people)?\b[^.?!]{0,40}?\b(?:shout\w*|yell\w*|abus\w*|drunk|threw|thrown|throws|threat\w*|misbehav\w*|rude|"
    r"demand\w*|refused|cheat\w*|insult\w*|harass\w*|scold\w*|argu\w*|fought|swore|slapped|pushed|"
    r"ask(?:ed|ing|s)?\s+(?:me\s+|us\s+)?(?:to\s+pay|for\s+(?:a\s+)?(?:tip|money|cash|bribe)|for\s+(?:₹|rs\.?\s*)?\d[\d,]*\s*(?:rs|rupees|bucks)?\s*"
    r"(?:extra|more))|"
    r"(?:did\s*n'?t|did\s+not|refused\s+to|would\s*n'?t)\s+(?:give|return|hand)\s+(?:me\s+|us\s+|her\s+|him\s+)?(?:back\s+)?"
    r"(?:the\s+|my\s+|our\s+)?(?:change|balance)|kept\s+(?:the\s+)?change)", re.I)
_FIRST_PERSON = re.compile(r"\b(i|i'?ve|i'?m|my|me|we|our|us|mine)\b", re.I)
# an id has a digit in it: "order today" is no order id
_ORDER_ID = re.compile(r"\b(?:order|awb|tracking)\s*(?:id|no\.?|number|#)?\s*[:#]?\s*(?=[A-Z-]*\d)[A-Z0-9-]{5,}\b", re.I)
_NEG_FEEDBACK = re.compile(
    # Hinglish: "phir se wahi", "koi fayda nahi", "kuch kaam ka nahi", "ye sab bekaar hai", "pasand nahi aaya"
    r"\b(phir\s+se\s+(?:wahi|vahi|same)|(?:koi|kuch)\s+fayda\s+nahi|kuch\s+(?:bhi\s+)?(?:kaam\s+ka\s+)?(?:nahi|nhi|nahin)\s+"
    r"(?:mil|dikh)\s*(?:raha|rha|rahi|rhi)|kuch\s+kaam\s+ka\s+nahi|(?:sab\s+)?bekaar|bakwas\s+(?:results?|hai)|"
    r"(?:ek\s+bhi|koi\s+bhi)\s+pasand\s+nahi|pasand\s+nahi\s+(?:aaya|aayi|aa\s+raha)|kaam\s+k[aei]\s+nahi|"
    r"(?:ye|yeh|ye\s+wale|yeh\s+wale)\s+(?:bhi\s+)?nahi\s+chahiye|(?:ye|yeh)\s+(?:wale|sab)\s+(?:achhe|acche|ache|theek)\s+nahi|"
    r"none\s+of\s+(?:these|them|those)|not\s+what\s+i\s+(?:want|asked|need|meant|am\s+looking)|not\s+helpful|"
    r"^\W*(?:still\s+)?nothing\s*(?:again|at\s+all|\?)|waste\s+of\s+(?:my\s+)?time|"
    r"doesn'?t\s+help|you\s+(?:don'?t|do\s+not)\s+understand|that'?s\s+not\s+it|wrong\s+(?:results|products|items)|"
    r"irrelevant|nothing\s+useful|still\s+not\s+right|not\s+(?:right|relevant)|useless\s+results|try\s+again|"
    r"not\s+what\s+i'?m\s+(?:looking|searching)|not\s+(?:looking|searching)\s+for\s+(?:these|this|that|those)|"
    r"nothing\s+(?:good|nice|suitable|relevant|i\s+(?:like|want))|(?:don'?t|do\s+not|didn'?t)\s+like\s+(?:any|these|those|them|this|it)|"
    r"not\s+(?:these|this|those|it|quite|good|great|really)\b(?!\s+(?:colou?r|brand|one|ones|size|in\b))|"
    r"(?:these|those|they|this|that)(?:\s+(?:are|is|r|look|looks))?\s+(?:not|aren'?t|isn'?t|don'?t\s+look)\s+(?:it|right|good|nice|great|what)|"
    r"still\s+(?:not|nothing|no\s+good|bad|wrong)|bad\s+(?:results|options|suggestions|matches)|no\s+good|nope|nah|meh|"
    r"not\s+impressed|none\s+(?:work|fit|suit)|these\s+(?:are\s+)?(?:bad|awful|ugly|boring)|"
    r"(?:these|those|they|them|all\s+of\s+(?:these|them|those)|everything|every\s+one)\s+(?:are|is|r|look|looks|seem|seems)\s+"
    r"(?:all\s+|also\s+|still\s+|just\s+|completely\s+|totally\s+)*(?:wrong|off|irrelevant|not\s+(?:right|it|relevant)|"
    r"way\s+off|off[- ]target|the\s+wrong\s+\w+))\b",
    re.I,
)


# Hypotheticals and how-questions are policy questions, not problems ("what if my order is late?").
_HYPOTHETICAL = re.compile(r"^\s*(?:(?:and|also|so|ok(?:ay)?|oh|but|then)\W+)?(?:what\s+if|if|in\s+case|suppose|supposing|what\s+happens|how\s+(?:do|can|long|many|much|to)|"
                           r"can\s+i|could\s+i|may\s+i|do\s+you|do\s+i\s+(?:get|have|need)|will\s+i\s+get|does|is\s+(?:it|there)|"
                           r"are\s+(?:returns|refunds))\b", re.I)
_HYPOTHETICAL_ANY = re.compile(r"\b(?:what\s+if|in\s+case|what\s+happens\s+if|what\s+(?:do|should|can|would)\s+i\s+do\s+if|"
                               r"if\s+(?:i|we)\s+(?:ever|someday)|just\s+(?:curious|wondering)|"
                               r"if\s+(?:something|anything)\s+(?:ever\s+)?(?:goes|go|went)\s+wrong|"
                               r"suppose|supposing|hypothetically)\b|"
                               # Hinglish habitual questions: "COD pe extra charge lagta hai?", "refund kitne din mein hota hai?"
                               r"\b(?:lagta|lagti|lagte|hota|hoti|hote|milta|milti|milte|padta|padti|padte)\s+(?:hai|hain|h)\b\s*\??\s*$|"
                               # "what's your return policy if the colour fades after the first wash?": the rule for a case
                               r"\b(?:policy|policies|process|procedure|rules?)\s+(?:\w+\s+){0,2}?(?:if|when|in\s+case)\b|"
                               # "the refund timeline if an item arrives broken?": a condition on any item, not a report
                               r"\bif\s+(?:an?|any|the|my)\s+(?:item|product|order|parcel|package|delivery|thing|size)s?\s+"
                               r"(?:\w+\s+){0,2}?(?:arrives?|comes?|is|gets?|turns?\s+out|was|were|are|does\s*n'?t|doesnt)\b|"
                               # Hinglish: "agar ..." (if), "kabhi ... ho jata hai kya?" (does it ever happen?)
                               r"\bagar\b|\bho\s+(?:jata|jaata|jati|jaati|sakta|sakti)\s+hai\s+kya\b|\bkabhi\b[^.?!]{0,40}\bkya\b",
                               re.I)
_QUESTION_START = re.compile(r"^\s*(?:how|what|when|which|can|could|may|do|does|is|are|will|would|should)\b", re.I)
# A specific past purchase: "i bought", "the kurta i got", "my order", "received a used product".
_PURCHASE = re.compile(
    r"\b(?:i|we)\s+(?:have\s+|had\s+|just\s+|recently\s+|already\s+)?(?:bought|ordered|purchased|received|recieved|got|"
    r"was\s+sent|paid(?:\s+for)?|sent|gifted|had\s+\w+\s+delivered)\b|"
    r"\b(?:my|our)\s+(?:order|purchase|parcel|package|delivery|shipment)\b|^\s*(?:received|recieved|got|ordered|bought|placed\s+(?:an?\s+|my\s+)?order|"
    r"purchased|paid\s+for)\b|\b(?:the|this|my)\s+\w+\s+(?:from|off)\s+(?:your|this)\s+(?:app|site|website|store|shop)\b|"
    r"^\s*(?:received|recieved|got|ordered|bought|"
    r"purchased|paid\s+for)\b|"
    r"\bmy\s+\w+(?:\s+\w+)?\s+(?:came|arrived|was\s+delivered|got\s+delivered|has\s+arrived)\b|"
    # a delivery told with its day: "the one that came on monday", "dad's shoes came today", "which arrived yesterday"
    r"\b(?:came|arrived|was\s+delivered|were\s+delivered|got\s+delivered|reached\s+(?:me|us|him|her))\s+(?:on\s+\w+day|today|"
    r"yesterday|this\s+(?:morning|afternoon|evening|week)|last\s+(?:night|week)|\d+\s+days?\s+ago|just\s+now)\b|"
    r"\b(?:the\s+one|the\s+\w+|one|ones|it|they)\s+(?:that|which|i|we)\s+(?:came|arrived|got|received|ordered|bought)\b|"
    r"\b(?:bought|ordered|purchased|delivered)\s+(?:it\s+|them\s+)?(?:from\s+you|last|yesterday|on|\d|a\s+few|few|two|this|earlier)|"
    r"\b(?:you|you\s+guys|you\s+people|you\s+lot|y'?all|they|seller|store|courier|brand)\s+(?:have\s+|has\s+)?"
    r"(?:sent|delivered|shipped|gave)\b|(?:^|[.!?]\s*)(?:sent|delivered|shipped|gave)\s+(?:me|us)\b|"
    r"\b(?:an?|the)\s+order\s+(?:that\s+)?(?:i|we)\s+(?:have\s+|'ve\s+|had\s+|just\s+|already\s+|recently\s+)*(?:placed|made)\b|"
    r"\b(?:i|we)\s*(?:have\s+|'ve\s+|had\s+|just\s+|already\s+|recently\s+)*placed\s+(?:an?|the|my|our)\s+order\b|"
    r"\b(?:already|just)\s+placed\b|\bplaced\s+(?:on|last|yesterday|today|this|\d)", re.I)
_DEFECT = re.compile(
    r"\b(broke|broken|torn|tore|ripped|cracked|crack|scratch(?:ed|es)?|dent(?:ed)?|damaged|defective|faulty|stain(?:ed|s)?|"
    r"(?:has|had|with|got)\s+(?:an?\s+)?(?:\w+\s+)?(?:tear|rip|hole|snag|cut)|looks?\s+like\s+(?:a\s+)?(?:copy|replica|fake)|"
    r"replica|not\s+(?:original|genuine|authentic)|logo\s+looks?\s+(?:off|wrong|fake|different)|"
    r"dirty|faded|fading|shrunk|shrank|came\s+(?:off|apart|out|loose|open)|fell\s+apart|falling\s+apart|peel(?:ed|ing)|"
    r"stopped\s+working|does\s*n'?t\s+work|not\s+working|leak(?:s|ed|ing)|smell(?:s|y)?|holes?|loose\s+threads?|"
    r"used|old\s+stock|fake|duplicate|counterfeit|first\s+copy|wrong|different|too\s+(?:small|big|tight|loose|short|long)|"
    r"(?:does|do)\s*n'?t\s+fit(?!\s+(?:him|her|them|me|us)?\s*any\s*more)|"  # old clothes outgrown: no defect
    r"not\s+fitting|missing|blisters?|(?:bad|poor|cheap|low|pathetic|worst)\s+quality|"
    r"quality\s+is\s+(?:bad|poor|pathetic|terrible|horrible|very\s+bad|not\s+good|worst)|someone\s+else'?s|somebody\s+else'?s|"
    r"not\s+mine|(?:sizes?\s+)?(?:smaller|bigger|larger|tighter|looser|shorter|longer)\s+than|tamper\w*|empty|instead\s+of|"
    r"wet|soaked|ruined|spoil(?:ed|t)|crushed|smashed|tarnish\w*|snapped|bled|undone|expired|"
    r"(?:came|arrived|delivered|shipped|packed)\s+without|"
    r"(?:packet|package|parcel|box|pack)\s+(?:had|contained|contains|has|came\s+with)|"
    r"(?:when|but|though|although|whereas|while)\s+(?:i|we)\s+(?:had\s+)?(?:clearly\s+)?(?:ordered|asked\s+for|selected|chose|"
    r"picked|paid\s+for|wanted))\b", re.I)
_DISSATISFIED = re.compile(
    r"\b(disappointed|disappointing|dissatisfied|unhappy|not\s+(?:at\s+all\s+)?(?:happy|satisfied|pleased)|upset|regret\w*|"
    r"let\s+down|not\s+worth|waste\s+of\s+money|bad\s+experience|poor\s+(?:service|experience))\b", re.I)
# Past-tense damage reports are post-purchase by themselves ("the zip broke on day one").
_DEFECT_EVENT = re.compile(
    r"\b(broke(?!\s+down)|tore|cracked|shrunk|shrank|came\s+(?:off|apart|loose)|fell\s+apart|stopped\s+working|peeled|"
    r"started\s+(?:peeling|fading|tearing|breaking)|(?:colou?r|it|they|print)\s+(?:has\s+|have\s+)?(?:faded|ran|bled)|"
    r"faded\s+after|(?:different|differs)\s+from\s+(?:the\s+|what\s+(?:was\s+)?)?(?:photo|picture|image|pic|website|description|shown)|"
    r"not\s+as\s+(?:shown|described|pictured|in\s+the\s+(?:photo|picture))|looks?\s+nothing\s+like|"
    # "reached him with a torn sleeve", "opened the box and found ladies sandals inside"
    r"(?:reached|arrived|came|got\s+delivered|was\s+delivered)\s+(?:\w+\s+){0,2}?with\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?:torn|broken|ripped|damaged|cracked|stained|missing|loose|faded|dirty|bent|scratched)|"
    r"opened\s+(?:the|my|his|her|our)\s+(?:box|parcel|package|packet)\s+(?:and|to)\s+(?:found|saw|got)|"
    r"found\s+(?:\w+\s+){0,3}?(?:inside|in\s+(?:the|my)\s+(?:box|parcel|package|packet))|"
    r"(?:box|parcel|package|packet)\s+(?:had|contained|contains)\s+(?:someone\s+else|the\s+wrong|a\s+different|different)|"
    # damage told with a noun or a part: "came with a big cut near the border", "the strap snapped on day one",
    # "stopped ticking", "peeling after one wash", "the label says M but it fits like XS", "a security tag still attached"
    r"(?:reached|arrived|came|got\s+delivered|was\s+delivered)\s+(?:\w+\s+){0,2}?with\s+(?:an?\s+|the\s+|one\s+)?(?:\w+\s+){0,2}?"
    r"(?:cut|hole|tear|rip|stain|scratch|crack|dent|defect|scuff|burn|mark|loose\s+thread)s?|"
    r"(?:strap|zip|zipper|button|buckle|heel|sole|handle|chain|clasp|hook|lace|band|stitch\w*|seam|dial|lens|frame)s?\s+"
    r"(?:\w+\s+)?(?:snapped|broke|came\s+off|fell\s+off|popped\s+off|split|ripped|tore|gave\s+way|came\s+undone)|"
    r"stopped\s+(?:ticking|running|working|charging|functioning|closing|zipping)|"
    r"(?:peel\w*|fad\w*|shr[iau]nk\w*|tore|torn|ripped|bled|bleed\w*|pill\w*|broke|loose)\s+(?:\w+\s+)?after\s+(?:just\s+|only\s+)?"
    r"(?:one|the\s+first|a\s+single|first|two|a\s+couple\s+of|\d+)\s+(?:wash|washes|use|uses|wear|wears|days?)|"
    r"(?:label|tag|box)\s+says\s+(?:size\s+)?\w+\s+but|"
    # an item the shopper has: "it fits like an XS", "the chest fits like a kids' size" (not "an M in one brand fits like an L")
    r"(?:it|this|they|these|mine|the\s+(?:chest|waist|top|dress|kurta|shirt|jeans|shoe|shoes|sleeves?|length|item|one|size))\s+"
    r"(?:still\s+|actually\s+)?fits?\s+like\s+(?:an?\s+)?(?:xx?s|xx?l|s|m|l|small|medium|large|kids?)\b|"
    r"security\s+tag|(?:different|another)\s+(?:\w+\s+)?from\s+(?:the\s+one\s+|what\s+was\s+)?(?:shown\s+)?(?:on|in)\s+"
    r"(?:the\s+|your\s+)?(?:site|app|website|photo|picture|listing|page)|"
    r"(?:came|arrived|reached|was\s+delivered|got\s+delivered)\s+(?:\w+\s+){0,2}?(?:days?|weeks?)\s+(?:after|late)|"
    r"(?:came|arrived|(?:was|were|got)\s+delivered)\s+without\s+(?:the\s+|its\s+|any\s+|a\s+|an\s+)?"
    r"(?:laces?|strap|belt|dupatta|buttons?|box|tags?|invoice|cover|pouch|warranty|bottom|pair|lid|cap|charger|battery)|"
    r"(?:half|almost)\s+empty|already\s+(?:scratched|torn|broken|damaged|stained|used|worn|opened|cracked)|"
    # "I ordered a blue shirt size L and received a pink top size S", "ordered a blue shirt, got a pink kurta instead"
    r"(?:ordered|asked\s+for|bought|paid\s+for|selected)\s+(?:an?\s+|the\s+|\d+\s+)?(?:\w+\s+){0,4}?\w+(?:\s*,\s*|\s+(?:and|but)\s+)"
    r"(?:i\s+|we\s+)?"
    r"(?:received|got|was\s+sent|were\s+sent|they\s+sent|you\s+sent|it\s+came\s+as)\s+(?:an?\s+|\d+\s+)?"
    r"(?!(?:it|them|the\s+same|same|on\s+time|yesterday|today|refund|my\s+refund|my\s+money|a\s+refund|call|mail|message|sms|"
    r"confirmation|day|days|week|weeks|month|months|delivered|back|replaced)\b)\w+|"
    # a pair that is no pair: "one shoe is size 8 and the other is 9", "two left shoes", "mismatched"
    r"one\s+(?:shoe|sandal|slipper|boot|earring|sock|glove|side|piece)\s+is\s+(?:a\s+)?(?:size\s+)?\w+\s+and\s+the\s+other|"
    r"(?:two|both)\s+(?:left|right)\s+(?:shoes?|feet|foot|sandals?|slippers?)|mismatch\w*|"
    r"(?:the\s+)?new\s+one\s+(?:never|still\s+has\s*n'?t|has\s*n'?t|did\s*n'?t)\s+(?:\w+\s+)?(?:arrived|came|come|arrive|reached|shipped))\b",
    re.I)
# Help with a specific order, or money back: the bot cannot act on orders.
_ORDER_HELP = re.compile(
    r"\b(?:help|issue|problem|query|question|concern|complaint|trouble)\s+(?:with|about|regarding|related\s+to|on)\s+"
    r"(?:my|the|an?)\s+(?:order|refund|return|payment|delivery|account|parcel|package|shipment|exchange|purchase)|"
    r"(?:check|know|what'?s|where'?s|track)\s+(?:the\s+)?(?:status\s+of\s+)?my\s+(?:order|refund|return|parcel|package|shipment|exchange)|"
    r"my\s+(?:order|refund|return|exchange)\s+status|(?:my|the)\s+money\s+back|refund\s+me\b|want\s+(?:a|my)\s+refund", re.I)
# Delivery and pickup failures told plainly: "the app says delivered but nobody received it", "the pickup for my return
# got cancelled three times", "nobody ever came"
_DELIVERY_FAIL = re.compile(
    r"\b(?:app|tracking|status|it|site|website|sms|message)\s+(?:is\s+|was\s+)?(?:says|shows|showing|said|showed)\s+(?:it\s+(?:was|is|has\s+been)\s+|"
    r"it'?s\s+|as\s+)?delivered\b[^.?!]{0,40}?\b(?:but|though|yet|however|nothing|never|nobody|no\s*one)\b|"
    r"\b(?:pickup|pick-up|pick\s+up|delivery|order|return|exchange|refund)\b[^.?!]{0,30}?\b(?:got|was|been|keeps?\s+getting|has\s+been)\s+"
    r"(?:cancell?ed|rescheduled|postponed)\b|"
    r"\b(?:pickup|pick-up|delivery|courier|parcel|return)\b[^.?!]{0,40}?\b(?:nobody|no\s*one)\s+(?:ever\s+)?(?:came|come|showed\s+up|"
    r"turned\s+up|picked\s+(?:it\s+)?up)\b", re.I)
_APP_BLOCKS = re.compile(
    r"\b(?:app|site|website|it)\s+(?:wont|won'?t|doesn'?t|doesnt|does\s+not|isn'?t|is\s+not|will\s+not|is\s+not\s+letting|isnt\s+letting)\s+"
    r"(?:let(?:ting)?\s+me\s+|allow(?:ing)?\s+me\s+to\s+)(?:return|cancel|exchange|pay|track|log\s*in|login|checkout|check\s+out|"
    r"place|apply|use|change|update)|"
    r"\b(?:return|cancel|exchange|refund|track)\w*\s+(?:button|option|link)\s+(?:just\s+)?(?:is\s+|isn'?t|isnt|is\s+not|not|doesn'?t|"
    r"won'?t)\s*(?:there|showing|visible|working|work|available|greyed|grayed|appear\w*|missing)", re.I)
_ACCOUNT_ACTION = re.compile(
    r"\b(?:delete|deactivate|close|remove|unblock|unlock|reactivate|recover|restore|merge)\s+(?:my|our)\s+(?:\w+\s+)?account|"
    r"\b(?:my|our)\s+(?:\w+\s+)?account\s+(?:\w+\s+){0,3}?(?:deleted|deactivated|closed|removed|unblocked|unlocked|recovered|restored|merged)|"
    # an imperative on an existing order: "cancel my order please", "stop my parcel"
    r"^\W*(?:please\s+|pls\s+|kindly\s+)?(?:cancel|return|exchange|refund|replace|hold|stop|modify|withdraw|postpone)\s+(?:my|our|the|this)\s+"
    r"(?:\w+\s+){0,3}?(?:order|purchase|parcel|shipment|delivery)\b", re.I)
_ORDER_ACTION = re.compile(
    r"\b(?:i\s+(?:want|need|would\s+like|wanna)|i'?d\s+like|please|help\s+me|want\s+to|need\s+to|"
    r"(?:can|could)\s+(?:someone|somebody|anyone|you|u)|chahiye)\b.*"
    r"\b(?:refund|return|replace(?:ment)?|exchange|cancel|swap|change|modify|update|edit|hold|stop|withdraw|move|redirect|"
    r"reschedule|postpone|pause)\b", re.I)
# Frustration without swear words: repeating oneself, nobody helping, going in circles, sarcasm.
_REPEAT = re.compile(
    r"\b(?:(?:this|that)\s+is|this'?s|it'?s|that'?s|for)\s+(?:like\s+)?(?:the|my)\s+(?:second|third|fourth|fifth|tenth|nth|"
    r"umpteenth|hundredth|millionth|\d+(?:st|nd|rd|th))\s+time\b(?=.*\b(?:tell\w*|ask\w*|say\w*|said|told|explain\w*|"
    r"repeat\w*|try\w*|tried|typ\w*|writ\w*|wrote|contact\w*|call\w*|messag\w*|chat\w*|complain\w*|reach\w*|happen\w*|"
    r"mention\w*|request\w*)\b)|"
    r"\b(?:asked|told|said|explained|mentioned|repeated|typed|requested)\s+(?:you\s+|this\s+|that\s+|it\s+)*(?:like\s+|already\s+)?"
    r"(?:\d+|two|three|four|five|six|ten|many|several|a\s+hundred|so\s+many|multiple)\s+times|"
    r"\b(?:again\s+and\s+again|over\s+and\s+over(?:\s+again)?)\b|"
    r"\bhow\s+many\s+(?:more\s+)?times\s+(?:do|should|must|have|will|am|shall)\s+i\s+(?:have\s+to\s+|need\s+to\s+)?"
    r"(?:tell|ask|say|repeat|explain|type|write|search)|"
    r"\b(?:keep|kept)\s+(?:on\s+)?(?:telling|asking|saying|repeating|explaining)\b|"
    # Hinglish: "3rd time pooch raha", "teesri baar bol rahi hoon", "kitni baar bolun", "baar baar pooch raha"
    r"\b(?:\d+(?:st|nd|rd|th)?|teesri|tisri|doosri|dusri|chauthi|third|second|fourth)\s+(?:time|baar|bar)\s+(?:\w+\s+)?"
    r"(?:pooch|puch|pučh|bol|keh|kah|likh|search|dhoond)\w*|\bkitni\s+(?:baar|bar)\s+(?:\w+\s+)?(?:bol|pooch|puch|keh|kah|likh)\w*|"
    r"\bbaar\s+baar\s+(?:\w+\s+)?(?:bol|pooch|puch|keh|kah|likh)\w*", re.I)
_UNHELPED = re.compile(
    r"\b(?:nobody|no\s*-?\s*one|none\s+of\s+you)\b(?:\s+\w+){0,3}?\s+(?:help\w*|respond\w*|answer\w*|listen\w*|repl\w*|"
    r"read\w*|car(?:e|es|ing)|bother\w*|assist\w*|solv\w*|fix\w*)|"
    r"\b(?:you(?:'re|\s+are)?|you\s+guys|this\s+(?:bot|chat|thing|assistant))\s+(?:\w+\s+)?(?:not|n'?t|never)\s+(?:even\s+)?"
    r"(?:listening|helping)\b|\b(?:going|getting)\s+nowhere\b|\b(?:round|around)\s+in\s+circles\b|"
    r"\b(?:been|keep|kept)\s+(?:trying|asking|waiting|repeating|explaining|going\s+back\s+and\s+forth)\b[^.?!]{0,30}?"
    r"\b(?:minutes|mins|hours?|hrs|ages|forever|days|so\s+long|all\s+day)\b", re.I)
# Sarcasm: a fixed sarcastic idiom, or praise that comes with a complaint about the results in the same message.
_SARCASM = re.compile(
    r"\b(?:thanks?|thank\s+you)\s+for\s+(?:nothing|wasting|the\s+waste|being\s+(?:so\s+|totally\s+)?useless)|"
    r"\b(?:so|very|real(?:ly)?|super|such\s+a)\s+(?:helpful|useful|big\s+help)\W+(?:not\b|/s\b|lol\b)|\byeah,?\s+right\b|"
    r"\b(?:oh\s+|yeah\s+)?sure,?\s+because\b|"
    # "so helpful... NOT": the word after a pause, ending the thought ("- not black" as a list item is no sarcasm)
    r"(?<=\w)\s*(?:\.{2,}|…|-+)\s*not\b(?!\s*[\w-])|\s/s\b", re.I)
_PRAISE = re.compile(r"^\W*(?:oh\s+|wow\W+|well\W+|ah\s+)?(?:great|brilliant|fantastic|wonderful|perfect|amazing|superb|lovely|"
                     r"genius|excellent|nice\s+one|well\s+done|good\s+job|great\s+job|awesome|marvell?ous|splendid)\b", re.I)
_SAME_AGAIN = re.compile(
    r"\bsame\s+(?:\w+\s+){0,2}?(?:list|results?|stuff|things|products|items|suggestions|options|answers?|repl(?:y|ies)|junk)\s+"
    r"(?:again|as\s+before|as\s+last\s+time|every\s+time|over\s+and\s+over)|"
    r"\b(?:things|stuff|products|items|something)\s+i\s+(?:did\s*n'?t|did\s+not|never)\s+ask(?:ed)?\s+for|"
    r"\bstill\s+(?:the\s+same|nothing|wrong|useless)\b", re.I)
# "not angry", "no need for a human", "don't connect me to anyone": the cue is negated in its own clause.
_NO_NEED = re.compile(r"\b(?:no\s+need|don'?t\s+need|dont\s+need|do\s+not\s+need|not\s+necessary|needn'?t)\s+(?:to|for)\b"
                      r"[^,.;!?]{0,40}$", re.I)  # "no need to connect me to any agent"
_NEGATED_BEFORE = re.compile(r"\b(?:not|no|never|without|n'?t|dont|don't)\b(?:\s+\w+){0,4}?\s*$", re.I)
# Feelings about the shopper's own old things are a reason to shop ("frustrated with my old backpack").
_OWN_THING = re.compile(r"\b(?:with|about|of|at|by)\s+(?:my|our)\s+(?:(?:old|current|existing|own|worn[- ]out|present|"
                        r"last)\s+)?(\w+)", re.I)
# "team" is the store's unless it is the shopper's own ("so angry at my team for losing"): a sports side, an office team
_STORE_TARGET = re.compile(r"\b(you|your|yours|service|site|website|app|bot|chat|company|store|platform|support|"
                           r"(?<!\bmy\s)(?<!\bour\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bcricket\s)(?<!\bfootball\s)"
                           r"(?<!\bfavourite\s)(?<!\bfavorite\s)(?<!\bnational\s)(?<!\bindian\s)team|"
                           r"myntra|order\w*|delivery|courier|refund|payment|staff|agent|shopping\s+experience)\b", re.I)


# Asking whether a person is needed is a question about the process, not a request for one ("can I exchange it myself
# or do I have to contact customer support?", "is it necessary to call customer care to cancel?").
_NEED_PERSON_Q = re.compile(
    r"(?:\b(?:do|does|would|will|shall|must)\s+(?:i|we|one|you)\s+(?:really\s+|still\s+|always\s+|first\s+)?"
    r"(?:have\s+to|need\s+to|got\s+to|be\s+required\s+to)|\bmust\s+(?:i|we)|"
    r"\bis\s+it\s+(?:really\s+)?(?:necessary|mandatory|required|compulsory|needed)\s+(?:for\s+(?:me|us)\s+)?to|"
    r"\bis\s+there\s+(?:any\s+)?need\s+to|\b(?:do|does|would|will)\s+(?:i|we|it|this|that)\s+(?:need|require|involve)|"
    r"\bhave\s+to\s+(?:go\s+through|involve))\s+(?:\w+\s+){0,3}?$", re.I)


def _asks_if_needed(t: str, m: re.Match) -> bool:
    """Whether a person word sits in a question about needing a person (see _NEED_PERSON_Q)."""
    clause = re.split(r"[,.;:!\n]", t[:m.start()])[-1]
    return bool(_NEED_PERSON_Q.search(clause)) and bool(_QUESTION_FORM.search(t))


_QUESTION_FORM = re.compile(r"\?|^\W*(?:can|could|do|does|should|is|will|would|how|what|must|may)\b|"
                            r"\bor\s+(?:do|must|will|should|would)\s+(?:i|we)\b", re.I)


def _negated(t: str, m: re.Match) -> bool:
    """Whether a cue is negated inside its own clause ("I'm not angry", "no need for a human")."""
    clause = re.split(r"[,.;:!?\n]|\bbut\b|\bjust\b", t[:m.start()])[-1]
    return bool(_NEGATED_BEFORE.search(clause)) or bool(_NO_NEED.search(clause))


_SHOP_ASK = re.compile(r"\b(show|need|want|looking|buy|find|suggest|recommend|get\s+me|new\s+(?:one|ones|pair)|"
                       r"replace\s+(?:it|them|mine))\b", re.I)
_CONTACT_VERB = re.compile(r"\b(talk|speak|chat|connect|transfer|put\s+me|get\s+me|call|ring|phone|contact|reach|escalate|"
                           r"complain|help\s+me|hand\s+(?:me|this|it)|pass\s+me)\b", re.I)
_COMPLAINT_TARGET = re.compile(r"\b(you|your|this|these|service|site|website|app|bot|experience|company|store|platform|"
                               r"support|team|delivery|courier|quality|product|guys|people|myntra)\b", re.I)


@dataclass(slots=True)
class Escalation:
    reason: str  # human_request | complaint | order_problem | repeated_failure
    priority: str  # high | normal
    evidence: str
    soft: bool = False  # decided by one keyword cue (anger word, "agent", damage word): the model may veto it in a shopping request


# Words the rules look for, so that a misspelt one still counts ("tlak to a real persn", "custmer care").
_LEXICON = sorted(set("""talk speak person people human agent customer service support care representative executive
manager supervisor someone somebody anyone connect transfer helpline number contact complaint complain refund refunded
order ordered delivery delivered received receive arrived payment deducted debited charged cancel cancelled return
returned exchange replacement damaged broken defective wrong missing parcel package account password useless pathetic
terrible worst angry please real actual money tracking shipment courier""".split()))


# catalog brand words one edit from an escalation word (checked over all 785 Myntra brand words): "wrogn tshirts men"
# must not read as "wrong tshirts"
_BRAND_WORDS = {"wrogn"}


@lru_cache(maxsize=4096)
def _correct_word(w: str) -> str:
    from assistant.vocab import _english_words, _weighted_osa

    if len(w) < 4 or not w.isalpha() or w in _english_words() or w in _LEXICON or w in _BRAND_WORDS:
        return w
    best, best_d = w, 1.01
    for c in _LEXICON:
        if abs(len(c) - len(w)) > 2:
            continue
        d = _weighted_osa(w, c) + (0.5 if c[0] != w[0] else 0.0)
        if d < best_d:
            best, best_d = c, d
    return best


def normalise(text: str) -> str:
    """Misspelt escalation words corrected (one edit, vowel slips half); real English words are never changed."""
    def fix(m: re.Match) -> str:
        w = m.group(0)
        if not (w.islower() or w.istitle()):
            return w  # "PUMA", "iPhone": left as written
        c = _correct_word(w.lower())
        return w if c == w.lower() else c

    text = re.sub(r"[A-Za-z]{4,}", fix, text)
    # "I'm a student and broke", "we're so broke": short of money, nothing broke
    return _SKINT.sub(lambda m: m.group(0)[:-5] + "skint", text)


_SKINT = re.compile(r"\b(?:i'?m|i\s+am|im|we'?re|we\s+are|am)\s+(?:a\s+\w+\s+and\s+|so\s+|totally\s+|completely\s+|kinda\s+|"
                    r"super\s+|very\s+|pretty\s+|flat\s+|dead\s+|always\s+|literally\s+|a\s+bit\s+)?broke\b", re.I)


# "keeps <verb>ing" is a fault when a thing does it ("the app keeps crashing", "payment keeps failing"), not when a
# person in the shopper's life keeps talking to them ("my mom keeps calling me") or the shopper keeps saying something
# ("I keep saying tomorrow"). "he / they keep calling" may be the courier or the store: not excused.
_KEEPS = re.compile(r"keeps?\s+(\w+ing)\b", re.I)
# People in the shopper's life, shared by the "keeps ...ing" subject check and the "told someone else" check
_KIN = (r"mom|mum|mummy|mother|mama|maa|dad|daddy|papa|father|wife|husband|sister|brother|friends?|family|aunt|aunty|"
        r"auntie|uncle|son|daughter|children|boss|roommate|grandma|grandpa|granny|relatives|parents|in-laws?|boyfriend|"
        r"girlfriend")
_PERSON_SUBJECT = re.compile(rf"\b(?:{_KIN}|sis|bro|cousin|kids?|baby|colleague|neighbou?r|bf|gf|i|we|everyone|everybody|people|"
                             rf"relatives|someone|somebody|he|she)\s*$", re.I)
_TALK_VERBS = {"saying", "telling", "thinking", "wondering", "asking", "calling", "texting", "messaging", "reminding",
               "nagging", "bugging", "pestering", "forgetting", "postponing", "delaying", "procrastinating", "changing",
               "talking", "going", "looking", "browsing", "scrolling", "coming", "putting",
               # family sharing things with the shopper: "my sister keeps sending me links"
               "sending", "forwarding", "sharing", "showing", "posting", "tagging", "suggesting", "recommending"}


_RELATION = re.compile(rf"\b(?:{_KIN}|cousins?|kids|colleagues?|neighbou?rs?)\b", re.I)
_AT_BOT = re.compile(r"\b(?:you|u|ya|bot|chat|assistant|app|this\s+thing|search|results?)\b", re.I)


def _told_someone_else(t: str, m) -> bool:
    """'I keep saying tomorrow' in a story about mom's calls is said to family, not repeated to the assistant: a
    "keep telling / saying / asking" cue whose sentence names a person in the shopper's life and never the assistant."""
    if not re.match(r"(?:keep|kept)\b", m.group(0), re.I):
        return False
    sent = _sentence(t, m)
    return bool(_RELATION.search(sent)) and not _AT_BOT.search(sent)


# Another seller named in the same sentence: "I scrolled through random sites, the delivery was always too late" is
# the shopper's backstory about somewhere else, not a problem with an order here.
_ELSEWHERE = re.compile(
    r"\b(?:other|random|different|another|some|those|these\s+other|various|many|several|cheap|fake|shady|dodgy|sketchy|"
    r"unknown|local|an?\s+(?:random|unknown|local|shady|fake|dodgy|sketchy|small))\s+(?:[a-z]+\s+)?(?:online\s+|shopping\s+)?"
    r"(?:sites?|websites?|apps?|stores?|shops?|platforms?|sellers?|resellers?|vendors?|brands?\s+sites?)\b|\belsewhere\b|"
    r"\b(?:instagram|insta|facebook|fb|whatsapp|telegram)\s+(?:seller|shop|store|page|vendor|reseller)s?\b|"
    r"\b(?:amazon|flipkart|ajio|meesho|nykaa|snapdeal|tata\s*cliq|zomato|swiggy|blinkit|zepto|bigbasket|dunzo|jiomart|"
    r"firstcry|lenskart|shein|ebay|walmart)\b", re.I)


# The store itself named in a sentence: anger there is about us, even if another seller is named too.
_HERE = re.compile(r"\b(?:your|yours|myntra|this\s+(?:app|site|website|store|platform|chat|bot)|(?:from|with|by|on|at|to)\s+you)\b",
                   re.I)
# Someone else's opinion: "my mom thinks online shopping is a scam" is not the shopper's complaint.
_THEIR_OPINION = re.compile(
    rf"\b(?:{_KIN}|people|everyone|everybody|some\s+people|a\s+lot\s+of\s+people|my\s+\w+)\s+(?:\w+\s+){{0,2}}?"
    r"(?:thinks?|thought|says?|said|feels?|felt|believes?|believed|claims?|claimed|reckons?|calls?|called|keeps?\s+saying)\b"
    r"[^,.;!?]*$", re.I)
_THEIR_PEOPLE = re.compile(r"\s+(?:customers|clients|people|passengers|students|kids|children|neighbou?rs|relatives|guests|"
                           r"callers|patients|fans|drivers|crowds?|mobs?|bosses|teachers|parents|babies|toddlers|teens)\b", re.I)
# "hope I won't need to talk to an agent for this": a person mentioned only to hope they are not needed.
_HOPED_AWAY = re.compile(r"\b(?:hope|hoping|hopefully|fingers\s+crossed|wish|pray)\b[^,.;!?]{0,30}?\b(?:won'?t|wont|don'?t|dont|"
                         r"never|not|no|without)\b[^,.;!?]{0,40}$", re.I)


def _not_mine(t: str, m: re.Match) -> bool:
    """An anger cue that is about another seller ("another site sent me a fake backpack, never again") or someone
    else's opinion ("my mom thinks it's all a scam") is a reason to shop here, not a complaint."""
    sent = _sentence(t, m)
    if _elsewhere(sent):
        return True
    if _THEIR_PEOPLE.match(t, m.end()):
        return True  # "she handles angry customers all day": a description of other people
    return bool(_THEIR_OPINION.search(t[max(0, m.start() - 120):m.start()]))


def _span(t: str, m: re.Match, stops: str) -> str:
    """The stretch of ``t`` around match ``m`` between the nearest ``stops`` characters."""
    a = max(t.rfind(ch, 0, m.start()) for ch in stops) + 1
    ends = [i for i in (t.find(ch, m.end()) for ch in stops) if i >= 0]
    return t[a:min(ends) if ends else len(t)]


def _clause(t: str, m: re.Match) -> str:
    return _span(t, m, ".?!,;:")


def _sentence(t: str, m: re.Match) -> str:
    return _span(t, m, ".?!")


_NOT_FROM_YOU = re.compile(r"\bnot\s+(?:from|with|by|on|through)\s+(?:you|your|you\s+guys|this\s+(?:store|app|site|website))\b", re.I)


def _elsewhere(span: str) -> bool:
    """Another seller is named in this stretch of text and this store is not ("(not from you guys)" counts as another)."""
    if _NOT_FROM_YOU.search(span):
        return True
    return bool(_ELSEWHERE.search(span)) and not _HERE.search(span)


_ROLE_WORD = re.compile(r"(?:an?\s+|the\s+)?(?:agent|manager|supervisor|executive|associate|employee|operator|rep|"
                        r"representative)", re.I)


def _someone_of_mine(t: str, m: re.Match) -> bool:
    """"my manager wore a suit", "our sales executive's farewell": a role word owned by the shopper is a person in their
    life, not the store's staff ("let me talk to your manager", "get me a manager" still ask for one)."""
    if not _ROLE_WORD.fullmatch(m.group(0)):
        return False
    before = t[:m.start()]
    return bool(re.search(r"\b(?:my|our|his|her|their|mom'?s|dad'?s|wife'?s|husband'?s)\s+(?:[a-z]+\s+){0,2}$", before, re.I)
                # someone's job: "my mom is a bank manager", "he works as a delivery agent"
                or (re.search(r"\b(?:is|am|was|are|were|as|became|become|becomes|promoted\s+to|promotion\s+to|made)\s+"
                              r"(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,2}$", before, re.I)
                    # "is there a manager I can speak to?" asks for one
                    and not re.search(r"\b(?:is|are)\s+there\s+(?:an?\s+|any\s+|some\s+)?(?:[a-z]+\s+)?$", before, re.I)))


def _plain_laugh(t: str, m: re.Match) -> bool:
    """"so helpful lol" is sarcasm only with a complaint beside it ("so helpful lol, the same list again"); alone, or
    in a thank-you, the laugh is sincere ("ur really helpful lol")."""
    return bool(re.search(r"\blol\s*$", m.group(0), re.I)) and not (
        _SAME_AGAIN.search(t) or _NEG_FEEDBACK.search(t) or _ANGER.search(t)
        or re.search(r"\b(?:not|nothing|useless|wrong|again|never)\b", t, re.I))


def _problem_match(t: str):
    """The first problem cue that is one (see ``_KEEPS``, ``_ELSEWHERE``)."""
    for m in _PROBLEM.finditer(t):
        k = _KEEPS.fullmatch(m.group(0))
        if k and (_PERSON_SUBJECT.search(t[:m.start()]) and k.group(1).lower() in _TALK_VERBS):
            continue
        sent = _sentence(t, m)
        clause = _clause(t, m)
        if _THEIR_OPINION.search(t[max(0, m.start() - 120):m.start()]):
            continue  # "my friend says deliveries are always late everywhere"
        if re.search(r"\b(?:if|in\s+case|incase|whether|agar)\b[^.,;!?]*$", t[max(0, m.start() - 60):m.start()], re.I) \
                and not _ORDER_ID.search(t):
            continue  # "a return window if something is wrong?", "n if size wrong then exchange free?": a condition
        if re.fullmatch(r"late|delayed|overdue", m.group(0), re.I) and not _ORDER_OBJ.search(clause):
            continue  # "the train was late": lateness counts only for an order, parcel, refund ... in the same clause
        if _HERE.search(clause) and not _NOT_FROM_YOU.search(clause):
            return m  # "flipkart was fine but my myntra order is late": this store named beside the problem
        if (_ELSEWHERE.search(clause) or _NOT_FROM_YOU.search(sent)) and not _ORDER_ID.search(clause):
            continue  # "some other website messed up my order", "a courier lost my parcel (not from you guys)": theirs
        if _ELSEWHERE.search(sent) and not _ORDER_ID.search(sent) and not re.search(r"\b(?:my|our)\s+(?:order|refund|parcel|"
                                                                                     r"package|payment|money)\b", sent, re.I):
            continue
        return m
    return None


# The problem went away while the shopper typed: "was about to raise a complaint about my late order but it just showed
# up, all good", "nvm, the refund is credited now"
_RESOLVED = re.compile(
    r"(?:\bbut\b|\bnow\b|\bnvm\b|\bnever\s+mind\b|\bignore\s+(?:that|it|my\s+last)\b|\bactually\b)([^.?!]{0,60}?)\b(?:"
    r"(?:just\s+|finally\s+)?(?:showed\s+up|turned\s+up|arrived|came|reached|got\s+(?:delivered|credited|refunded|sorted|resolved|fixed))|"
    r"(?:is|it'?s|its|has\s+been|got)\s+(?:here|sorted|resolved|fixed|credited|refunded|delivered)|all\s+(?:good|sorted|fine|ok|okay)|"
    r"no\s+(?:problem|issue)\s+(?:now|anymore|any\s+more))\b", re.I)
_ABOUT_TO = re.compile(r"\b(?:was|were)\s+(?:about|going|gonna|just\s+about)\s+to\s+(?:raise|file|lodge|make|write|call|complain|"
                       r"message|contact|ping|ask|chase)|\balmost\s+(?:raised|filed|complained|called|wrote|messaged)|"
                       r"\b(?:nvm|never\s+mind|ignore\s+(?:that|it|my\s+last))\b", re.I)


def _resolved(t: str) -> bool:
    m = _RESOLVED.search(t)
    bad = r"\b(?:never|not|n'?t|no|nothing|nobody|no\s*one|still|yet|without|wrong|damaged|broken|torn|ripped|missing|" \
          r"charged|deducted|stained|fake|late|but|however)\b"
    return bool(m) and bool(_ABOUT_TO.search(t)) and not re.search(bad, m.group(1) or "", re.I) \
        and not re.search(bad, t[m.end():], re.I)


_NOT_OURS = re.compile(r"\b(?:scooty|scooter|bike|motorbike|car|phone|mobile|laptop|tv|fridge|geyser|printer|wifi|router|internet|"
                       r"train|bus|flight|metro|computer|fan|cooler|ac|washing\s+machine|leg|arm|heart|back|knee|tooth)\b", re.I)


# A demand about the item, not a shopping wish: "I want this escalated", "Complaint: ...", "this needs fixing"
_FIX_DEMAND = re.compile(r"\b(?:want|need)\s+(?:this|it|that|them)\s+(?:to\s+be\s+)?(?:escalated|fixed|sorted|resolved|refunded|replaced|"
                         r"exchanged|returned|looked\s+into)|^\W*complaint\b|\bescalat\w+|\bneeds?\s+(?:fixing|to\s+be\s+fixed|sorting)",
                         re.I)


# Only the packaging suffered: "the outer box was a bit torn but the heels are perfectly fine"
_BUT_FINE = re.compile(r"\b(?:box|packaging|package|packet|parcel|cover|outer\s+\w+|carton|wrapping|bag)\s+(?:was\s+|were\s+|is\s+|got\s+|came\s+)?"
                       r"(?:a\s+bit\s+|slightly\s+|little\s+|a\s+little\s+|bit\s+|kinda\s+)?(?:torn|damaged|dented|crushed|wet|open|opened|"
                       r"squashed|ripped|dirty)\b[^.?!]{0,20}?\bbut\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:\w+\s+){0,2}?(?:is|are|was|were|"
                       r"seem|seems|look|looks)\s+(?:totally\s+|perfectly\s+|completely\s+|absolutely\s+|all\s+)?(?:fine|ok|okay|perfect|"
                       r"intact|undamaged|safe|good|great)\b", re.I)


def _but_fine(t: str) -> bool:
    m = _BUT_FINE.search(t)
    return bool(m) and not re.search(r"\b(?:but|however)\b[^.?!]*\b(?:wrong|damaged|broken|torn|missing|charged|not|never)\b",
                                     t[m.end():], re.I)


# A failed payment that took no money asks how to pay, not for a person: "my payment just failed at checkout but no money
# was deducted. should i try again?"
_NO_MONEY_LOST = re.compile(r"\b(?:but|and)\s+(?:no|not\s+a\s+(?:single\s+)?(?:rupee|paisa))\s+(?:money|amount|rupees?)?\s*"
                            r"(?:was|got|has\s+been|is)?\s*(?:deducted|debited|charged|cut|taken)\b|"
                            r"\b(?:money|amount)\s+(?:was|got|has)\s*(?:not|n'?t)\s+(?:been\s+)?(?:deducted|debited|charged|cut)\b", re.I)


# "is this a bot or human?", "am i chatting with a real person": a question about who answers, asking for nobody
IDENTITY_QUESTION = re.compile(
    r"^\W*(?:(?:hi+|hey+|hello+|yo|ok(?:ay)?|wait|btw|just\s+curious|quick\s+question)\W+)*"
    r"(?:is\s+(?:this|it)|are\s+(?:you|u)|am\s+i\s+(?:talking|chatting|speaking)\s+(?:to|with)|r\s+u|who\s+am\s+i\s+(?:talking|chatting)\s+(?:to|with))"
    r"\s+(?:a\s+|an\s+)?(?:real\s+)?(?:bot|robot|chatbot|human|person|machine|ai|computer|live\s+agent)"
    r"(?:\s+or\s+(?:a\s+|an\s+)?(?:real\s+)?(?:bot|robot|chatbot|human|person|machine|ai|computer|live\s+agent))?"
    r"(?:\W+(?:lol|haha+|lmao|jk|just\s+curious))?\W*$|"
    # Hinglish: "tum bot ho ya insaan?", "aap insaan ho?"
    r"^\W*(?:tum|aap|ye|yeh|tu)\s+(?:bot|robot|insaan|insan|human|machine|computer)\s+(?:ho|hai|hain|hon)?\s*(?:ya\s+(?:insaan|insan|bot|"
    r"human|robot|machine)(?:\s+(?:ho|hai|hain))?)?\s*(?:kya)?\W*$", re.I)


# "returned my sandals last week" then "refund??": a bare question after the shopper's own order is about that order
OWN_ORDER_TOLD = re.compile(r"^\W*(?:(?:i|we)\s+)?(?:have\s+|had\s+|just\s+|already\s+)?(?:returned|ordered|bought|purchased|"
                            r"cancell?ed|exchanged|paid\s+for|placed\s+(?:an?\s+|my\s+)?order)\b|"
                            r"\b(?:i|we)\s+(?:have\s+|had\s+|just\s+|already\s+)?(?:returned|ordered|cancell?ed|exchanged|placed)\b", re.I)
STATUS_ASK = re.compile(r"^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?(?:(?:the|my|its|it'?s)\s+)?(?:refund|money|paisa|paise|order|parcel|"
                        r"package|delivery|exchange|replacement|pickup|status|tracking)(?:\s+(?:status|kab|when|where|kaha|kahan|"
                        r"update|pls|please))?\s*\?+\W*$|^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?(?:where\s+is\s+it|when\s+will\s+"
                        r"(?:it|i\s+get\s+it)\s+(?:come|arrive|be\s+back)?|kab\s+(?:milega|aayega|ayega|aaega))\W*$", re.I)


def just_told_own_order(text: str) -> bool:
    """'i ordered a kurta on monday', 'returned my sandals last week': an order told of with nothing wrong said yet."""
    return bool(OWN_ORDER_TOLD.search(text)) and len(text.split()) <= 8 and not re.search(
        r"\?|\b(?:not|no|never|still|yet|wrong|late|delay\w*|damag\w*|broken|torn|missing|problem|issue|help|where|why|when|"
        r"nahi|nhi|but|cancel\w*|mistake|refund\w*|return|exchange|change|replace\w*|please|pls|want|need|can|could)\b|n't\b",
        text, re.I)


def detect(text: str) -> Escalation | None:
    """Escalation reason for one message, or None. Repeated failure is decided by the caller's counter."""
    t = normalise(expand_shorthand(text)).strip()
    if not t or _resolved(t) or _but_fine(t) or _NO_MONEY_LOST.search(t) or IDENTITY_QUESTION.match(t):
        return None
    if is_just_asking(t) and "?" in t and not re.search(r"\bmy\s+(?:\w+\s+)?(?:order|refund|parcel|package|payment|return|exchange)\b"
                                                        r"(?![^.?!]*\b(?:if|in\s+case)\b)", t, re.I) \
            and not re.search(r"\b(?:where|why)\s+is\s+my\b", t, re.I):
        return None  # "not complaining, just curious - why does an M in one brand fit like an L?"
    hing = _HUMAN_HINGLISH.search(t)
    if hing:
        return Escalation("human_request", "normal", hing.group(0))
    hing = _ORDER_HINGLISH.search(t)
    if hing and _elsewhere(_sentence(t, hing)):
        hing = None  # "amazon se order kiya, paisa kat gaya": another seller's order
    if hing:
        return Escalation("order_problem", "normal", hing.group(0))
    retracted = bool(_RETRACT.search(t))
    fed_up = _BOT_FED_UP.search(t)
    if fed_up and not _negated(t, fed_up):
        return Escalation("human_request", "normal", fed_up.group(0))
    problem = _problem_match(t)
    order_problem = bool(_ORDER_OBJ.search(t)) and bool(problem) and (
        bool(_FIRST_PERSON.search(t)) or bool(_ORDER_ID.search(t)))
    anger = None if retracted else next((m for m in _ANGER.finditer(t) if not _negated(t, m) and not _not_mine(t, m)), None)
    if anger and re.match(r"\s+(?:at|with)\s+(?:myself|ourselves)\b", t[anger.end():], re.I):
        anger = None  # "so angry at myself, I spilled tea on my kurta": the shopper's own doing
    if anger and _elsewhere(_sentence(t, anger)):
        anger = None  # "amazon sent me a fake product and i was sooo mad lol. do you guys have ...": not this store
    if anger and not _STORE_TARGET.search(t):
        own = _OWN_THING.search(t[anger.end():anger.end() + 40])
        if own and not _ORDER_OBJ.fullmatch(own.group(1)):
            anger = None  # "fed up with my old sneakers, need new ones": a reason to shop, not a complaint
        elif re.match(r"(?:ruin|spoil)", anger.group(0), re.I):
            anger = None  # "the rain / my tailor ruined my trousers" with no one in the store named: a reason to shop
    shouting = not retracted and sum(ch.isupper() for ch in t) >= 12 and \
        sum(ch.isupper() for ch in t) > 0.6 * sum(ch.isalpha() for ch in t)
    hypothetical = is_hypothetical(t)
    order_problem = order_problem and not (hypothetical and not _ORDER_ID.search(t))
    if not order_problem and _ORDER_OBJ.search(t) and problem and not hypothetical and not _QUESTION_START.search(t):
        order_problem = True  # "order not delivered yet", "refund pending since 2 weeks": a report, not a question
    if order_problem:
        pri = "high" if anger or shouting or re.search(r"\b(twice|double|fraud|scam|money|charged|deducted|debited)\b", t, re.I) else "normal"
        return Escalation("order_problem", pri, problem.group(0))
    purchase = _PURCHASE.search(t)
    if purchase and _elsewhere(_clause(t, purchase)):
        purchase = None  # "I bought it from a random insta seller": not our order
    defect_event = _DEFECT_EVENT.search(t)
    if defect_event and (_elsewhere(_clause(t, defect_event)) or _NOT_OURS.search(_clause(t, defect_event))):
        defect_event = None  # another seller's item, or a thing no fashion store sells ("my scooty broke")
    if not hypothetical and ((purchase and (_DEFECT.search(t) or _DISSATISFIED.search(t) or _ORDER_ACTION.search(t)))
                             or defect_event):
        ev = _DEFECT.search(t) or _DISSATISFIED.search(t) or defect_event or _ORDER_ACTION.search(t)
        # a damage event with no purchase cue, in a message that also asks for products, may be the shopper's own
        # old thing ("my old sneakers fell apart, I need a new pair")
        return Escalation("order_problem", "high" if anger or shouting else "normal", ev.group(0),
                          soft=not purchase and bool(_SHOP_ASK.search(t)) and not _FIX_DEMAND.search(t))
    process_q = bool(re.match(r"^\W*(?:if|in\s+case|incase|suppose|what\s+if)\b", t, re.I)) and "?" in t and bool(re.search(
        r"\bhow\s+(?:do|can|would|should)\s+(?:i|we)\b|\bdo\s+(?:i|we)\s+(?:have|need)\s+to\b|\bwhat\s+is\s+the\s+process\b", t, re.I))
    # "how do i contact customer care if something goes wrong with an order later?": the way for a problem not had yet
    process_q = process_q or ("?" in t and bool(re.search(
        r"^\W*(?:and\s+|so\s+|also\s+)?how\s+(?:do|can|would|should|will)\s+(?:i|we)\b.*\b(?:if|in\s+case|incase|when|should)\s+"
        r"(?:\w+\s+){0,2}?(?:something|anything|ever|there'?s\s+(?:ever\s+)?(?:an?\s+)?(?:issue|problem))\b", t, re.I)))
    human = None if process_q or is_just_asking(t) else next((m for m in _HUMAN.finditer(t) if not _negated(t, m) and not _asks_if_needed(t, m)
                  and not _HOPED_AWAY.search(t[:m.start()])
                  and not re.search(r"\bthan\b[^,.;!?]*$", t[:m.start()], re.I) and not _someone_of_mine(t, m)
                  # "she screamed at their customer care", "my dad works in a call centre": someone else's, or a job
                  and not re.search(r"\b(?:their|his|her)\s+(?:\w+\s+)?$|\b(?:works?|working|worked|job|jobs)\s+(?:in|at|for|with)\s+"
                                    r"(?:an?\s+|the\s+)?(?:\w+\s+)?$", t[:m.start()], re.I)), None)
    if human and (_HUMAN_ASK.search(t) or len(t.split()) <= 4) and not re.search(
            r"\b(?:if\s+(?:needed|required|necessary)|later\s+on|in\s+(?:the\s+)?future|if\s+(?:i|we)\s+(?:ever|someday)|"
            # "if return has some problem later, i can talk to customer care that time right?": not yet
            r"if\s+(?:\w+\s+){0,4}?(?:problem|issue|something|anything)s?\b[^.!?]{0,30}\blater\b|"
            # "is there a customer care number if there is ever a problem later?": for a problem not had yet
            r"(?:if|in\s+case|incase)\s+(?:\w+\s+){0,3}?(?:ever|something|anything)\b(?![^.!?]*\b(?:is|has|was|did)\s*n'?t\b)|"
            r"or\s+(?:is\s+it|are\s+you)\s+(?:only|just)\s+(?:this|a|the)?\s*(?:bot|robot|machine|chatbot|ai))\b", t, re.I):
        # "customer care number?" is also a request for a person; "agent" in "agent provocateur" is not a word here
        # a role word with no contact verb ("I start a customer service job", "the agent in that film") is soft
        return Escalation("human_request", "high" if anger else "normal", human.group(0),
                          soft=not _CONTACT_VERB.search(t))
    acct = _ACCOUNT_ACTION.search(t) or _APP_BLOCKS.search(t) or _DELIVERY_FAIL.search(t)
    if acct and not hypothetical:
        return Escalation("order_problem", "normal", acct.group(0))
    staff = _STAFF_CONDUCT.search(t)
    if staff and not hypothetical:
        return Escalation("complaint", "high", staff.group(0))
    help_req = _ORDER_HELP.search(t)
    if help_req and not hypothetical and not _negated(t, help_req):  # "i want a different size, not my money back"
        return Escalation("order_problem", "normal", help_req.group(0))
    if anger and (_FIRST_PERSON.search(t) or _COMPLAINT_TARGET.search(t)):
        # anger aimed at nobody in the store ("so frustrating, nothing ever fits me") is soft
        return Escalation("complaint", "high", anger.group(0), soft=not _STORE_TARGET.search(t))
    frustration = None if retracted else next(
        (m for rx in (_REPEAT, _UNHELPED, _SARCASM) for m in rx.finditer(t) if not _negated(t, m)
         and not (rx is _REPEAT and _told_someone_else(t, m))
         and not (rx is _SARCASM and _plain_laugh(t, m))), None)
    if frustration is None and _PRAISE.search(t) and (anger or _SAME_AGAIN.search(t) or _NEG_FEEDBACK.search(t)) \
            and not re.search(r"\b(?:but|though|however|although)\b", t, re.I):
        frustration = _PRAISE.search(t)  # "oh brilliant, the same useless list again": praise plus a complaint is sarcasm
    if frustration is not None and not _HYPOTHETICAL_ANY.search(t):
        return Escalation("complaint", "normal", frustration.group(0))
    dis = _DISSATISFIED.search(t)
    if dis and _elsewhere(_sentence(t, dis)):
        dis = None  # "my sister had very bad experience with some other shopping site": not this store
    if dis and not hypothetical and re.search(r"\b(service|experience|quality|product|purchase|order|delivery|support|you|your)\b", t, re.I):
        return Escalation("complaint", "normal", dis.group(0))
    quality = re.search(r"\b(?:(?:bad|poor|pathetic|worst|low)\s+quality|quality\s+is\s+(?:bad|poor|pathetic|terrible|"
                        r"horrible|very\s+bad|not\s+good|worst))\b", t, re.I)
    if quality and not hypothetical and not _QUESTION_START.search(t):
        return Escalation("complaint", "normal", quality.group(0))
    if shouting and re.search(r"!{2,}", t):
        return Escalation("complaint", "high", "shouting", soft=True)
    return None


# A statement about one particular item the shopper has ("the perfume bottle came half empty", "my mom's saree has a big
# cut", "the watch I bought stopped ticking"): it names a product but asks for none, so it is no shopping request.
_OWNED_ITEM = re.compile(
    r"\b(?:the|my|his|her|our|their|\w+'s)\s+(?:\w+\s+){0,3}?(?:came|arrived|reached|got\s+delivered|was\s+delivered|has|had|"
    r"is|was|were|are|have|looks?|fits?|smells?|stopped|started|snapped|broke|tore)\b|\b(?:came|arrived|reached|delivered)\b", re.I)
_ASKS_FOR_PRODUCTS = re.compile(
    r"\b(?:show|needs?|wants?|looking|buy|find|suggest|recommend|get\s+me|new\s+(?:one|ones|pair)|replace\s+(?:it|them|mine)|any|"
    r"have\s+you\s+got|do\s+you\s+have|something|options?|pls|please|under|below|above|between|"
    r"for\s+(?:men|women|boys|girls|my|a|an|him|her))\b", re.I)


def is_owned_item_story(text: str) -> bool:
    """The message tells of an item the shopper has, and asks for no product (nor asks a question or supposes)."""
    t = normalise(expand_shorthand(text))
    return bool(_OWNED_ITEM.search(t)) and not _ASKS_FOR_PRODUCTS.search(t) and not _QUESTION_START.search(t) \
        and not _HYPOTHETICAL.search(t) and not _HYPOTHETICAL_ANY.search(t)


_JUST_ASKING = re.compile(r"\bjust\s+(?:curious|asking|wondering|checking)\b|\bfor\s+(?:future\s+reference|the\s+future|later)\b|"
                          # "just wanted to know, is there human support also or only bot?"
                          r"\bjust\s+want(?:ed)?\s+to\s+(?:know|ask|check)\b|"
                          r"\bis\s+there\s+(?:a\s+|any\s+)?(?:human|real|live)\s+(?:support|agent|person|people)\s+(?:also\s+)?or\s+(?:only|just)\b|"
                          r"\b(?:nothing(?:'?s|\s+is)?|no\s+(?:problem|issue)s?)\s+(?:wrong\s+)?(?:right\s+)?now\b|"
                          r"\b(?:abhi\s+)?zaroo?rat\s+nahi|\bnot\s+(?:needed\s+)?"
                          r"(?:right\s+)?now\b|\bno\s+need\s+(?:right\s+)?now\b|\bout\s+of\s+curiosity\b", re.I)


def is_hypothetical(text: str) -> bool:
    """'what if my parcel is late?', 'if i order today ...': a condition, not a report."""
    return bool(_HYPOTHETICAL.search(text) or _HYPOTHETICAL_ANY.search(text))


def is_just_asking(text: str) -> bool:
    """'do you have human agents? just curious, abhi zarurat nahi': a question about the service, no request."""
    return bool(_JUST_ASKING.search(text))


def is_negative_feedback(text: str) -> bool:
    return bool(_NEG_FEEDBACK.search(expand_shorthand(text)))
