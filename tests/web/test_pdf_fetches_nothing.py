"""WeasyPrint fetches only our own static files: never the network, never another file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from weasyprint.urls import URLFetchingError

from tests.servers import POLL
from web.documents import STATIC, OurFilesOnly, RemoteFetchRefused, pdf_bytes


class Counting(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the server's handler instances

    def do_GET(self) -> None:  # noqa: N802 - the library's name
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Counting.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, kwargs=POLL, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_document_naming_remote_urls_is_rendered_without_fetching_them(server: str) -> None:
    html = (f'<link rel="stylesheet" href="{server}/style.css">'
            f'<p style="background: url({server}/bg.png)">Quotation</p>'
            f'<img src="{server}/logo.png"><img src="file:///etc/passwd">')
    assert pdf_bytes(html).startswith(b"%PDF")
    assert Counting.hits == []
    # The server does answer: it is the fetcher that never asked.
    fetcher = OurFilesOnly()
    for url in (f"{server}/style.css", "file:///etc/passwd",
                (STATIC / ".." / "__init__.py").as_uri()):
        with pytest.raises((RemoteFetchRefused, URLFetchingError)):
            fetcher(url)
    assert Counting.hits == []


def test_our_own_static_files_are_fetched() -> None:
    response = OurFilesOnly()((STATIC / "css" / "site.css").as_uri())
    try:
        assert b"{" in response.read()
    finally:
        response.close()
