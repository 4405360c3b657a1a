"""An IPv6 client may use any of the 2^64 addresses of its /64 network, so the sign-in lockout
and the enrolment forms' rate limit count each /64 as one client: two neighbours in one /64
share one count, two different /64s do not. IPv4 clients count per address."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings

from enrolment.spam import is_rate_limited
from home.client_address import client_network

from .test_admin_login_is_rate_limited import LOGIN_URL, is_paused

PASSWORD = "Correct-Horse-Battery-Staple-7"
NEIGHBOUR_A = "2001:db8:1:2::a"
NEIGHBOUR_B = "2001:db8:1:2:ffff:ffff:ffff:fffe"
OTHER_NETWORK = "2001:db8:1:3::a"


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("2001:DB8:1:2::A", "2001:db8:1:2::"),
    ],
)
def test_a_client_is_its_ipv4_address_or_the_first_address_of_its_ipv6_64(address, counted_as):
    assert client_network(request_from(address)) == counted_as


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_forwarded_ipv6_address_is_counted_per_64():
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.1, {NEIGHBOUR_B}"
    )
    assert client_network(request) == "2001:db8:1:2::"


@pytest.mark.django_db
class TestSignInLockout:
    @pytest.fixture(autouse=True)
    def account(self):
        return get_user_model().objects.create_user("koordynator", password=PASSWORD)

    def sign_in(self, client, password, address):
        return client.post(
            LOGIN_URL,
            {"username": "koordynator", "password": password, "next": "/admin/"},
            REMOTE_ADDR=address,
        )

    def test_two_neighbours_in_one_64_share_one_count(self, client, settings):
        for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT - 1):
            assert self.sign_in(client, "wrong", NEIGHBOUR_A).status_code == 200

        assert is_paused(self.sign_in(client, "wrong", NEIGHBOUR_B))
        assert is_paused(self.sign_in(client, PASSWORD, NEIGHBOUR_A))

    def test_another_64_counts_on_its_own(self, client, settings):
        for _ in range(settings.ADMIN_LOGIN_FAILURE_LIMIT):
            self.sign_in(client, "wrong", NEIGHBOUR_A)

        response = self.sign_in(client, PASSWORD, OTHER_NETWORK)

        assert response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_enrolment_posts_from_two_neighbours_in_one_64_share_one_limit():
    counted = [is_rate_limited(request_from(address)) for address in [NEIGHBOUR_A] * 2]
    counted.append(is_rate_limited(request_from(NEIGHBOUR_B)))

    assert counted == [False, False, False]
    assert is_rate_limited(request_from(NEIGHBOUR_B)), "the fourth from the same /64"


@override_settings(ENROLMENT_RATE_LIMIT=(3, 600))
def test_enrolment_posts_from_another_64_count_on_their_own():
    for _ in range(4):
        is_rate_limited(request_from(NEIGHBOUR_A))

    assert not is_rate_limited(request_from(OTHER_NETWORK))
