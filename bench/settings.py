"""The production settings, as the benchmark runs them.

Every value comes from the environment exactly as in production (bench/environment.py fills it
for loopback), plus the two things only a benchmark needs: the framework's floor, a minimal
view mounted at /bench/floor/, and static files collected into the run's own folder.
"""

from mops_site.settings import environment
from mops_site.settings.production import *  # noqa: F403

BENCH_FLOOR_VIEW = True
# The benchmark measures the demo site on its own throw-away database: the demo app (with
# build_demo_site) is installed here, and only here among the production-based settings.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
STATIC_ROOT = environment.require("BENCH_STATIC_ROOT")
