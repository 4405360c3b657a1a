"""Building the demo on the run's database and starting gunicorn, the task worker, Varnish and
nginx, each on a loopback port of its own.

Varnish runs deploy/varnish/default.vcl as the operator gets it; only its block of application
servers is replaced, with this run's gunicorn ports and host name.
"""

import re
import shutil
from pathlib import Path

from mops_site.health_check import DATABASE_HEALTH_PATH

from .processes import MANAGE, PROJECT, run, wait_for_port
from .site_environment import HOST

DEPLOY_VCL = PROJECT / "deploy" / "varnish" / "default.vcl"
GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
GUNICORN_CONFIG = PROJECT / "deploy" / "gunicorn.conf.py"
NGINX_TEMPLATE = Path(__file__).resolve().parent / "templates" / "nginx.conf"
_SERVERS_BLOCK = re.compile(
    r"# --- application servers.*?# --- end of application servers ---\n", re.DOTALL
)


class MissingTool(RuntimeError):
    pass


def require_tools(*names):
    missing = [name for name in names if not shutil.which(name)]
    if missing:
        raise MissingTool(
            f"{', '.join(missing)} not installed: `make proxy-tools` installs Debian's "
            "varnish, nginx and wrk"
        )


def build_demo(env, log):
    """The demo site on the run's PostgreSQL database, with collected static files."""
    run([*MANAGE, "migrate", "--noinput"], env=env, log=log)
    run([*MANAGE, "build_demo_site"], env=env, log=log)
    collect_static(env, log)


def collect_static(env, log):
    run([*MANAGE, "collectstatic", "--noinput", "--verbosity", "0"], env=env, log=log)


def start_gunicorn(processes, env, port, name="gunicorn", workers=2):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    return processes.start(
        name,
        [GUNICORN, "-c", GUNICORN_CONFIG, "--chdir", PROJECT, "mops_site.wsgi"],
        env=env,
        port=port,
    )


def start_worker(processes, env, name="worker"):
    return processes.start(
        name,
        [*MANAGE, "db_worker", "--backend", "notifications", "--interval", "0.2"],
        env=env,
    )


# How deploy/varnish/default.vcl gives readers of a healthy site a copy that expired less than a
# minute ago (vcl_hit).
HEALTHY_GRACE = "obj.ttl + 60s > 0s"


def vcl_for(backend_ports, host=HOST, healthy_grace=None, probe_interval="1s"):
    """deploy/varnish/default.vcl with these gunicorn instances as its application servers,
    each probed twice as there (every `probe_interval`): whether it answers, and whether it
    reads the database; with `healthy_grace` ("3s") instead of its minute of grace, for tests
    that wait past it."""
    backends = "".join(
        f"""backend app{number} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = application_health;
}}
backend app{number}_database {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = database_health;
}}
"""
        for number, port in enumerate(backend_ports, start=1)
    )
    added = "".join(
        f"    application.add_backend(app{number});\n"
        f"    database.add_backend(app{number}_database);\n"
        for number in range(1, len(backend_ports) + 1)
    )
    block = f"""{_probe("application_health", "/robots.txt", host, probe_interval, window=5)}
{_probe("database_health", DATABASE_HEALTH_PATH, host, probe_interval, window=3)}
{backends}
sub vcl_init {{
    new application = directors.round_robin();
    new database = directors.round_robin();
{added}    new traffic = directors.fallback();
    traffic.add_backend(database.backend());
    traffic.add_backend(application.backend());
}}
"""
    source = DEPLOY_VCL.read_text()
    rendered, replaced = _SERVERS_BLOCK.subn(lambda match: block, source)
    if replaced != 1:
        raise RuntimeError(f"{DEPLOY_VCL} has lost its marked block of application servers")
    if healthy_grace is not None:
        if rendered.count(HEALTHY_GRACE) != 1:
            raise RuntimeError(f"{DEPLOY_VCL} no longer says {HEALTHY_GRACE!r} once")
        rendered = rendered.replace(HEALTHY_GRACE, f"obj.ttl + {healthy_grace} > 0s")
    return rendered


def _probe(name, path, host, interval, window):
    # Every second or less here (2 to 5 s in deploy/), and healthy from the start, so that
    # tests and runs wait less.
    return f"""probe {name} {{
    .request =
        "GET {path} HTTP/1.1"
        "Host: {host}"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = {interval};
    .timeout = 10s;
    .window = {window};
    .threshold = 2;
    .initial = 2;
}}"""


def start_varnish(
    processes,
    workdir,
    backend_ports,
    port,
    purge_port,
    name="varnish",
    healthy_grace=None,
    probe_interval="1s",
):
    workdir = Path(workdir)
    vcl = workdir / "default.vcl"
    vcl.write_text(
        vcl_for(backend_ports, healthy_grace=healthy_grace, probe_interval=probe_interval)
    )
    process = processes.start(
        name,
        [
            "varnishd",
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-a",
            f"purge=127.0.0.1:{purge_port}",
            "-T",
            "none",
            "-f",
            vcl,
            "-n",
            workdir / "varnish-work",
            "-s",
            "malloc,256m",
        ],
        port=port,
    )
    wait_for_port(purge_port, process, 30, processes.log_path(name))
    return process


def start_nginx(processes, workdir, root, port, name="nginx"):
    workdir = Path(workdir)
    config = workdir / "nginx.conf"
    config.write_text(
        NGINX_TEMPLATE.read_text()
        .replace("{workdir}", str(workdir))
        .replace("{root}", str(root))
        .replace("{port}", str(port))
    )
    return processes.start(
        name, ["nginx", "-c", config, "-p", workdir, "-e", workdir / "nginx-error.log"], port=port
    )
