"""The catalog's own vocabulary (brands, colours, categories, genders), with typo-tolerant lookup.

Why grounded in the catalog: a constraint the catalog cannot express ("brand: Gucci" on Myntra) would
filter everything away, so values are canonicalised to the spellings the products actually carry, and
generic words ("shoes", "bags") expand to the catalog categories they cover.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from retrieval.categories import COMPOUND_TYPES
from retrieval.filters import norm_category
from retrieval.products import Product

_TOKEN = re.compile(r"[a-z0-9]+")
# Singular forms of plural-only garments that are everyday adjectives; after a copula or a degree word they
# describe something ("money is tight", "it runs short", "too flat") rather than name Tights/Shorts/Briefs/Flats.
_ADJECTIVE_SINGULARS = {"tight", "short", "brief", "flat"}
# "suits" is the verb between a subject word and an object word ("which of these suits a formal event").
_VERB_SUBJECTS = {"which", "that", "it", "this", "these", "those", "what", "who", "one", "best", "really", "also", "never",
                  "always", "perfectly"}
_VERB_OBJECTS = {"a", "an", "the", "me", "you", "him", "her", "them", "us", "my", "your", "his", "their", "our", "every", "all",
                 "any", "most", "formal", "casual", "both", "office", "weddings", "parties"}
# "shades" after a tone word or before "of" is a colour tone ("she likes darker shades", "shades of blue"), not Sunglasses.
_TONE_WORDS = {"dark", "darker", "darkest", "light", "lighter", "lightest", "pastel", "bright", "brighter", "muted", "neutral",
               "earthy", "earth", "warm", "warmer", "cool", "cooler", "soft", "softer", "deep", "deeper", "bold", "bolder",
               "subtle", "pale", "paler", "vibrant", "dull", "duller", "jewel", "nude", "different", "other", "similar", "same",
               "various", "many", "few", "more", "all", "any", "solid", "plain", "festive", "sober", "loud", "fluorescent",
               "neon", "metallic", "natural", "classic", "lovely", "nice", "these", "those", "both", "two", "three", "several"}
# Idioms with those singulars: the word before ("long story short", "in short", "in brief", "sit / hold tight",
# "fell flat") or after ("short of cash", "short on time", "short notice", "tight budget", "flat rate", "flat 40%").
_IDIOM_BEFORE = {"story", "in", "sit", "hold", "sleep", "fell", "fall", "falls", "falling", "cut", "cuts"}
_IDIOM_AFTER = {"of", "on", "notice", "term", "while", "story", "budget", "schedule", "deadline", "rate", "fee", "discount",
                "off", "out", "summary", "list", "answer", "version", "and"}
# A type word followed by one of these names something else ("dress code", "dress rehearsal", "suit yourself").
_NOT_A_GARMENT_AFTER = {"dress": {"code", "codes", "rehearsal", "circle"}, "dresses": {"code"}, "suit": {"yourself", "case"},
                        "top": {"priority", "notch", "class", "rated", "seller", "sellers", "pick", "picks", "choice"},
                        "jacket": {"potato", "potatoes"}, "cap": {"at", "on", "it"}}
# Colour names that are also things people eat or drink; after these words they are the thing, not a colour.
_EDIBLE_COLOURS = {"wine", "coffee", "chocolate", "cream", "mustard", "lemon", "peach", "honey", "mint", "coral", "olive",
                   "caramel", "cherry", "plum", "berry", "rust", "tea", "lime", "orange", "mango", "melon", "rose", "champagne"}
_CONSUMED_BEFORE = {"spilled", "spilt", "spill", "spilling", "drank", "drink", "drinking", "drinks", "ate", "eat", "eating",
                    "sipping", "poured", "pour", "iced"}
_CONTAINERS = {"glass", "glasses", "cup", "cups", "bottle", "bottles", "mug", "can", "plate", "bowl"}
_POSSESSIVE_PARTICLES = {"ke", "ki", "ka", "wale", "wali", "waale", "waali", "vale", "vali"}
_BRAND_ONLY_BEFORE = {"not", "no", "only", "except", "without", "just", "but", "nahi", "sirf", "bas"}
_FUNCTION_BRANDS = {"and", "with", "even", "people", "simply", "rare", "only", "basics"}
_ADVERB_BRANDS = {"only", "just", "even", "more", "here", "now", "and", "or", "the", "for", "but"}
_ADDRESS_BEFORE = {"you", "u", "ya", "ye", "hey", "hi", "hello", "thanks", "thank", "thx", "yo", "ok", "okay", "bye",
                   "love", "miss", "wow", "lol", "haha", "sorry", "please", "hii", "heyy"}
_ADDRESS_AFTER = {"zzcomma", "do", "does", "is", "are", "can", "could", "i", "im", "any", "please", "pls", "where", "what", "how",
                  "help", "why", "when", "hello", "hi", "hey", "you", "u", "thanks", "thank"}
_PREDICATIVE = {"is", "are", "was", "were", "be", "been", "being", "too", "so", "very", "bit", "little", "quite", "really",
                "slightly", "pretty", "rather", "fairly", "more", "less", "feel", "feels", "felt", "look", "looks", "seem",
                "seems", "run", "runs", "ran", "fit", "fits", "getting", "gets", "got", "its", "im", "thats", "kinda"}


def norm_text(text: str) -> str:
    """One normal form for user text and vocabulary: lower-case, '&' -> 'and', other punctuation -> space."""
    t = text.lower().replace("&", " and ").replace("'", "").replace("’", "").replace(".", "")
    return " ".join(_TOKEN.findall(t))


# Chat shorthand a shopper types; expanded (word-wise, idempotent) before rules and parsing read a message.
SHORTHAND = {
    "actualy": "actually", "actully": "actually", "acually": "actually", "actuly": "actually", "acutally": "actually",
    "u": "you", "ur": "your", "urs": "yours", "r": "are", "pls": "please", "plz": "please", "plzz": "please",
    "pleasee": "please", "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "thnks": "thanks", "tnx": "thanks",
    "wat": "what", "hw": "how", "abt": "about", "bcoz": "because", "coz": "because", "cuz": "because",
    "b/w": "between", "btwn": "between", "w/o": "without", "w/": "with", "im": "i'm", "ive": "i've", "wanna": "want to",
    "gonna": "going to", "gimme": "give me", "lemme": "let me", "dunno": "don't know", "kk": "ok", "k": "ok",
    "okk": "ok", "okie": "ok", "oky": "ok", "yr": "your", "n": "and", "nd": "and", "msg": "message", "hv": "have",
    "shd": "should", "cud": "could", "wud": "would", "bday": "birthday", "b'day": "birthday", "tmrw": "tomorrow",
    "asap": "as soon as possible", "ppl": "people", "sry": "sorry", "pic": "picture", "pics": "pictures",
    "smthng": "something", "smthing": "something", "sumthing": "something", "somethng": "something", "smth": "something",
    "sth": "something", "nthng": "nothing", "anythng": "anything", "evrything": "everything", "fav": "favourite",
    "fave": "favourite", "nt": "not", "nvm": "never mind", "cmp": "compare", "cmpr": "compare", "cmpre": "compare", "comapre": "compare",
    "srt": "sort", "shw": "show", "lo-hi": "low to high", "hi-lo": "high to low", "low-high": "low to high",
    "high-low": "high to low", "l2h": "low to high", "h2l": "high to low", "abv": "above", "blw": "below", "undr": "under",
}
_SHORTHAND_RE = re.compile(r"(?<![\w/'])(" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
                           + r")(?![\w/'])", re.I)


def expand_shorthand(text: str) -> str:
    """'wat r u selling' -> 'what are you selling'; 'b/w 1 and 2' -> 'between 1 and 2'. Numbers ("2k") untouched."""
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<![\w/])u/(?=\s*(?:rs\.?|₹|inr)?\s*\d)", "under ", text, flags=re.I)  # "u/1500"
    text = re.sub(r"(?<![\w.])U\.\s?S\.(?=\s)", "US", text, flags=re.I)  # "U.S. Polo Assn.": not "you s"
    # "wht" is "what" before a question word ("wht is the return policy"), else the colour ("mens shirt wht")
    text = re.sub(r"(?<![\w/'])wht(?=\s+(?:is|are|r|do|does|did|about|abt|abt|you|u|if|happens?|happened|kind|time|size|sizes|"
                  r"colou?rs?|brands?|should|can|would|will|else|to)\b)", "what", text, flags=re.I)
    # "cust care no pls", "helpline no.?": a number asked for, not a refusal
    text = re.sub(r"\b(cust(?:omer)?\s*(?:care|service|support)|care|helpline|contact|phone|mobile|whatsapp|support)\s+no\b\.?(?!\s+(?:one|need|thanks|problem|issue|worries)\b)",
                  r"\1 number", text, flags=re.I)
    text = re.sub(r"\bcust\s*(?=(?:care|service|support)\b)", "customer ", text, flags=re.I)
    return _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1).lower()], text)


COLOUR_SYNONYMS = {
    "gray": "grey", "navy": "navy blue", "offwhite": "off white", "off-white": "off white", "ivory": "off white",
    "multicolor": "multicoloured", "multicolour": "multicoloured", "multicolored": "multicoloured",
    "multi colour": "multicoloured", "multi color": "multicoloured", "golden": "gold", "olive": "olive green",
    "wine": "burgundy", "violet": "purple", "dark blue": "navy blue", "sky blue": "blue", "light blue": "blue",
    "bottle green": "green", "dark green": "green", "light pink": "pink", "hot pink": "pink",
    "maroon red": "maroon", "rosegold": "rose gold", "offwhite colour": "off white", "silvery": "silver",
    "grey melange": "grey", "charcoal grey": "charcoal", "blk": "black", "wht": "white",
    # colour shorthand typed on phones ("sme in blu?", "blu or blk")
    "blu": "blue", "bleu": "blue", "blue-ish": "blue", "whte": "white", "wite": "white", "blck": "black", "blak": "black",
    "grn": "green", "gry": "grey", "gray-ish": "grey", "pnk": "pink", "ylw": "yellow", "yello": "yellow", "brwn": "brown",
    "mrn": "maroon", "nvy": "navy blue", "prpl": "purple", "orng": "orange",
    # Hinglish colour names ("kala kurta", "laal saree")
    "kala": "black", "kaala": "black", "kaali": "black", "safed": "white", "safaid": "white", "laal": "red",
    "neela": "blue", "neeli": "blue", "hara": "green", "peela": "yellow", "peeli": "yellow", "gulabi": "pink",
    "bhura": "brown", "sunehra": "gold", "sunehri": "gold", "asmani": "blue",
}
_COLOUR_SYNONYMS_NORM = {norm_text(k): v for k, v in COLOUR_SYNONYMS.items()}
# Colour words that are rarely colours in a shopper's sentence (finishes, "skin care"); never parsed.
_NOT_COLOURS = {"matte", "skin", "metallic", "rose", "platinum", "tan", "nude", "camel"}

# Generic words -> the catalog categories they cover (norm_category keys). The state keeps the word.
CATEGORY_FAMILIES = {
    "shoe": ["shoe", "sports shoe", "casual shoe", "formal shoe", "sneaker", "loafer", "derby", "slip-on",
             "brogue", "boot", "oxford", "monk", "football shoe", "driving shoe", "boat shoe"],
    "footwear": ["shoe", "sports shoe", "casual shoe", "formal shoe", "sneaker", "loafer", "derby", "slip-on",
                 "football shoe", "driving shoe", "boat shoe",
                 "brogue", "boot", "flat", "heel", "sandal", "flip-flop", "wedge", "mule", "pump", "ballerina"],
    "bag": ["bag", "handbag", "sling bag", "trolley bag", "backpack", "tote bag", "laptop bag", "duffel bag",
            "messenger bag", "clutch"],
    "jewellery": ["earring", "necklace", "jhumka", "ring", "bracelet", "jewellery set", "stud", "chandbali",
                  "bangle", "pendant", "tikka", "anklet"],
    "pant": ["pant", "trouser", "track pant", "chino", "jogger", "cargo"],
    "innerwear": ["bra", "brief", "boxer", "trunk", "vest"],
    "luggage": ["trolley bag", "suitcase", "duffel bag"],
}
CATEGORY_SYNONYMS = {
    # a kurti is a short kurta: the catalog names 656 titles "... Kurta" and 10 "... Kurti", and shoppers mean the type
    "kurti": "Kurta", "kurtis": "Kurta",
    "tshirt": "T-shirt", "t shirt": "T-shirt", "tee": "T-shirt", "tees": "T-shirt", "tshirts": "T-shirt",
    "t shirts": "T-shirt", "polo": "T-shirt", "polos": "T-shirt", "sari": "Saree", "saris": "Saree",
    "sarees": "Saree", "trainers": "Sports Shoes", "running shoes": "Sports Shoes", "sport shoes": "Sports Shoes",
    "sports shoe": "Sports Shoes", "running shoe": "Sports Shoes", "sneaker": "Sneakers", "kurtis": "Kurti",
    "kurta sets": "Kurta Set", "suitcase": "Trolley Bag", "trolley": "Trolley Bag", "luggage": "luggage",
    "bra": "Bras", "hoodies": "Sweatshirt", "hoodie": "Sweatshirt", "sweatshirts": "Sweatshirt",
    "jumper": "Sweater", "jumpers": "Sweater", "pullover": "Sweater", "perfumes": "Perfume", "fragrance": "Perfume",
    "scent": "Perfume", "deo": "Perfume", "sunglass": "Sunglasses", "shades": "Sunglasses",
    "shoes": "shoes", "shoe": "shoes", "footwear": "footwear", "bags": "bags", "bag": "bags",
    "jewellery": "jewellery", "jewelry": "jewellery", "pants": "pants", "pant": "pants", "innerwear": "innerwear",
    "underwear": "innerwear", "watches": "Watch", "wrist watch": "Watch", "wristwatch": "Watch",
    "jeans": "Jeans", "denims": "Jeans", "denim jeans": "Jeans", "heel": "Heels", "sandal": "Sandals",
    "chappals": "Sandals", "slippers": "Flip-Flops", "flipflops": "Flip-Flops", "flip flop": "Flip-Flops",
    "joggers": "Joggers", "track pants": "Track Pants", "trackpants": "Track Pants", "trouser": "Trousers",
    "shorts": "Shorts", "earring": "Earrings", "dresses": "Dress", "gown": "Dress", "frock": "Dress",
    "tops": "Top", "kurtas": "Kurta", "jackets": "Jacket", "shirts": "Shirt", "blazers": "Blazer",
    "backpacks": "Backpack", "rucksack": "Backpack", "school bag": "Backpack", "handbags": "Handbag",
    "purse": "Handbag", "wallets": "Wallet", "belts": "Belt", "sling bags": "Sling Bag", "sweaters": "Sweater",
    "cardigans": "Cardigan", "leggings": "Leggings", "skirts": "Skirt", "lipsticks": "Lipstick",
    "mugs": "Mug", "curtain": "Curtains", "trolley bags": "Trolley Bag", "laptop bags": "Laptop Bag",
    "casual shoe": "Casual Shoes", "formal shoe": "Formal Shoes", "lehenga": "Lehenga",
    "sun glasses": "Sunglasses", "goggles": "Sunglasses", "hand bag": "Handbag",
    "hand bags": "Handbag", "tote": "Handbag", "totes": "Handbag",
    "kurta pajama": "Kurta Set", "kurta pyjama": "Kurta Set", "kurta pajamas": "Kurta Set",
    "kurta pyjamas": "Kurta Set", "salwar suit": "Kurta Set", "salwar suits": "Kurta Set",
    # a style word the catalog's titles put before the type ("Men Blue Slim Fit Formal Shirt"): the type
    "formal shirt": "Shirt", "formal shirts": "Shirt", "casual shirt": "Shirt", "casual shirts": "Shirt",
    "formal trouser": "Trousers", "formal trousers": "Trousers", "casual trouser": "Trousers", "casual trousers": "Trousers",
    "analogue watch": "Watch", "analogue watches": "Watch", "analog watch": "Watch", "analog watches": "Watch",
    "digital watch": "Watch", "digital watches": "Watch",
    "salwar kameez": "Kurta Set", "palazzo pants": "Palazzos", "palazzo pant": "Palazzos", "palazzos pants": "Palazzos", "churidar suit": "Kurta Set", "suit set": "Kurta Set", "ethnic set": "Kurta Set",
    "tracksuit bottoms": "Track Pants", "track pant": "Track Pants",
    "sweat pants": "Track Pants", "sweatpants": "Track Pants", "flip flops": "Flip-Flops", "flipflop": "Flip-Flops",
    "slider": "Flip-Flops", "sliders": "Flip-Flops", "sports shoes": "Sports Shoes", "gym shoes": "Sports Shoes",
    "training shoes": "Sports Shoes", "walking shoes": "Sports Shoes", "jogging shoes": "Sports Shoes",
    "wrist watches": "Watch", "suitcases": "Trolley Bag", "luggage bag": "Trolley Bag", "tshirt dress": "Dress",
    "jhumka": "Jhumkas", "jhumkas": "Jhumkas", "ear rings": "Earrings", "ear ring": "Earrings",
    "bracelets": "Bracelet", "bangles": "Bangles", "necklaces": "Necklace", "neck lace": "Necklace",
    "deos": "Perfume", "deodorant": "Perfume", "deodorants": "Perfume", "body spray": "Perfume",
    "cologne": "Perfume", "attar": "Perfume", "chinos": "Chinos", "cargo pants": "Cargos", "cargos": "Cargos",
    "crop top": "Top", "crop tops": "Top", "blouses": "Blouse", "tunics": "Tunic", "shrugs": "Shrug",
    "jumpsuits": "Jumpsuit", "nightsuit": "Night Suit", "night suits": "Night Suit", "pyjama set": "Night Suit",
    "boxers": "Boxers", "vests": "Vests", "socks": "Socks", "caps": "Cap", "beanies": "Beanie",
    # a sub-type the catalog files under a broader type (as "running shoes" under Sports Shoes)
    "sports bra": "Bras", "sports bras": "Bras", "sport bra": "Bras", "sport bras": "Bras",
    "pyjama": "Night Suit", "pyjamas": "Night Suit", "pajama": "Night Suit", "pajamas": "Night Suit",
    "night pyjamas": "Night Suit", "night pajamas": "Night Suit",
}
# Catalog "categories" that are parsing leftovers or words a shopper uses for other things.
_BAD_CATEGORIES = {"", "men", "women", "set", "material", "shine", "toes", "kit", "cover", "holder", "runner",
                   "liners", "cup", "bin", "pot", "frame", "statue", "glasses", "mask", "paste", "gel", "powder",
                   "tray", "jar", "chain", "clock", "tika", "tee", "polo", "organiser", "shelf",
                   # leftovers of titles ("Slim Fit", "Machine Wash", "Open Toe", "with Detail") that are shopper words
                   "detail", "fit", "wash", "toe", "night", "case", "ink", "glass", "glasse", "mist", "masala",
                   "valentine", "accessorie", "men set", "plant", "watche", "edp", "edt", "liner", "cream"}

GENDER_WORDS = {
    "men": "men", "man": "men", "mens": "men", "male": "men", "males": "men", "gents": "men", "guys": "men",
    "guy": "men", "gentlemen": "men", "husband": "men", "boyfriend": "men", "dad": "men", "father": "men",
    "brother": "men", "grandfather": "men", "grandpa": "men", "uncle": "men", "him": "men", "his": "men",
    "women": "women", "woman": "women", "womens": "women", "female": "women", "females": "women",
    "ladies": "women", "lady": "women", "wife": "women", "girlfriend": "women", "mom": "women",
    "mum": "women", "mother": "women", "sister": "women", "grandmother": "women", "grandma": "women",
    "aunt": "women", "her": "women", "boys": "boys", "boy": "boys", "son": "boys", "nephew": "boys",
    "girls": "girls", "girl": "girls", "daughter": "girls", "niece": "girls", "unisex": "unisex",
    # Hinglish nephews and nieces
    "bhanja": "boys", "bhanje": "boys", "bhatija": "boys", "bhatije": "boys", "bhanji": "girls", "bhatiji": "girls",
    "mummy": "women", "mommy": "women", "mamma": "women", "mama": "women", "maa": "women",
    "wifey": "women", "gf": "women", "sis": "women", "sister in law": "women", "bhabhi": "women", "didi": "women",
    "gal": "women", "gals": "women", "womans": "women", "bride": "women", "brides": "women", "dulhan": "women",
    "groom": "men", "grooms": "men", "dulha": "men", "bridegroom": "men",
    "papa": "men", "daddy": "men", "hubby": "men", "bf": "men", "bro": "men", "brother in law": "men",
    "bhaiya": "men", "gent": "men", "menswear": "men", "mans": "men",
    # in-laws are adults ("a saree for my daughter-in-law"; norm_text reads the hyphens as spaces)
    "daughter in law": "women", "son in law": "men", "mother in law": "women", "father in law": "men",
    "bahu": "women", "damad": "men",
    # common first names that are no catalog word ("a t-shirt for my friend rahul", "priya loves sarees")
    "rahul": "men", "rohit": "men", "amit": "men", "sumit": "men", "ankit": "men", "karan": "men", "varun": "men",
    "nikhil": "men", "rajesh": "men", "suresh": "men", "ramesh": "men", "mahesh": "men", "vivek": "men", "abhishek":
    "men", "aditya": "men", "akash": "men", "aman": "men", "ankur": "men", "ashish": "men", "deepak": "men",
    "gaurav": "men", "manish": "men", "mohit": "men", "naveen": "men", "pankaj": "men", "pradeep": "men", "rakesh":
    "men", "sachin": "men", "saurabh": "men", "shubham": "men", "siddharth": "men", "sunil": "men", "tarun": "men",
    "vikas": "men", "vishal": "men", "yash": "men", "kunal": "men", "sameer": "men", "imran": "men", "faisal":
    "men", "arif": "men",     "priya": "women", "neha": "women", "anjali": "women", "shreya": "women", "sneha":
    "women", "kavya": "women", "divya": "women", "riya": "women", "ritu": "women", "nisha": "women", "swati":
    "women", "shweta": "women", "megha": "women", "pallavi": "women", "aishwarya": "women", "ananya": "women",
    "aditi": "women", "isha": "women", "simran": "women", "komal": "women", "jyoti": "women", "sunita": "women",
    "kavita": "women", "rekha": "women", "meena": "women", "seema": "women", "geeta": "women", "sana": "women",
    "zoya": "women",
    "dost": "men", "saheli": "women",
    "wmn": "women", "wmns": "women", "womn": "women", "womns": "women",
    "womenswear": "women", "sons": "boys", "daughters": "girls", "nephews": "boys", "nieces": "girls",
    "grandson": "boys", "granddaughter": "girls", "grandsons": "boys", "granddaughters": "girls",
    # Hinglish relations ("mere bete ke liye", "beti ki frock", "pati ke liye shirt")
    "beta": "boys", "bete": "boys", "beton": "boys", "beti": "girls", "betiyon": "girls", "bitiya": "girls",
    "bhai": "men", "pati": "men", "chacha": "men", "dada": "men", "nana": "men", "behen": "women", "behan": "women",
    "bahen": "women", "patni": "women", "biwi": "women", "bibi": "women", "chachi": "women", "mausi": "women",
    "dadi": "women", "nani": "women", "ammi": "women",
    # in-laws and elders ("sasur ji ke liye kurta", "saas ke liye saree")
    "sasur": "men", "sasurji": "men", "jiju": "men", "jija": "men", "devar": "men", "mamu": "men", "tauji": "men",
    "saas": "women", "saasu": "women", "nanad": "women", "bua": "women", "mami": "women", "taiji": "women",
    "bhatija": "boys", "bhanja": "boys", "bhatiji": "girls", "bhanji": "girls",
    # elders with the respectful "ji" ("dadaji ke liye kurta")
    "ladki": "girls", "ladka": "boys", "ladkiyon": "girls", "ladko": "boys",
    "dadaji": "men", "nanaji": "men", "chachaji": "men", "mamaji": "men", "papaji": "men", "taauji": "men", "sasurji": "men",
    "dadiji": "women", "naniji": "women", "chachiji": "women", "mamiji": "women", "mummyji": "women", "maaji": "women",
    "saasuji": "women",
}
# Possessives lose their apostrophe in norm_text ("mother's" -> "mothers").
GENDER_WORDS.update({k + "s": v for k, v in list(GENDER_WORDS.items())
                     if k in ("husband", "boyfriend", "dad", "father", "brother", "grandfather", "grandpa", "uncle",
                              "wife", "girlfriend", "mom", "mum", "mother", "sister", "grandmother", "grandma", "aunt",
                              "son", "nephew", "daughter", "niece", "mummy", "mommy", "papa",
                              "daddy", "hubby", "wifey", "bro", "sis")})
# Pronouns count only in "for him/her"; "girl"/"boy" can be an adult compliment, still the catalog facet.
_PRONOUNS = {"him", "his", "her"}
_ADDRESS_TERMS = {"beta", "bhai", "bhaiya", "didi", "bro", "sis", "dear", "dude", "man", "yaar", "madam", "sir", "boss", "mate"}

# Brands whose names a shopper uses as ordinary words; they need a cue ("by X", "X brand").
_AMBIGUOUS_EXTRA = {"cat", "people", "metro", "genie", "simply", "fortune", "killer", "envy", "fever", "chemistry",
                    "sera", "rare", "zeal", "police", "fox", "madame", "genius", "harvard", "superman", "frozen",
                    "peanuts", "athena", "healers", "invincible", "voyage", "sherlock", "duke", "liberty", "ether",
                    "soles", "coolers", "gliders", "kittens", "basics", "campus", "iti", "beli", "alom", "devis",
                    "sangria", "nucleus", "respiro", "infuzze", "solemio", "hoopers", "playdate", "slub", "even", "guess"}
_BRAND_WHITELIST = {"van heusen", "van heusen sport", "red tape", "mango", "being human", "boat", "batman",
                    "elle", "next look", "code by lifestyle", "ginger by lifestyle", "melange by lifestyle",
                    "dot and key", "cat"}
BRAND_ALIASES = {"levis": "Levis", "levi": "Levis", "levi s": "Levis", "us polo": "U.S. Polo Assn.", "us polo kids": "U.S. Polo Assn. Kids", "uspa kids": "U.S. Polo Assn. Kids",
                 "uspa": "U.S. Polo Assn.", "us polo assn": "U.S. Polo Assn.", "polo assn": "U.S. Polo Assn.",
                 "hrx": "HRX by Hrithik Roshan", "ucb": "United Colors of Benetton", "benetton": "United Colors of Benetton",
                 "m and s": "Marks & Spencer", "marks and spencer": "Marks & Spencer", "ck": "Calvin Klein",
                 "tommy": "Tommy Hilfiger", "here and now": "HERE&NOW", "jack and jones": "Jack & Jones",
                 "mast and harbour": "Mast & Harbour", "allen solly": "Allen Solly", "adidas": "ADIDAS",
                 "indian garage": "The Indian Garage Co", "forever21": "FOREVER 21"}

# Hinglish words a shopper mixes into English ("kurta dikhao women ke liye", "black nahi chahiye"): never
# typo-corrected into a catalog word ("liye" is not "lime").
# Product types as Indian-English shoppers often spell them by ear; each is also a real word, so it is read as the
# type only where a product type goes (after a colour/brand/gender word, or before "for"/a gender word).
SOUND_ALIKE_TYPES = {"hills": "heels", "hill": "heel", "heals": "heels", "heal": "heel", "shots": "shorts",
                     "sleepers": "slippers", "sleeper": "slipper", "suites": "suits", "genes": "jeans",
                     "sox": "socks"}

HINGLISH_WORDS = set("""
liye ke ka ki ko se mein me main mujhe mere mera meri hum humko hamare apne apna apni tum aap aapke hai hain tha thi
lena lene leni baaki baki chalega chalegi chahte chahti karta karti karte karunga karungi kar raha rahi hoon arre arey areh oye abey uff acha haina sirf bas theek thik sahi sahii acha achha accha haan yaar toot tooti toota tuta tuti gayi gaya gaye purani purana puraane unki unke unka uski uske uska inki inke iske iski mood rakho rakhna rakhiye rakh saal bachhe bachha bacche baccha bacha hua hui phata phati daag kaisa kaisi haal karu karo hu hoon hun zarurat zaroorat hazaar hazar nahi nahin nai mat chahiye chahie chaiye dikhao dikhaiye dikha dikhana dikhado dikhaye batao bata bataiye kuch kuchh
aur bhi koi sab sabse wala wali wale vala vali vale sasta saste sasti mehenga mehnga mehngi mehange thoda thodi bahut
bohot bohat zyada jyada kam abhi accha acha achha achhe yeh ye woh wo yahan wahan tak andar neeche upar kapde kapda
kapdon karo kar karna karni kijiye dena lena chalega chalegi jaisa jaise jaisi rang waala waali waale wale liya
alawa alava ilawa siwa siva chhod chod chhodke chodke pura poora puri poori pure saare sare kaunsa kaunsi konsa konsi
farak fark
puja pooja diwali deepawali holi eid navratri durga rakhi rakshabandhan karwa chauth lohri onam pongal ganesh
dussehra dussera bhaidooj shaadi shadi mehendi mehndi sangeet haldi tilak mundan
pehla pehle pehli pahla pahle pahli doosra doosre doosri dusra dusre dusri teesra teesre teesri tisra tisre tisri chautha
chauthe chauthi chotha paanchva paanchve paanchvi panchva panchve paanchwa panchwa
aas paas aaspaas aspas kareeb qareeb lagbhag takriban taqriban uper oopar niche nichey ander andr bhitar kum adhik zada
""".split())

# Words that are never typo-corrected (conversation words the catalog text may lack).
COMMON_WORDS = set("""
slaps slay slays lowkey highkey ngl fr tbh goated bussin vibe vibes
wipes wipe diaper diapers stroller strollers pram prams
haha hahaha hahah hehe hihi lol lmao rofl omg ugh hmm hmmm
mins min minute minutes secs sec hrs hour hours mins wks week weeks yrs skit skits scooty
a about above actually add again ago all also am an and any anything are around as ask at available away
back bad be because been before being below best better between big black both bought but buy by call can
cancel cant card care cash cheap cheaper cheapest check color colour compare could cost day days deliver
delivery did different do does doesnt dont else even ever every exchange expensive fine first for forget
from get give go going good got great had has have hello help her here hey hi him his how i if im in instead
is isnt it its just know last less let like looking lot love make many maybe me mine more most much my
need new next nice no not now of off ok okay on one only or order other our out over pay payment people
person please price prices probably range really refund refunds return returns same second see shipping
should show size sizes so some something sorry start still such sure tell than thank thanks that thats the
their them then there these they thing things think third this those through to too try under until up upto
us use very want wanted was way we week weeks well were what whats when where which while who why will
wish with within without wont work would yeah yes yet you your hello thanks cheers bye goodbye morning
evening human agent manager someone somebody talk speak chat service support customer complaint problem
issue wrong broken damaged late arrived received money charged twice deducted sort lowest highest instead
budget rupees bucks thousand hundred lakh rs inr gift present son daughter wife husband mom dad sister
brother friend kids kid children office party wedding casual formal summer winter college gym running ones one two three four five six seven eight nine ten cool fun funny ugly pretty cute nicer
prefer preferably rather those whats hows wheres dont doesnt didnt cant wont isnt arent havent hasnt shes hes
theyre youre ive id ill thats lets colours colors brands sizing fits fit fitting options option items item
similar like likes liked looks look looking shown showing result results pick picks number reset over
again restart clear everything nothing anyone someone whatever cost costs costing pricey pricier costly
""".split())


@dataclass(slots=True)
class Match:
    kind: str  # brand | colour | category | gender
    value: str  # canonical value
    start: int  # token span in the normalised token list
    end: int
    cue: bool = False  # brand introduced by "by"/"brand"


@dataclass
class Vocabulary:
    brands: dict[str, str] = field(default_factory=dict)  # normalised phrase -> catalog spelling
    ambiguous_brands: set[str] = field(default_factory=set)
    colours: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # phrase -> canonical category (or family word)
    category_counts: Counter = field(default_factory=Counter)  # canonical norm -> products
    gender_by_category: dict[str, Counter] = field(default_factory=dict)
    known_words: set[str] = field(default_factory=set)  # never typo-corrected
    catalog_words: set[str] = field(default_factory=set)  # may become soft query terms
    raw_colours: set[str] = field(default_factory=set)
    brand_counts: dict[str, int] = field(default_factory=dict)
    brand_categories: dict[str, set[str]] = field(default_factory=dict)  # brand key -> norm categories it sells
    _deletes: dict[str, set[str]] = field(default_factory=dict)
    _freq: Counter = field(default_factory=Counter)
    _slot_typos: dict[str, str] = field(default_factory=dict)  # rare English word -> product type it misspells
    _exact: set[str] = field(default_factory=set)
    max_phrase: int = 5

    @classmethod
    def from_products(cls, products: list[Product]) -> "Vocabulary":
        v = cls()
        desc_words: Counter = Counter()
        brand_count: Counter = Counter()
        colour_count: Counter = Counter()
        for p in products:
            brand_tokens = set(norm_text(p.brand).split())
            for t in set(norm_text(p.title + " " + p.description[:400]).split()):
                if t not in brand_tokens:
                    desc_words[t] += 1
            if p.brand:
                brand_count[p.brand] += 1
            for c in p.colours:
                colour_count[c] += 1
            cat = norm_category(p.category)
            if p.brand and cat:
                v.brand_categories.setdefault(norm_text(p.brand), set()).add(cat)
            if cat and cat not in _BAD_CATEGORIES:
                v.category_counts[cat] += 1
                v.gender_by_category.setdefault(cat, Counter())[p.gender or "unknown"] += 1
        v.catalog_words = {w for w, n in desc_words.items() if n >= 2 and not w.isdigit()}
        v.known_words = v.catalog_words | COMMON_WORDS | HINGLISH_WORDS | _english_words()
        # Brands: most frequent spelling wins for a normalised key.
        for brand, _ in brand_count.most_common():
            key = norm_text(brand)
            if not key or key in v.brands:
                continue
            v.brands[key] = brand
            v.brand_counts[key] = brand_count[brand]
            tokens = key.split()
            common = all(desc_words[t] >= 5 for t in tokens)
            if (common and key not in _BRAND_WHITELIST) or key in _AMBIGUOUS_EXTRA or len(key) <= 2:
                v.ambiguous_brands.add(key)
        # "inc5", "flyingmachine", "peterengland": a brand of several words written as one
        for key, brand in list(v.brands.items()):
            joined = key.replace(" ", "")
            if " " in key and len(joined) >= 4 and joined not in v.brands:
                v.brands[joined] = brand
                v.brand_counts.setdefault(joined, v.brand_counts.get(key, 0))
        for alias, brand in BRAND_ALIASES.items():
            if brand in brand_count or norm_text(brand) in v.brands:
                v.brands.setdefault(alias, v.brands.get(norm_text(brand), brand))
        # "pepe" for Pepe Jeans, "louis" for Louis Philippe: the head word of a two-word brand names it when it is no
        # English word, no other brand starts with it, and the catalog's texts do not use it on its own
        heads = Counter(k.split()[0] for k in list(v.brands) if len(k.split()) >= 2)
        english = _english_words()
        for key, brand in list(v.brands.items()):
            words = key.split()
            if len(words) >= 2 and len(words[0]) >= 4 and heads[words[0]] == 1 and words[0] not in v.brands \
                    and words[0] not in english and words[0] not in COMMON_WORDS and words[0] not in HINGLISH_WORDS \
                    and words[0] not in GENDER_WORDS and words[0] not in v.categories and brand_count[brand] >= 20 \
                    and desc_words[words[0]] <= brand_count[brand] + 5:
                v.brands[words[0]] = brand
        v.raw_colours = set(colour_count)
        for colour, _ in colour_count.most_common():
            if colour in _NOT_COLOURS:
                continue
            v.colours[norm_text(colour)] = colour
        for syn, colour in COLOUR_SYNONYMS.items():  # synonyms win: "navy" means the catalog's "navy blue"
            v.colours[norm_text(syn)] = colour
        # Categories: canonical display form = most frequent spelling of each normalised category.
        spellings: dict[str, Counter] = {}
        for p in products:
            cat = norm_category(p.category)
            if cat in v.category_counts:
                spellings.setdefault(cat, Counter())[p.category] += 1
        for cat, counter in spellings.items():
            shown = counter.most_common(1)[0][0]
            for key in (norm_text(cat), norm_text(cat) + "s", norm_text(shown)):
                v.categories.setdefault(key, shown)
        # "sherwani" for the catalog's "Sherwani Set", "tikka" for "Tikka Set": a set's head word names it when no type
        # of that name exists (the "Kurta Set" keeps "kurta" for the Kurta type)
        for key, shown in list(v.categories.items()):
            words = key.split()
            if len(words) == 2 and words[1] in ("set", "sets") and words[0] not in v.categories:
                v.categories[words[0]] = shown
                v.categories.setdefault(words[0] + "s", shown)
        # title compounds the catalog folds into a broader type ("Shoulder Bag" -> Handbag) name that type
        for phrase, folded in COMPOUND_TYPES.items():
            key = norm_text(phrase)
            if len(key.split()) >= 2 and norm_category(folded) in v.category_counts:
                shown = v.categories.get(norm_text(folded), folded)
                v.categories.setdefault(key, shown)
                v.categories.setdefault(key + "s", shown)
        for syn, cat in CATEGORY_SYNONYMS.items():
            v.categories[norm_text(syn)] = cat
            if not syn.endswith("s") and " " not in syn:  # "frocks" as "frock"
                v.categories.setdefault(norm_text(syn) + "s", cat)
        v.max_phrase = max(len(k.split()) for k in [*v.brands, *v.categories, *v.colours])
        v._build_fuzzy()
        return v

    # ---- typo tolerance (SymSpell-style delete neighbourhoods, verified by edit distance) ----
    def _build_fuzzy(self) -> None:
        terms: Counter = Counter()
        for key in [*self.categories, *self.colours, *GENDER_WORDS]:
            for t in key.split():
                terms[t] += 1000
        for key, cat in self.categories.items():  # a popular product type wins a tie ("sandles" -> sandals, not candles)
            for t in key.split():
                terms[t] += self.category_counts.get(norm_category(cat), 0)
        for key, brand in self.brands.items():
            if key in self.ambiguous_brands:
                continue
            for t in key.split():
                # short words of rare brands would swallow ordinary typos; popular short brands stay
                if len(t) >= 5 or self.brand_counts.get(key, 0) >= 5:
                    terms[t] += 10
        for w in ("cheaper", "cheapest", "compare", "under", "between", "instead", "expensive", "cotton",
                  "colour", "color", "brand", "price", "budget", "return", "refund", "delivery", "exchange"):
            terms[w] += 500
        self._freq = terms
        self._exact = {t for key in [*self.brands, *self.categories, *self.colours, *GENDER_WORDS] for t in key.split()}
        for t in terms:
            if len(t) < 4:
                continue
            for d in _deletes(t, 2 if len(t) >= 6 else 1):
                self._deletes.setdefault(d, set()).add(t)
        # A product type with one vowel of a vowel pair dropped ("jeans" -> "jens", "coats" -> "cats") can land on a
        # rare English word or name, which is never corrected by itself; in a product slot it is the type.
        protected = self.catalog_words | COMMON_WORDS | HINGLISH_WORDS
        for key in self.categories:
            for t in key.split():
                for i in range(len(t)):
                    if len(t) < 5 or t[i] not in _VOWELS or not ((i > 0 and t[i - 1] in _VOWELS)
                                                                 or (i + 1 < len(t) and t[i + 1] in _VOWELS)):
                        continue
                    w = t[:i] + t[i + 1:]
                    if w in self.known_words and w not in protected and w not in self._exact:
                        self._slot_typos.setdefault(w, t)
        # Sound-alike spellings that are ordinary English words ("black hills for women"): only in a product slot.
        type_words = {t for key in self.categories for t in key.split()}
        for w, t in SOUND_ALIKE_TYPES.items():
            if t in type_words and w not in self._exact:
                self._slot_typos[w] = t

    @property
    def slot_words(self) -> set[str]:
        """Every word of a brand, type, colour or gender name."""
        return self._exact

    def correct(self, token: str) -> str:
        """Return the vocabulary word a misspelt token most likely means, or the token itself."""
        if (len(token) < 4 or token in self.known_words or token in self._freq or token in self._exact
                or not token.isalpha()):
            return token
        # Noisy-channel style: vowel slips ("sandles", "jeens") cost half an edit, a wrong first letter is rare
        # (+0.5), so "sandles" is "sandals" (1.0) rather than "candles" (1.5); ties go to the more frequent word.
        max_d = 2.0 if len(token) >= 8 else 1.0
        cands: set[str] = set()
        for d in _deletes(token, 2 if len(token) >= 6 else 1):
            cands |= self._deletes.get(d, set())
        best, best_key = token, None
        for c in cands:
            dist = _weighted_osa(token, c) + (0.5 if c[0] != token[0] else 0.0)
            if dist <= max_d:
                key = (dist, -self._freq[c])
                if best_key is None or key < best_key:
                    best, best_key = c, key
        if best == token:
            # Hinglish transliteration: doubled letters and an aspirated "th" ("kurthaa" -> "kurta", "sareee" -> "saree");
            # only a variant that is itself a catalog or known word counts (a second correction would make "theek" tees)
            two = re.sub(r"(.)\1{2,}", r"\1\1", token)
            one = re.sub(r"(.)\1+", r"\1", token)
            for v in dict.fromkeys((two, one, one.replace("th", "t"), two.replace("th", "t"), token.replace("th", "t"))):
                if v != token and (len(v) >= 4 and (v in self.known_words or v in self._freq) or len(v) == 3 and v in self._exact):
                    return v
        return best

    # ---- phrase matching ----
    def tokens(self, text: str) -> list[str]:
        out = [self.correct(t) for t in norm_text(text).split()]
        for i, t in enumerate(out):
            if t in self._slot_typos and self._product_slot(out, i):
                out[i] = self._slot_typos[t]
        return out

    def _product_slot(self, tokens: list[str], i: int) -> bool:
        """Whether token i stands where a product type goes: after a brand, colour or gender word ("roadster ___",
        "blue ___", "mens ___"), or before "for"/a gender word ("___ for men")."""
        prev = tokens[i - 1] if i > 0 else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        return bool((prev and (prev in self.colours or prev in GENDER_WORDS
                               or (prev in self.brands and prev not in self.ambiguous_brands)))
                    or nxt == "for" or nxt in GENDER_WORDS)

    def find(self, tokens: list[str], cued: frozenset[str] = frozenset()) -> list[Match]:
        """Longest-first, left-to-right matches of vocabulary phrases in a token list. ``cued``: ambiguous brand
        keys the shopper wrote in the brand's own casing ("W", "Metro"), which count as a brand cue."""
        out: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            hit = None
            for L in range(min(self.max_phrase, n - i), 0, -1):
                phrase = " ".join(tokens[i:i + L])
                hit = self._lookup(phrase, tokens, i, L, cued)
                if hit:
                    break
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return self._coordinated_brands(tokens, out)

    _COORD = {"or", "and", "nor", "zzcomma", "vs", "versus", "ya"}

    def _coordinated_brands(self, tokens: list[str], out: list[Match]) -> list[Match]:
        """An ambiguous brand name listed with a brand ("puma or campus", "campus, metro or bata") is a brand too."""
        if not any(t in self._COORD for t in tokens):
            return out
        todo = [m for m in out if m.kind == "brand"]
        while todo:
            m = todo.pop()
            covered = {j for o in out for j in range(o.start, o.end)}
            spans = []
            if m.end < len(tokens) and tokens[m.end] in self._COORD:  # "<brand> or X"
                spans += [(m.end + 1, m.end + 1 + L) for L in (3, 2, 1)]
            if m.start >= 2 and tokens[m.start - 1] in self._COORD:  # "X or <brand>"
                spans += [(m.start - 1 - L, m.start - 1) for L in (3, 2, 1)]
            for a, b in spans:
                key = " ".join(tokens[a:b]) if 0 <= a < b <= len(tokens) else ""
                if (len(key) > 2 and key in self.ambiguous_brands and key not in self._COORD and key not in _ADVERB_BRANDS
                        and not any(j in covered for j in range(a, b))):
                    hit = Match("brand", self.brands[key], a, b, True)
                    out.append(hit)
                    todo.append(hit)
                    break
        return sorted(out, key=lambda m: m.start)

    def _lookup(self, phrase: str, tokens: list[str], i: int, L: int, cued: frozenset[str] = frozenset()) -> Match | None:
        prev = tokens[i - 1] if i > 0 else ""
        nxt = tokens[i + L] if i + L < len(tokens) else ""
        cue = prev in ("by", "brand", "from") or nxt in ("brand", "brands", "label") or phrase in cued
        if phrase in _ADVERB_BRANDS and phrase not in cued:
            cue = False  # "Roadster brand only": the adverb, unless written as the brand ("ONLY") or before a type it sells
        if not cue and phrase in self.ambiguous_brands and len(phrase) > 2:
            cue = self._brand_sells_next(phrase, tokens, i + L)  # "campus shoes", "metro sandals"
            if not cue and nxt in _POSSESSIVE_PARTICLES:
                cue = self._brand_sells_next(phrase, tokens, i + L + 1)  # "campus ke running shoes"
            if not cue and phrase not in _ADVERB_BRANDS and phrase not in _FUNCTION_BRANDS and (
                    (len(tokens) <= 4 and (prev in _BRAND_ONLY_BEFORE or (i == 0 and nxt in ("only", "pls", "please", "wale", "wala"))))
                    or (len(tokens) <= 8 and i == 0 and nxt in ("ones", "one"))):
                cue = True  # "not campus", "only metro", "campus only": a short steer names a brand
        # "t shirt" must beat brand/colour readings; categories of >= 2 words first.
        if L >= 2 and phrase in self.categories:
            return Match("category", self.categories[phrase], i, i + L)
        if phrase in self.brands and (phrase not in self.ambiguous_brands or cue):
            return Match("brand", self.brands[phrase], i, i + L, cue)
        if phrase in self.colours:
            before2 = tokens[i - 2] if i > 1 else ""
            if phrase in _EDIBLE_COLOURS and (prev in _CONSUMED_BEFORE or (prev == "of" and before2 in _CONTAINERS)):
                return None  # "spilled wine on my dress", "a cup of coffee"
            return Match("colour", self.colours[phrase], i, i + L)
        if phrase in self.categories:
            if phrase in ("saari", "sari") and prev in ("bahut", "itni", "kitni", "sab", "ye", "yeh", "wo", "woh", "aur", "ki", "saari"):
                return None  # Hinglish "bahut saari sites" (many sites), not a saree
            if phrase == "top" and ((nxt.isdigit() and int(nxt) < 50) or prev in ("on", "at", "the", "from")):  # "top 3", "on top"
                return None
            if phrase in _ADJECTIVE_SINGULARS and prev in _PREDICATIVE:  # "money is tight", "a bit short"
                return None
            if phrase in _ADJECTIVE_SINGULARS and (prev in _IDIOM_BEFORE or nxt in _IDIOM_AFTER or nxt.isdigit()):
                return None  # "long story short", "in brief", "sit tight", "short on time", "flat 50% off"
            if phrase == "suits" and prev in _VERB_SUBJECTS and nxt in _VERB_OBJECTS:  # "which of these suits a party"
                return None
            if phrase in ("suit", "suits") and nxt in ("me", "you", "him", "her", "us", "them") \
                    and prev not in ("a", "the", "my", "his", "new", "this", "that"):
                return None  # "the agent said chinos suit me": the verb
            if phrase in ("shades", "shade") and (prev in _TONE_WORDS or nxt == "of"):  # "darker shades", "shades of blue"
                return None
            if phrase == "flat" and prev in ("my", "our", "new", "rented", "the", "this", "his", "her", "their"):
                return None  # "a clock for my new flat": a home, not footwear
            if nxt in _NOT_A_GARMENT_AFTER.get(phrase, ()):  # "the dress code is maroon", "a shirt size of 40"
                return None
            return Match("category", self.categories[phrase], i, i + L)
        if phrase in GENDER_WORDS:
            # "for her", "to him", and the object of a shopping verb: "show her some kurtas", "get him a watch"
            shop_verb = prev in ("show", "get", "find", "buy", "buying", "gift", "dikhao") and (
                nxt in ("some", "a", "an", "the", "few", "more", "any", "something", "nice", "good", "new", "another")
                or nxt in self.categories)
            if phrase in _PRONOUNS and prev not in ("for", "to") and not shop_verb \
                    or (phrase == "his" and prev != "for") or (phrase == "her" and prev in ("show", "get", "find", "buy", "gift")
                                                              and nxt in ("own", "favourite", "favorite")):
                return None
            if phrase in ("guys", "folks", "people") and (prev in _ADDRESS_BEFORE or (not prev and nxt in _ADDRESS_AFTER)):
                return None  # "love you guys", "thanks guys", "guys, do you have ..." address the store
            if phrase in _ADDRESS_TERMS and prev in _ADDRESS_BEFORE and nxt in ("", "zzcomma", "zzsep"):
                return None  # "thank you beta", "ok bhaiya": the reader addressed, nobody shopped for
            return Match("gender", GENDER_WORDS[phrase], i, i + L)
        return None

    def _brand_sells_next(self, brand_key: str, tokens: list[str], j: int) -> bool:
        """True when the words after an ambiguous brand name a product type that brand sells in the catalog."""
        sold = self.brand_categories.get(brand_key, set())
        for L in (2, 1):
            phrase = " ".join(tokens[j:j + L])
            if len(tokens) >= j + L and phrase in self.categories:
                cats = set(self.category_filter(self.categories[phrase]))
                return bool(cats & sold)
        return False

    def brand_tail_category(self, brand: str) -> str | None:
        """'Pepe Jeans' -> 'Jeans': a brand whose last word is a product type it sells names that type."""
        key = norm_text(brand)
        last = key.split()[-1] if key else ""
        if len(key.split()) < 2 or last not in self.categories:
            return None
        cat = self.categories[last]
        return cat if set(self.category_filter(cat)) & self.brand_categories.get(key, set()) else None

    def category_filter(self, category: str | None) -> list[str]:
        """Catalog categories a (possibly generic) category word stands for."""
        if not category:
            return []
        key = norm_category(category)
        fam = CATEGORY_FAMILIES.get(key) or CATEGORY_FAMILIES.get(key.rstrip("s"))
        if fam:
            return [c for c in fam if c in self.category_counts] or [key]
        return [key]

    def is_generic(self, category: str | None) -> bool:
        return bool(category) and norm_category(category) in CATEGORY_FAMILIES

    def colour_family(self, colour: str) -> list[str]:
        """Catalog colour spellings that mean this colour ("navy blue" also covers products tagged "navy")."""
        c = colour.lower()
        # a synonym means its colour, as in parsing (synonyms win): "navy" is "navy blue", which also covers "navy"
        c = _COLOUR_SYNONYMS_NORM.get(norm_text(c), c)
        return sorted({c} | {norm_text(k) for k, v in COLOUR_SYNONYMS.items() if v == c and " " not in k.strip()
                             and norm_text(k) in {norm_text(x) for x in self.raw_colours}})

    def brand_line(self, brand: str, gender: str | None) -> str:
        """The brand's own line for that age group: "U.S. Polo Assn." for boys is "U.S. Polo Assn. Kids", and back."""
        key = norm_text(brand)
        kids = gender in ("boys", "girls")
        if kids and not key.endswith(" kids") and key + " kids" in self.brands:
            return self.brands[key + " kids"]
        if gender in ("men", "women") and key.endswith(" kids") and key[:-5] in self.brands:
            return self.brands[key[:-5]]
        return brand

    def brand_family(self, brand: str) -> list[str]:
        """'Puma' also means 'PUMA Motorsport'; 'Levis' also 'Levis' only (prefix on whole words)."""
        key = norm_text(brand)
        fam = {b for k, b in self.brands.items() if (k == key or k.startswith(key + " ")) and k not in BRAND_ALIASES}
        return sorted(fam) or [brand]


def category_matches(product_category: str, wanted: str, vocab: Vocabulary | None = None) -> bool:
    """Eval and filter semantics: same category (case/plural-insensitive) or inside a generic family."""
    # a stated synonym reads as the parser reads it ("Running Shoes" is the catalog's Sports Shoes)
    pc, w = norm_category(product_category), norm_category(CATEGORY_SYNONYMS.get(norm_text(wanted), wanted))
    if pc == w:
        return True
    fam = CATEGORY_FAMILIES.get(w)
    if fam:
        return pc in fam
    return bool(w) and pc.endswith(" " + w)  # "sneakers" vs "Casual Sneakers"


def brand_matches(product_brand: str, wanted: str) -> bool:
    pb, w = norm_text(product_brand), norm_text(wanted)
    if pb == w or pb.startswith(w + " "):
        return True
    alias = BRAND_ALIASES.get(w)
    return bool(alias) and (pb == norm_text(alias) or pb.startswith(norm_text(alias) + " "))


_ENGLISH: set[str] | None = None


def _english_words() -> set[str]:
    """Whole words of the packaged MiniLM's WordPiece vocabulary: ~20k real English words that must never be
    "corrected" into a brand ("mean" is not "jean"). Read as a text file; no model is loaded."""
    global _ENGLISH
    if _ENGLISH is None:
        try:
            from retrieval.embeddings import packaged_model_dir

            words = (packaged_model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
            _ENGLISH = {w for w in words if w.isalpha() and w.islower() and len(w) >= 3}
        except Exception:  # no model package: the catalog's words still protect most text
            _ENGLISH = set()
    return _ENGLISH


def _deletes(word: str, depth: int) -> set[str]:
    out, frontier = {word}, {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1:])
        out |= nxt
        frontier = nxt
    return out


_VOWELS = set("aeiouy")


def _weighted_osa(a: str, b: str) -> float:
    """OSA distance where inserting/deleting a vowel or swapping one vowel for another costs 0.5."""
    la, lb = len(a), len(b)
    d = [[0.0] * (lb + 1) for _ in range(la + 1)]
    for i in range(1, la + 1):
        d[i][0] = d[i - 1][0] + (0.5 if a[i - 1] in _VOWELS else 1.0)
    for j in range(1, lb + 1):
        d[0][j] = d[0][j - 1] + (0.5 if b[j - 1] in _VOWELS else 1.0)
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            x, y = a[i - 1], b[j - 1]
            sub = 0.0 if x == y else (0.5 if x in _VOWELS and y in _VOWELS else 1.0)
            d[i][j] = min(d[i - 1][j] + (0.5 if x in _VOWELS else 1.0), d[i][j - 1] + (0.5 if y in _VOWELS else 1.0),
                          d[i - 1][j - 1] + sub)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1.0)
    return d[la][lb]


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein + adjacent transposition)."""
    la, lb = len(a), len(b)
    d = [[0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la + 1):
        d[i][0] = i
    for j in range(lb + 1):
        d[0][j] = j
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[la][lb]
