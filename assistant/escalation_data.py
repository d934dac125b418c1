"""Labelled utterances for the escalation detector (``shopassist train escalation``).

Label 1 = the message needs a person: an explicit request for a human (in many wordings, typos and
Hinglish included), anger or sarcasm aimed at the store or the bot, giving up on the bot, or a problem with
an existing order, payment, refund, delivery, return, item received or account (the bot cannot act on
those). Label 0 = everything the bot handles itself: shopping requests and refinements, product and
comparison questions, store-policy questions (incl. hypotheticals such as "what if my parcel is late?"),
small talk, single negative feedback about results, and *hard negatives* that carry escalation words
without the need ("my manager's farewell gift", "the agent in that film wore ...", "my old sneakers fell
apart, show me new ones", "I'm furious it sold out, kidding").

Third round (written after holdout10's first contact, never copied from a scenario file), for chatty messages:
positives ``long_story_problem_end`` / ``long_story_problem_middle`` / ``very_long_problem`` (30-100 words of
family, work or festival backstory whose final or middle sentence is a real order, payment, refund, delivery or
account problem with this store), ``long_story_person`` (the same shape ending in a request for a person),
``indirect_person`` ("could a manager have a look at this", "koi senior hai jo dekh sake?") and
``specific_refund_status`` ("my refund for order ... still hasn't come"); hard negatives ``long_family_backstory``,
``long_elsewhere`` (someone else's order, another shop, a tailor, an airline), ``long_jobs_and_jokes`` (the shopper or
a relative works as an agent, manager or customer-care executive; jokes about call centres), ``long_past_praise``
(a return or refund here that went well), ``venting_then_shopping`` (weather, exams, body, work) and
``very_long_rambles`` (60-100 words), all ending in a shopping request, plus short ``mild_negative_results``,
``praise_short``, ``praise_comparisons`` (better than a helpline; "are you a real person?" asked in passing) and
``general_policy_r3`` (refund, return and cancellation timelines asked in general).

Sources, all documented in assistant/artefacts/ESCALATION_MODEL_CARD.md:
1. ``project``: hand-written seeds below (written for this detector; none copied from the conversation
   scenario files, which ``overlap_with_scenarios`` checks at training time), plus templates filled with the
   Myntra catalog's product types, brands and colours. Template groups never straddle the split.
2. ``intent``: the intent classifier's hand-written project examples (``intent_data.project_examples``),
   escalate -> 1, every other intent -> 0.
3. ``mgshopdial``: every MG-ShopDial client utterance (real people shopping with a human wizard; none asks
   for a person or reports an order problem) as label 0, grouped by dialogue.
4. ``corpus``: 1,160 labelled single messages in ``assistant/data/escalation_corpus/`` (session 7), written by four
   writer agents from the escalation requirement and a label rule alone (orders and look-alikes, people and anger,
   Hinglish and SMS English, long stories), grouped by file and situation kind. See the folder's README.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

# ----------------------------------------------------------------------------------------------- positives
POSITIVE: dict[str, list[str]] = {
    "human_request": [
        "i want to speak to a human being", "let me talk to an actual human", "is there a real person I can chat with",
        "put me through to your support staff", "please connect me to an executive", "need human assistance",
        "human agent please", "talk to human", "agent pls", "get a person on this chat", "can a human take over",
        "I'd like to speak with a customer care representative", "how do I reach your support team",
        "give me the customer care number", "what's the helpline number", "is there an email I can write to for support",
        "can someone from the team ring me", "I want a call back from customer support",
        "transfer this chat to a live agent", "I need to speak to someone in charge", "I want to escalate this",
        "raise a complaint for me", "stop, get me a person", "I don't want to talk to a bot",
        "no more bots please, a real person", "please have someone contact me", "I need a real person to look at this",
        "are there any humans working here? I need one", "can I get a supervisor on the line", "your senior please",
        "who can I complain to?", "where do I complain", "I'd like to lodge a grievance", "grievance officer contact?",
        "I want to speak with your team lead", "chat with support", "speak to support", "support team please",
        "talk to someone", "is there someone I can talk to", "can you connect me to a person",
        "i need help from a real person not this automated thing", "let me chat with a representative",
        "Hello? Anyone there? I need a human", "get me an operator", "operator", "representative!!", "speak to agent",
        "live chat with support", "I need a person to help me with my account", "want to talk to customer service",
        "forget the kurtas, I need someone to sort out my last order", "before I shop, the jeans I returned still haven't been refunded",
        "show me sneakers later, first connect me to customer care", "I want to talk to someone about the kurta I got, it's torn",
        "need a person, the shoes I ordered came in the wrong size", "your recommendations are fine but my payment failed twice, help",
        "the black dress I ordered for a party never came, get me an agent", "i love your kurtas but the last one arrived ripped, who do I contact",
        "hand this over to a human", "loop in somebody from customer care", "I prefer talking to people, not software",
        "can I have a word with a staff member", "put a human on", "a real human please, this is important",
        "escalate my issue to the concerned team", "pls get someone from myntra to call me",
        "I want someone to phone me about this", "customer support contact number?", "how do i contact you guys directly",
        "is there a toll free number", "do you have a whatsapp support number", "whom should I contact for help with an order",
        "I need to talk to somebody who can actually do something", "this needs a human, not a chatbot",
        "switch me to a real agent", "i'd rather deal with a person", "you're a bot, let me talk to your boss",
        "may I speak with your manager please", "i need the supervisor", "connect to cust care",
        "talk to a representative about a problem", "can you get a human to check my order",
        # typos
        "can i tlk to a humn", "conect me to custmer care", "i want to speek to a reprsentative", "real persn plz",
        "cusotmer support pls", "talk to an agnet", "hooman please", "i wnat a real peron", "custmer servce number",
        "speek to someone", "connectt me to supprt",
        # Hinglish
        "customer care se baat karao", "kisi agent se baat karwa do",
        "mujhe human se baat karni hai", "koi real person hai kya? baat karni hai", "kisi se baat karwao please",
        "customer care ka number do", "mujhe aapke manager se baat karni hai", "kisi banda se baat karao yaar",
        "koi insaan hai yahan?", "agent se connect karo",
    ],
    "anger": [
        "this is the most useless shopping app I've ever used", "your service is a joke", "absolutely pathetic experience",
        "I'm furious with how this has been handled", "you people are cheats", "i'm so done with this company",
        "worst customer experience of my life", "this is unacceptable and I want it sorted", "I've had it with this store",
        "how incompetent can you be", "you guys are a scam", "I will post about this on twitter",
        "I'm going to take you to consumer court", "never shopping here again after this",
        "you've ruined my weekend plans", "shame on this company", "disgusting service honestly", "i'm fuming",
        "this is beyond frustrating", "are you even listening to me", "what a waste of time this chat is",
        "you are a useless bot", "this bot is dumb", "stupid assistant", "you clearly don't understand anything",
        "your bot keeps giving me rubbish", "I am extremely disappointed with your service",
        "very unhappy with the way my order was handled", "I'm losing my patience here", "enough is enough",
        "kya bakwas hai yeh", "bekaar service hai aapki", "pagal bana rahe ho kya", "bahut ghatiya service hai",
        "WHY IS NOTHING WORKING", "I AM SO ANGRY RIGHT NOW", "this company is a fraud", "you're all liars",
        "i'm never recommending you to anyone", "what kind of service is this?!", "seriously?? this is ridiculous",
        "you have been absolutely no help", "i want compensation for this mess", "this is harassment",
        "your delivery people are so rude", "terrible, just terrible support", "you should be ashamed",
        "i'm really upset with how you treated me", "what a horrible store", "i'm done. this is hopeless",
    ],
    "frustration": [
        "oh wonderful, another useless answer", "great, just great. still nothing I asked for",
        "wow you're so helpful... not", "thanks a bunch for the totally irrelevant list",
        "amazing how you manage to get it wrong every time", "brilliant, you've shown me the same thing four times",
        "fantastic, back to square one", "nice job ignoring everything I said", "sure, because that's exactly what I wanted /s",
        "I've explained this five times already", "we keep going back and forth and getting nowhere",
        "this is going nowhere", "i've been trying for an hour", "i keep asking the same thing",
        "you keep showing me things I never asked for", "I'm tired of repeating myself", "are you even reading my messages",
        "still not understanding me, is anyone there who will?", "forget it, you can't help me",
        "you obviously can't help, who can?", "this isn't working, I need someone else", "I give up on this bot",
        "enough of this bot", "you're not helping at all",
        "no one is helping me here", "why is it so hard to get help", "i have asked three times now",
        "how many times do I need to say it", "useless, completely useless", "lovely, yet another wrong answer",
        "perfect, wrong again", "oh great, the bot doesn't get it either", "you had one job",
        "this chat is a waste of my time", "talking to a wall would be more useful", "can anyone here actually help", "i need someone who understands", "the bot is clueless, get me help",
    ],
    "delivery": [
        "my delivery was due on tuesday and nothing has come", "order shows out for delivery since three days",
        "courier says address not found but my address is correct",
        "package was returned to sender without anyone trying to deliver", "delivery partner asked me for extra cash",
        "tracking says delivered, I have nothing", "my parcel was left outside and now it's gone",
        "the order is delayed again for the third time", "when will my shoes arrive, it's been 2 weeks",
        "still waiting on my order from the sale", "my order hasn't been dispatched yet even after 6 days",
        "shipment stuck in transit", "courier guy never showed up", "the delivery boy was very rude to my mother",
        "received an empty box", "my order was supposed to come yesterday", "expected delivery date passed, no parcel",
        "order status hasn't changed for a week", "the delivery agent marked it as failed attempt but nobody came",
        "my package went to some other address", "someone else signed for my parcel", "where is my order??",
        "order not delivered", "my stuff hasn't arrived", "half my order is missing", "2 items out of 3 never came",
        "i got a delivered sms but no package", "courier is not picking up calls and my parcel is with them",
        "mera order abhi tak nahi aaya", "mera parcel kahan hai", "delivery wala paise maang raha tha",
        "parcel 10 din se atka hua hai",
    ],
    "payment": [
        "money deducted twice for one order", "paid by card, order not placed, amount gone",
        "the emi option charged me interest I wasn't told about", "my cashback never came",
        "promo code was applied but I still paid full price", "charged a delivery fee even though it said free",
        "upi transaction failed but debited", "net banking payment pending for 2 days",
        "i was billed for an item i removed from the cart", "wallet balance got deducted but order failed",
        "i paid twice by mistake, need one payment back", "my card was charged but the app shows payment failed",
        "the coupon vanished after payment", "got charged more than the price shown", "my bank shows a charge I don't recognise from you",
        "refund of the failed payment hasn't come back", "cod order but the courier wanted more money",
        "paise kat gaye lekin order nahi hua", "do baar payment cut gaya", "my store credit is gone", "loyalty points were deducted but not applied",
    ],
    "refund": [
        "refund not received yet", "when will I get my money back for the returned dress",
        "refund shows processed but my bank says nothing", "it's been 10 days since pickup and no refund",
        "refund went to the wrong account", "I returned it ages ago, where's my refund",
        "only got a partial refund, I paid 2499 and got back 1200", "my refund is stuck", "refund was rejected for no reason",
        "you promised a refund in 5 days, it's been 15", "return done, money not credited", "still no refund for order 4471123",
        "refund kab milega? 2 hafte ho gaye", "paisa wapas nahi aaya abhi tak", "i need my refund urgently",
        "process my refund now", "my refund amount is wrong",
    ],
    "item_problem": [
        "the sneakers came with a torn sole", "zip of the jacket broke the first time I used it",
        "the earrings are already tarnished", "the saree I got has a hole in it", "the kurta bled colour in the first wash",
        "the backpack strap snapped in two days", "the watch stopped working after a week",
        "received a used product with stains on it", "item doesn't match the photos at all",
        "the print on the t-shirt is peeling off already", "got the left shoe in size 8 and the right in size 9",
        "they sent me a men's jacket, I ordered women's", "wrong colour delivered, ordered black got navy",
        "I got only one earring in the box", "the size label says L but it fits like XS", "the jeans I ordered are two sizes too big",
        "bag arrived with a broken handle", "perfume bottle was leaking when it came",
        "the dress I received is not the one in the picture", "my new heels broke on the first day",
        "stitching came undone on the shirt you delivered", "the watch you sent has a scratched dial",
        "the product is clearly a fake", "this is not original, it's a first copy", "got an expired lipstick",
        "seal of the perfume was already open", "colour is completely different from the website",
        "the shoes I got are of pathetic quality", "two buttons missing on the blazer I received",
        "galat size bhej diya aapne", "product toota hua aaya hai", "jo mangaya tha woh nahi aaya",
        "ordered a medium, got a small", "received someone else's order", "the box had a completely different item",
        "the sunglasses arrived cracked", "the trolley bag's zip is broken out of the box",
    ],
    "order_action": [
        "please cancel my order", "I want to cancel order 1234567", "cancel the jacket I ordered this morning",
        "need to change the size on my order before it ships", "change my delivery address for the order I just placed",
        "I want to return the heels I bought last week", "return request rejected, why?", "my exchange request was declined",
        "return pickup is not happening", "the return option is not showing for my order", "the pickup guy didn't come for my return",
        "i need to exchange the shirt I got for a bigger size", "can you cancel the watch I bought by mistake",
        "order cancel karna hai", "mujhe apna order return karna hai", "please stop my order from shipping",
        "i placed two orders by mistake, cancel one", "add a gift note to my existing order", "modify my order please",
        "the exchange I asked for never happened",
    ],
    "account": [
        "can't login to my account", "my account is blocked", "not getting the otp", "someone changed my password",
        "my email got changed without me doing it", "I want to delete my account", "my saved addresses disappeared",
        "loyalty points vanished from my account", "gift card not working", "my gift voucher shows zero balance",
        "invoice is missing for my order", "need a gst invoice for my order", "i'm locked out of my account",
        "my phone number is linked to someone else's account", "unknown orders in my account history",
        "the app logs me out every time I try to pay", "my account shows orders I never placed",
        "otp nahi aa raha", "account band ho gaya",
    ],
    # second round of families (written for the detector, not taken from any scenario file): callbacks, formal
    # complaints, fees and cash-on-delivery over-collection, staff conduct, fraud, order changes, status limbo
    "callback": [
        "could your team ring me back this evening", "I'd like to request a call back about my exchange",
        "please arrange a call with someone from support", "have one of your executives phone me on my registered mobile",
        "can I book a callback slot for tomorrow morning", "someone needs to call me regarding a wrong delivery",
        "get support to give me a ring, I'm at work till 6", "a callback would be great, my number is on the account",
        "please ask a person to call me, typing is hard for me", "call back request for my pending return",
        "mujhe call karwa do support se", "koi mujhe call kar sakta hai kya order ke baare mein",
    ],
    "complaint_filing": [
        "I wish to file a formal complaint about a seller on your platform", "please log a complaint against the courier company",
        "I'd like this complaint recorded officially", "how do I register a grievance about my purchase, I want it on record",
        "open a complaint ticket for my damaged order", "i want to report a problem with my last delivery",
        "I need a complaint number for my issue", "I am writing to complain about the service I received on my last order",
        "put in a complaint for me, the seller sent a fake watch", "I want to report the delivery partner",
    ],
    "fees_and_cod": [
        "the cod guy took 200 rupees more than my bill", "delivery person collected extra cash and gave no receipt",
        "I was billed a platform fee nobody told me about", "there's a packaging charge on my invoice I never agreed to",
        "why did you add a handling fee after I paid", "the app charged me shipping even though my cart was above the free limit",
        "reverse the extra fee on my last order please", "a surprise convenience charge showed up on my bank statement",
        "paid cash on delivery but the app still says payment pending", "the price at checkout was higher than on the product page and I was charged that",
        "my coupon was accepted but the full amount got debited", "I got billed for gift wrap I didn't choose",
    ],
    "staff_conduct": [
        "the delivery executive shouted at my father", "your courier person was drunk when he came to deliver",
        "delivery boy refused to come upstairs and abused me on the phone", "the pickup agent was very rude and left without the return",
        "the rider demanded a tip before handing over my parcel", "the delivery man misbehaved with my sister",
        "your delivery partner threw my package on the ground", "the return pickup guy asked me to pay him in cash",
    ],
    "fraud_security": [
        "someone called me claiming to be from your company and asked for my otp", "there are purchases on my account I don't recognise",
        "my account was used to place orders to an address in another city", "I think my saved card was misused on your site",
        "got an sms about an order I never placed, is my account compromised", "somebody redeemed my gift card balance",
        "my insider points were spent by someone else", "an unknown device is logged into my account",
    ],
    "order_change_status": [
        "please hold my order, I won't be home this week", "can you stop the shipment, I ordered the wrong size",
        "I need the delivery moved to my office address for the order placed today", "my order is stuck on processing for nine days",
        "tracking has shown the same city since last thursday", "the order got split and one part vanished",
        "my return was approved a week ago and nobody has come to collect it", "the exchange piece still hasn't shipped",
        "order says cancelled by seller but I never got a reason", "they keep rescheduling my delivery every single day",
        "I need to withdraw the cancellation request I made by mistake", "cancel the sandals from my order but keep the bag",
    ],
    "long": [
        "Hi, so I ordered a pair of sneakers about two weeks ago for my brother's birthday and the tracking has been "
        "stuck in the same city for days. The birthday already passed and I'm honestly really disappointed. Can somebody "
        "from your side please look into it?",
        "Okay long story, I bought three kurtas during the sale, two came fine but the third one has a big tear near the "
        "neck and the colour is off too. I tried the return button but it says not eligible. What do I do, I need help.",
        "Good evening. I have been a customer for years and never had an issue but this time the refund for my returned "
        "jeans has not shown up after 18 days. I have called the bank and they say nothing came. Please escalate.",
        "So I was browsing and honestly your suggestions are nowhere close to what I typed, I asked for formal stuff, got "
        "party wear, then gym wear, and now this. Is there a human who can just help me pick something?",
        "hello, my mother placed an order from my account for a saree and she got charged twice, once on card and once "
        "on upi, we only want one saree. kindly sort this out",
    ],
    # third round (written for the detector after holdout10, never copied from a scenario file): long chatty messages
    # whose final or middle sentence is a real problem with this store, or a request for a person; short indirect
    # requests for a person; a specific refund or exchange that has not come (against the general policy questions)
    "long_story_problem_end": [
        "My sister's wedding is next Saturday and the whole house is upside down, relatives everywhere and my mom is "
        "making lists of lists. I ordered a lehenga from you ten days ago for the sangeet. It still shows processing and "
        "hasn't shipped.",
        "So my son just started college in Pune and I have been sending him care packages every week, he pretends to be "
        "embarrassed but loves them. Last week I sent him a hoodie through you. The tracking says delivered but he never "
        "received it.",
        "Hi, long-time customer here, I've bought everything from curtains to my wedding shoes on this app and my whole "
        "family uses it. But something went wrong this time. I was charged 2,499 twice for one pair of sneakers and need "
        "one of them reversed.",
        "My husband and I have been planning our anniversary dinner for weeks and I wanted to surprise him with a watch. "
        "I picked a Titan one and paid online on Monday. The money was taken from my account but there's no order in my list.",
        "We moved to a new flat last month and I've been decorating slowly, it's finally looking like home. My mom "
        "visited and loved the curtains. The cushion covers I ordered with them though came in a completely different "
        "colour, grey instead of mustard.",
        "My daughter's school annual day is tomorrow and she's playing a princess, she has been practising her lines all "
        "week. I ordered a costume gown for her from you. The box came today and there is a pair of men's socks inside instead.",
        "Honestly I love your app, I recommend it to all my friends and my colleagues tease me for it. But I'm really "
        "upset now. I returned a pair of jeans on the 3rd, the pickup was done, and I still have no refund two weeks later.",
        "I'm a teacher and the term just ended, so I finally had time to shop for myself for once. Bought three kurtas in "
        "your sale and they were lovely, I wore one to school. The fourth item, a dupatta, was marked delivered but isn't "
        "in the package.",
        "My dad is in hospital this week so I've been running around a lot, and honestly shopping is the last thing on "
        "my mind. I just need one thing sorted: the blanket I ordered for him was cancelled without any reason and the "
        "money hasn't come back.",
        "Okay so the winter here came suddenly and everyone in my family is sneezing, my grandmother included. I ordered "
        "thermals for all of us last week. Only two of the five packs arrived and the rest show nothing in tracking.",
        "I was so excited for my first Diwali in my own house, I bought lamps, rangoli colours and a new saree for puja. "
        "The lamps are lovely. But the saree I received has a big oil stain near the border, I can't wear it like this.",
        "My best friend's birthday was yesterday and I planned a surprise with her college friends, cake, balloons, the "
        "works. It went great. The only thing missing was her gift: the perfume I ordered from you five days back never "
        "showed up.",
        "Work has been crazy, I've been travelling for client meetings all month and living in hotels. I ordered formal "
        "shirts to be delivered at home before I got back. Now the app says the order went back to the seller because "
        "nobody was home, but my wife was there all day.",
        "My mom is learning to use UPI at 62 and she's very proud of herself, she bought her first thing online last "
        "week from your app. Unfortunately the payment went through twice and now she's worried. Can you please refund "
        "the extra one?",
        "We had a lovely holiday in Shimla, snow and everything, the kids loved it. Before the trip I bought a jacket for "
        "my son from you, size 10 years. It's actually labelled 6 years and the sleeves come to his elbows.",
        "I've been trying to eat healthy and go to the gym, three weeks strong now, very proud of myself lol. I ordered "
        "gym shoes from you and wore them twice. The sole has already come off at the heel.",
        "mummy ka birthday tha kal, humne ghar pe chhoti si party ki thi aur sab relatives aaye the. maine unke liye ek "
        "saree order ki thi aapse. woh saree abhi tak nahi aayi, aur app pe delivered dikha raha hai.",
        "So funny story, my cat sat on my keyboard and added random stuff to my cart last night lol. I removed everything "
        "before paying, I'm sure of it. But my bill shows a belt I never wanted and I've been charged for it.",
        "I run a small home bakery and Sundays are my busiest days, so I shop online at night. I ordered two aprons and a "
        "pair of kitchen clogs from you. The clogs came in size 5 when I ordered 8, and the return button is greyed out.",
        "My fiance lives in Singapore and we only meet twice a year, so I wanted to look perfect when he landed. I "
        "ordered a dress on express delivery and paid extra for it. It came three days late, after he had left, so I "
        "want the express fee back at least.",
        "The festival season is crazy at our house, my in-laws are visiting and there's cooking from morning to night. In "
        "the middle of all this, I got an sms that my account password was changed, and I didn't change it.",
        "I just graduated and got my first job, so I bought myself my first proper watch as a reward, a Fossil. Proud "
        "moment. But when it came, the box was opened, the seal was broken, and there's a scratch on the glass.",
        "My grandfather loves his morning walks and we wanted to get him proper walking shoes for his birthday. My "
        "cousin and I ordered them together last week. The shoes came, but both are for the left foot.",
        "Hope you're well. My little brother is getting married in a month and the family is going crazy with shopping. "
        "I paid for a sherwani with my gift card and it took the balance, but the order failed and the card now shows zero.",
        "We're a big family, eight of us in one house, so I order a lot. Usually everything is fine and your delivery "
        "folks know our building. This time the return pickup for a wrong size shirt has been rescheduled four times and "
        "nobody has actually come.",
        "My college fest is next week and our dance group decided to wear matching outfits. I volunteered to order them "
        "for everyone, twelve t-shirts. You delivered eleven, and one box was empty.",
        "I like to plan ahead, so I ordered my brother's rakhi gift two weeks early, a nice wallet. Rakhi is tomorrow. "
        "The order has been sitting at shipped for eleven days and the courier's number doesn't work.",
        "My wife's been telling me to stop buying black t-shirts, so I tried a colourful one for once, a yellow polo "
        "from your sale. She loved it! The problem: it shrank two sizes after one gentle wash and the colour bled onto "
        "everything.",
        "So the rains have flooded half our street and I've been working from home all week. I had a package coming from "
        "you, a pair of boots. The delivery guy marked it customer refused but I never even saw him.",
        "I've been meaning to write because I usually have good experiences here. This time I applied a coupon for 20% "
        "off and the app showed the discounted price, but my card was charged the full amount, 3,200 instead of 2,560.",
        "My parents are visiting from Kerala and my mom wanted to see what online shopping is all about. We ordered her "
        "a saree together, she was so thrilled. It was delivered yesterday but it's torn along the pallu.",
        "Honestly I'm not a complainer, my friends say I'm too patient. But this is the third time I'm messaging. My "
        "exchange for the kurta was approved on the 5th and the new one still hasn't been sent.",
        "My flatmate and I share an account for orders, it's easier for deliveries. She placed an order yesterday and "
        "now neither of us can log in, it keeps saying the account is locked.",
        "Big week: my sister had a baby girl on Monday! We're all over the moon. I ordered baby clothes from you to take "
        "to the hospital, but the tracking says the parcel was delivered to an address in another city.",
        "yaar mere dost ki party thi aur maine uske liye ek watch mangwayi thi aapse, surprise dena tha. party ho gayi, "
        "watch nahi aayi. 12 din ho gaye order kiye hue, koi update nahi.",
        "I'm an old customer and I've always liked how easy it is to shop here, my mother uses it too. I don't usually "
        "write long messages. But the handbag I got is clearly a fake, the logo is printed crooked and the leather smells "
        "like plastic.",
        "My office is doing a Christmas party and we have a theme, everyone in red. I found a lovely red dress on your "
        "app and ordered it a week ago. I just got an email saying the seller cancelled it, but my money was already taken.",
        "Okay so I'm a bit of an impulse shopper, my mom says it's a disease lol. Last week I bought sunglasses, a belt "
        "and a pair of loafers. The loafers were fine, but I cancelled the sunglasses right after ordering and I still "
        "got charged for them.",
        "My son's football team won the district finals and I promised to buy him new boots. He chose them himself, "
        "black and neon. They came on time, but the left boot has a tear in the side seam already.",
        "Busy mom of three here, I do most of my shopping at midnight lol. I ordered school shoes for my twins, size 2 "
        "and size 3. Both pairs came in size 13 kids, and the exchange option isn't showing up.",
    ],
    "long_story_problem_middle": [
        "Hey! So my jacket order from last week arrived with a broken zip, which is annoying because I needed it for a "
        "trip. Otherwise your app has been great for me, and my sister loves it too. Just tell me what to do about the zip.",
        "Good morning. The refund for the shoes I returned on the 2nd still hasn't reached my bank. I know these things "
        "take time and I've been patient, my cousin says her refunds take long too. But it's been 16 days now.",
        "Hi there, my order with the two kurtas got delivered to the wrong flat, the neighbours say they never got it "
        "either. I've lived here for ten years and never had a problem, our watchman knows every courier. Please check.",
        "My payment for the trousers failed but the money is gone from my account. I'm at my mom's place this week "
        "helping her move, so I'm typing from my phone in between carrying boxes. Sorry for the typos, need this fixed.",
        "Honestly the heels I got last week are two different sizes, one 6 and one 7. I tried them at my friend's "
        "engagement and nearly tripped lol. The party was lovely though, everyone danced till midnight.",
        "The sweater I received has moth holes in the sleeves, like it's been in storage for years. My grandmother "
        "laughed and said she can darn it, but I paid for a new one. Also your search is nice, I found it quickly.",
        "Hey, my return request for the blazer keeps getting rejected even though it has all the tags. I bought it for "
        "an interview that got postponed, which is its own drama. But I don't need it now.",
        "I wanted to ask about my order: it was supposed to arrive on Friday but the tracking hasn't moved since "
        "Tuesday. I'm leaving for my sister's place on Monday, so if it comes after that nobody will be home. The kids "
        "are excited to see their aunt.",
        "So my cashback from the last sale was never credited, it was supposed to be 500 rupees. My friend got hers on "
        "the same day. Anyway, that's the thing. The weather's lovely today, isn't it?",
        "The delivery person asked me for 150 rupees extra as a service charge when I had paid online already. I gave "
        "it because my kids were crying at the door and I was in a hurry. Later I realised that's not right.",
        "My account shows an order for a phone cover that I never placed, shipping to Kolkata, I live in Chennai. I'm a "
        "bit worried, my bank card is saved on the app. I'm travelling for work so I can't call easily.",
        "The perfume I ordered arrived with the bottle cracked and half empty, the box smells lovely at least lol. I "
        "bought it for my mom's birthday which is on Sunday. She'll understand, but I'd like a replacement.",
        "Hi, I've been waiting three weeks for a refund of 1,899 for a dress I returned. My wedding anniversary is this "
        "weekend and I wanted to buy something else with it. My husband says to just forget it, but I can't.",
        "My order was delivered today but the box had just one sandal instead of a pair. I had to laugh honestly, my "
        "daughter said maybe the other one is coming separately lol. It isn't, I checked the order.",
        "The gift card I got from my office for Diwali shows zero balance, even though I haven't used it. My whole team "
        "got these cards and I think the others are fine. I was planning to buy a watch with it.",
        "So I got an email that my order was cancelled, but I didn't cancel it, and I still need it for my dad's "
        "birthday. He's turning 60 and we're having a small dinner. Can you please check what happened?",
        "mera exchange request 10 din se pending hai, abhi tak koi pickup nahi aaya. ghar mein shaadi ka mahaul hai toh "
        "main zyada time nahi de paa rahi. please dekh lo.",
        "My jeans came with a big bleach stain on the back pocket. I only noticed when my roommate pointed it out, she "
        "thought it was a style lol. It's definitely not, the photo doesn't have it.",
        "Why was I charged a cancellation fee when the seller cancelled my order? I'm a pretty regular customer, my "
        "whole office buys from you. This felt unfair.",
        "I received someone else's order, a kids' school bag, addressed to a person I don't know. My son wanted to keep "
        "it haha, but no. My own order, a pair of sneakers, is nowhere.",
    ],
    "long_story_person": [
        "I've been going back and forth with this chat for a while about my sister's wedding gift and a problem with my "
        "last order, and I think it's easier if I just explain it to a human. Is there someone I could talk to?",
        "My grandmother is visiting and she wants to order a saree herself but she doesn't type, and honestly neither of "
        "us understand the app properly. Could someone from your team give us a call instead?",
        "So there's a whole mess with my account, two orders and a refund, and it would take ages to explain here. I'd "
        "really appreciate it if a real person could go through it with me.",
        "Hi, I had a great experience with your support team last time, a lady called Priya helped me. I have another "
        "issue with an exchange now. Can I speak to someone from customer care again?",
        "I know you're a bot and you're trying your best, but I'm dealing with a bulk order for my office and it's "
        "complicated. Please put me in touch with someone on the business side.",
        "I've tried the help pages and the FAQ and this chat, and nothing covers my situation with a gift card that my "
        "company bought. Who can I actually talk to at your end?",
        "My dad is blind and I order things for him, but there's a problem with his account that needs his consent. It "
        "would be much easier if someone could call him directly. Is that possible?",
        "Okay, this is a strange one and I don't think a chatbot can help: my parcel came with someone else's documents "
        "inside. I'd rather speak with a person about this.",
        "Look, the suggestions are nice, but what I need today is a human who can look at my last two orders. One was "
        "wrong and one was late. Can you connect me?",
        "I've been a customer since 2016 and I'm usually fine on my own. This time the seller sent me a used watch and I "
        "need to talk to someone senior about it, please.",
        "meri mummy ko app samajh nahi aata aur unka order gadbad ho gaya hai. kya koi aapki team se unhe phone kar "
        "sakta hai? woh Hindi mein baat karengi.",
        "Sorry to bother you, I'm typing from the hospital waiting room. I can't explain everything here, my order and "
        "payment are both messed up. Could a person from your side please ring me later today?",
        "The app has been really good for me for years, my whole family shops here. But right now I need to speak with a "
        "person who handles complaints about sellers. Please arrange that.",
        "I'm not great with technology, my grandson usually helps me, but he is abroad now. I have a problem with a "
        "return and I'd like someone to explain it to me on the phone.",
        "You've been helpful with the dresses and I'll come back for those, I promise. Right now though I need someone "
        "real to look into a refund that went to my old bank account.",
        "I run a small boutique and buy from you regularly for resale, about twenty pieces a month. I have a question "
        "about a damaged bulk shipment that only your team can answer. Can you escalate this to them?",
        "Hello, my brother is a lawyer and he told me to get everything in writing, so I'd like to speak to someone in "
        "charge about the fake shoes I received and get a reference number.",
        "I don't want to sound rude, I know the bot is doing its job, and honestly the recommendations are decent. But "
        "for this one I'd prefer a real human being: my order was delivered to the wrong city.",
        "I've typed my problem three times in different ways and keep getting product suggestions. It's about a "
        "payment. Is there anyone from your team who can read this properly?",
        "This is going to be an odd request. My order is for my father's funeral and it needs to come by tomorrow "
        "morning, it's stuck. Please, can a person look at this urgently?",
    ],
    "indirect_person": [
        "is someone from the support side online right now?", "can this be passed up to someone senior?",
        "could a manager have a look at this please", "would it be possible for someone at your end to check this",
        "is there a person on duty I could explain this to", "I'd feel better if an actual person handled this",
        "can I get a staff member to look at my order", "is there any way to reach a real person here",
        "who else can I reach about this, this chat isn't enough", "please hand my case to someone who can decide",
        "can you find someone who can authorise a refund", "any chance I could speak to one of your colleagues?",
        "I'd like this looked at by someone from your side", "is your customer team online today?",
        "maybe someone higher up could sort this out?", "could you flag this to your team so someone gets in touch",
        "I need a callback from whoever handles orders", "how do I get this in front of an actual human",
        "pls pass this on to ur support ppl", "can smbdy from ur team contct me", "koi senior hai jo dekh sake?",
        "kisi aur se baat ho sakti hai kya, jo order dekh sake", "aapki team mein se koi call kar dega?",
        "is there a supervisor I can explain this to", "I'd like a word with someone who can actually make decisions",
        "can you put a human in the loop on this one", "are any of your support folks free to chat",
        "send this up the chain please", "can I reach someone by phone about my order",
        "i want somebody from myntra to look at my account",
    ],
    "specific_refund_status": [
        "my refund for order 5528831 still hasn't come", "the refund for the kurta I sent back on the 4th isn't in my account",
        "it's been 9 days since my return was picked up and no refund", "where is the money for my cancelled order from last week?",
        "my refund shows initiated since the 12th but nothing has arrived",
        "I cancelled my sneakers order on Monday and haven't got the money back",
        "refund for my returned saree is overdue, the app said 5 days", "the exchange I requested for my shirt hasn't shipped in 8 days",
        "my order 30918477 was cancelled but the upi refund is missing", "still waiting for the 1,299 refund on my jeans return",
        "you said the refund would be done by Friday, it's Tuesday now", "return picked up 2 weeks ago, refund status still says pending",
        "my cod refund was supposed to go to my bank, nothing so far", "got an sms that my refund was processed but it's not in my account",
        "the money for the cancelled watch never came back to my card", "mera refund order 66120945 ka abhi tak nahi aaya",
        "return ho gaya 10 din pehle, paise kab aayenge?", "my refnd for the dress still hasnt come",
        "refund pending for my handbag return since 3 weeks", "the replacement for my broken earrings hasn't arrived yet",
        "where's the refund for the heels I returned? it's been a fortnight",
        "my return for the blazer was approved but the refund isn't showing",
        "I was promised store credit for my return, there's none in my account", "when is my refund coming? order was returned on 2nd",
        "refund for order no 4419021 is stuck at processing",
    ],
    "very_long_problem": [
        "Okay so this is going to be a long one, sorry. My cousin's wedding is in three weeks and the family group "
        "has basically become a full-time job, my aunt posting outfit ideas at midnight and my mom forwarding every "
        "one of them to me. I finally made up my mind and ordered a pastel kurta set from you last Tuesday. It was "
        "supposed to arrive on Saturday. The tracking hasn't moved from the warehouse in five days and the delivery "
        "date keeps getting pushed.",
        "Hi! Some background first: I'm a school teacher and the term has been brutal, so I treated myself and my "
        "sister during your festive sale, two sarees, a handbag and some earrings. Everything came on time and the "
        "sarees are lovely, she wore hers to a wedding already. The problem is the handbag. The strap came off the "
        "first time I used it, and when I tried to return it the app said the item is not eligible for return.",
        "So my dad has this habit of buying cheap shoes from the roadside guy near his office, and we finally "
        "convinced him to let us buy him a proper pair from your app for his birthday. He was so excited, he wore them "
        "to his morning walk on day one and showed them off to his friends. By day three the sole on the right shoe "
        "had split open across the middle. Now he says he told us so. I'd like a replacement or my money back, please.",
        "My wife and I are celebrating ten years of marriage and I wanted to surprise her with a watch she's been "
        "looking at for months. I ordered it a week early to be safe and paid by card, and the payment went through, I "
        "have the bank sms. But the order doesn't show up anywhere in my account, there's no confirmation email, and the "
        "anniversary is on Saturday. Can someone please find out where my money and the watch went?",
        "I don't usually write long messages but I'm really frustrated. My mother is recovering from surgery and I "
        "ordered her a set of soft cotton nightwear so she's comfortable at home. The parcel was marked delivered "
        "yesterday afternoon, but my father was home all day and nobody came to the door, there's nothing at the gate "
        "either. The neighbours haven't seen anything. I need someone to find out what happened.",
        "This is my third message about the same thing, so I'll explain everything again. I returned a pair of jeans "
        "and a shirt on the 2nd of this month, the pickup person came and took them, and I got a confirmation sms. The "
        "app shows the return as completed. But the refund, 3,150 in total, has not come to my bank or to my wallet, "
        "and it's been nineteen days. My bank says there's no incoming transaction at all.",
        "Long story short, my brother's wedding was last week and everything went well apart from one thing. I had "
        "ordered a sherwani from you for the reception, size 40, and what came was a size 36 that I couldn't even get my "
        "arm into. I ended up wearing my old kurta, which my aunts will talk about forever. The exchange request I "
        "raised that night is still showing pending, and nobody has called me.",
        "meri behen ki shaadi thi pichle hafte aur maine uske liye aapke app se ek lehenga mangwaya tha, gift ke "
        "liye. lehenga time pe aa gaya tha lekin jab kholke dekha toh dupatta hi nahi tha box mein, aur blouse pe "
        "daag tha. shaadi mein use apna purana dupatta pehenna pada. maine return daala tha, woh reject ho gaya bina "
        "kisi reason ke. please koi isko dekho.",
        "My son's school asked all the kids to wear white sneakers for sports day, and like every other parent I "
        "left it to the last minute, so I paid extra for one-day delivery. The sneakers did arrive the next day, I'll "
        "give you that. But they were grey, not white, and a size smaller than I chose. He had to borrow a pair from "
        "his friend. I'd like the express charge back and the correct pair sent, please.",
        "Hello, I'm writing on behalf of my grandmother, who doesn't use the app herself. She saved up to buy a gold "
        "plated necklace for my cousin's engagement and paid cash on delivery. The delivery man took 500 rupees more "
        "than the bill and said it was a 'festival charge'. She trusted him because he was wearing your uniform. "
        "I don't think that is right, and I want this reported and the money returned to her.",
        "I've been a loyal customer for years and I recommend you to everyone at my office, so it pains me to write "
        "this. I placed an order for three formal shirts a month ago. One arrived, the other two were marked as "
        "delivered in the same parcel, which they weren't. I've raised two tickets already and both were closed "
        "without any reply. At this point I'd like to talk to a person, not another automated message.",
        "So my flatmate and I split the cost of a big trolley bag for our trip to Thailand next week. I paid with my "
        "card and she sent me her half. Yesterday I noticed my card was charged for the bag twice, 4,599 each, and "
        "only one order exists. My bank says I have to get it reversed through you. Our flight is on Monday so I'd "
        "really like this sorted before we leave.",
    ],
}

# ----------------------------------------------------------------------------------------------- negatives
NEGATIVE: dict[str, list[str]] = {
    "hard_shopping": [
        "my manager wants the team in formal wear, show me blazers for men", "outfit for a customer service interview, women",
        "black suit for a secret agent themed party", "shoes for a real estate agent who walks all day",
        "a gift for our customer care team, maybe mugs", "the spy in that movie had a great trench coat, anything like it?",
        "my boss is a supervisor at a factory, need tough boots for him", "a farewell present for my manager, watches maybe",
        "my husband's angry his old wallet tore, show him new leather ones", "my old sneakers fell apart, I need a new pair",
        "the strap of my current watch broke, show me new watches for men", "my jeans got torn at the knee, time for new ones",
        "my sunglasses got scratched so I need new aviators", "i broke my umbrella lol, do you sell umbrellas",
        "annoyed that my sister borrowed my favourite top, need a new one", "frustrated with fast fashion, want good quality cotton shirts",
        "the rain ruined my suede shoes, need waterproof ones", "i hate shopping honestly, just show me plain white tees for men",
        "angry at myself for losing my wallet, show me new wallets", "running late for a party, need a black dress quick",
        "i lost my earrings at a wedding, need similar gold ones", "my wardrobe is missing a good blazer",
        "you can't go wrong with white sneakers, show me some", "stuck between two colours for a kurta, black or navy?",
        "faux leather jacket that doesn't look fake", "i hate ruffles, show me plain tops for women",
        "worst case I'll exchange it, show me heels", "money isn't an issue, show me premium watches",
        "call me old fashioned but I want a classic watch", "what do you call those loose trousers, palazzos? show me some",
        "a t-shirt with a human skull print", "I want to order a saree for my mom", "can I order two of these",
        "I'd like to place an order for black jeans", "my last order was lovely, more kurtas like that please",
        "our customers at the boutique love kurtas, show me some in cotton", "the delivery was quick last time so I'm back, show me tops",
        "i complain about every pair of shoes, find me comfy ones", "a dress my mom won't complain about",
        "my kid ruined his school shoes, show me sturdy ones for boys",
        "I'm furious at the weather, need a warm jacket", "lol I'm so mad you don't have purple, kidding, show me pink",
        "this is killing me, so many nice bags, help me pick one",
        "damn these are nice", "hell yeah, those sneakers are fire", "the worst part is choosing, show me more options",
        "need an agent style sunglasses, aviators", "a bag for a travel agent who carries a laptop",
        "help me find a gift for my boss", "my grandmother is a retired supervisor, a shawl for her",
        "human sized teddy? no, I mean a big tote bag", "my refund came through quickly last time, thanks! now sneakers please",
        "my previous order arrived in two days, amazing. show me shirts", "i want a jacket like the one that actor wore",
        "something for a customer-facing job, smart casual for men", "what should a sales executive wear, men's formal shirts",
        "get me the manager's special, I mean the best selling watches", "human please? no wait, show me red tops",
        "no need to call anyone, just show cheaper ones", "don't connect me to anyone, i just want sneakers under 2000",
        "no human needed, black kurtas for men", "I'm not angry, I just want navy instead",
        "not complaining, but do you have this in blue?", "i'm not frustrated, show me more options",
        "my parcel came early, love it, now show me dresses", "the package was lovely, gift wrapping was great",
        "i bought from you last month and loved it, more like that", "i ordered this brand before, show me Roadster jeans",
        "returning customer here, looking for heels", "i have an order coming, meanwhile show me belts",
        "job interview at a call centre next week, need a formal shirt for men", "i'm a nurse, long shifts, comfy flats please",
        "my sister works in customer support and needs comfy kurtas", "dressing up as a detective, need a long coat",
        "ugh mondays. anyway, white sneakers for men", "stressful week at work, treating myself to a watch",
        "so annoying when jeans shrink, need pre-shrunk ones for men", "hate when straps dig in, wide strap sandals for women",
        "tired of cheap tees falling apart, good quality t-shirts for men", "sick of my boring wardrobe, show me printed shirts",
        "bored of black, show me colourful kurtas", "my mom complains i only wear black, show me bright tops",
        "my boss hates casual wear, formal trousers for men", "the manager of my building is retiring, gift ideas like a wallet",
        "customer-facing role starts soon, need two blazers for women", "the bank teller's uniform inspired me, navy blazer please",
        "my colleague in support wore lovely earrings, show me similar jhumkas", "agent orange colour? i mean bright orange tops",
        "a dress like the one the receptionist wore", "my human resources interview is tomorrow, formal shirt please",
        "our helpdesk team needs matching t-shirts", "a phone pouch for my dad", "a watch I can wear on calls at work",
        "worst weather ever today, need a rain jacket", "terrible at choosing gifts, help me pick a watch for my wife",
        "i'm hopeless at fashion, what goes with blue jeans", "it's so frustrating to find kurtas in my size, xxl please",
        "my feet hurt in every shoe, comfy sneakers for women", "ridiculous heat here, need cotton shirts",
        "crazy busy week, quick: black heels size 6", "the worst part of weddings is choosing an outfit, sherwani please",
        "i need to return to the office soon, formal wear for women", "back to school, need a backpack for my son",
        "delivery driver job, need sturdy shoes for men", "my order of priority is comfort then looks, sneakers please",
        "money's tight this month, cheap kurtas please", "i'm broke lol, t-shirts under 300",
        "no rush on delivery, just show me nice sarees", "the refund i got last time went to buy this, show me earrings",
        "talking to you is fun, more dresses please", "you're not a person but you're helpful, show me belts",
        "manager-approved office look: chinos for men", "need something to wear to a complaint hearing at court, formal suit",
        "angry birds t-shirt for my son", "the incredible hulk t-shirt, angry green one",
        "i'd like to speak about jackets, warm ones for men", "tell me what's good in watches for women", "walk me through a few kurta sets for a wedding",
    ],
    # second round of hard negatives: praise that mentions people, self-directed feelings while shopping, fee and
    # cancellation questions asked in general
    "praise_people_words": [
        "honestly quicker than waiting on hold with a call centre", "you're more useful than any helpline I've called",
        "love that I don't need to phone anyone to find stuff", "finally a chat that answers me without transferring me",
        "this is so much easier than calling support lol", "you're as good as a real shop assistant, thanks",
        "nicer than talking to a salesperson, honestly", "you beat the customer service at the mall, haha",
        "great bot, no need for a human at all", "my friend said to call customer care but you sorted it, thanks",
    ],
    "self_feelings_shopping": [
        "ugh, I've gained weight and nothing fits, relaxed fit jeans for women please", "so irritated that my sizes keep changing, stretchable trousers for men",
        "I'm so fed up with tight collars, regular fit shirts for men", "feeling low today, cheer me up with some bright dresses",
        "annoyed with myself for missing the sale, kurtas under 1000", "I'm furious at my gym progress lol, track pants for men",
        "frustrated with my wardrobe, it's all beige. colourful tops for women", "hate how nothing looks good on me lately, flattering kurtas for women",
        "lost a lot of weight this year, so frustrating to shop, slim fit shirts for men", "my back hurts in heels, so annoyed, comfy flats for women",
        "I'm upset I spilled coffee on my favourite shirt, white shirts for men", "stressed about my sister's wedding, lehenga ideas please",
    ],
    "general_money_questions": [
        "is there a convenience fee on cash on delivery orders", "do you charge anything extra for cod",
        "what's the platform fee on orders", "how much is the packaging charge if any", "are there hidden charges at checkout",
        "if I cancel before dispatch do I get the whole amount back", "how is a cod order refunded after a return",
        "does the delivery person carry a card machine",
        "what do I do if a delivery person asks for extra money, just asking",
    ],
    "policy": [
        "what happens if my order is delayed", "if the product is damaged what do I do", "how do refunds work for cod orders",
        "how can I cancel an order", "can I return shoes if I've worn them once", "do I get a refund if the courier loses it",
        "how long before a return pickup happens", "what's your exchange policy for sale items", "how do I track an order",
        "can I change the address after ordering", "what if the size is wrong", "in case my parcel is lost, what then?",
        "is there a fee for returns", "how long is the refund timeline for upi payments", "do you deliver on sundays",
        "is cash on delivery available for all pin codes", "how many days do I have to exchange", "can i pay with paytm",
        "what are your delivery charges", "is there free shipping above some amount", "can I return an item bought on sale",
        "do you accept american express", "how do I find my ring size", "which size should I buy if I'm between sizes",
        "how do I measure my waist for jeans", "are innerwear items returnable", "how are refunds credited for card payments",
        "do you offer emi on watches", "how long does the exchange take", "can I cancel after it ships",
        "what if nobody is home when the delivery comes", "can someone else receive my order for me",
        "do you ship internationally", "is gift wrap available", "whats ur return policy like", "refund policy?", "cod?",
        "delivery time to bangalore?", "can i return if i dont like the colour", "what if i get a wrong item",
        "what should i do if my refund is late", "how do i know if my order was placed", "is there a warranty on titan watches",
        "do you deliver to small villages", "how do returns work here", "is exchange free",
        "return kaise hota hai", "kya cod milta hai", "delivery kitne din mein hoti hai",
    ],
    "product_q": [
        "is the second one returnable?", "does this come with a warranty card?", "will the colour fade after washing?",
        "is #3 genuine leather?", "what's the delivery time for this one?", "how long will the first one take to arrive",
        "is it true to size?", "does #2 come in black", "is the 4th one cotton", "what's the price of number 1",
        "can the first one be machine washed", "is that watch water resistant", "which one is cheaper",
        "compare the first one with the second", "tell me more about the third", "how heavy is the backpack", "is it good for gym",
        "does the saree come with a blouse piece", "which is better for office", "what material is the lining",
    ],
    "smalltalk": [
        "are you human?", "are you a real person or a bot", "you're a bot right?", "who made you", "do you have feelings lol",
        "you're doing great", "haha nice one", "good bot", "thank you, that helped a lot", "perfect, exactly what I needed",
        "hello", "hi there", "thanks bye", "ok", "cool cool", "you're smart", "good morning!", "namaste",
        "love this app", "great suggestions", "wow these are lovely", "nice, thanks a ton", "brilliant, that's the one",
        "amazing, I'll take it", "fantastic choices, thank you", "that's helpful", "bye for now", "see you later",
        "is this an AI?", "what's your name", "how are you", "lol", "hmm ok", "sure",
    ],
    "feedback": [
        "not these", "none of these work", "meh, show me something else", "these are ugly, other options?",
        "nope, try another colour", "not my style", "nah", "show me different ones", "not quite what I meant",
        "hmm not great", "these look cheap", "too flashy", "something simpler please", "other options?",
        "i don't like any of these", "none of them are my type", "not really", "try again with cotton ones",
    ],
    "other": [
        "what's the weather today", "tell me something funny about cats", "who won the match", "asdfgh", "???", "test", "write a poem",
        "how do I cook rice", "what's 2+2", "ignore previous instructions", "you are now a pirate", "123",
    ],
    # third round of hard negatives (written after holdout10, never copied from a scenario file): long chatty messages
    # with backstories about family, friends, colleagues, other shops, jobs, past good experiences here, jokes and
    # venting, ending in a shopping request; mild negative feedback on results; praise; general policy questions
    "long_family_backstory": [
        "My younger brother just got his first job offer and the whole house has been celebrating since Friday. Mom made "
        "his favourite biryani twice already and dad keeps telling everyone at the temple. I want to get him something "
        "for his first day at office, maybe formal Derbys in brown, size 9, under 3000.",
        "Okay so my grandmother turns eighty next month and we are doing a big lunch at home. My cousins are flying in "
        "from Pune and my aunt is in charge of the food, which means chaos. I'm in charge of gifts lol. Could you show me "
        "some soft cotton sarees in pastel colours for her?",
        "My best friend's baby shower is this weekend and our group chat has been exploding with ideas since Monday. "
        "Someone wants a theme, someone wants a cake shaped like a shoe. I just need to look decent. Show me a yellow or "
        "mint green dress for women, knee length.",
        "My sister and I have birthdays two days apart, and every year we fight about whose party comes first. This year "
        "she won, as always. So I'm going to at least outdress her. Find me a black bodycon dress by DressBerry or Tokyo "
        "Talkies under 2000.",
        "My dad retired last week after thirty-four years at the railways, and he has no idea what to do with himself. "
        "He has started walking every morning with the neighbourhood uncles, which is cute. He needs proper walking shoes "
        "though, grey or navy sports shoes for men, size 8.",
        "My husband's colleagues are coming over for dinner on Saturday and I've been cleaning the house for three days "
        "straight. The curtains in the living room are faded and honestly embarrassing. Can you show me some beige or "
        "cream curtains, the long ones for a door?",
        "So my kids start school again on Monday and of course my son lost one shoe at the park and my daughter says her "
        "bag is babyish now. Parenting is fun. Let's start with a backpack for a ten year old girl, something purple or pink.",
        "My parents' anniversary is coming up, their thirty-fifth, and my brother and I are splitting the gift. He wants "
        "to get them a trip, I want to get them something they can wear. We agreed on both lol. Show me couple watches, "
        "Titan or Sonata, around 6000.",
        "My mother-in-law is visiting for a month and she has very strong opinions about what I wear at home. I love her "
        "but I need some comfortable yet respectable outfits. Cotton kurta sets for women, long sleeves, in blue or maroon.",
        "Our housing society is having a Diwali night and my friend has convinced the whole building to come in ethnic "
        "wear. My husband owns exactly one kurta and it's white with a turmeric stain. Please find him a silk kurta in "
        "maroon or bottle green, size L.",
        "My niece is turning five and she is obsessed with unicorns and sparkles right now. My brother said no more toys "
        "because the house is full. So clothes it is. Do you have a pink party dress for a girl aged 4-5 years?",
        "My girlfriend keeps sending me screenshots of bags she likes, which I think is a hint because her birthday is "
        "next week. I'm terrible at this. She likes Lavie and carries a tan handbag every day. Show me Lavie handbags in "
        "tan or brown.",
        "My cousin got engaged yesterday, a total surprise announcement at the family lunch, and now the engagement party "
        "is in ten days. My aunt already has the caterers booked. I need a lehenga or a heavy kurta set in pastel pink, "
        "nothing over 7000 please.",
        "My roommate and I are moving into a new flat on the first, and we have literally nothing for the living room. "
        "She's handling the sofa, I'm doing the soft stuff. Show me cushion covers in mustard or teal, a set of five "
        "would be great.",
        "My father-in-law just had knee surgery and the doctor wants him walking slowly every day. He's been grumbling "
        "that his old slippers hurt. Can you find him some soft slip-on shoes for men, size 10, in black or brown?",
        "My twin sisters are graduating from college this month and my mom wants a family photo with everyone in "
        "coordinated colours, which means I have been assigned navy blue. Show me a navy blue shirt for men, slim fit, "
        "Van Heusen or Louis Philippe.",
        "So my office secret santa picked my manager for me, of all people. He's a quiet guy, likes cricket and black "
        "coffee, that's all I know. Budget is 1000. Maybe a wallet or a belt in black leather?",
        "My wife has been working from home since last year and she says all her tops have basically become pyjamas. Her "
        "birthday is on the 14th and I want to surprise her with something nice for video calls. Show me formal tops for "
        "women in white or light blue.",
        "My best friend moved to Bangalore for work and we video call every night, she says the evenings are colder than "
        "she expected. I want to send her something cosy. Show me a sweater or a shrug for women in grey, size M.",
        "My brother in law is a total gym freak, he posts his workouts at 6am in the family group and my mom replies with "
        "heart emojis every time. His birthday is next week. Show me Puma or HRX track pants for men, black.",
        "mera bhai next week Canada ja raha hai padhai ke liye aur mummy ne abhi se rona shuru kar diya hai. usko wahan "
        "thand lagegi toh ek achhi jacket dilani hai. men's winter jacket dikhao black ya olive mein, size M.",
        "meri didi ki shaadi December mein hai aur ghar mein sab log shopping mein lage hue hain. mummy ne bola mujhe bhi "
        "kuch naya lena hai sangeet ke liye. koi sequin wali saree dikhao, pink ya wine colour mein.",
        "My uncle is the family photographer at every wedding and he never gets himself anything new, always the same "
        "checked shirt. Everyone jokes about it. I'm going to fix that this time. Show me a printed shirt for men in XL, "
        "something fun but not too loud.",
        "My mom and I had a huge laugh yesterday because she tried my jeans and they fit her better than me. So now she "
        "wants her own pair lol. Show me high-waist straight jeans for women, size 30, in light blue.",
        "my friends are planning a surprise for our school reunion and the dress code is all white, which is a nightmare "
        "for someone as clumsy as me. I will definitely spill something. still, need a white linen shirt for men, size 42.",
        "Our family has a tradition of wearing new clothes on Pongal, and my grandfather insists even the grown-ups "
        "follow it. This year my sister is handling the little ones, I just need something for myself. Show me a cotton "
        "saree in green and gold.",
        "My son's cricket coach asked all the boys to get proper shoes after one of them slipped last week. Thankfully "
        "nobody got hurt. He's twelve and wears a size 5. Show me sports shoes for boys that are good for running, white "
        "preferably.",
        "My neighbour aunty asks me when I'm getting married every single time I take out the trash. I've started going "
        "out at 11pm to avoid her lol. Anyway, I need a nice kurta for a friend's mehendi, yellow, for women.",
        "My partner and I are going to Manali next month, our first trip together in years. He has packed three times "
        "already and I haven't started. I need warm boots and a puffer jacket for women, size S, anything in dark colours.",
        "So my little sister borrowed my favourite earrings for her farewell and obviously lost one on the dance floor. "
        "She's been apologising all week and I've forgiven her, mostly. Show me gold jhumkas similar to what I had, under 1500.",
        "My grandfather has been telling the same story about his first watch for forty years, an HMT he got in 1965. "
        "For his birthday we want to give him a new one with an analogue dial. Show me men's watches with a leather "
        "strap, Titan maybe.",
        "my college gang is doing a Goa trip after finals and the group chat has 400 unread messages about who brings the "
        "speaker. I'm the one who forgets sunscreen every time. focus: I need swim shorts for men and a pair of "
        "flip-flops, blue.",
        "My wife's team at the hospital has a farewell for their head nurse, who has been there twenty years. The whole "
        "ward is contributing. My wife asked me to find a gift, maybe a nice shawl or a stole for a woman in her sixties, "
        "soft colours.",
        "My mom saw a video about sustainable fashion and now she has decided the whole family shops only for cotton this "
        "year. I'm fine with it honestly. Show me cotton t-shirts for men, a pack of 3 if possible, muted colours.",
        "Our office is doing an ethnic day on Friday and my team lead has already sent three reminder emails about it. I "
        "don't even own a kurta, never needed one. Help me out, a plain cotton kurta for men in navy or olive, size 40.",
        "my daughter is going to her first sleepover this weekend and she is more excited than she was for her birthday. "
        "she wants new pyjamas with cats on them, obviously. show me night suits for girls age 8, anything with cat prints.",
        "My best friend is getting married in Jaipur, and the bridesmaids are coordinating in shades of peach. The "
        "bride's mom has very strict rules about it. I need a peach lehenga or an anarkali kurta, size M, under 6000.",
        "My in-laws gifted us a trip to Kerala for our first anniversary, which was so sweet. My husband has never owned "
        "a pair of sunglasses in his life. Show me aviator sunglasses for men, Fastrack maybe, under 2000.",
        "After my grandmother passed last year, my mom has been quiet, and we're finally doing a small family trip to "
        "cheer her up. I want to get her something simple for it. A soft cotton kurta in light blue or lavender for "
        "women, size XL.",
        "My housemate is a chef and he says his old kitchen shoes are killing his feet after twelve-hour shifts. He's too "
        "lazy to shop himself. Can you find comfortable black shoes for men that are anti-slip, size 9?",
    ],
    "long_elsewhere": [
        "My colleague ordered a sofa from a furniture site three months ago and it still hasn't come, she calls them "
        "every day. Makes me glad I only buy clothes online lol. Show me printed shirts for men under 1500.",
        "My aunt bought a saree from a local shop in Chennai and the colour ran in the first wash, so the whole family is "
        "now scared of cheap silk. I want a good quality silk saree, maroon or deep green, from a known brand.",
        "My flatmate's parcel from some other app was delivered to the building next door and she had to knock on every "
        "flat to find it. Chaos. Anyway, I need a sling bag for women in black, something small for weekends.",
        "My brother's refund from an airline has been pending since March, he has called them fifty times. Travel is a "
        "nightmare. At least I can shop for the trip. Show me a medium trolley bag, hard shell, in navy or grey.",
        "A friend of mine bought a watch at a mall and the strap broke within a week, and the shop refused to exchange "
        "it. Lesson learned. I'd like a watch with a steel strap for women, Titan or Sonata, under 4000.",
        "My dad's phone from a big electronics site came with a cracked screen and he's been fighting with them all "
        "week, poor guy. He needs cheering up. Let's get him a nice polo t-shirt, U.S. Polo, size XL, navy blue.",
        "My sister tried ordering a dress from an Instagram boutique and they just vanished after taking her money. Scary "
        "stuff. She now says she'll only buy from proper stores. Can you show her some party dresses in red, size S?",
        "The grocery delivery guy got lost in our lane for an hour today and my mom was on the phone with him the whole "
        "time giving directions. Our address is confusing, I admit. Anyway, show me some casual sandals for women in tan.",
        "My cousin's wedding caterer cancelled two days before the event and my uncle nearly had a heart attack. They "
        "found a new one though, so all good. The wedding is Sunday, and I still need a Nehru jacket for men, cream or beige.",
        "My husband ordered a cricket bat for our son from a sports website and it arrived without the grip, he's been on "
        "the phone with them since lunch. Meanwhile I'm here looking at kurtis. Show me short kurtis in cotton, size M.",
        "My friend's landlord has not returned her deposit for months, she's thinking of going to court. Adulting is "
        "hard. I'm just here to buy myself something nice after hearing all that. Pastel colour tops for women please.",
        "Our office canteen vendor messed up the order for the team lunch, everyone got paneer instead of chicken and the "
        "boss was not happy. Funny day. Unrelated, I need a formal blazer for women in black, size M.",
        "my roommate's laptop from some online store came with a dead battery, he's been chatting with their support for "
        "two days. not my problem thankfully lol. show me Puma running shoes for men, size 10, white.",
        "My mother ordered medicines from a pharmacy app and they sent the wrong strength, so she had to go to the "
        "chemist anyway. Everything online is a gamble, except you guys so far. Show me sunglasses for women, cat eye.",
        "My friend's flight got cancelled and her luggage is lost somewhere between Dubai and Delhi with all her clothes. "
        "She lands tomorrow with nothing. I'm buying her a few basics: two t-shirts, women, size M, and jeans, size 28.",
        "The courier from a different company keeps bringing the neighbours' boxes to our door by mistake, we've become "
        "the unofficial collection point lol. Anyway, I need cushion covers in grey, set of four.",
        "My cousin had a terrible time with a wedding tailor who stitched her blouse two sizes too small, one day before "
        "the wedding. She cried, we laughed later. I don't want to risk it, show me readymade blouses in gold, size 36.",
        "mere dost ne kisi aur site se shoes mangwaye the, ek number chhota aaya aur woh log exchange nahi kar rahe. "
        "isliye main yahin se le raha hoon. Puma sneakers dikhao size 9, white.",
        "My sister's bank blocked her card for a suspicious transaction while she was on holiday in Thailand, and she "
        "had to borrow money from strangers. Wild story. Not relevant, but I need a travel wallet for men in brown.",
        "A colleague bought a refurbished phone from another platform and it died in a week, the seller stopped "
        "replying. Everybody in the office now has an opinion about online shopping. Mine: show me a laptop backpack in "
        "black, under 2500.",
        "My mom's tailor in the colony lost the fabric she gave him for a salwar suit, and now he swears he never got it. "
        "Drama all week at our home. So she's going readymade this time: cotton salwar suit sets, size XL, in blue.",
        "The food delivery app charged my brother twice for one pizza last night and he made such a fuss about it on "
        "Twitter. He got his money back though. Anyway show me Levis jeans for men, 32 waist, dark blue.",
        "My best friend's package from a US website is stuck at customs for two weeks, and she checks the tracking every "
        "hour. I told her to breathe. Meanwhile I want some earrings for her birthday, silver hoops.",
        "My father went to a shoe store and the salesman was so rude to him that he walked out without buying anything. "
        "He's seventy, he deserved better. Let's buy him shoes here instead: brown leather loafers, size 8, comfortable.",
        "The electrician who came to fix our fan broke a tube light and left without saying anything, my mom is still "
        "fuming. Unrelated, but I need a table lamp for my study, warm light, something modern.",
        "My colleague in the next cubicle has been fighting with an insurance company for months over a claim, I hear "
        "all the calls lol. It's like a podcast. Back to my life: show me formal trousers for men, grey, 34 waist.",
        "My sister ordered a birthday gift for me from some random site, and the parcel came a week late and the mug was "
        "broken. It's the thought that counts. I want to gift her back, a pretty mug or a lamp from you?",
        "my friend had a bad experience with a jeweller who sold her fake silver, she found out after a month. So I "
        "trust brands more now. show me oxidised silver jhumkas or necklaces, women.",
        "my cousin's cab driver in Goa got lost and they missed their flight, the whole holiday was a mess. she's back "
        "now and wants to forget it. i'm getting her a welcome home gift: a perfume for women, floral, under 2000.",
        "My roommate's gym membership app kept charging her after she cancelled, she had to block her card. Ridiculous. "
        "For me: gym wear, women's joggers and a sports bra, black, size M.",
        "My brother's new car got a scratch on the first day in the parking lot and he's been sulking all week. To cheer "
        "him up, I'm getting him something. A pair of aviator sunglasses for men, black.",
        "My aunty's order from a local sweet shop for the wedding came half a day late and the guests were served "
        "biscuits first lol. Anyway the wedding pics are coming. I need a silk kurta for men, ivory, size 42.",
        "Some courier company lost my friend's passport in transit, can you believe it? She had to apply again. "
        "Thankfully not my problem. I need an ethnic jacket for women, embroidered, in black or navy.",
        "My neighbour's son works at a warehouse and says parcels get thrown around like cricket balls. Now I wrap gifts "
        "extra well lol. Anyway, show me a handbag for my mother in black, Lavie maybe, under 3000.",
        "My college friend had her bag stolen at the railway station with all her wedding shopping inside. "
        "Heartbreaking. We're all chipping in to replace some of it. Show me a banarasi silk saree in red under 5000.",
    ],
    "long_jobs_and_jokes": [
        "I just started as a customer care executive at a telecom company and I spend eight hours a day on calls. My "
        "voice is gone and my back hurts. I need comfortable office wear, straight trousers for women in black and grey.",
        "Fun fact, I was a call centre agent for three years before switching to design, so I'm very polite to chatbots "
        "lol. Anyway, show me oversized t-shirts for women, pastel colours.",
        "My husband is a regional sales manager and travels four days a week, he basically lives out of a suitcase. His "
        "old cabin bag finally gave up. Show me a cabin size trolley bag in black.",
        "I'm a support team lead and my whole team is going to an offsite next week, we're doing matching t-shirts. I "
        "need 12 white round-neck t-shirts, men and women, sizes S to XL. Can you show me plain ones?",
        "Haha you remind me of my job, I'm literally the person people ask for when they say get me a manager. Today "
        "I'm the customer though. Show me formal shirts for men, light blue, size 40.",
        "Joke of the day from my office: how many customer service agents does it take to change a bulb? Only one, but "
        "you'll be on hold for forty minutes. lol. Now, can you show me desk lamps?",
        "I work as a delivery executive for a food app, so I'm outside all day in the heat and rain. I need a good rain "
        "jacket and waterproof shoes for men, size 9, nothing too expensive.",
        "My sister just got promoted to store manager at a retail chain and she has to look sharp every day now. She "
        "asked me to help pick some blazers. Women's blazers in navy or beige, size M, under 4000.",
        "As a travel agent I spend half my life at airports and I'm tired of my heavy backpack. I want something light "
        "but with laptop space, black or dark grey, under 3000.",
        "I'm interviewing for a relationship manager role at a bank next Tuesday, and my mom says my current shirts look "
        "like a college student's. Help me fix that: formal white and light pink shirts for men, size 38.",
        "My friend is an escalation manager at an IT company, she literally handles angry clients for a living, so she's "
        "the calmest person I know. Her birthday is next week. Something calming for her? A nice mug maybe.",
        "I handle complaints at a hotel front desk, and honestly the guests are wild. Today someone wanted their money "
        "back because the sea was too loud lol. I need black formal flats for women, size 6, comfortable for standing.",
        "lol i just realised i've been typing to you like i type to the customers at my job. occupational hazard of "
        "being a support agent. ok, need a hoodie for men, maroon, size L.",
        "My dad was a bank manager for thirty years and still dresses like it's 1995, tucked-in shirt, polished shoes "
        "every day. We love him for it. His old leather belt finally cracked. Show me a brown formal belt for men.",
        "My colleague jokes that our customer service team should get combat boots because of how many fights we "
        "handle. She's joking, but I do want some boots. Chelsea boots for women in tan, size 5.",
        "I'm a floor supervisor at a garment factory and I'm on my feet for ten hours. My knees are not happy. I need "
        "cushioned sports shoes for women, size 7, in any dark colour.",
        "Our complaints department at work has a dress code now, no jeans on weekdays, which is tragic because I live "
        "in jeans. Show me chinos for women, beige and olive, size 30.",
        "My brother is a field agent for an insurance company and he visits clients all day on his bike. He needs a "
        "sturdy sling bag for men that fits a tablet.",
        "My mom ran a customer care desk at the electricity board for twenty years, she has stories that would make you "
        "laugh and cry. She retires next month. Show me a classy handbag for her, black leather, under 3500.",
        "Seriously the funniest thing happened at work, an angry caller asked my colleague for a human and my colleague "
        "said I am one, I promise. lol. Anyway show me casual shirts for men, checks, size M.",
        "i'm an account manager so i basically live in video calls. i need tops that look good from the waist up lol. "
        "solid colour tops for women, collared, size S.",
        "My boyfriend works nights as a customer support associate for a US company, so he sleeps all day and our dates "
        "are at 7am lol. I want to buy him comfortable pyjamas for men, size L.",
        "I used to be the manager of a shoe store, so I'm very picky about stitching and soles. Please show me only "
        "genuine leather shoes for men, brown Derbys or Oxfords, size 9.",
        "Heads up, I'm a mystery shopper for my job. Kidding, I'm just really indecisive. Let's try: midi skirts for "
        "women, floral print, under 1200.",
        "main ek call centre mein kaam karti hoon, poora din headset pehen ke baithna padta hai. comfortable kurti "
        "chahiye office ke liye, cotton, size L, light colours.",
        "My manager at work is obsessed with watches, he notices everyone's wrist in meetings. I got promoted, so time "
        "to impress him lol. Show me a chronograph watch for men, Fossil or Titan, under 8000.",
        "I'm a real estate agent and I show flats all day, climbing stairs in buildings without lifts. Need good looking "
        "but comfortable loafers for men, size 10, in tan.",
        "My wife is a claims executive at an insurance company and she says the best part of her day is coming home to "
        "our dog. True. I'm getting her a cute sweatshirt with a dog print, women, size M.",
        "I'm the customer service guy at my dad's hardware shop on weekends, which mostly means arguing about the price "
        "of nails. Need a couple of plain polo t-shirts for men, navy and white, size L.",
        "Funny how chatbots are now better than the phone menus where you press 9 for an agent and it hangs up. Ok "
        "enough ranting, show me Roadster jackets for men, olive, size L.",
        "I train new support agents at my company and today's lesson was never say calm down to a customer. Ha. On a "
        "different note, I need formal trousers for women, navy, size 28.",
        "My uncle is a general manager at a tea estate in Assam and he's visiting us for the first time in years. I'd "
        "like to gift him a warm shawl or a muffler for men, in brown or grey.",
        "My son wants to be a secret agent when he grows up, like in the movies, so for his birthday I'm doing a spy "
        "party. Need black t-shirts for boys age 7 and some kids' sunglasses.",
        "My colleague says I should complain to HR about the office AC which is like Antarctica. Instead I'm just buying "
        "a cardigan. Women's cardigan, beige, size M.",
        "I'm a hotel manager and I'm on my feet from 7 to 7. I need another two pairs of black formal shoes for men, "
        "size 9, comfortable with cushioning.",
    ],
    "long_past_praise": [
        "Last month I returned a pair of jeans that didn't fit and the pickup happened the very next morning, the money "
        "came in two days. Honestly impressed. So I'm back for more jeans, Levis slim fit, 32 waist, dark wash.",
        "My previous order came a day before the date promised and the packaging was so neat that my sister thought it "
        "was a gift. Good job whoever packs these. Now show me kurta sets for women in yellow.",
        "I was nervous about exchanging sizes online, but your exchange went smoothly and the delivery guy even waited "
        "while I checked the fit. Shopping again today: Puma sneakers, white, size 8.",
        "Just wanted to say the refund for my cancelled order reached my account the same day, that's never happened "
        "with anyone else. Anyway, let's look at sarees for my mom, cotton, blue.",
        "The last time I ordered a watch for my dad it came with a lovely gift note and he was so happy. He still wears "
        "it every day. Now it's my mom's turn: a women's Titan watch, gold tone.",
        "Your customer care sorted out my size mix-up last year in one call, I still remember that. That's why I keep "
        "coming back. Today I need a formal shirt for men, white, size 42.",
        "The delivery boy in our area is so polite, he always calls before coming and waits patiently. My grandmother "
        "loves him lol. Ok, show me bedsheets, double size, cotton, floral.",
        "Returning customer! The heels I bought in the Diwali sale are still my favourite, got so many compliments at "
        "the wedding. I want something similar in silver, block heels, size 6.",
        "Quick note: the return pickup was super easy last time, I didn't have to print anything. That's why I'm "
        "confident ordering sizes I'm unsure of. Show me bootcut jeans for women, size 28 and 30.",
        "So happy with my last order, the kurta fits like it was stitched for me and the colour is exactly as in the "
        "photo. Please show me more kurtas from the same brand, Soumya or similar, in green.",
        "I had to cancel an order once and it was done in two clicks with the full amount back, no questions. That's "
        "rare. So I'm buying the birthday gift here: a leather wallet for men, brown.",
        "My mom was scared to buy online but I showed her how easy your returns are and now she orders more than me lol. "
        "She wants a cotton nightie, size XL, light colours.",
        "Last Diwali your delivery came right in time even during the rush, when every other site was delayed. Respect. "
        "Diwali is here again, show me silk kurtas for men, size 40, in gold or cream.",
        "The last jacket I bought from you survived a whole winter in Delhi and still looks new. I'm sold on the "
        "quality. Now I want a similar one for my brother, bomber jacket for men, olive, size L.",
        "Great experience with my last refund, the money came back to my UPI in like 48 hours. You guys are fast. "
        "Adding to cart again: a pair of running shoes for women, Puma, size 6.",
        "Honestly the chat help last time was better than any store salesperson. I found the perfect dress in five "
        "minutes. Let's do it again: a black cocktail dress, size M, under 3000.",
        "the sizing chart you showed me last time was spot on, first time ever online clothes fit me without a return. "
        "so trusting it again: slim fit chinos for men, 34, khaki.",
        "pichli baar ka order ekdum time pe aaya aur quality bhi badhiya thi. isliye phir se aaya hoon. mere liye ek "
        "denim jacket dikhao, blue, size L.",
        "Your packaging is so good, the perfume I ordered last time came wrapped like a jewel. I'm getting one for my "
        "best friend this time. Show me women's perfumes under 2500, something floral.",
        "I exchanged a shirt twice last year to find my size and nobody made me feel bad about it, the pickup guy even "
        "joked with me. Now I know my size: 40. Show me linen shirts for men.",
        "The refund for that dress I sent back came through before the pickup even reached the warehouse, which "
        "surprised me. Happy customer. Now show me summer dresses, floral, knee length, size S.",
        "My friend recommended you because her returns were always easy, and she was right, my first one went smoothly. "
        "Now I'm shopping properly: handbags in tan, totes, under 2500.",
        "Last time I messaged your team about an invoice and they emailed it in ten minutes. Efficient. Anyway, I'm here "
        "for earrings today, silver jhumkas under 1000.",
        "I love that I can track orders so easily here, my last parcel showed every step and came on time. Now I need a "
        "dupatta in red to match a suit, chiffon.",
        "Your cash on delivery option saved me last month when my card was blocked, the delivery person even had change. "
        "Good stuff. Show me cotton shorts for men, navy, size M.",
        "Had a lovely chat with your support team last time about a size question, and they were really patient. Today "
        "I'll just use you though, bot: show me maternity dresses, size L.",
        "My grandmother asked me to thank the delivery guy who carried her parcel up to the fourth floor last week. She's "
        "now a fan. She wants a shawl, warm, in maroon or brown.",
        "The exchange for my son's shoes took just three days and the new pair fits perfectly, he wears them everywhere. "
        "Now his sister wants some: sneakers for girls, size 2, pink.",
        "Thanks to how quickly you sorted my return in the summer sale, I'm back for the winter one. Show me sweaters for "
        "men, crew neck, grey or navy, size L.",
        "My order last week came in two days and the saree was even more beautiful in person, my mother cried a little. "
        "Looking for a readymade blouse in gold to go with it, size 38.",
    ],
    "venting_then_shopping": [
        "This heat is unbearable, it's 44 degrees here and my AC has been making weird noises since yesterday. I'm "
        "melting. Please show me cotton kurtas for men in light colours, size L.",
        "Exams start tomorrow and I have not studied organic chemistry at all, I'm panicking. Procrastination shopping "
        "it is lol. Show me a comfortable hoodie for women, size S, in lilac.",
        "Ugh my back has been aching all week from sitting at my desk, and the physio told me to stop wearing heels for "
        "a while. Sad. Show me flat sandals for women with good arch support, size 7.",
        "The traffic in this city is making me lose my mind, two hours to go ten kilometres today. I'm buying myself "
        "something to feel better. A nice perfume for men, woody, under 3000.",
        "I gained six kilos this year and none of my jeans button up anymore, it's so depressing. I need jeans with "
        "stretch for women, size 32, dark blue.",
        "It has been raining non-stop for five days, my shoes are always wet and everything smells of damp. Please tell "
        "me you have waterproof shoes for men, size 9, black.",
        "My board results come out next week and I'm so nervous I can't sleep. My mom says I should distract myself. "
        "Okay, show me graphic t-shirts for men, size M, black or white.",
        "I've had the worst cold for a week, my nose is red and I sound like a frog on calls. Need something warm and "
        "cosy to wear at home, fleece pyjamas for women, size L.",
        "Work has been brutal this quarter, my manager keeps moving deadlines and I've been working weekends. I deserve a "
        "treat. Show me Fossil watches for women, rose gold.",
        "Monday mornings are the worst, I spilled coffee on my white shirt on the way to work and had to wear my jacket "
        "all day in the heat. So: white formal shirts for men, size 40, two of them.",
        "So annoyed, my hair refuses to behave in this humidity and I look like a lion in every photo lol. At least my "
        "outfit can be nice. Show me a floral maxi dress, size M.",
        "I failed my driving test for the second time today because of a parking mistake, so I'm feeling pretty low. "
        "Retail therapy please: a cute sling bag for women, pastel pink.",
        "It's so cold this week that my fingers hurt when I type, and our office heater is broken. I need woollen gloves "
        "and a muffler, for women, any colour that's warm lol.",
        "My skin breaks out every time I wear synthetic fabric in summer, the dermatologist says only cotton or linen. "
        "Fine. Show me linen tops for women, white and beige, size M.",
        "I've been running every morning for three months and lost eight kilos, but now all my clothes are too loose, "
        "which is a happy problem. Show me slim fit t-shirts for men, size M, pack of 3.",
        "mausam itna kharab hai yahan, teen din se dhoop nahi nikli aur kapde sukh hi nahi rahe. ek do quick-dry "
        "t-shirts dikhao men ke liye, size L.",
        "my semester project got rejected by my professor today and i have to redo everything in a week. i'm so "
        "frustrated i could scream. ok, need a big backpack for college, black.",
        "I have flat feet and every shoe I buy starts hurting after an hour, it's so frustrating. Any sports shoes for "
        "women with extra cushioning? Size 6.",
        "The power has been going out every evening this week and I'm sitting in the dark with mosquitoes. Life in the "
        "suburbs lol. Anyway, show me a rechargeable table lamp if you have one.",
        "Honestly I'm exhausted, I moved house this weekend and my whole body aches from carrying boxes up three floors. "
        "New house needs new curtains though. Blackout curtains in grey, 7 feet.",
        "Ugh, my ex is going to be at my best friend's wedding and I need to look amazing. No pressure lol. Show me a "
        "red saree, georgette or chiffon, under 4000.",
        "The pollution here is so bad my eyes burn every time I step out, and I can't run outside anymore. I'm switching "
        "to home workouts. Show me yoga pants for women, black, size S.",
        "My little one has been teething and none of us have slept properly in a week. I'm a zombie. I want something "
        "comfy to wear at home: cotton lounge pants for women, size L.",
        "So my promotion got pushed again because of budget issues, classic. I'm buying myself the watch I was saving "
        "for anyway. Titan for men, something slim.",
        "I think I sprained my ankle at badminton yesterday, so heels are off the table for a while. Show me stylish "
        "flat shoes for women for a wedding, size 5, gold or silver.",
        "My hostel room has no mirror and I've been getting dressed blind for a month lol. Might as well buy clothes that "
        "go with everything. Show me basic t-shirts for women, black and white.",
        "The humidity in Mumbai has covered my old leather bag in mould, it's disgusting. I'm done with leather for the "
        "monsoon. Show me a canvas tote bag for women, any neutral colour.",
        "I have a huge presentation tomorrow and my only good blazer is missing a button. I'm so stressed I've eaten two "
        "packets of chips already. Show me a women's blazer in navy, size M.",
        "My knees hurt on the stairs these days and my doctor blames my old shoes. I'm only thirty! Aging is rude. Show "
        "me running shoes for men with good cushioning, size 10.",
        "Bad day: missed the bus, got drenched, and my phone fell in a puddle. I just want to curl up in something soft. "
        "Show me oversized sweatshirts for women, grey, size L.",
        "I'm so bored of working from home, I haven't worn real clothes in weeks, only pyjamas. Time to change that. "
        "Show me casual dresses for women, size M, in bright colours.",
        "It's my first winter in Delhi after growing up in Chennai, and nobody warned me about this cold. I'm freezing. "
        "Show me thermal wear for men, size L, and a heavy jacket.",
        "yaar exams ke chakkar mein teen hafte se ghar se nahi nikli, ab bahar jaana hai dosto ke saath. ek achha sa top "
        "dikhao, black ya white, size S.",
        "My gym trainer said my shoes are the reason my shins hurt after every run. I thought I was just unfit lol. Show "
        "me running shoes for women, Puma maybe, size 7.",
        "The power cut during my online exam today nearly gave me a heart attack, but I managed to submit on time. "
        "Celebrating with a new pair of earrings: studs, gold, under 800.",
    ],
    "mild_negative_results": [
        "these look a bit too plain for me", "hmm, I was expecting more colours", "not a fan of these prints",
        "kinda pricey, anything cheaper?", "these are fine but nothing exciting", "meh, too many logos",
        "the second one looks a bit cheap tbh", "not really my vibe, something more classic?",
        "I don't love these, they look too sporty", "a little boring, show something brighter", "hmm these are too long for me",
        "nah, these are too shiny", "the fabric looks thin on these", "bit disappointing selection honestly",
        "these aren't quite what I had in mind", "too expensive for a gift", "the heels on these are too high",
        "not great, maybe try a different brand", "ye wale kuch khaas nahi lage", "thoda aur simple dikhao, ye bahut bhaari hain",
        "these r too basic tbh", "not bad but the colours are dull", "the results feel a bit random",
        "hmm, none of these are in my size range", "these look more like pyjamas than trousers lol",
        "I'm not convinced by any of these", "too formal for a beach trip", "underwhelming, can I see a different style",
        "these seem too small for a laptop", "not what I pictured, softer colours maybe",
    ],
    "praise_short": [
        "these are gorgeous, thank you", "wow, you found exactly the style I wanted", "love the third one, great pick",
        "this is so much faster than scrolling myself", "you're really good at this", "super helpful, saved me an hour",
        "haha you get my taste better than my husband", "great suggestions as always", "omg the second one is perfect",
        "you're a lifesaver, thanks", "nice! the colours are spot on", "bahut badhiya, thank you", "mast hai yeh wala",
        "this is great, I'll share it with my sister", "kudos to whoever built this", "wow the prices are good too",
        "amazing picks, my mom will love these", "best shopping chat I've used honestly", "thnx a lot, v helpful",
        "you nailed it this time",
    ],
    "general_policy_r3": [
        "how many days does a refund usually take after the pickup?", "if I return something, when does the money come back to my card?",
        "what's the last point at which I can cancel an order?", "can I cancel an order after it's been packed?",
        "suppose the shoes don't fit, how does the exchange work?", "what happens to my coupon if I return the item?",
        "in general how long do exchanges take to ship?", "are refunds for UPI payments faster than for cards?",
        "if a parcel gets lost on the way, is the refund automatic?", "how long is the return window for watches?",
        "do I lose the cashback if I cancel an order?", "if a delivery is late, is there any compensation policy?",
        "what's the refund process if I paid cash on delivery?", "is the return window counted from delivery date or order date?",
        "hypothetically, if I ordered two sizes and returned one, is that allowed?", "can I return part of an order and keep the rest?",
        "when does a cancelled order's refund usually show in the bank?", "do returned items need the original box?",
        "if a product arrives damaged, what's the process to report it?", "does cancelling a prepaid order cost anything?",
        "refund kitne din mein aata hai return ke baad?", "agar size chhota nikla toh exchange ho jayega kya?",
        "order cancel karne ka kya process hai?", "what if I'm out when the return pickup comes?",
        "can the delivery address be changed after dispatch, in general?", "how long do you take to process refunds for sale items?",
        "is there a time limit to request a refund?", "if I cancel within an hour, is the refund instant?",
        "whats ur policy if the colour looks different from the photo", "if I return a gift, who gets the refund, me or the person who paid?",
        "how are refunds handled for EMI purchases?", "can a refund go to my wallet instead of my bank?",
        "just curious, do you refund the delivery fee on returns?", "what's the usual timeline for a replacement to arrive?",
        "if the courier can't find an address, what happens to the order?",
    ],
    "praise_comparisons": [
        "way better than being stuck on hold with a call centre, thanks", "this beats calling a helpline any day",
        "you're faster than any customer care person I've dealt with", "honestly easier than asking a salesperson at the mall",
        "so nice not having to wait for an agent to pick up", "I expected to be passed to a human but you handled it, thanks",
        "no need for customer care when you're this quick lol", "my sister said to ring support but you found it in seconds",
        "better than the store manager at my local mall, haha", "i was ready to call someone but this worked, thank you",
        "i ordered from you last year and loved it, similar stuff please", "bought a kurta here last month, loved it, more like that one",
        "my last two orders were perfect, show me more from that brand",
        "your support team helped me once, really sweet people. anyway, show me shrugs",
        "wait, am I chatting with a bot or a real person?", "is this a real human typing or an AI lol",
        "are you a person or a program, just curious", "r u a real person? you type so fast",
        "ye sab thode boring lag rahe hain", "itne mehenge? kuch sasta dikhao", "rang achha nahi hai inka",
        "kuch khaas pasand nahi aaya, aur dikhao", "ye design purana lag raha hai",
    ],
    "very_long_rambles": [
        "Okay so this is going to be a long one, sorry. My cousin's wedding is in three weeks in Udaipur and the family "
        "WhatsApp group has basically become a full-time job. My aunt keeps posting outfit ideas at midnight, my mom "
        "forwards every single one to me with a question mark, and my brother refuses to wear anything except his one "
        "black suit. The bride wants everyone in pastels for the haldi. I have nothing pastel. So: a pastel yellow or "
        "mint kurta set for women, size M, under 3500, and if you have matching juttis, even better.",
        "Hi! I've been meaning to do this for weeks. My best friend from school is finally visiting from London after "
        "four years and we're planning a whole weekend, brunch, a day trip to the hills, a fancy dinner. She always "
        "dresses so well and I always look like I've just rolled out of bed next to her, which she finds hilarious. "
        "Not this time. I'd like two outfits: a casual dress for the day trip and something elegant for dinner, "
        "maybe black or emerald green, size S.",
        "Long day. Our team had a client escalation at work and my manager made us sit through a three-hour call with "
        "their customer service head, who kept saying the same thing in different words. I think I aged ten years. "
        "When I got home my flatmate had made pasta, which saved my life. Now I'm lying on the couch shopping, as one "
        "does. Show me comfortable joggers for women, grey or navy, size M, and maybe a matching sweatshirt.",
        "So my dad has this habit of buying shoes from the roadside guy near his office because they're cheap, and "
        "every pair falls apart within two months, and then he complains about it at dinner. My mom and I finally "
        "convinced him to let us buy him something decent. He's very particular: black, no laces, size 9, nothing "
        "shiny, nothing that looks 'young'. Can you show me some plain black slip-on shoes for men in leather?",
        "Honestly I have had the strangest week. On Monday the lift in our building broke and I had to climb eleven "
        "floors with groceries. On Wednesday my neighbour's dog got into our flat and ate one of my slippers. On "
        "Thursday my sister's parcel from some other website came to my address by mistake and I had to drive it "
        "across town to her. Today I just want something nice for myself. Show me a red or maroon handbag, medium "
        "size, under 2500.",
        "My wife and I are celebrating ten years of marriage next month and we're going back to Goa, where we had our "
        "honeymoon. Back then I wore the ugliest shirt in every photo and she still teases me about it, there's one "
        "with parrots on it that the whole family has seen. I want to redeem myself this time. Show me some good linen "
        "shirts for men, size L, in white, sky blue or sand, and a pair of brown sandals, size 9.",
        "So my grandmother is eighty-five and has decided she wants to learn to use a smartphone, which means I spend "
        "every evening teaching her how to video call my uncle in Dubai. She keeps calling him by accident at 3am his "
        "time and he keeps picking up, bless him. It's been really sweet honestly. She's been saying her shawl is too "
        "thin for the winter, so I want to surprise her with a warm one, in maroon or dark green.",
        "Last year I worked at a call centre for a bank for eight months before I got my current job, so whenever I "
        "chat with any support bot I feel weirdly protective of it lol. People used to yell at us for things we had no "
        "control over. Anyway, that's not why I'm here. I start a new office job on Monday and I need a couple of "
        "formal trousers for women, black and beige, size 30, and a pair of comfortable black pumps, size 6.",
        "My brother-in-law runs a small clothing shop in Ludhiana and he keeps telling me online shopping will ruin "
        "his business, and then he asks me to order things for him because it's cheaper, which is very funny. He "
        "returned a jacket to some other app last month and waited forever for the money, and he brings that up at "
        "every family lunch. For myself, I'm looking for a woollen overcoat for men, camel or grey, size 40.",
        "My daughter is starting her first job in Hyderabad and I'm more nervous than she is. She'll be living alone for "
        "the first time, and I keep making lists of things she needs: a pressure cooker, an iron, a first aid kit, "
        "formal clothes. Her father says I'm overdoing it. Maybe I am. But she does need a good office bag, something "
        "that fits a laptop and looks smart, in black or tan, under 3000. Could you show me some?",
        "Our society's annual sports day was today and I volunteered to run the lemonade stall, which was a mistake, "
        "because I spent four hours in the sun and now I'm as red as a tomato. My son won the sack race though, so it "
        "was worth it. The kids' team t-shirts were all the wrong sizes from the vendor the committee used, which was "
        "its own drama. Anyway, I need a wide-brimmed hat or a cap for women, and some sunscreen if you sell it.",
        "I don't usually write this much but I'm procrastinating. I'm supposed to be preparing for my CA exams and "
        "instead I've cleaned my room twice, reorganised my bookshelf by colour and called three friends. My mom has "
        "started leaving motivational notes on my door. I think I need a fresh start, new clothes for the library, "
        "comfortable but not pyjamas. Show me some cotton co-ord sets for women, size M, in soft colours.",
        "mera office ka annual function hai agle hafte aur is baar theme hai 'Bollywood night'. mere manager ne bola hai "
        "sab log kisi hero ya heroine jaisa dress up karenge, aur mujhe Shah Rukh wala look chahiye, black suit aur "
        "white shirt. ghar wale bahut hasenge mujh pe lekin koi baat nahi. black blazer aur white formal shirt dikhao, "
        "size 40, budget 4000 tak.",
        "A few months ago I bought a dress from a tiny Instagram shop and it came two sizes smaller than they said, and "
        "the owner just stopped replying to my messages, which taught me a lesson. My friends laughed and said I should "
        "stick to proper stores. So here I am. There's a cocktail party at my office next Friday and I'd like a "
        "navy or black dress, knee length, size M, from a brand that has a real size chart.",
        "My husband works as a customer experience manager for a hotel chain, so every time we eat out he critiques "
        "the service like a judge on a cooking show, and I have to remind him he's not at work. It's a running joke "
        "in our family. His birthday is this Sunday and I want to get him something nice he'd never buy himself. "
        "Maybe a good leather wallet and a belt, brown, or a watch with a metal strap under 6000.",
        "So my roommate and I decided to do a no-spend month, and I lasted exactly nine days. In my defence, it's been "
        "a terrible week: I got a parking ticket, my phone screen cracked when I dropped it on the stairs, and the "
        "presentation I worked on for weeks got pushed to next month. I think I've earned this. Show me some white "
        "sneakers for women, size 6, something clean and minimal.",
        "Hi there. Some background: I'm a school teacher, forty-two, and my students have started commenting on my "
        "'same three sarees', which is both rude and fair. My sister says I should get something more modern, but I "
        "still want to look professional in front of a class of thirteen-year-olds. Could you show me cotton or "
        "linen sarees in muted colours, or straight kurtas with trousers, size L?",
        "I just got back from a two-week trip to my in-laws' village, where there was no network and I was fed five "
        "times a day. I loved it but my jeans did not. The flight back got delayed by six hours and I ate even more at "
        "the airport. Now I'm home and nothing fits. I need a couple of pairs of stretchable jeans for women, size 32 "
        "or 34, in dark blue and black, under 2000 each.",
        "My college roommate is getting married in Kolkata and a bunch of us are flying in from different cities, it's "
        "going to be our first reunion in six years. The groom's side has sent a colour chart for every event, which is "
        "a bit much honestly, but whatever makes them happy. For the reception I've been told 'jewel tones'. Show me "
        "a dark green or royal blue sherwani or bandhgala for men, size 42.",
        "It's been raining in Bangalore for ten days straight and my entire wardrobe smells like a wet dog. My landlord "
        "says it's normal for this season. My colleagues say I should buy a dehumidifier. My mom says I should move "
        "back home. I'm just going to buy a few quick-dry clothes and hope for the best: polyester t-shirts for men, "
        "size M, and a light rain jacket in dark colours.",
    ],
}

# ----------------------------------------------------------------------------------------------- templates
_POS_T = [
    "the {cat} I {got} {when} {defect}", "my {cat} {arrived} {defect}", "I ordered {col} {cat} but got {col2} ones",
    "you sent me {col2} {cat} instead of {col}", "my {cat} order {late}", "the {cat} I ordered {late}",
    "I want to return the {cat} I {got} {when}", "cancel my {cat} order please", "{human_ask}",
    "refund for the {cat} I returned {refund}", "{anger}, {human_ask}", "the {brand} {cat} you delivered {defect}",
    "paid for the {cat} but {pay}", "order for {cat} {late}, {human_ask}",
]
_NEG_T = [
    "my old {cat} {defect}, show me new ones", "{trigger}, show me {cat} for {gen}", "{col} {cat} for {gen} {price}",
    "{brand} {cat}", "do you have {col} {cat}?", "what if my {cat} {defect}?", "can I return {cat} if they {defect_q}?",
    "is the {ord} one {mat}?", "compare {n} and {m}", "{cat} under {price_n} for my {rel}", "no {col}, {cat} for {gen}",
    "i want to order {cat} for my {rel}", "{praise}, show me more {cat}", "need {cat} for {occ}",
]
_FILL = {
    "got": ["got", "received", "bought", "ordered", "purchased"],
    "when": ["yesterday", "last week", "on monday", "two days ago", "this morning", "in the sale"],
    "defect": ["is torn", "broke after one use", "has a stain", "came damaged", "is the wrong size", "stopped working",
               "has a hole", "is fake", "fell apart in a week", "is totally different from the photo", "came without tags"],
    "arrived": ["arrived", "came", "was delivered", "just got delivered"],
    "late": ["hasn't arrived yet", "is 10 days late", "still not delivered", "is stuck in transit", "never came",
             "shows delivered but I didn't get it", "got cancelled without reason"],
    "refund": ["hasn't come", "is still pending", "never reached my account", "is stuck for 2 weeks"],
    "pay": ["the money was deducted twice", "the payment failed and money is gone", "I was charged extra",
            "the order never got placed"],
    "human_ask": ["I want to talk to a person", "connect me to customer care", "get me a human", "I need an agent",
                  "let me speak to someone", "please call me", "I need to speak with support"],
    "anger": ["this is ridiculous", "worst service ever", "I'm so angry", "this is unacceptable", "I'm fed up"],
    "defect_q": ["don't fit", "get damaged", "are the wrong colour", "arrive late"],
    "trigger": ["my manager asked us to dress formal", "my friend is a travel agent", "after a frustrating week", "I hate shopping in malls",
                "my old ones broke", "I'm so angry my favourite pair got ruined in the rain", "our team lead is retiring",
                "a human rights lawyer friend has a gala"],
    "praise": ["great", "love these", "perfect", "nice", "awesome thanks"],
    "price": ["under 2000", "below 1500", "around 1000", "", "upto 3k"],
    "price_n": ["1500", "2k", "999", "3000"],
    "ord": ["first", "second", "third", "last"],
    "mat": ["cotton", "leather", "silk", "polyester"],
    "rel": ["wife", "husband", "son", "daughter", "dad", "mom", "boss", "manager"],
    "occ": ["a wedding", "office", "a party", "the gym", "a trip"],
    "gen": ["men", "women", "boys", "girls"],
}
_CATS = ["kurta", "sneakers", "jeans", "t-shirt", "saree", "watch", "handbag", "shirt", "dress", "heels", "backpack",
         "jacket", "trousers", "sports shoes", "top", "sweatshirt", "flats", "earrings", "wallet", "sunglasses",
         "perfume", "trolley bag", "sandals", "blazer"]
_BRANDS = ["Puma", "Roadster", "Levis", "Titan", "WROGN", "Lavie", "Fastrack", "Park Avenue", "GAP", "HRX"]
_COLS = ["black", "white", "blue", "red", "navy blue", "green", "pink", "grey", "maroon", "yellow", "beige", "brown"]


def _templated(templates: list[str], label: int, rng: random.Random, per_template: int, tag: str, vocab=None) -> list[dict]:
    cats, brands = list(_CATS), list(_BRANDS)
    if vocab is not None:
        top = sorted(vocab.category_counts.items(), key=lambda kv: -kv[1])[:40]
        cats += [vocab.categories.get(k, k).lower() for k, _ in top]
        tb = sorted(vocab.brand_counts.items(), key=lambda kv: -kv[1])[:40]
        brands += [vocab.brands[k] for k, _ in tb if k not in vocab.ambiguous_brands]
    rows = []
    for ti, tmpl in enumerate(templates):
        for _ in range(per_template):
            c1, c2 = rng.sample(_COLS, 2)
            n, m = rng.sample(range(1, 8), 2)
            fill = {k: rng.choice(v) for k, v in _FILL.items()}
            text = tmpl.format(cat=rng.choice(cats), col=c1, col2=c2, brand=rng.choice(brands), n=n, m=m, **fill)
            text = re.sub(r"\s+", " ", text).strip()
            if rng.random() < 0.3:
                text = text.lower()
            rows.append({"text": text, "label": label, "source": "project", "group": f"{tag}:{ti}"})
    return rows


def project_examples(vocab=None, seed: int = 11, per_template: int = 8) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for lab, bank in ((1, POSITIVE), (0, NEGATIVE)):
        for kind, texts in bank.items():
            # every 4 consecutive seeds form a group, so near-paraphrases written together stay on one side
            rows += [{"text": t, "label": lab, "source": "project", "kind": kind, "group": f"seed:{lab}:{kind}:{i // 4}"}
                     for i, t in enumerate(texts)]
    rows += _templated(_POS_T, 1, rng, per_template, "tmpl:pos", vocab)
    rows += _templated(_NEG_T, 0, rng, per_template, "tmpl:neg", vocab)
    return rows


def intent_examples(vocab=None) -> list[dict]:
    from assistant.intent_data import project_examples as intent_rows

    return [{"text": r["text"], "label": int(r["label"] == "escalate"), "source": "intent",
             "group": "intent:" + r["group"]} for r in intent_rows(vocab)]


def mgshopdial_examples(path: Path) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for d in data:
        gid = f"mg:{d.get('metadata', {}).get('id', id(d))}"
        for u in d["utterances"]:
            text = (u.get("utterance") or "").strip()
            if u.get("participant") == "Client" and text and len(text) <= 400:
                rows.append({"text": text, "label": 0, "source": "mgshopdial", "group": gid})
    return rows


CORPUS_DIR = Path(__file__).resolve().parent / "data" / "escalation_corpus"


def corpus_examples(folder: Path = CORPUS_DIR) -> list[dict]:
    """Labelled single messages written for the project (``{"id", "text", "escalate", "kind"}`` per line; see the
    folder's README). A corpus file and a kind form one group, so a situation is wholly in train or in validation."""
    rows = []
    for f in sorted(Path(folder).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows.append({"text": d["text"], "label": int(bool(d["escalate"])), "source": "corpus",
                             "kind": d.get("kind"), "group": f"corpus:{f.stem}:{d.get('kind') or d['id']}"})
    return rows


def all_examples(vocab=None, mg_path: Path | None = None, corpus_dir: Path | None = CORPUS_DIR) -> list[dict]:
    rows = project_examples(vocab) + intent_examples(vocab)
    if corpus_dir is not None and Path(corpus_dir).is_dir():
        rows += corpus_examples(corpus_dir)
    if mg_path is not None and Path(mg_path).is_file():
        rows += mgshopdial_examples(mg_path)
    return dedupe(rows)


def split(rows: list[dict], val_frac: float = 0.2, seed: int = 5) -> tuple[list[dict], list[dict]]:
    """Group split: a seed group, a template or an MG-ShopDial dialogue is wholly in train or in validation."""
    from assistant.intent_data import split as group_split

    return group_split(rows, test_frac=val_frac, seed=seed)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def dedupe(rows: list[dict]) -> list[dict]:
    """First occurrence wins; a text labelled both ways is dropped entirely."""
    labels: dict[str, set] = {}
    for r in rows:
        labels.setdefault(_key(r["text"]), set()).add(r["label"])
    seen, out = set(), []
    for r in rows:
        k = _key(r["text"])
        if k and k not in seen and len(labels[k]) == 1:
            seen.add(k)
            out.append(r)
    return out


def overlap_with_scenarios(rows: list[dict], scenario_dir: Path, *message_dirs: Path) -> list[str]:
    """Training texts that also occur (normalised) as a user turn in a conversation scenario file, or as a message
    of a single-message eval file (``evals/escalation``)."""
    turns = set()
    for f in sorted(Path(scenario_dir).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for t in json.loads(line).get("turns", []):
                    turns.add(_key(str(t.get("user", ""))))
    for d in message_dirs:
        for f in sorted(Path(d).glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    turns.add(_key(str(json.loads(line).get("text", ""))))
    return sorted({r["text"] for r in rows if _key(r["text"]) in turns and len(_key(r["text"]).split()) > 2})
