"""Derive a product type ("category") from a Myntra title, which has no category column.

Method (documented in the README):
1. Clean the title's tail: drop a " - ..." shade/variant suffix, quantities ("100 ml", "7ml", "3.7g"),
   and trailing lower-case model words ("afreen").
2. Split at " with ": a kurta/kurti sold with a bottom ("Kurta with Palazzos") is a "Kurta Set";
   anything else is typed by the part before "with" ("Lamp with Shade" -> "Lamp").
3. Scan the cleaned words from the end for the right-most known type, preferring curated two/three-word
   compounds ("Trolley Bag", "Sports Shoes", "Eau De Parfum" -> "Perfume") over single words, with
   synonyms folded ("Tshirt", "T-Shirt", "T-shirts" -> "T-shirt").
4. A word that ends many titles in the catalog (>= 3 times, capitalised, alphabetic) is also accepted
   as a type, so the vocabulary grows with the catalog instead of only with this file.
Coverage is reported by ``shopassist index`` and tested (target >= 95 %).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Canonical single-word types (lower-case key -> display form).
_SINGLE = {
    w.lower(): w
    for w in """Shirt T-shirt Kurta Kurti Jeans Top Dress Sneakers Trousers Jacket Sweatshirt Bag Shoes Flats
    Sweater Sandals Saree Curtains Earrings Heels Backpack Shorts Blazer Chinos Palazzos Joggers Wallet Suit
    Pants Derbys Dupatta Lamp Cufflinks Mug Skirt Flip-Flops Jhumkas Leggings Runner Necklace Pumps Tights
    Jumpsuit Belt Placemats Shrug Holder Bedsheet Slip-Ons Loafers Carpet Ring Ballerinas Socks Playsuit
    Jeggings Rug Wedges Cardigan Bracelet Tunic Bras Bra Mules Boots Cargos Studs Pot Bin Cover Covers
    Culottes Liners Beanie Watch Perfume Blouse Chandbalis Scarf Cup Cups Dohar Pullover Bomber Brogues
    Shelf Hoodie Planter Showpiece Rakhi Bowls Bowl Chain Clutch Bangles Treggings Tikka Tika Tray Organiser
    Kajal Trackpants Oxfords Jar Mugs Suitcase Cap Capris Dungarees Bathmat Statue Glasses Waistcoat Clock
    Frame Kit Salwar Tracksuit Shawl Monks Lipstick Moisturiser Mask Serum Cream Lotion Shampoo
    Conditioner Deodorant Foundation Eyeliner Mascara Kurtas Sunglasses Stole Churidar Lehenga Sherwani
    Nehru Trunks Briefs Boxers Vest Camisole Nightdress Robe Poncho Coat Parka Gilet Anklet Pendant
    Brooch Hairband Gloves Muffler Handbag Satchel Pouch Sling Tote Duffel Trolley Umbrella Towel Quilt
    Blanket Comforter Cushion Diffuser Candle Vase Figurine Coasters Sarong Kaftan Gown Anarkali Sharara
    Dhoti Lungi Mojaris Juttis Clogs Espadrilles Slippers Sliders Tee Polo Bodysuit Romper Swimsuit
    Bikini Lingerie Shapewear Stockings Trolley Kurtis Palazzo Sweatpants Hat Headband Earmuffs Keychain
    Bottle Flask Tumbler Plate Plates Spoons Platter Glass Napkins Apron Doormat Wallpaper Sticker
    Paste Gel Powder Primer Concealer Blush Highlighter Bronzer Palette Sindoor Bindi Perfumes""".split()
}
_SYNONYMS = {
    "tshirt": "T-shirt", "t-shirts": "T-shirt", "tshirts": "T-shirt", "tee": "T-shirt", "t-shirt": "T-shirt",
    "kurtas": "Kurta", "kurtis": "Kurti", "bra": "Bras", "perfumes": "Perfume", "mugs": "Mug", "cups": "Cup",
    "covers": "Cover", "bowls": "Bowl", "plates": "Plate", "palazzo": "Palazzos", "tika": "Tikka",
    "trackpants": "Track Pants", "handbag": "Handbag",
}
# Multi-word types, matched before single words (lower-case key -> display form). Public: the shopper's vocabulary
# reads these phrases as the types they fold to ("shoulder bag" is a Handbag).
COMPOUND_TYPES = {
    k.lower(): v
    for k, v in {
        "Trolley Bag": "Trolley Bag", "Laptop Bag": "Laptop Bag", "Sling Bag": "Sling Bag", "Tote Bag": "Tote Bag",
        "Duffel Bag": "Duffel Bag", "Messenger Bag": "Messenger Bag", "Shoulder Bag": "Handbag",
        "Sports Shoes": "Sports Shoes", "Running Shoes": "Sports Shoes", "Training Shoes": "Sports Shoes",
        "Walking Shoes": "Sports Shoes", "Gym Shoes": "Sports Shoes",
        "Football Shoes": "Football Shoes", "Driving Shoes": "Driving Shoes", "Boat Shoes": "Boat Shoes", "Casual Shoes": "Casual Shoes", "Formal Shoes": "Formal Shoes",
        "Track Pants": "Track Pants", "Night Suit": "Night Suit", "Pocket Square": "Pocket Square",
        "Table Runner": "Table Runner", "Cushion Covers": "Cushion Covers", "Cushion Cover": "Cushion Covers",
        "Pillow Covers": "Pillow Covers", "Lip Gloss": "Lip Gloss", "Lip Color": "Lipstick", "Lip Colour": "Lipstick",
        "Eau De Parfum": "Perfume", "Eau De Toilette": "Perfume", "Body Perfume": "Perfume", "Body Mist": "Perfume",
        "Kurta Set": "Kurta Set", "Jewellery Set": "Jewellery Set", "Nail Polish": "Nail Polish",
        "Face Wash": "Face Wash", "Body Lotion": "Body Lotion", "Sports Sandals": "Sandals", "Flip Flops": "Flip-Flops",
        "Maang Tikka": "Tikka", "Nehru Jacket": "Nehru Jacket", "Co-Ords": "Co-Ords", "Clothing Set": "Clothing Set",
        "Sports Bra": "Bras", "Tank Top": "Top", "Crop Top": "Top", "Shirt Dress": "Dress", "Maxi Dress": "Dress",
        "Wall Clock": "Clock", "Photo Frame": "Frame", "Table Lamp": "Lamp", "Floor Lamp": "Lamp",
        "Door Curtains": "Curtains", "Window Curtains": "Curtains", "Bath Towel": "Towel", "Bath Mat": "Bathmat",
        "Tissue Holder": "Holder", "Phone Holder": "Holder", "Hair Clip": "Hair Accessory",
        "Pop Holder": "Holder", "EDP": "Perfume", "EDT": "Perfume",
    }.items()
}
_SET_HEADS = {"kurta", "kurti", "kurtas", "kurtis"}
_BOTTOMS = re.compile(r"palazzo|pyjama|churidar|trouser|dhoti|sharara|skirt|salwar|legging|pants|patiala|jeggings")
_QUANTITY = re.compile(r"\s+\d+(\.\d+)?\s*(ml|g|gm|gms|kg|l|mg|oz)\b.*$", re.I)
_SHADE = re.compile(r"\s+-\s+.*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z&\-]*")


def _clean(title: str) -> str:
    t = _SHADE.sub("", title.strip())
    t = _QUANTITY.sub("", t)
    words = t.split()
    while len(words) > 1 and words[-1].islower() and words[-1].isalpha():  # "Bras afreen" model names
        words.pop()
    while len(words) > 1 and not _WORD.fullmatch(words[-1]):  # trailing numbers/codes ("NT-98" kept: alpha)
        words.pop()
    return " ".join(words)


class CategoryDeriver:
    """Learns the catalog's frequent title-final words, then types each title."""

    def __init__(self, titles: Iterable[str] = (), min_count: int = 3):
        ends = Counter()
        for t in titles:
            words = _clean(t).split(" with ")[0].split()
            if words and _WORD.fullmatch(words[-1]) and words[-1][0].isupper():
                ends[words[-1]] += 1
        self.learned = {w.lower(): w for w, c in ends.items() if c >= min_count}

    def _lookup(self, word: str) -> str | None:
        w = word.lower()
        if w in _SYNONYMS:
            return _SYNONYMS[w]
        if w in _SINGLE:
            return _SINGLE[w]
        if w in self.learned:
            return self.learned[w]
        return None

    def derive(self, title: str) -> str:
        cleaned = _clean(title)
        head, _, tail = cleaned.partition(" with ")
        words = head.split()
        if not words:
            return ""
        for end in range(len(words), 0, -1):  # right-most known type wins
            for n in (3, 2):
                if end - n >= 0:
                    compound = " ".join(words[end - n:end]).lower()
                    if compound in COMPOUND_TYPES:
                        return COMPOUND_TYPES[compound]
            found = self._lookup(words[end - 1])
            if found == "Set" and end >= 2:  # "Ceramic Cups Set" -> "Cup Set"
                inner = self._lookup(words[end - 2])
                found = f"{inner} Set" if inner and inner != "Set" else found
            if found:
                if found.lower() in _SET_HEADS and tail and _BOTTOMS.search(tail.lower()):
                    return "Kurta Set"
                return found
        return ""
