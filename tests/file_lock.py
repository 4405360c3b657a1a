"""A lock on a file, which the pytest-xdist workers of a session share."""

import contextlib
import fcntl


@contextlib.contextmanager
def exclusive(path):
    """Held by one process of the session at a time (the pytest-xdist workers share `path`)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
