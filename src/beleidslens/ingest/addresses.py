"""Which network addresses a URL fetch may reach.

The CLI, run by the user on their own machine, fetches any address (an intranet server is
a normal source). A server (the workbench) must not be turned into a proxy to its own
loopback interface, its private network or a cloud metadata service, so it fetches with
``allow_private=False``: the host name is resolved *before* connecting, every address it
resolves to must be public, and the connection goes to exactly that checked address (no
second look-up that a rebinding DNS server could answer differently). Every redirect is
checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from ..errors import IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public address (``"loopback"``, ``"private"`` …), or ``None``."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            inner = address_problem(mapped)
            if inner is not None:
                return inner
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not public"
    return None


@dataclass(frozen=True)
class Resolved:
    """A host name and the one checked address to connect to."""

    host: str
    ip: IPAddress


def resolve_public(host: str, port: int, source: str) -> Resolved:
    """Resolve ``host`` and return its first address, refusing (:class:`IngestError`) when
    any address it resolves to is not public. ``host`` may be a name or any IP form the
    system resolver accepts (``2130706433``, ``0x7f.1``, ``[::1]``): all are checked as the
    address they resolve to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise IngestError(f"cannot resolve host {host!r} ({exc})", source) from None
    addresses: list[IPAddress] = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        try:
            addresses.append(ipaddress.ip_address(raw))
        except ValueError:
            continue
    if not addresses:
        raise IngestError(f"cannot resolve host {host!r}", source)
    for ip in addresses:
        problem = address_problem(ip)
        if problem is not None:
            raise IngestError(
                f"refused: {host} is a {problem} address ({ip}); only public addresses "
                "are fetched here",
                source,
            )
    return Resolved(host, addresses[0])
