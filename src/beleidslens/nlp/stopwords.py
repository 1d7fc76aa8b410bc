"""Dutch stop words.

Our own list: the Dutch function words of the Snowball stop list (articles, pronouns,
prepositions, conjunctions, auxiliaries), plus the glue words of policy prose that carry
no topic ("kabinet", "coalitie", "komende", …). Topic words are never stop words here:
the frequency-derived lists that ship with text-extraction libraries contain words such as
"gemeente" and "werk", which are exactly what a policy analysis searches for.
"""

from __future__ import annotations

_FUNCTION_WORDS = ["aan", "aangezien", "al", "alle", "alleen", "als", "alsnog", "altijd", "andere", "anders", "ben", "bij", "binnen", "daar", "daarbij", "daardoor", "daarin", "daarmee", "daarnaast", "daarom", "daartoe", "dan", "dat", "de", "deze", "die", "dit", "doch", "doen", "door", "dus", "echter", "een", "eens", "en", "enige", "enkele", "er", "ermee", "ernaar", "ervan", "ervoor", "even", "geen", "gehad", "geweest", "ging", "had", "hadden", "heb", "hebben", "heeft", "hem", "hen", "het", "hier", "hierbij", "hierin", "hiermee", "hiervoor", "hij", "hoe", "hoewel", "hun", "ik", "in", "is", "ja", "je", "jij", "jou", "jouw", "jullie", "kan", "kon", "konden", "kun", "kunnen", "maar", "me", "meer", "mij", "mijn", "men", "met", "mezelf", "mij", "mocht", "moet", "moeten", "mogen", "na", "naar", "naast", "niet", "niets", "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook", "op", "opdat", "over", "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "vooral", "waar", "waarbij", "waardoor", "waarin", "waarmee", "waarom", "wanneer", "want", "waren", "was", "wat", "we", "wel", "welk", "welke", "werd", "werden", "wie", "wij", "wil", "willen", "wordt", "worden", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zoals", "zodat", "zonder", "zou", "zouden", "zullen", "iets", "iemand", "ieder", "iedere", "elk", "elke", "beide", "hierop", "daarop", "waarop", "zowel", "tussen", "via", "per", "zeer", "vaak", "steeds", "ervoor", "erop", "eraan", "erin", "erbij", "erover", "opnieuw", "verder", "weer", "al", "ook", "nog", "wel", "dus"]

_POLICY_GLUE = ["kabinet", "coalitie", "regering", "komende", "kabinetsperiode", "jaar", "jaren", "gaan", "gaat", "ga", "komen", "komt", "kom", "willen", "wil", "maken", "maakt", "doen", "zetten", "zet", "nemen", "neemt", "zorgen", "zorgt", "daarvoor", "hiervoor", "mogelijk", "goed", "goede", "nieuwe", "nieuw", "verschillende", "onder", "andere", "bijvoorbeeld", "zoveel", "zo'n", "ander"]

STOPWORDS: frozenset[str] = frozenset(_FUNCTION_WORDS) | frozenset(_POLICY_GLUE)


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS or len(word) < 2 or word.isdigit()
