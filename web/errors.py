"""Errors as people read them: a page for browsers, JSON for the API, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from web.problems import problem
from web.ratelimit import retry_after


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        403: _("You are not allowed to do that."),
        404: _("There is nothing at this address."),
        405: _("This address does not accept that kind of request."),
        413: _("What you sent is too large."),
        429: _("Too many requests from your address. Please wait a minute and try again."),
        500: _("Something went wrong on our side. Nothing you sent was lost; please try again."),
    }


def _render(code: int, message: str, headers: dict[str, str] | None = None
            ) -> tuple[Response | str, int, dict[str, str]]:
    if _wants_json():
        return problem(code, message), code, headers or {}
    return render_template("errors/error.html", code=code, message=message), code, headers or {}


def init_app(app: Flask) -> None:
    """Answer every HTTP error with a readable message."""

    @app.errorhandler(CSRFError)
    def csrf_failed(_error: CSRFError) -> tuple[Response | str, int, dict[str, str]]:
        return _render(400, _("This form has expired. Please reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int, dict[str, str]]:
        code = error.code or 500
        # A view's own words (abort(403, "...")) win over the general message.
        own = error.description if error.description != type(error).description else None
        headers = {}
        if isinstance(error, RateLimitExceeded):
            own = None  # its description is the limit ("10 per 1 minute"), not a sentence
            headers["Retry-After"] = str(retry_after(error))
        return _render(code, own or _messages().get(code, error.description or ""), headers)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[Response | str, int, dict[str, str]]:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500, _messages()[500])
