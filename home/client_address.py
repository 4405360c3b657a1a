"""The address of the client that sent a request, read correctly behind the site's proxies.

Behind a proxy, REMOTE_ADDR is the proxy's address, the same for everyone; the client's is in
X-Forwarded-For, where every proxy appends the address it received the request from. Anything
to the left of what the trusted proxies appended was written by the client and may be forged.
So with `TRUSTED_PROXY_COUNT` proxies in front of the application, the client is the entry that
many places from the right; with none (development, tests, a server reached directly), the
header is ignored and REMOTE_ADDR is the client.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    trusted_proxies = settings.TRUSTED_PROXY_COUNT
    remote_address = request.META.get("REMOTE_ADDR", "")
    if trusted_proxies <= 0:
        return remote_address
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < trusted_proxies:
        # The request did not come through every proxy (e.g. a health check on the host).
        return remote_address
    candidate = forwarded[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # Only a misconfigured proxy writes something other than an address there.
        return remote_address


# An IPv6 subscriber line or server gets a whole /64 (2^64 addresses) and may use any of them:
# counted one address at a time, a single client could try without end.
IPV6_CLIENT_PREFIX_LENGTH = 64


def client_network(request):
    """The client as the sign-in lockout and the enrolment limit count it: its IPv4 address, or
    the /64 network its IPv6 address belongs to, named by the network's first address
    (2001:db8:1:2::), so that it fits where an address is stored (django-axes' records)."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped:
        # An IPv4 client seen through a dual-stack socket (::ffff:198.51.100.7).
        return str(parsed.ipv4_mapped)
    if parsed.version == 4:
        return str(parsed)
    network = ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX_LENGTH}", strict=False)
    return str(network.network_address)
