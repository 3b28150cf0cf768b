"""gunicorn's settings for Golden Thread (read from the working directory): access log lines
without survey tokens, tablet participant ids or query-string values (app/core/access_log.py),
and no Server header naming gunicorn and its version."""

from gunicorn.glogging import Logger
from gunicorn.http import wsgi

from app.core.access_log import gunicorn_atoms


class ScrubbedLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return gunicorn_atoms(super().atoms(resp, req, environ, request_time))


logger_class = ScrubbedLogger


class _QuietResponse(wsgi.Response):
    """gunicorn writes `Server: gunicorn` (it has no setting for it): telling an attacker the
    server and its version only saves them a step. The workers build responses through the
    module's Response, so this subclass replaces it when the config is read."""

    def default_headers(self):
        return [h for h in super().default_headers() if not h.lower().startswith("server:")]


wsgi.Response = _QuietResponse
