"""Servers the tests start in a thread: how often they look whether to stop.

socketserver's `serve_forever` checks for `shutdown()` every 0.5 s by default, so every
test that stopped a server waited up to half a second for nothing; 50 ms costs no CPU to
speak of. Use as `threading.Thread(target=server.serve_forever, kwargs=POLL)`.
"""

from __future__ import annotations

POLL = {"poll_interval": 0.05}
