"""A cheap English check from function words and script, no model loaded.

English news prose runs at 35-50 % English function words (dev figures: the
lowest of 879 Guardian and FA-KES articles is 22 %). A text is refused as not
English when most of its letters are not Latin (Cyrillic, Arabic, ...; at any length), when it
has few English function words *and* more of another language's, or when it is
running prose (mostly lower-case words) with almost no English function words.
These conditions keep English texts that are mostly names and numbers (a
casualty list) from being refused for want of "the".
"""

from __future__ import annotations

import re

from ..errors import NotEnglish

# Common function words per language (closed-class; lists written for this project).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "English": """a about above after again against all also am an and any are as at be because been
            before being below between both but by can could did do does doing down during each few
            for from further had has have having he her here hers him his how i if in into is it its
            itself just me more most my no nor not now of off on once only or other our out over own
            same she should so some such than that the their them then there these they this those
            through to too under until up very was we were what when where which while who whom why
            will with would you your said says""",
        "French": """le la les un une des du de et est sont dans pour que qui sur par avec pas au aux ce
            cette ses leur été ont il elle nous vous ils selon mais où""",
        "German": """der die das den dem des ein eine einer und ist sind nicht mit von zu auf für im sich
            auch dass wurde wurden werden nach bei aus hat haben sie er es""",
        "Spanish": """el la los las un una unos de del y en que por con para es son se su sus al lo como más
            pero fue han ha tras según""",
        "Portuguese": """o os as um uma de do da dos das e em no na que por com para é são se seu sua ao pela
            pelo foi tinham após""",
        "Italian": """il lo gli la le un una di del della dei e è sono in che per con non si su al alla ha
            hanno dopo secondo""",
        "Dutch": """de het een en van in is op te dat die voor met zijn niet aan er ook als bij door werd""",
        "Turkish": """ve bir bu da de için ile olarak daha çok gibi ama en olan değil ancak iki ise ki veya
            her kadar sonra göre""",
        "Polish": """i w z na się nie do że to jest o od po przez jak za ale dla który która""",
        "Indonesian": """dan yang di ke dari ini itu dengan untuk tidak pada adalah dalam akan oleh juga""",
    }.items()
}
WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20  # below this, ratios mean nothing: accept
MIN_ENGLISH = 0.12  # English below this share of function words is suspicious
MIN_OTHER = 0.08  # ... and refused when another language reaches this share and beats English
MAX_ENGLISH_IN_PROSE = 0.04  # prose (mostly lower-case words) with almost no English function words
SAMPLE_CHARS = 20000


def function_word_ratios(text: str) -> tuple[dict[str, float], int]:
    """Share of words that are function words, per language, and the number of words looked at."""
    words = WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return {language: 0.0 for language in FUNCTION_WORDS}, 0
    return {
        language: sum(1 for w in words if w in vocabulary) / len(words)
        for language, vocabulary in FUNCTION_WORDS.items()
    }, len(words)


def latin_share(text: str) -> float:
    letters = [ch for ch in text[:SAMPLE_CHARS] if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if ch < "\u0250") / len(letters)  # Basic Latin .. Latin Extended-B


def lowercase_share(text: str) -> float:
    """Share of words written in lower case: high in running prose, low in lists of names."""
    words = WORD.findall(text[:SAMPLE_CHARS])
    return sum(1 for w in words if w.islower()) / len(words) if words else 0.0


def english_ratio(text: str) -> tuple[float, int]:
    """(share of words that are English function words, number of words looked at)."""
    ratios, n_words = function_word_ratios(text)
    return ratios["English"], n_words


def check_english(text: str) -> None:
    # Script needs no word count: a short text in Cyrillic (or a UTF-16 misreading into CJK) is no English article.
    if latin_share(text) < 0.5:
        raise NotEnglish("does not look like English (most of its letters are not in Latin script)")
    ratios, n_words = function_word_ratios(text)
    if n_words < MIN_WORDS:
        return
    english = ratios["English"]
    if english >= MIN_ENGLISH:
        return
    language, other = max(((lang, r) for lang, r in ratios.items() if lang != "English"), key=lambda x: x[1])
    if other >= MIN_OTHER and other > english:
        raise NotEnglish(
            f"does not look like English: reads as {language} ({other:.0%} {language} function words, "
            f"{english:.0%} English, over {n_words} words)"
        )
    if english < MAX_ENGLISH_IN_PROSE and lowercase_share(text) > 0.5:
        raise NotEnglish(
            f"does not look like English ({english:.0%} of its {n_words} words are common English words)"
        )
