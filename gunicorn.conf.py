"""gunicorn settings for production (deploy/xinfang.service runs `gunicorn xinfang.wsgi`). Every value can
be changed by the environment; docs/deploy.md explains them. Command-line flags override this file."""

import multiprocessing
import os

# nginx (deploy/nginx.conf) proxies to this address; bind to 0.0.0.0 only when nginx runs on another host.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: each handles one request at a time. Default 2 per core + 1.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# A request running longer than this is killed and the worker restarted (the largest ledger export is a
# background job, not a request, so 60 s is ample); slow clients are nginx's concern.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30)
keepalive = 5
# Workers are replaced after this many requests (with jitter, so not all at once): bounds slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = 200
# The access log on stdout (journald keeps it with systemd) unless GUNICORN_ACCESS_LOG names a file.
# The format records the worker pid and the time taken, and the path without its query string: a search
# may carry a citizen's name or ID number, which must not end up in a log (docs/security.md).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or "-"
errorlog = os.environ.get("GUNICORN_ERROR_LOG") or "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(D)sus pid=%(p)s'
# nginx on the same host sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS") or "127.0.0.1"
proc_name = "xinfang"
