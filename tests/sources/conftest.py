"""A web of our own: a loopback HTTP server each test fills with pages, PDFs and feeds, so no
test reaches the internet; and import tasks that run in-process unless a test asks for the
real database backend and worker."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Site:
    """site.add("/story", body, "text/html"); site.url("/story") -> http://127.0.0.1:PORT/story"""

    def __init__(self, server):
        self.server = server
        self.routes = {}
        self.hits = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def add(self, path, body=b"", content_type="text/html; charset=utf-8", status=200, **headers):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body)
        return self.url(path)

    def redirect(self, path, location, status=302):
        self.routes[path] = (status, {"Location": location}, b"")
        return self.url(path)


@pytest.fixture
def site():
    routes_holder = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            web = routes_holder["site"]
            web.hits.append(self.path)
            route = web.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            status, headers, body = route
            if callable(body):
                body(self)
                return
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    web = Site(server)
    routes_holder["site"] = web
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield web
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_loopback(settings):
    """Our test server is on loopback; only 127.0.0.1 itself is allowed, nothing else private."""
    settings.FACTDB_FETCH_ALLOW_PRIVATE = "127.0.0.1/32"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
