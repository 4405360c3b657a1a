"""Scale-out, proved on one machine: two application servers sharing PostgreSQL and Redis behind
one Varnish, with two task workers.

`.venv/bin/python -m bench.scale_out` runs the three proofs and prints what it saw;
tests/test_scale_out.py runs them as tests. `ScaleOut` builds the demo on a database of its own
(mops_scale_out), or has it copied there by `copy_demo` (the tests copy the demo their session
built: migrating and building again would add half a minute), starts gunicorn A and B (one
worker each, on their own ports), Varnish with both as a round-robin director
(deploy/varnish/default.vcl), two `db_worker`s and a mail server on loopback, and stops all of
it at the end.
"""

import email
import email.header
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from tests.smtp_server import LoopbackSMTPServer

from .processes import MANAGE, PROJECT, Processes, free_loopback_port, run
from .servers import build_demo, collect_static, start_gunicorn, start_varnish, start_worker
from .site_environment import (
    HOST,
    POSTGRES_SERVER,
    create_database,
    drop_database,
    flush_redis,
    production_environment,
)
from .web_client import answers_for, origin, request

DATABASE = "mops_scale_out"
REDIS_DATABASE = 14
REFERENCE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")

# Run inside Django with the instances' settings: publish a new title through Wagtail's API
# (a revision, published), and say when it was done and whether Wagtail purges the proxy.
PUBLISH = """
import json, time
from django.conf import settings
from programmes.models import ProgrammePage
page = ProgrammePage.objects.get(locale__language_code="pl", eu_project__name="PAS-ja")
page.title = {title!r}
page.save_revision().publish()
print(json.dumps({{"published_at": time.time(), "url": page.url,
                  "wagtail_purges": bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))}}),
      flush=True)
"""

# Waits in one process (a `manage.py shell` takes a second of a core to start) until every
# notification of the applications is delivered, or the time is up; then counts them.
COUNT_NOTIFICATIONS_WHEN_DELIVERED = """
import json, time
from enrolment.models import Notification
rows = Notification.objects.filter(application__reference__in={references!r})
deadline = time.monotonic() + {timeout}
while True:
    counts = {{"notifications": rows.count(),
              "delivered": rows.filter(delivered_at__isnull=False).count()}}
    if counts["delivered"] >= counts["notifications"] or time.monotonic() > deadline:
        break
    time.sleep(0.2)
print(json.dumps(counts))
"""


class ScaleOut:
    def __init__(self, postgres_server=POSTGRES_SERVER, copy_demo=None):
        """`copy_demo(database, media_root)`, when given, puts a demo already built into the
        named database of `postgres_server` (made by it) and its images into `media_root`."""
        self.postgres_server = postgres_server
        self.copy_demo = copy_demo
        self.workdir = Path(tempfile.mkdtemp(prefix="mops-scale-out-"))
        self.workdir.chmod(0o755)
        self.smtp = LoopbackSMTPServer(free_loopback_port())
        self.ports = {name: free_loopback_port() for name in ("a", "b", "varnish", "purge")}
        self.env = production_environment(
            DATABASE,
            REDIS_DATABASE,
            self.workdir / "static",
            self.workdir / "media",
            self.smtp.port,
            postgres_server,
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.ports['purge']}",
        )
        self.processes = Processes(self.workdir / "logs")

    def __enter__(self):
        self.smtp.start()
        flush_redis(REDIS_DATABASE)
        try:
            self._demo()
            start_gunicorn(self.processes, self.env, self.ports["a"], name="gunicorn-a", workers=1)
            start_gunicorn(self.processes, self.env, self.ports["b"], name="gunicorn-b", workers=1)
            start_worker(self.processes, self.env, name="worker-1")
            start_worker(self.processes, self.env, name="worker-2")
            start_varnish(
                self.processes,
                self.workdir,
                [self.ports["a"], self.ports["b"]],
                self.ports["varnish"],
                self.ports["purge"],
            )
        except BaseException as error:
            self.__exit__(type(error))
            raise
        return self

    def _demo(self):
        log = self.workdir / "logs" / "build.log"
        if self.copy_demo is None:
            create_database(DATABASE, self.postgres_server)
            build_demo(self.env, log)
        else:
            self.copy_demo(DATABASE, self.workdir / "media")
            collect_static(self.env, log)

    def __exit__(self, exc_type=None, *exc_info):
        self.processes.stop_all()
        self.smtp.stop()
        drop_database(DATABASE, self.postgres_server)
        flush_redis(REDIS_DATABASE)
        if exc_type is None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        else:
            print(f"Logs of the scale-out run: {self.workdir / 'logs'}")  # noqa: T201

    def django(self, script):
        output = run([*MANAGE, "shell", "-c", script], env=self.env)
        return json.loads(output.strip().splitlines()[-1])

    def django_first_line(self, script):
        """The first line the script prints, while the process is still ending."""
        process = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
            [*MANAGE, "shell", "-c", script],
            cwd=PROJECT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in process.stdout:
            if line.startswith("{"):
                return json.loads(line), process
        process.wait(30)
        raise RuntimeError(f"the script printed nothing: {script}")

    # The three proofs. Each returns what it measured.

    def edit_is_fresh_everywhere(self, timeout=5):
        """Publish a new title; poll Varnish and each instance until all serve it."""
        path = self.django("from bench.pages import print_pages; print_pages()")["programme page"]
        for _ in range(3):  # cached in Varnish, and rendered once by each instance
            request(self.ports["varnish"], path)
        cached = request(self.ports["varnish"], path).headers.get("x-cache")
        title = f"Program PAS-ja, wydanie {time.time_ns()}"
        published, publisher = self.django_first_line(PUBLISH.format(title=title))
        purged_directly = False
        if not published["wagtail_purges"]:
            # Without the frontend-cache settings, purge as Wagtail would (marked in the result).
            request(self.ports["purge"], path, method="PURGE")
            purged_directly = True
        where = {"Varnish": self.ports["varnish"], "A": self.ports["a"], "B": self.ports["b"]}
        fresh_after = {}
        deadline = time.time() + timeout
        while len(fresh_after) < len(where) and time.time() < deadline:
            for name, port in where.items():
                if name not in fresh_after and title in request(port, path).text:
                    fresh_after[name] = round(time.time() - published["published_at"], 3)
            time.sleep(0.02)
        publisher.wait(30)
        return {
            "cached_before": cached,
            "fresh_after_seconds": fresh_after,
            "purged_by_wagtail": published["wagtail_purges"],
            "purged_directly": purged_directly,
        }

    def apply_across_instances(self, open_on="a", send_to="b", name="Kandydatka"):
        """Open the form on one instance and send it to the other; confirmation on the first."""
        form_path = self.django("from bench.pages import print_pages; print_pages()")["form page"]
        page = request(self.ports[open_on], form_path)
        action, answers = answers_for(page.text, name)
        sent = request(
            self.ports[send_to],
            action or form_path,
            method="POST",
            body=urlencode(answers),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin(),
                "Referer": origin() + form_path,
            },
            cookies=page.cookies,
        )
        confirmation = None
        if sent.status == 302:
            location = sent.headers["location"].replace(f"https://{HOST}", "")
            confirmation = request(
                self.ports[open_on], location, cookies={**page.cookies, **sent.cookies}
            )
        reference = REFERENCE.search(confirmation.text) if confirmation else None
        return {
            "form_status": page.status,
            "post_status": sent.status,
            "confirmation_status": confirmation.status if confirmation else None,
            "reference": reference.group(0) if reference else None,
        }

    def notifications_delivered_once(self, applications=6, timeout=60):
        """Applications through both instances; both workers race to deliver them."""
        references = []
        for number in range(applications):
            one, other = ("a", "b") if number % 2 else ("b", "a")
            result = self.apply_across_instances(one, other, name=f"Kandydatka {number}")
            if result["reference"]:
                references.append(result["reference"])
        counts = self.django(
            COUNT_NOTIFICATIONS_WHEN_DELIVERED.format(references=references, timeout=timeout)
        )
        time.sleep(2)  # a duplicate would arrive by now
        received = [self._references_in(message) for message in self.smtp.inbox.messages]
        per_reference = {
            reference: sum(reference in found for found in received) for reference in references
        }
        return {
            "applications": len(references),
            "notifications": counts["notifications"],
            "delivered": counts["delivered"],
            "messages_for_these_applications": sum(per_reference.values()),
            "messages_per_reference": per_reference,
        }

    @staticmethod
    def _references_in(envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        texts = [str(email.header.make_header(email.header.decode_header(message["Subject"])))]
        for part in message.walk():
            if part.get_content_maintype() == "text":
                texts.append(part.get_payload(decode=True).decode("utf-8", errors="replace"))
        return set(REFERENCE.findall("\n".join(texts)))


def main():
    with ScaleOut() as scale_out:
        print(json.dumps(scale_out.edit_is_fresh_everywhere(), indent=2))  # noqa: T201
        print(json.dumps(scale_out.apply_across_instances(), indent=2))  # noqa: T201
        print(json.dumps(scale_out.notifications_delivered_once(), indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
