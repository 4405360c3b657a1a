vcl 4.1;
# The caching proxy in front of gunicorn (Varnish 7 from Debian): anonymous page views are
# answered from memory; the admin, form posts, form and confirmation pages and everything a
# signed-in user or an applicant with a session asks for always go to the application.
#
# Varnish listens on loopback twice (see deploy/README.md):
#   127.0.0.1:6081        nginx (TLS) sends the visitors' requests here;
#   purge=127.0.0.1:6082  the application servers send Wagtail's `PURGE <url>` here
#                         (FRONTEND_CACHE_URL=http://127.0.0.1:6082).
# PURGE is accepted only on the "purge" address and only from the `purgers` addresses, so a
# visitor cannot empty the cache through nginx.

import directors;
import std;

# --- application servers (bench/ and tests/test_scale_out.py replace this block) ---
# The probe asks for robots.txt as the proxy would: with the site's host name (one of
# ALLOWED_HOSTS) and X-Forwarded-Proto: https (or production answers with a redirect). A server
# is taken out only when 4 of the last 5 probes got no answer within 10 s: a server that is
# slow because everyone is applying at once still takes the forms Varnish cannot answer.
probe application_health {
    .request =
        "GET /robots.txt HTTP/1.1"
        "Host: mops.example.org"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = 5s;
    .timeout = 10s;
    .window = 5;
    .threshold = 2;
}

# One line per gunicorn instance (deploy/gunicorn.conf.py, GUNICORN_BIND); add each to the
# director below. A second application server elsewhere: its private address instead.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = application_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# Whether a server can read the database: gunicorn passes the probe above without it. The same
# servers once more, probed at /health/database/ (answered whatever the Host line says:
# mops_site.health_check). Requests go to the servers that read the database; only when none
# does, to any that answers (the `traffic` director), so that forms still reach gunicorn, whose
# 503 page keeps an applicant's answers, and Varnish serves readers the copies it kept
# (vcl_hit). A database that refuses or times out (DATABASE_CONNECT_TIMEOUT, 5 s) gets a 503
# at once; a server too busy to answer in 10 s counts as failing too. Two failures of the last
# three take a server out (about 4 s when the database refuses, 14 to 24 s when it hangs: see
# the minute in vcl_hit), two answers put it back. A new VCL starts with the database taken for
# out until the first answer.
probe database_health {
    .request =
        "GET /health/database/ HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = 2s;
    .timeout = 10s;
    .window = 3;
    .threshold = 2;
}

backend app1_database {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = database_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    new application = directors.round_robin();
    application.add_backend(app1);
    new database = directors.round_robin();
    database.add_backend(app1_database);
    new traffic = directors.fallback();
    traffic.add_backend(database.backend());
    traffic.add_backend(application.backend());
}
# --- end of application servers ---

# Who may purge: the application servers (loopback here; add their private addresses when they
# run on other machines).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = traffic.backend();
    if (req.restarts == 0) {
        # Set below from the csrftoken cookie alone; a client's own header of that name would
        # carry any cookie into a fetch whose answer is cached.
        unset req.http.X-Csrf-Cookie;
        # Markers that vcl_hit and vcl_deliver set for a restart; never a client's.
        unset req.http.X-Has-Kept-Copy;
        unset req.http.X-Kept-Copy-Wanted;
    }

    if (req.method == "PURGE") {
        if (local.socket != "purge" || !(client.ip ~ purgers)) {
            return (synth(405, "Purging is not allowed from here."));
        }
        return (purge);
    }
    if (local.socket == "purge") {
        return (synth(405, "This address takes only PURGE."));
    }
    # The database check is for the probes, which do not pass through here: a visitor's
    # request would hold a server while the database hangs, and tell whether it is out.
    if (req.url ~ "^/health/") {
        return (synth(404, "Not Found"));
    }

    # Which kept copies the lookup may find: any within its grace (6 hours:
    # vcl_backend_response), and vcl_hit decides whether the reader gets it; once vcl_hit has
    # sent the reader on for a fresh page, only a fresh one. A restart keeps the grace set
    # before: each case sets its own.
    if (req.http.X-Has-Kept-Copy) {
        set req.grace = 0s;
    } else {
        set req.grace = 6h;
    }

    # Form posts and anything but reading.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The Wagtail admin and Django's admin, whoever asks.
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    # Documents go through Wagtail's view, which checks collection privacy.
    if (req.url ~ "^/documents/") {
        return (pass);
    }
    # Signed-in users and applicants after sending a form (the confirmation page) have a
    # session: their pages are their own.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # An anonymous reader: every cookie is dropped, so that all readers share one copy. The
    # CSRF cookie is kept aside and given back to the application when a page is fetched from
    # it (vcl_backend_fetch): a form page then keeps the token a reader already has, and a
    # form open in another tab still sends. Form and confirmation pages answer
    # `Cache-Control: no-store` and set that cookie, so they are never stored (the built-in
    # rules, which run after these).
    if (req.http.Cookie ~ "(^|;\s*)csrftoken=") {
        set req.http.X-Csrf-Cookie = regsub(
            req.http.Cookie, "^(?:.*;\s*)?(csrftoken=[^;]*).*$", "\1");
    }
    unset req.http.Cookie;
    # The language is in the address (/, /en/, /uk/); Django still says Vary: Accept-Language.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hit {
    # A copy past its lifetime, within its grace. The reader gets it at once, while one refresh
    # runs in the background, when it expired less than a minute ago, when no server can read
    # the database (or none answers: the site stays readable for hours), and when the
    # application has just failed to give a fresh one (vcl_deliver). A minute is longer than
    # the probe takes to notice a hanging database (about 25 s): readers of a page whose copy
    # has expired get it at once meanwhile, instead of waiting one behind another for the
    # database's timeout (a reader waiting on a fetch keeps the grace it came with).
    if (obj.ttl + 60s > 0s || !std.healthy(database.backend())
        || req.http.X-Kept-Copy-Wanted) {
        return (deliver);
    }
    # An older copy: the reader waits for a fresh page, and the copy stays in case the
    # application fails to give one (vcl_backend_response). Only such a reader is given the
    # kept copy after a failure (vcl_deliver): a page never kept gets the application's answer,
    # asked of a second server only when the first gave none (vcl_backend_error).
    set req.http.X-Has-Kept-Copy = "1";
    return (restart);
}

sub vcl_backend_fetch {
    # The reader was given the kept copy; while the database is out, or right after the
    # application failed to give a fresh page (vcl_deliver), a refresh would only get the 503
    # page, and hold a server for the database's timeout, with the next reader waiting behind it.
    if (bereq.is_bgfetch
        && (!std.healthy(database.backend()) || bereq.http.X-Kept-Copy-Wanted)) {
        return (abandon);
    }
    if (bereq.http.X-Csrf-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Csrf-Cookie;
        unset bereq.http.X-Csrf-Cookie;
    }
}

sub vcl_backend_response {
    # A server error must not replace a kept copy (a page, a redirect, a 404 or a 410), or the
    # copy is gone for the whole outage: any fetch that ends here does. A refresh in the
    # background that gets one is dropped (the reader was given the copy). A reader's fetch
    # for a page with an older copy (vcl_hit) that gets one (the database gone before the
    # probe noticed, or a fault) ends in vcl_backend_error, which keeps nothing, and
    # vcl_deliver asks once more for the copy. Every other fetch (a page never kept, forms,
    # signed-in users) gives the application's own answer, with the phone number, from one try.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status >= 500 && bereq.http.X-Has-Kept-Copy) {
        return (error(503));
    }
    # Lets a browser ask whether its copy is still current (Varnish answers 304): Django sets
    # no ETag on pages. The fetch's time in it, so that a copy from before a restart of Varnish
    # matches no new one.
    if (beresp.status == 200 && !beresp.http.ETag) {
        set beresp.http.ETag = {"W/"mops-"} + std.time2integer(now, 0) + "-" + bereq.xid + {"""};
    }
    # Wagtail pages say nothing about caching: keep them 5 minutes (a publish purges them at
    # once; the hours of today and notices change by the clock). Far-future fingerprinted static
    # files keep whitenoise's own lifetime.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 5m;
    }
    set beresp.grace = 6h;
    # Every stored copy was fetched for a reader without a session cookie; the CSRF cookie
    # given back does not change a page that does not set it (one that does is not stored).
    if (beresp.http.Vary && !beresp.http.Set-Cookie) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*Cookie\s*(,|$)", "\1");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*|,\s*$", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # Pages are compressed once, here, for every reader whose browser accepts gzip.
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|javascript))"
        && !beresp.http.Content-Encoding && !beresp.http.Set-Cookie) {
        set beresp.do_gzip = true;
    }
}

sub vcl_backend_error {
    # No answer (every server down, or the one asked killed in the middle of a request), or a
    # server error kept from replacing a copy (vcl_backend_response): a short page in the three
    # languages, which replaces nothing either. A reader of a page Varnish kept gets that copy
    # instead (vcl_deliver asks again); a page never kept, or a form, gets this page. Sending a
    # form again is safe: the application stores each form it gave out once
    # (enrolment.submission_tokens).
    # A page to read that has no kept copy is asked once more, of the server the directors
    # pick next (they take turns: the other one of two, unless another fetch took that turn
    # meanwhile): one server killed, or stopped before the probes notice, then costs most of
    # its readers nothing while another answers. Never a form (it may have been stored), nor
    # what Varnish passes (the admin, documents, signed-in users: a GET there may write, an
    # export its audit entry), nor a page whose kept copy the reader gets instead.
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")
        && !bereq.uncacheable && !bereq.http.X-Has-Kept-Copy) {
        return (retry);
    }
    # 502, not Varnish's usual 503: no server answered. nginx in front replaces a 502 with the
    # centre's own page, which has the switchboard's number (deploy/nginx/mops.conf), and passes
    # the application's own 503 pages (the database out) through.
    set beresp.status = 502;
    set beresp.reason = "Bad Gateway";
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    if (bereq.http.X-Has-Kept-Copy) {
        # For vcl_deliver: ask once more, for the kept copy.
        set beresp.http.X-Ask-For-Kept-Copy = "1";
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "60";
    set beresp.body = {"<!DOCTYPE html>
<html lang="pl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strona chwilowo niedostępna · Page temporarily unavailable · Сторінка тимчасово недоступна</title></head>
<body>
<main>
<h1>Strona chwilowo niedostępna</h1>
<p>Spróbuj ponownie za chwilę. Jeśli wysyłasz zgłoszenie, wróć do formularza i wyślij je jeszcze raz: nie zostanie zapisane dwa razy.</p>
<h1 lang="en">Page temporarily unavailable</h1>
<p lang="en">Please try again shortly. If you were sending an application, go back to the form and send it again: it will not be stored twice.</p>
<h1 lang="uk">Сторінка тимчасово недоступна</h1>
<p lang="uk">Спробуйте ще раз трохи згодом. Якщо ви надсилали заявку, поверніться до форми й надішліть її ще раз: двічі її не буде збережено.</p>
</main>
</body>
</html>
"};
    return (deliver);
}

sub vcl_deliver {
    # The fetch of a page with an older copy failed (vcl_backend_error): that copy, at once
    # (vcl_hit). Only a reader of a page Varnish kept is sent back for its copy; never a form,
    # nor a page never kept (vcl_backend_error asks another server for that, once).
    if (resp.http.X-Ask-For-Kept-Copy) {
        unset resp.http.X-Ask-For-Kept-Copy;
        if (!req.http.X-Kept-Copy-Wanted) {
            unset req.http.X-Has-Kept-Copy;
            set req.http.X-Kept-Copy-Wanted = "1";
            return (restart);
        }
    }
    # For tests and operators: whether this answer came from the cache.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
