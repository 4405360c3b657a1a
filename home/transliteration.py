"""Latin slugs for pages whose slug was written in Cyrillic.

Django's `slugify` drops Cyrillic letters (or, with allow_unicode, keeps them and the address is
percent-encoded), so a Ukrainian slug is transliterated first, by the official Ukrainian system
of 2010 (Cabinet of Ministers resolution no. 55), which Ukrainian passports use.
"""

from django.utils.text import slugify

# Letters that are written differently at the start of a word.
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip


def transliterate(text):
    result, at_word_start, previous = [], True, ""
    for char in text:
        lower = char.lower()
        if at_word_start and lower in _WORD_START:
            latin = _WORD_START[lower]
        elif lower == "г" and previous == "з":
            latin = "gh"  # "зг" is written "zgh", so that it does not read as "zh"
        else:
            latin = _LETTERS.get(lower, char)
        result.append(latin.capitalize() if char != lower and latin else latin)
        at_word_start = not char.isalnum() and char not in "'’"
        previous = lower
    return "".join(result)


def latin_slug(text):
    """ "Програма соціальної активності" → "prohrama-sotsialnoi-aktyvnosti"."""
    return slugify(transliterate(text))
