"""gunicorn for the site: `gunicorn -c deploy/gunicorn.conf.py mops_site.wsgi`.

Listens on loopback only: Varnish is the only client. The address and the number of workers come
from the environment (deploy/production.env.example), so that a second instance on the same
machine needs nothing but another GUNICORN_BIND.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# Sync workers: every request is short (pages, a form post); slow clients wait in Varnish and
# nginx, not here.
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# The control socket is a per-user file (~/.gunicorn/gunicorn.ctl): two instances would fight
# over it, and nothing here uses it.
control_socket_disable = True
# Errors to the journal; access lines are Varnish's and nginx's job.
accesslog = None
errorlog = "-"
