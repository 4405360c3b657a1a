"""The page tree after translating: every parent must know how many children it has.

wagtail-localize issue 773: a translated page published after its translated child was added
(for example both in one transaction, the publication deferred to the commit) is saved with the
`numchild` it had before, 0, and its children are no longer found (404, hidden in the admin).
The demo translates one page per transaction and publishes each at once, top-down; this check
proves it and repairs what an older run or an editor's bulk action may have left behind.
"""

from collections import Counter

from wagtail.models import Page


class PageTreeError(Exception):
    pass


def repair_child_counts():
    """Set `numchild` to the real number of children wherever it differs; return what changed.

    One query for the whole tree (a few dozen pages in the demo): a child's path is its
    parent's path plus one step.
    """
    rows = list(Page.objects.values_list("pk", "path", "numchild", "url_path"))
    children = Counter(path[: -Page.steplen] for _pk, path, _numchild, _url in rows)
    repaired = []
    for pk, path, numchild, url_path in rows:
        real = children[path]
        if numchild != real:
            Page.objects.filter(pk=pk).update(numchild=real)
            repaired.append(f"{url_path}: numchild {numchild} -> {real}")
    return repaired


def check_page_tree():
    """Repair child counts, then fail if treebeard still finds anything wrong with the tree."""
    repaired = repair_child_counts()
    evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild = Page.find_problems()
    problems = {
        "bad characters in paths": evil_chars,
        "bad path lengths": bad_steplen,
        "orphans": orphans,
        "wrong depth": wrong_depth,
        "wrong numchild": wrong_numchild,
    }
    found = {name: ids for name, ids in problems.items() if ids}
    if found:
        details = "; ".join(f"{name}: page ids {ids}" for name, ids in found.items())
        raise PageTreeError(f"The page tree is damaged ({details}); run `manage.py fixtree`.")
    return repaired
