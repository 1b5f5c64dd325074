"""A loopback HTTP server a test starts, to see whether anything reached it (tests never reach
the internet: a fetch that should not happen is aimed here instead)."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A 1×1 transparent PNG, so a fetcher that does get through receives a real image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


@contextlib.contextmanager
def listener():
    """Yields (base_url, requests): every path requested while the block runs lands in the list."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            requests.append(self.path)
            body, kind = (PNG, "image/png") if self.path.endswith(".png") else (b"p{}", "text/css")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
