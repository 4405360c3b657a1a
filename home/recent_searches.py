"""The answers of the last searches, kept in this process's memory only.

The full-text search is most of a search page's time, and readers repeat searches: the same
words on the next page of results, typed with other spaces, or asked again once Varnish's copy
of the page has expired. For visitors, the answer (the ids of the matches, best first) is kept
here under the versioned cache's version, so publishing, unpublishing, moving, deleting or
restricting a page has every search run afresh (home.site_wide_parts says what changes it).

Never on the cache server: what residents search for ("przemoc") is theirs, and Redis may
write snapshots to disk; and there is no end to the words typed, so only the MAX_ANSWERS most
recently used stay, each for at most LIFETIME seconds (as long as Varnish keeps the page).
"""

import threading
import time
from collections import OrderedDict

from .versioned_cache import is_visitor, version_for

MAX_ANSWERS = 256
LIFETIME = 5 * 60

_answers = OrderedDict()  # (locale id, words) -> (expiry, ids)
_state = {"version": None}
_lock = threading.Lock()


def recent_answer(request, locale_id, words, search):
    """`search()` (a sequence of ids), or its answer for the same words and language kept by
    this process under the request's version."""
    version = version_for(request) if is_visitor(request) else None
    if version is None:
        return search()
    key = (locale_id, words)
    with _lock:
        if _state["version"] != version:
            # Answers read under another version are never asked for again.
            _answers.clear()
            _state["version"] = version
        kept = _answers.get(key)
        if kept is not None and kept[0] > time.monotonic():
            _answers.move_to_end(key)
            return kept[1]
    answer = tuple(search())
    with _lock:
        if _state["version"] == version:
            _answers[key] = (time.monotonic() + LIFETIME, answer)
            _answers.move_to_end(key)
            while len(_answers) > MAX_ANSWERS:
                _answers.popitem(last=False)
    return answer


def forget_recent_searches():
    """Drop every kept answer: for tests."""
    with _lock:
        _answers.clear()
        _state["version"] = None
