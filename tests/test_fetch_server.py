"""A local HTTP server for URL and feed tests (127.0.0.1 only; nothing touches the internet).

Imported by tests/test_fetch.py and tests/test_watch.py. Each route is a function of the
request headers returning (status, headers, body); body may be an iterator of chunks
(streamed without Content-Length) so that huge and slow responses can be simulated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[int, dict[str, str], bytes | Iterable[bytes]]
Route = Callable[[dict[str, str]], Reply]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                route = server.routes.get(self.path)
                status, reply_headers, body = route(headers) if route else (404, {}, b"not found")
                self.send_response(status)
                for name, value in reply_headers.items():
                    self.send_header(name, value)
                try:
                    if isinstance(body, bytes):
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    else:  # streamed: close the connection to mark the end
                        self.send_header("Connection", "close")
                        self.end_headers()
                        for chunk in body:
                            self.wfile.write(chunk)
                            self.wfile.flush()
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # clients that give up (timeouts, size caps) are expected here

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
