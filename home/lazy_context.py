"""Template context read only when the template uses it.

A page whose HTML is kept (home.templatetags.fragment_cache) renders none of it on a warm view,
and would otherwise read and unpickle it all on every view.
"""

import operator
from functools import partial

from django.utils.functional import SimpleLazyObject


def lazy_entries(load, names):
    """{name: load()[name]} for each of `names`, `load` called once, when the template first
    uses one of them. Each value is a lazy object, never None itself: Python that reads one asks
    for its truth, not `is None`."""
    loaded = SimpleLazyObject(load)
    return {name: SimpleLazyObject(partial(operator.getitem, loaded, name)) for name in names}
