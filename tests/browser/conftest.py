"""Browser tests: streamlit on a free local port, pytest-playwright driving Debian's chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

APP_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = APP_DIR / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1800}, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(entry: str, log_dir: Path, env: dict | None = None):
    """Start `streamlit run entry`; return (process, base URL) once /_stcore/health says ok."""
    port = _free_port()
    log = open(log_dir / f"{Path(entry).stem}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", entry, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url, deadline = f"http://127.0.0.1:{port}", time.time() + 60
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start, see {log.name}")
        time.sleep(0.3)


@pytest.fixture(scope="session")
def app_url(demo_db_path, tmp_path_factory):
    """The internal dashboard on the session's demo database."""
    proc, url = start_streamlit("app.py", tmp_path_factory.mktemp("st"), {"ENVBOARD_DB": str(demo_db_path)})
    yield url
    proc.terminate()
    proc.wait(10)
