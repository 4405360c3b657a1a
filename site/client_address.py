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
