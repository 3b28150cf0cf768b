"""gunicorn's settings for Golden Thread (read from the working directory): access log lines
without survey tokens, tablet participant ids or query-string values (app/core/access_log.py)."""

from gunicorn.glogging import Logger

from app.core.access_log import gunicorn_atoms


class ScrubbedLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return gunicorn_atoms(super().atoms(resp, req, environ, request_time))


logger_class = ScrubbedLogger
