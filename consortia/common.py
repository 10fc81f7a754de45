"""What every `consortia` subcommand shares: opening the store, one-line errors, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from domain.errors import DomainError
from marketplace.bootstrap import Services, bootstrap
from marketplace.errors import ConfigurationError
from marketplace.ports import Clock
from marketplace.settings import Settings


def first_line(error: BaseException) -> str:
    """An error's message on one line; a database driver's own words, not its wrapper's."""
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


class Consortia(click.Group):
    """A group whose commands fail with one clear line, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if _tracebacks_wanted():
                raise
            message = str(error) if isinstance(error, DomainError) else first_line(error)
            raise click.ClickException(message) from None


def _tracebacks_wanted() -> bool:
    # CONSORTIA_DEBUG; settings that do not even parse are the error being reported.
    try:
        return Settings.from_env().cli_tracebacks
    except ConfigurationError:
        return False


def settings_for(url: str | None) -> Settings:
    """The environment's settings, with --database-url (when given) as the store."""
    return Settings.from_env(database_url=url) if url else Settings.from_env()


def open_store(chosen: Settings | str | None, *, clock: Clock | None = None,
               inline_projection: bool = True, external_projector: bool = False) -> Services:
    """The services on the chosen store (settings, or a --database-url), or one line
    saying why the store cannot be used."""
    settings = chosen if isinstance(chosen, Settings) else settings_for(chosen)
    store = settings.store
    try:
        return bootstrap(settings, clock=clock, inline_projection=inline_projection,
                         external_projector=external_projector)
    except DomainError:
        raise
    except Exception as error:
        raise ConfigurationError(f"cannot open the store at {store.label}: "
                                 f"{first_line(error)}") from None


class Bar:
    """A click progress bar that learns its length from the first report."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label)
            self.bar.__enter__()
        self.bar.length = max(total, done, 1)
        self.bar.update(done - self.done)
        self.done = done

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def database_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--database-url", default=None, metavar="URL",
        help="sqlite:///path.db or postgresql://user@host:port/db[?schema=x] "
             "(default: $CONSORTIA_DATABASE_URL, then sqlite:///var/consortia.db)",
    )(command)


def rebuild_if_outdated(services: Services) -> None:
    """Rebuild read models made by an older version from the log, with a progress bar."""
    outdated = services.projector.outdated()
    if outdated:
        click.echo(f"The read models ({', '.join(outdated)}) were made by an older version; "
                   "rebuilding them from the event log")
        with Bar("Replaying events") as bar:
            services.projector.rebuild(progress=bar)
