"""The "Send again" form on the not-sent page (503) posts the answers back to this site only: a
request to an address starting with "//" must not give the form another site's address."""

from django.test import RequestFactory

from mops_site.error_views import service_unavailable


def send_again_action(path):
    # The server passes the path as the request line had it (the test client would parse
    # "//host/…" as a host).
    request = RequestFactory().post(
        "/", {"imie": "Anna", "telefon": "600100200"}, PATH_INFO=path.split("?")[0]
    )
    request.META["QUERY_STRING"] = path.partition("?")[2]
    content = service_unavailable(request).content.decode()
    assert "Anna" in content, "the answers are on the page"
    return content.split('<form action="', 1)[1].split('"', 1)[0]


def test_an_address_starting_with_two_slashes_stays_on_this_site():
    action = send_again_action("//evil.example/collect/")

    assert not action.startswith("//")
    assert action.startswith("/")


def test_an_ordinary_form_address_is_kept():
    assert send_again_action("/programy/zapisy/?x=1") == "/programy/zapisy/?x=1"
