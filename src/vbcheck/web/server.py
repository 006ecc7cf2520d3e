"""Running the page: bind the address (a taken port is one line, not a traceback; port 0 picks a
free one and the line printed says which), say where it listens, warn when that is not this
machine only, open the browser when asked, and serve with uvicorn until Ctrl+C."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from typing import Callable

# The names a browser on this machine uses for a loopback server (the Host header check).
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class ServeError(Exception):
    """One line for the user (exit 2)."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ServeError(f"không tìm thấy địa chỉ '{host}' / unknown host '{host}' ({e.strerror})") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as e:
        sock.close()
        raise ServeError(f"không mở được {host}:{port} ({e.strerror}); cổng đang dùng? thử --port khác / "
                         f"cannot listen on {host}:{port} ({e.strerror}); port in use? try another --port") from None
    # Listening now: a browser or client that connects before uvicorn has started waits in the
    # backlog instead of being refused.
    sock.listen(128)
    return sock


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host in ("::", "[::]") else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(host: str = "127.0.0.1", port: int = 8000, *, open_browser: bool = False, workers: int | None = None,
          say: Callable[[str], None] = print, warn: Callable[[str], None] | None = None) -> None:
    import uvicorn

    from .app import create_app, default_workers

    warn = warn or (lambda m: print(m, file=sys.stderr))
    sock = bind(host, port)
    port = sock.getsockname()[1]
    url = url_of(host, port)
    local = is_loopback(host)
    if not local:
        warn(f"vbcheck serve: cảnh báo: đang mở cho mạng ({host}:{port}); mọi máy tới được địa chỉ này đều dùng "
             f"được, không cần đăng nhập / warning: listening on {host}:{port}, reachable from other machines, "
             f"with no login")
    app = create_app(workers=workers, allowed_hosts=[*LOOPBACK_NAMES, host.strip("[]")] if local else None)
    # limit_concurrency: past that many open connections uvicorn answers 503 at once, so a crowd of
    # uploads cannot hold more than that many request bodies (each at most VBCHECK_MAX_BYTES).
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=5,
                            limit_concurrency=32 + 16 * (workers or default_workers()))
    server = uvicorn.Server(config)
    say(f"vbcheck serve: {url} (Ctrl+C để dừng / to stop)")
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _open_when_started(server, url: str, wait: float = 30.0) -> None:
    import webbrowser

    deadline = time.monotonic() + wait
    while not server.started and time.monotonic() < deadline and not server.should_exit:
        time.sleep(0.1)
    if server.started:
        webbrowser.open(url)
