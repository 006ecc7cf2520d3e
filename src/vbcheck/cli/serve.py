"""`vbcheck serve [--host 127.0.0.1] [--port 8000] [--open]`: the page for the clerk
(`vbcheck.web`). Needs the `web` extra; without it, one line says what to install."""

from __future__ import annotations

import click


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address opens the page to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free port; the address is printed).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser once it is up.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Worker processes that run the checks [default: cores, at most 4].")
def serve(host, port, open_browser, jobs):
    """Mở trang kiểm tra văn bản trong trình duyệt — serve the page where a draft is dropped and
    its findings shown on the document, with the annotated copy and the reports to download."""
    from ..web import INSTALL_HINT, missing
    from .streams import Failure

    if missing() is not None:
        raise Failure(INSTALL_HINT)
    from ..web.server import ServeError
    from ..web.server import serve as run

    try:
        run(host, port, open_browser=open_browser, workers=jobs, say=click.echo,
            warn=lambda m: click.echo(m, err=True))
    except ServeError as e:
        raise Failure(f"serve: {e}") from None
