"""Text helpers for Ukrainian names: slugs by the official transliteration, apostrophes,
the searchable form of a text."""

import re
import unicodedata

from django.utils.text import slugify

# Cabinet of Ministers resolution No. 55 of 27.01.2010; the first form is used at the
# start of a word.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ы": "y", "э": "e", "ё": "io", "ъ": "",
}  # fmt: skip
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_INSIDE = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
APOSTROPHES = "'’ʼ`‘"


def transliterate(text):
    out = []
    previous_is_letter = False
    for char in text.replace("зг", "zgh").replace("Зг", "Zgh"):
        lower = char.lower()
        if lower in APOSTROPHES:
            continue
        if lower in _TRANSLIT:
            latin = _TRANSLIT[lower]
        elif lower in _WORD_START:
            latin = (_INSIDE if previous_is_letter else _WORD_START)[lower]
        else:
            latin = char
            previous_is_letter = char.isalpha()
            out.append(latin)
            continue
        previous_is_letter = True
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def latin_slug(text, max_length=80):
    return slugify(transliterate(text))[:max_length].strip("-") or "item"


def unique_slug(instance, text, field="slug", max_length=80):
    """A slug for ``instance`` that no other row of its model uses."""
    base = latin_slug(text, max_length - 6)
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def normalize_apostrophes(text):
    """Ukrainian is typed with ', ’ or ʼ interchangeably; store and search one form."""
    for variant in APOSTROPHES[1:]:
        text = text.replace(variant, "'")
    return text


# Anything but letters, digits and apostrophes separates words (the underscore too, so that
# LIKE's wildcards never reach a search pattern); an apostrophe outside a word is a quote.
_NOT_WORD = re.compile(r"[^\w']|_")
_QUOTE = re.compile(r"(?<!\w)'|'(?!\w)")


def searchable_text(*parts):
    """The words of ``parts`` lowercased, with one apostrophe form, separated by single
    spaces, with a space before each word: `` word`` then matches at a word start only.

    >>> searchable_text("Семінари-практикуми «Об’єднання»")
    " семінари практикуми об'єднання "
    """
    text = " ".join(part for part in parts if part).replace("\x00", "")
    text = normalize_apostrophes(unicodedata.normalize("NFC", text).lower())
    words = _QUOTE.sub(" ", _NOT_WORD.sub(" ", text)).split()
    return f" {' '.join(words)} " if words else " "
