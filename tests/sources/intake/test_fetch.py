"""Fetching refuses what a server taking URLs from users must refuse, each with a clear
message: loopback and metadata addresses (also by name, and after a redirect), other schemes,
oversized bodies, unreadable types, redirect loops and slow servers."""

import time

import pytest

from sources.intake import IntakeError, fetch
from sources.intake.fetch import FetchPolicy, parse_allow_private


def test_a_public_policy_refuses_loopback_by_address_and_by_name(site):
    url = site.add("/story", "<p>hello</p>")
    for target in (url, url.replace("127.0.0.1", "localhost")):
        with pytest.raises(IntakeError, match="loopback address"):
            fetch(target, FetchPolicy())
    assert site.hits == []  # refused before any connection


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[::1]/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/admin", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://[fc00::1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0/", "unspecified address"),
    ],
)
def test_private_and_metadata_addresses_are_refused_by_default(url, kind):
    with pytest.raises(IntakeError, match=kind):
        fetch(url, FetchPolicy(timeout=1))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(IntakeError, match="only http and https"):
        fetch(url, FetchPolicy())


def allowed():
    return FetchPolicy(allow_private=parse_allow_private("127.0.0.1/32"), timeout=2)


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/", "http://[::1]:9/"]
)
def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(site, target):
    url = site.redirect("/go", target)
    with pytest.raises(IntakeError, match="factdb fetches only public addresses"):
        fetch(url, allowed())
    assert site.hits == ["/go"]


def test_redirects_are_followed_and_the_final_url_kept(site):
    site.add("/final", "<p>the page</p>")
    url = site.redirect("/old", "/middle", status=301)
    site.redirect("/middle", site.url("/final"))
    fetched = fetch(url, allowed())
    assert (fetched.url, fetched.final_url) == (url, site.url("/final"))
    assert fetched.body == b"<p>the page</p>"
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"


def test_a_redirect_loop_stops_at_the_limit(site):
    url = site.redirect("/loop", "/loop")
    with pytest.raises(IntakeError, match="more than 5 redirects"):
        fetch(url, allowed())
    assert len(site.hits) == 6


def test_a_50_megabyte_body_is_refused_by_its_length_and_when_it_does_not_say(site):
    big = site.add("/big.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024), "application/pdf")
    with pytest.raises(IntakeError, match="52,428,805 bytes is over the 20,971,520-byte limit"):
        fetch(big, allowed())

    def endless(handler):  # no Content-Length: the cap is counted while reading
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        for _ in range(50 * 16):
            handler.wfile.write(b"x" * 65536)

    site.routes["/stream"] = (200, {}, endless)
    with pytest.raises(IntakeError, match="more than .* bytes is over the 20,971,520-byte limit"):
        fetch(site.url("/stream"), allowed())


def test_a_type_intake_cannot_read_is_refused(site):
    url = site.add("/pic", b"\x89PNG\r\n", "image/png")
    with pytest.raises(IntakeError, match="image/png is not a kind of document factdb reads"):
        fetch(url, allowed())


def test_an_error_status_is_reported(site):
    with pytest.raises(IntakeError, match="answered 404"):
        fetch(site.url("/missing"), allowed())


def test_a_server_that_does_not_answer_times_out(site):
    def slow(handler):
        time.sleep(2)

    site.routes["/slow"] = (200, {}, slow)
    started = time.monotonic()
    with pytest.raises(IntakeError, match="no answer within 0.5 seconds|stopped sending"):
        fetch(site.url("/slow"), FetchPolicy(allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 2


def test_the_allow_private_setting_reads_yes_no_and_networks():
    assert parse_allow_private("1") is True
    assert parse_allow_private("") is False and parse_allow_private("0") is False
    networks = parse_allow_private("10.1.0.0/16, 127.0.0.1")
    policy = FetchPolicy(allow_private=networks)
    import ipaddress

    assert policy.permits(ipaddress.ip_address("10.1.2.3"))
    assert not policy.permits(ipaddress.ip_address("10.2.0.1"))
    assert policy.permits(ipaddress.ip_address("8.8.8.8"))


def test_https_with_a_certificate_nobody_vouches_for_is_refused_clearly(tmp_path):
    """The TLS path (connect to the checked address, verify the certificate for the host name)
    against a loopback server with a self-signed certificate."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"https://localhost:{server.server_address[1]}/story"
        with pytest.raises(IntakeError, match="TLS failed .*certificate verify failed"):
            fetch(url, FetchPolicy(allow_private=True, timeout=5))
    finally:
        server.shutdown()
        server.server_close()
