"""The processes a benchmark run starts: each in its own process group, all stopped at the end.

`Processes` is a context manager: leaving it (normally, on an error, on Ctrl-C or on SIGTERM,
which `stop_on_sigterm` turns into an exception) stops every process it started, newest first,
by its own process group id, never by name.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
MANAGE = [str(PYTHON), str(PROJECT / "manage.py")]


class ProcessFailed(RuntimeError):
    pass


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, timeout=60, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ProcessFailed(f"exited with {process.returncode} before listening: see {log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise ProcessFailed(f"nothing listens on 127.0.0.1:{port} after {timeout} s: see {log}")


def stop_on_sigterm():
    """Turn SIGTERM into SystemExit, so that `finally` blocks stop what was started."""

    def _exit(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)


class Processes:
    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._started = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop_all()

    def log_path(self, name):
        return self.log_dir / f"{name}.log"

    def start(self, name, argv, env=None, port=None, timeout=60):
        """Start a long-running process; with `port`, wait until it listens on loopback."""
        log = self.log_path(name).open("ab")
        process = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
            [str(part) for part in argv],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._started.append((name, process, log))
        if port is not None:
            wait_for_port(port, process, timeout, self.log_path(name))
        return process

    def stop(self, process, timeout=15):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def stop_all(self):
        while self._started:
            name, process, log = self._started.pop()
            self.stop(process)
            log.close()


def run(argv, env=None, log=None, timeout=900):
    """Run a command to its end; its output goes to `log` (or is returned when None)."""
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(Path(log).open("ab")) if log else subprocess.PIPE
        result = subprocess.run(  # noqa: S603 (our own argv, no shell)
            [str(part) for part in argv],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT if log else subprocess.PIPE,
            timeout=timeout,
            check=False,
        )
    if result.returncode != 0:
        detail = f"see {log}" if log else (result.stderr or b"").decode(errors="replace")[-2000:]
        raise ProcessFailed(
            f"{' '.join(map(str, argv[:4]))} failed ({result.returncode}): {detail}"
        )
    return (result.stdout or b"").decode(errors="replace") if not log else ""
