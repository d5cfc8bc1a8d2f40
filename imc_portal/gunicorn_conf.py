"""Gunicorn settings for production and for `make bench`:
`gunicorn imc_portal.wsgi -c imc_portal/gunicorn_conf.py`."""

import gc
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
preload_app = True


def when_ready(server):
    # In the master, after the app is loaded and before the workers fork: they inherit
    # compiled templates, translation catalogues and URL resolvers.
    from imc_portal.warm import warm_up_process

    server.log.info("Warmed up: %d templates compiled", warm_up_process())


def post_worker_init(worker):
    # Objects that live as long as the worker stay out of the garbage collector's scans,
    # and copy-on-write pages shared with the master stay shared.
    gc.freeze()
