"""One definition of the page furniture extraction and the brief both drop (``storyline.furniture``): the lines
where the two stages' own rules disagreed, each now read alike by both."""
import pytest

from storyline.consolidate.sentences import is_furniture
from storyline.extract.plaintext import parse_plain_text
from storyline.furniture import is_cookie_notice

STORY = ("Storm closes schools\n\nSchools across the state were closed on Monday after the storm.\n\n"
         "Officials said the schools would reopen on Wednesday if the roads are clear.\n\n")


def extracted(*paragraphs: str) -> list[str]:
    [piece] = parse_plain_text(STORY + "\n\n".join(paragraphs))
    return piece.text.split("\n\n")


@pytest.mark.parametrize("line", [
    # a bakery uses butter, not cookies: extraction read "uses" beside a cookie as a site's notice
    "The bakery uses butter from the dairy next door in every cookie it sells, the owner said.",
    # a credit's opening that goes on to report: extraction dropped it at the end of a text
    "Reporting by The Washington Post found that the agency had ignored the warnings for years.",
    # a share button run into the story, which names no one to write to (the clustering dev set)
    "Email This Even at 88, Betty White has the ambition of a 20-something!",
    # cookies a company's or a group's website names are food (a review of the merged rule)
    "The Girl Scouts sold 200 million boxes of cookies last year, according to the organization's website.",
    "The bakery said customers who ordered cookies through its website would receive refunds.",
    # "reached at" in reporting
    "Negotiators said an agreement may be reached at the summit in Geneva next week.",
    "The summit can be reached at low tide by a causeway from the village.",
    # a cookie beside "accept", "agree" or "privacy" that addresses no reader: food, and news of browser cookies
    "She accepted a cookie from the plate and thanked the host for the evening.",
    "The children agreed that the chocolate chip cookie was the best thing at the fair.",
    "Google will phase out third-party cookies in its Chrome browser, privacy groups said.",
    "The company agreed to pay $5 million to settle claims that its tracking cookies violated privacy laws.",
    "Regulators want websites to ask users for consent before placing tracking cookies on their devices.",
    "Chrome's plan to drop third-party cookies has been delayed twice amid pushback from advertisers.",
    # a sentence that starts like a sign-off and goes on: extraction had dropped it as a "Follow X on Twitter" line
    "Follow the money on Twitter, he said, and you will find the people behind the campaign.",
    # news of cookies with its speaker named, and a sentence ending in cookies (a review of session 25)
    "Google will phase out third-party cookies, privacy groups said.",
    "You can block third-party cookies in your browser settings, privacy advocates said.",
    "Google uses cookies to track users across the web, and its privacy policy allows it, regulators said.",
    "The bake sale at the school raised $4,000 selling one thing: cookies.",
    # a company and its partners in the news: what they do, or who says so
    "Facebook and its partners use cookies to follow users across the web.",
    "Google and its advertising partners use cookies to personalise ads, regulators said.",
    "Meta and its partners use cookies to show ads to teenagers, a lawsuit filed on Tuesday alleges.",
    # ... in words of the topic a banner uses too (devices, audiences, consent), its speaker unnamed or not "said"
    "Google and its partners use cookies to track people across devices, a study by Princeton researchers found.",
    "Meta and its advertising partners use cookies to measure audiences without consent, the lawsuit says.",
])
def test_reporting_both_stages_keep(line: str) -> None:
    assert line in extracted(line) and not is_furniture(line)


@pytest.mark.parametrize("line", [
    # a site's notice in words extraction did not know ("personalise", "tracking")
    "Cookies and similar tracking technologies personalise the ads and the content you see here.",
    # real banners' wordings (the last three from pages of the extraction dev sets)
    "We use cookies to ensure that we give you the best experience on our website. If you continue to use this site "
    "we will assume that you are happy with it.",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if "
    "you wish.",
    "By continuing to use this site, you agree to our use of cookies.",
    "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site navigation, "
    "analyze site usage, and assist in our marketing efforts.",
    "We and our partners use cookies and similar technologies to personalise content and ads, and to analyse our "
    "traffic.",
    "We use cookies to improve your experience on our site and to show you personalised advertising. To find out "
    "more, read our privacy policy and cookie policy.",
    "If you do not allow these cookies, you will experience less targeted advertising.",
    "To show you this content, we need your permission to use cookies.",
    "To see this content please enable targeting cookies.",
    # a banner's own "according to", "added", "said" names no speaker; a site naming itself (a review of session 25)
    "We use cookies to improve your experience. You can manage your preferences according to our cookie policy.",
    "We use cookies. Cookies are small files added to your device when you visit our site. Learn more in our cookie "
    "policy.",
    "We use cookies to personalise content. Read what our partners said about data in our privacy policy.",
    "The Guardian uses cookies. Privacy policy",
    "Le Monde uses cookies to improve the experience of its readers. Find out more",
    "Reuters.com uses cookies. Accept",
    # a site naming itself with its partners (Le Monde's banner; Say Media's, from a page of the extraction dev set)
    "Le Monde and its partners use cookies to: store and/or access information on a device; personalised advertising "
    "and content, advertising and content measurement, audience research and services development.",
    "Le Monde and its partners use trackers to measure the audience of the site.",
    "Say Media and its partners use technology such as cookies to customise site experience, analyse website traffic, "
    "deliver content, and measure the effectiveness of advertisements.",
    # ... in other banners' forms: to the reader, a choice, a link
    "Future plc and its partners use cookies to store and/or access information on your device.",
    "The Independent and its partners use cookies to personalise ads. Manage settings",
    "Condé Nast and its partners use cookies to improve the experience of readers. Accept all",
    "Ziff Davis and its partners use cookies and similar technologies. Learn more in our cookie policy.",
    "BuzzFeed and its partners use trackers to measure audiences. Consent choices",
])
def test_a_cookie_notice_both_stages_drop(line: str) -> None:
    assert line not in extracted(line, "The roads were cleared by Tuesday night, the county said.")
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    # credits extraction kept at the end of a text: a writer's, a dateline's
    "(Writing by Lincoln Feast and Alex Richardson; Editing by Dean Yates)",
    "— Reporting by Jane Doe in Boston; editing by Tom Heneghan",
    "Lucey reported from Washington.",
    # ... and credits the brief kept: a place or the writer's address after "contributed" (the clustering dev set)
    "Associated Press reporter Paul J. Weber and Chris Sherman contributed to this story from McAllen, Texas.",
    "Reporter Stephen Hudak contributed to this report. echerney@orlandosentinel.com or 352-742-5930",
    # sign-offs the brief kept as sentences: a desk's note, how to reach the writer
    "This story has been updated to include a statement from the governor's office.",
    "Contact the reporter at the newsroom on Main Street between nine and five.",
    "Contact Tracey Kaplan at 408-278-3482.",
    "Jane Doe can be reached at the Boston bureau on weekdays.",
    "He can be reached at jdoe@example.com.",
    "Follow Jane Doe on Twitter @janedoe.",
    # an investment site's disclosure (Multi-News, Keurig's results: "The author: this article themselves, and it
    # expresses their own opinions" was a quote)
    "The author wrote this article themselves, and it expresses their own opinions.",
    "I am not receiving compensation for it (other than from Seeking Alpha).",
    "The author has no business relationship with any company whose stock is mentioned in this article.",
    "Disclosure: The author has no positions in any stocks mentioned, and no plans to initiate any positions within "
    "the next 72 hours.",
])
def test_a_credit_or_a_sign_off_after_the_story_both_stages_drop(line: str) -> None:
    assert extracted(line)[-1] == "Officials said the schools would reopen on Wednesday if the roads are clear."
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Follow Jane Doe on Twitter @janedoe.",
    "Follow us on Twitter, Facebook and Instagram",
    "Follow AP's Jane Doe on X: @janedoe",
    "Follow @janedoe on Twitter for the latest updates.",
    "Like us on Facebook!",
    # the clustering dev set's
    "Follow him on Twitter: @reporterdavidj.",
    "Follow The Knot on Twitter and Instagram @TheKnot.",
    "Follow on Twitter @jmolinet",
    "Follow @CBSBaltimore on Twitter and like WJZ-TV | CBS Baltimore on Facebook",
    # lines main's extraction dropped (a review of session 25)
    "Follow Jane Doe on Twitter @janedoe and on Instagram @janedoe",
    "Follow Jane Doe of The Associated Press on Twitter @janedoe",
    # the Mirror's, six platforms (five were read; its entities reached the brief's "Who and what": Threads a GPE)
    "Follow Mirror Celebs on Snapchat, Instagram , Twitter , Facebook , YouTube and Threads.",
])
def test_a_follow_sign_off_line_both_stages_drop(line: str) -> None:
    text = STORY.replace("\n\nOfficials", f"\n\n{line}\n\nOfficials")  # anywhere, not only after the story
    [piece] = parse_plain_text(text)
    assert line not in piece.text and is_furniture(line)


@pytest.mark.parametrize("line", [
    "Cookie Policy", "Accept all cookies", "Cookies Settings Reject All Accept All", "Privacy & Cookie Settings",
    "Necessary cookies only", "Manage Cookies", "Do Not Sell My Personal Information | Cookie Policy",
    "Subscriber Agreement & Terms of Use | Privacy Notice | Cookie Notice", "CBN Cookie Policy",
    "Learn more, including about available controls: Cookie Policy",
])
def test_a_cookie_banners_buttons_and_links_are_a_notice(line: str) -> None:
    assert is_cookie_notice(line)


@pytest.mark.parametrize("line", [
    "Chocolate Cookies", "How to Store Cookies So You Can Savor Them Longer",
    # a sentence ending in "cookies" after a colon, and banner words that offer nothing (a review of session 25)
    "The bake sale at the school raised $4,000 selling one thing: cookies.",
    "Investigators found what the suspect had stolen from the store: cookies.",
    "Do not sell my cookies",
])
def test_a_heading_about_cookies_is_no_notice(line: str) -> None:
    assert not is_cookie_notice(line)


def test_a_long_line_of_follow_words_is_judged_at_once() -> None:
    # untrusted text: a sign-off pattern free to read "on" as a name's word backtracked for ever through this
    import time

    from storyline.furniture import is_credit

    line = "Follow " + "on Twitter and follow " * 200 + "zz"
    started = time.perf_counter()
    assert not is_credit(line) and not is_furniture(line)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("line", [
    # Le Monde's banner, its buttons, and the common consent lines of French, German, Spanish and Italian sites
    "Le Monde et ses partenaires utilisent des cookies pour : stocker et/ou accéder à des informations sur un "
    "appareil ; la publicité et le contenu personnalisés, la mesure de publicité et de contenu.",
    "Le Monde et ses partenaires utilisent des traceurs afin de mesurer l'audience du site. Vous pouvez accepter ou "
    "refuser.",
    "Nous utilisons des cookies",
    "Nous utilisons des cookies pour améliorer votre expérience sur notre site.",
    "Accepter et fermer", "Tout accepter | Tout refuser", "Paramétrer les cookies Accepter et fermer",
    "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten.",
    "Diese Website verwendet Cookies.", "Alle akzeptieren",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
    "Este sitio web utiliza cookies para mejorar su experiencia.", "Aceptar y cerrar",
    "Questo sito utilizza cookie tecnici e di profilazione.",
    "Utilizziamo i cookie per personalizzare contenuti e annunci.", "Accetta e chiudi",
    # a banner's purpose after a comma is no speaker
    "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
    "Le Monde et ses partenaires utilisent des cookies pour vous proposer des contenus. Accepter et fermer",
])
def test_a_french_german_spanish_or_italian_cookie_banner_both_stages_drop(line: str) -> None:
    assert line not in extracted(line, "The roads were cleared by Tuesday night, the county said.")
    assert is_cookie_notice(line) and is_furniture(line)


@pytest.mark.parametrize("line", [
    # news of cookies: someone else's, told in the third person, or a speaker named
    "La CNIL a infligé une amende de 150 millions d'euros à Google pour ses cookies.",
    "Google et ses partenaires utilisent des cookies pour suivre les internautes sur des milliers de sites.",
    "« Nous utilisons des cookies uniquement pour mesurer l'audience », a déclaré le porte-parole de la société.",
    "Die Datenschutzbehörde verhängte eine Strafe gegen Meta wegen der Cookies auf Facebook.",
    "Utilizamos cookies solo para medir la audiencia, dijo el portavoz de la empresa.",
    "La boulangerie vend des cookies au chocolat depuis 1998.",
    "Accepter la défaite n'est pas dans sa nature, a déclaré son entraîneur.",
    # a review's dropped news: a speaker after a comma or a closed quotation, a headline's second half after a colon
    "Nous utilisons des cookies depuis des années sans le savoir, reconnaît un responsable du site interrogé par "
    "nos soins.",
    "« Nous utilisons des cookies pour suivre nos clients », a reconnu le directeur marketing de l'enseigne devant "
    "la CNIL.",
    "Wir verwenden Cookies nur mit Einwilligung, betonte ein Sprecher des Konzerns am Dienstag in Berlin.",
    "Utilizamos cookies de terceros desde 2019, reconoció la compañía en un comunicado remitido a la AEPD.",
    "Utilizziamo cookie di profilazione solo con il consenso degli utenti, ha precisato l'azienda al Garante.",
    "Google et ses partenaires utilisent des cookies publicitaires : la CNIL inflige une amende de 150 millions "
    "d'euros.",
    "Amazon y sus socios utilizan cookies sin consentimiento, concluye la investigación de la AEPD publicada este "
    "martes.",
    "Meta und seine Partner nutzen Cookies, um Ihre Daten zu sammeln, kritisiert die Verbraucherzentrale.",
    "Questo sito utilizza cookie senza consenso: lo ha stabilito il Garante della privacy nella sanzione di ieri.",
    "Ce site utilise des cookies illégaux, estime l'association UFC-Que Choisir dans sa plainte déposée lundi.",
])
def test_news_of_cookies_in_other_languages_is_no_notice(line: str) -> None:
    assert not is_cookie_notice(line)
    assert line in extracted(line, "The roads were cleared by Tuesday night, the county said.")


def test_a_long_line_of_foreign_banner_buttons_is_judged_at_once() -> None:
    import time

    line = "Tout refuser | Paramétrer | " * 300 + "Accepter la défaite"
    started = time.perf_counter()
    assert not is_cookie_notice(line)
    assert time.perf_counter() - started < 1.0
