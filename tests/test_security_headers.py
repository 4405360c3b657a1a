"""Security headers on every response: a strict Content-Security-Policy on public pages (the
reCAPTCHA widget's scripts carry its nonce), a relaxed one only in the admin for signed-in
editors, framing refused, no sniffing, a strict referrer policy, a Permissions-Policy, and in
production HSTS, HTTPS only and secure cookies."""

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document

from enrolment.models import EnrolmentFormPage
from programmes.models import ProgrammePage

from .security_factories import sensitive_programme, small_site
from .test_production_check_deploy import production_environment

PROJECT = Path(__file__).resolve().parent.parent
RECAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "fake-site-key", "RECAPTCHA_PRIVATE_KEY": "fake-secret"}
GOOGLE = ("https://www.google.com", "https://www.gstatic.com", "https://recaptcha.google.com")
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "https:", "data:"}
STRICT = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS = ("camera=()", "microphone=()", "geolocation=()", "payment=()")


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonces(sources):
    return [source[len("'nonce-") : -1] for source in sources if source.startswith("'nonce-")]


def assert_strict(directives):
    for name, sources in STRICT.items():
        assert directives.get(name) == sources, (name, directives)
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert not UNSAFE & set(script_src), script_src
    assert not any(source.startswith(GOOGLE) for values in directives.values() for source in values)


class Scripts(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.scripts = []
        self._inline = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inline = dict(attrs)
            self._inline["body"] = ""
            self.scripts.append(self._inline)

    def handle_data(self, data):
        if self._inline is not None:
            self._inline["body"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline = None


@pytest.fixture
def own_site(db):
    return small_site()


@pytest.fixture
def form_url(own_site):
    return own_site.form.url


@pytest.fixture
def public_urls(own_site, form_url):
    return [
        own_site.home.url,
        "/en/",
        own_site.programme_index.url,
        own_site.programme.url,
        "/search/?q=kurs",
        form_url,
        "/nie-ma-takiej/",
    ]


@pytest.mark.django_db
class TestOnEveryResponse:
    @pytest.mark.parametrize("which", ["page", "form", "admin login"])
    def test_framing_sniffing_opener_and_browser_features_are_off(self, client, form_url, which):
        url = {"page": "/", "form": form_url, "admin login": "/admin/login/"}[which]
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert all(feature in response["Permissions-Policy"] for feature in PERMISSIONS)
        assert "interest-cohort" not in response["Permissions-Policy"]
        assert policy(response)["frame-ancestors"] == ["'none'"]

    def test_referrer_policy_is_strict_and_a_page_may_make_it_stricter(
        self, client, own_site, form_url
    ):
        assert client.get("/")["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert client.get("/admin/login/")["Referrer-Policy"] == "strict-origin-when-cross-origin"
        # Sensitive programmes and enrolment forms set their own, stricter value; the site-wide
        # one does not replace it.
        sensitive = sensitive_programme(own_site.programme_index)
        assert client.get(sensitive.url)["Referrer-Policy"] == "no-referrer"
        assert client.get(form_url)["Referrer-Policy"] in {"no-referrer", "same-origin"}

    def test_public_pages_allow_no_inline_script_eval_or_other_site(self, client, public_urls):
        for url in public_urls:
            response = client.get(url)
            assert response.status_code in (200, 404), url
            assert_strict(policy(response))

    def test_a_signed_in_editor_gets_the_same_policy_on_public_pages(self, admin_client, own_site):
        assert_strict(policy(admin_client.get(own_site.home.url)))

    def test_the_admin_login_keeps_the_strict_policy(self, client):
        assert_strict(policy(client.get("/admin/login/")))

    def test_the_signed_in_admin_allows_inline_code_but_no_eval_nor_other_sites(self, admin_client):
        directives = policy(admin_client.get("/admin/"))
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        # The preview panel frames the admin's own preview, never anyone else.
        assert directives["frame-ancestors"] == ["'self'"]

    @override_settings(WAGTAILDOCS_SERVE_METHOD="serve_view")
    def test_a_document_keeps_wagtails_own_policy(self, client, tmp_path):
        with override_settings(MEDIA_ROOT=tmp_path):
            document = Document.objects.create(
                title="Regulamin", file=ContentFile(b"%PDF-1.4\n", name="regulamin.pdf")
            )
            response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
class TestTheRecaptchaWidget:
    @pytest.fixture(autouse=True)
    def recaptcha_keys(self, settings):
        for name, value in RECAPTCHA_KEYS.items():
            setattr(settings, name, value)

    def test_every_script_carries_the_nonce_of_the_header(self, client, form_url):
        response = client.get(form_url)
        directives = policy(response)
        [nonce] = nonces(directives["script-src"])
        scripts = Scripts(response.content.decode()).scripts
        inline = [script for script in scripts if "src" not in script]
        assert inline, "the widget's inline script is on the page"
        assert any("recaptcha/api.js" in script.get("src", "") for script in scripts)
        for script in scripts:
            if "src" not in script or "recaptcha" in script["src"]:
                assert script.get("nonce") == nonce, script

    def test_the_policy_allows_google_only_for_recaptcha_and_nothing_unsafe(self, client, form_url):
        directives = policy(client.get(form_url))
        script_src = directives["script-src"]
        assert not UNSAFE & set(script_src), script_src
        assert "https://www.google.com/recaptcha/" in script_src
        assert "https://www.gstatic.com/recaptcha/" in script_src
        assert set(directives["frame-src"]) == {
            "https://www.google.com/recaptcha/",
            "https://recaptcha.google.com/recaptcha/",
        }
        assert directives["frame-ancestors"] == ["'none'"]

    def test_each_response_has_its_own_nonce(self, client, form_url):
        first = nonces(policy(client.get(form_url))["script-src"])
        second = nonces(policy(client.get(form_url))["script-src"])
        assert first and second and first != second

    def test_pages_without_the_widget_allow_no_google(self, client, public_urls, form_url):
        for url in public_urls:
            if url != form_url:
                assert_strict(policy(client.get(url)))


def test_production_sends_hsts_redirects_to_https_and_marks_cookies_secure():
    """With the production settings, through the whole middleware stack (no database needed)."""
    script = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="mops.example.org")
plain = client.get("/robots.txt")
behind_proxy = client.get("/robots.txt", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "https": [behind_proxy.status_code, dict(behind_proxy.headers)],
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_HTTPONLY],
}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["plain"] == [301, "https://mops.example.org/robots.txt"]
    status, headers = answer["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "preload" not in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert answer["cookies"] == [True, True, True, True]


VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.demo
@pytest.mark.django_db(transaction=True)
def test_chromium_reports_no_violation_on_public_pages_the_form_and_the_admin(
    live_server, chromium, django_user_model
):
    # The whole demo site (marked `demo`: the session builds it, and puts it back after every
    # transactional test), whose pages carry every kind of content an editor can add: a small
    # site would leave most of what a policy could refuse untried.
    django_user_model.objects.create_superuser("redaktorka", "r@example.org", "hasło-do-testu")
    programme = ProgrammePage.objects.filter(locale__language_code="pl").first()
    form = EnrolmentFormPage.objects.filter(locale__language_code="pl").first()
    context = chromium.new_context()
    context.add_init_script(VIOLATIONS)
    # Offline and deterministic: Google is never asked; only this site's policy is tested.
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    refused = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", on_console)

    def visit(url):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations") + refused
        refused.clear()
        return found

    with override_settings(**RECAPTCHA_KEYS):
        for url in ["/", programme.url, "/search/?q=kurs", form.url]:
            assert visit(url) == [], url
        assert page.locator("script[src*='recaptcha/api.js']").count() == 1

    for url in ["/admin/password_reset/", "/admin/login/"]:
        assert visit(url) == [], url
    page.fill("#id_username", "redaktorka")
    page.fill("#id_password", "hasło-do-testu")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for url in ["/admin/", f"/admin/pages/{programme.pk}/", f"/admin/pages/{programme.pk}/edit/"]:
        assert visit(url) == [], url
    # The editor's scripts ran: Wagtail's controllers are connected.
    assert page.evaluate("typeof window.wagtail?.app") == "object"
    # The user bar on a public page works under the strict policy.
    assert visit(programme.url) == []
    assert page.locator("wagtail-userbar").count() == 1
    context.close()
