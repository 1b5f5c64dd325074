"""Fetching a URL the way a server that takes URLs from users must: http(s) only, public
addresses only, a timeout, a size cap, a content-type check and a redirect limit.

The host is resolved once and the connection goes to the address that was checked (the Host
header and TLS name stay the host's), so a DNS answer that changes between check and connect
("DNS rebinding") cannot slip a private address past the check. Every redirect is checked the
same way before it is followed.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import urllib3
from django.utils.translation import gettext as _

from sources.intake.errors import IntakeError

USER_AGENT = "factdb/0.1 (+newsroom fact-checking; fetches one page per request)"

# What intake can read; anything else is refused before its body is downloaded.
READABLE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/pdf",
        "text/plain",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        # Servers that do not know what they serve; the bytes are sniffed and judged later.
        "application/octet-stream",
        "",
    }
)

_METADATA_ADDRESSES = {ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254")}


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class FetchPolicy:
    """allow_private: True for any address, or a tuple of networks allowed besides public ones."""

    allow_private: bool | tuple = False
    timeout: float = 15.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5

    def permits(self, address) -> bool:
        if self.allow_private is True:
            return True
        if any(address in network for network in self.allow_private or ()):
            return True
        return address.is_global and not address.is_multicast


def policy_from_settings() -> FetchPolicy:
    from django.conf import settings

    return FetchPolicy(
        allow_private=parse_allow_private(getattr(settings, "FACTDB_FETCH_ALLOW_PRIVATE", "")),
        timeout=settings.FACTDB_FETCH_TIMEOUT,
        max_bytes=settings.FACTDB_FETCH_MAX_BYTES,
        max_redirects=settings.FACTDB_FETCH_MAX_REDIRECTS,
    )


def parse_allow_private(value) -> bool | tuple:
    """'1'/'true' -> any address; '127.0.0.1/32,10.1.0.0/16' -> those networks; '' -> none."""
    if isinstance(value, bool):
        return value
    value = str(value or "").strip()
    if value.lower() in ("", "0", "false", "no", "off"):
        return False
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in value.split(","))


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET `url`, following up to policy.max_redirects redirects, or raise IntakeError."""
    policy = policy or policy_from_settings()
    deadline = time.monotonic() + policy.timeout * 4
    current = url.strip()
    for _hop in range(policy.max_redirects + 1):
        response = _request(current, policy)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("Location")
            response.release_conn()
            if not location:
                raise IntakeError(
                    _("%(url)s redirects (%(status)s) without a Location")
                    % {"url": current, "status": response.status}
                )
            current = urljoin(current, location)
            continue
        try:
            return _read(url, current, response, policy, deadline)
        finally:
            response.release_conn()
    raise IntakeError(
        _("%(url)s: more than %(count)s redirects; not followed further")
        % {"url": url, "count": policy.max_redirects}
    )


def _request(url: str, policy: FetchPolicy):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IntakeError(_("%(url)r: only http and https URLs can be fetched") % {"url": url})
    host = parts.hostname
    if not host:
        raise IntakeError(_("%(url)r: the URL has no host") % {"url": url})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise IntakeError(_("%(url)r: the port is not a number") % {"url": url}) from None
    addresses = _vetted_addresses(host, port, policy)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    bracketed = f"[{host}]" if ":" in host else host
    headers = {
        "Host": bracketed if parts.port is None else f"{bracketed}:{parts.port}",
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    # Each checked address in the resolver's order until one connects (a name such as
    # localhost answers ::1 and 127.0.0.1; a server may listen on only one of them).
    for index, address in enumerate(addresses):
        pool = _pool(parts.scheme, address, port, host, policy)
        try:
            return pool.urlopen(
                "GET", path, headers=headers, redirect=False, preload_content=False, retries=False
            )
        except urllib3.exceptions.NewConnectionError as error:
            if index == len(addresses) - 1:
                raise IntakeError(
                    _("%(url)s: could not connect (%(reason)s)")
                    % {"url": url, "reason": _reason(error)}
                ) from None
        except urllib3.exceptions.TimeoutError:
            raise IntakeError(
                _("%(url)s: no answer within %(seconds)s seconds")
                % {"url": url, "seconds": f"{policy.timeout:g}"}
            ) from None
        except urllib3.exceptions.SSLError as error:
            raise IntakeError(
                _("%(url)s: TLS failed (%(error)s)") % {"url": url, "error": error}
            ) from None
        except urllib3.exceptions.HTTPError as error:
            raise IntakeError(
                _("%(url)s: could not connect (%(reason)s)")
                % {"url": url, "reason": _reason(error)}
            ) from None
    raise IntakeError(_("%(url)s: %(host)s has no address") % {"url": url, "host": host})


def _pool(scheme: str, address, port: int, host: str, policy: FetchPolicy):
    """A connection to the checked address; TLS still names and verifies the host."""
    timeout = urllib3.Timeout(connect=policy.timeout, read=policy.timeout)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(str(address), port, timeout=timeout, retries=False)


def _vetted_addresses(host: str, port: int, policy: FetchPolicy) -> list:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise IntakeError(
            _("%(host)s: the name does not resolve (%(error)s)") % {"host": host, "error": error}
        ) from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        addresses.append(address)
    # Every answer must pass, not just the first: a resolver may rotate them.
    for address in addresses:
        if not policy.permits(address):
            named = f"{host} is" if host == str(address) else f"{host} resolves to {address},"
            raise IntakeError(
                f"{named} {_describe(address)}; factdb fetches only public "
                "addresses (an operator can allow others with FACTDB_FETCH_ALLOW_PRIVATE)"
            )
    return addresses


def _describe(address) -> str:
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    return "not a public address"


def _read(url, final_url, response, policy, deadline) -> Fetched:
    if response.status != 200:
        raise IntakeError(
            _("%(url)s: the server answered %(status)s %(reason)s")
            % {"url": final_url, "status": response.status, "reason": response.reason}
        )
    media_type, charset = parse_content_type(response.headers.get("Content-Type", ""))
    if media_type not in READABLE_TYPES:
        raise IntakeError(
            _(
                "%(url)s: %(type)s is not a kind of document factdb reads "
                "(HTML, PDF, plain text, RSS or Atom)"
            )
            % {"url": final_url, "type": media_type}
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise IntakeError(f"{final_url}: {_over(int(declared), policy.max_bytes)}")
    chunks, size = [], 0
    try:
        # Counted after decompression, so a small gzip bomb is caught as what it inflates to.
        for chunk in response.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > policy.max_bytes:
                raise IntakeError(f"{final_url}: {_over(size, policy.max_bytes, partial=True)}")
            if time.monotonic() > deadline:
                raise IntakeError(
                    _("%(url)s: the download took too long; stopped") % {"url": final_url}
                )
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError:
        raise IntakeError(_("%(url)s: the server stopped sending") % {"url": final_url}) from None
    except urllib3.exceptions.HTTPError as error:
        raise IntakeError(
            _("%(url)s: the download failed (%(reason)s)")
            % {"url": final_url, "reason": _reason(error)}
        ) from None
    return Fetched(url, final_url, media_type, charset, b"".join(chunks))


def parse_content_type(header: str) -> tuple[str, str | None]:
    """'text/html; charset=ISO-8859-1' -> ('text/html', 'iso-8859-1')."""
    message = Message()
    message["Content-Type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    media_type = message.get_content_type() if header else ""
    return media_type, (str(charset).lower() if charset else None)


def _over(size: int, limit: int, partial: bool = False) -> str:
    values = {"size": f"{size:,}", "limit": f"{limit:,}"}
    if partial:
        return (
            _("more than %(size)s bytes is over the %(limit)s-byte limit (FACTDB_FETCH_MAX_BYTES)")
            % values
        )
    return _("%(size)s bytes is over the %(limit)s-byte limit (FACTDB_FETCH_MAX_BYTES)") % values


def _reason(error) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason).split(": ", 1)[-1][:200]
