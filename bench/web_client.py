"""Plain HTTP to loopback with the standard library: one request, its status, headers and body.

Requests carry the headers the TLS proxy adds in production (site_environment.HEADERS).
"""

import http.client
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from .site_environment import HEADERS, HOST


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    cookies: dict = field(default_factory=dict)

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def request(port, path, method="GET", body=None, headers=None, cookies=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = {**HEADERS, **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        payload = response.read()
        received = {}
        jar = SimpleCookie()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                jar.load(value)
            else:
                received[name.lower()] = value
        return Response(
            response.status, received, payload, {name: m.value for name, m in jar.items()}
        )
    finally:
        connection.close()


def origin():
    return f"https://{HOST}"


class FormReader(HTMLParser):
    """The first POST form on a page: its action and the fields a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.action = None
        self.fields = []  # (name, type, value, required, options)
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post" and not self.action:
            self._in_form = True
            self.action = attributes.get("action") or ""
        if not self._in_form:
            return
        if tag == "input" and attributes.get("name"):
            self.fields.append(
                {
                    "name": attributes["name"],
                    "type": (attributes.get("type") or "text").lower(),
                    "value": attributes.get("value", ""),
                    "required": "required" in attributes,
                    "options": [],
                }
            )
        elif tag == "select" and attributes.get("name"):
            self._select = {
                "name": attributes["name"],
                "type": "select",
                "value": "",
                "required": "required" in attributes,
                "options": [],
            }
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value", ""))
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = {
                "name": attributes["name"],
                "type": "textarea",
                "value": "",
                "required": "required" in attributes,
                "options": [],
            }
            self.fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


# What an applicant types, by field type; the honeypot ("system-website") stays empty, as a person
# leaves it.
_TYPED = {
    "tel": "600 123 456",
    "email": "kandydatka@example.org",
    "number": "1",
    "date": "2030-01-01",
    "url": "",
}


def answers_for(html, name_of_applicant):
    """The form on the page filled in as an applicant would; returns (action, fields)."""
    reader = FormReader()
    reader.feed(html)
    answers = []
    chosen_radio = set()
    for item in reader.fields:
        name, kind = item["name"], item["type"]
        if name == "system-website" or kind in {"submit", "button", "file"}:
            continue
        if kind == "hidden":
            answers.append((name, item["value"]))
        elif kind == "select":
            options = [value for value in item["options"] if value]
            if options:
                answers.append((name, options[0]))
        elif kind == "radio":
            if name not in chosen_radio:
                chosen_radio.add(name)
                answers.append((name, item["value"]))
        elif kind == "checkbox":
            if item["required"]:
                answers.append((name, item["value"] or "on"))
        elif name == "system-applicant_name":
            answers.append((name, name_of_applicant))
        elif name == "system-phone":
            answers.append((name, _TYPED["tel"]))
        elif kind in _TYPED:
            if item["required"]:
                answers.append((name, _TYPED[kind]))
        elif item["required"]:
            answers.append((name, "Chcę wziąć udział."))
    return reader.action, answers


def csrf_token_in(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else None
