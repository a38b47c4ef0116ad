"""`python -m envboard serve --replicas N`: N Streamlit processes behind nginx with sticky sessions.

Streamlit keeps a browser tab's session in the process holding its websocket, so nginx routes by a
cookie it sets on the first response (open-source nginx has no `sticky` directive): `hash` over the
cookie's value, `consistent` so adding a replica moves few sessions. Meant for server mode
(ENVBOARD_STORE=ducklake:…), where every replica reads the same lake; see docs/deploy.md.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from envboard.core.settings import PROJECT_DIR, get_setting

NGINX_CONF = """worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    client_max_body_size {max_upload_mb}m;
    map $cookie_envboard_route $envboard_route {{
        ""      $request_id;
        default $cookie_envboard_route;
    }}
    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    upstream envboard {{
        hash $envboard_route consistent;
{servers}
    }}
    server {{
        listen {host}:{port};
        # Streamlit's own counters and its agent API are not for visitors
        location /_stcore/metrics {{ return 404; }}
        location /_stcore/agent {{ return 404; }}
        location / {{
            proxy_pass http://envboard;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400;
            add_header Set-Cookie "envboard_route=$envboard_route; Path=/; HttpOnly; SameSite=Lax";
            add_header X-EnvBoard-Replica $upstream_addr;
        }}
    }}
}}
"""


@dataclass
class Farm:
    url: str
    replica_ports: list[int]
    run_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)


def nginx_conf(run_dir: Path, host: str, port: int, replica_ports: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in replica_ports)
    return NGINX_CONF.format(run=run_dir, host=host, port=port, servers=servers,
                             max_upload_mb=int(get_setting("max_upload_mb")) + 1)


def _streamlit(port: int, log: Path, app: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=PROJECT_DIR, stdout=log.open("w"), stderr=subprocess.STDOUT, env=os.environ.copy())


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok":
                return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"did not start: {url}")
        time.sleep(0.5)


@contextlib.contextmanager
def farm(replicas: int, port: int, replica_ports: list[int], run_dir: Path, host: str = "127.0.0.1",
         app: str = "app.py") -> Iterator[Farm]:
    """Start the replicas and nginx; stop them (these processes only) on exit."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx not installed: apt-get install nginx")
    run_dir.mkdir(parents=True, exist_ok=True)
    f = Farm(f"http://{host}:{port}", replica_ports[:replicas], run_dir)
    try:
        for p in f.replica_ports:
            f.processes.append(_streamlit(p, run_dir / f"replica-{p}.log", app))
        for p, proc in zip(f.replica_ports, f.processes):
            wait_healthy(f"http://127.0.0.1:{p}", proc)
        (run_dir / "nginx.conf").write_text(nginx_conf(run_dir, host, port, f.replica_ports), encoding="utf-8")
        proxy = subprocess.Popen([nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"],
                                 stdout=(run_dir / "nginx.out").open("w"), stderr=subprocess.STDOUT)
        f.processes.append(proxy)
        wait_healthy(f.url, proxy)
        yield f
    finally:
        for proc in reversed(f.processes):
            proc.send_signal(signal.SIGTERM)
        for proc in f.processes:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


def cmd_serve(args) -> int:
    ports = [args.first_replica_port + i for i in range(args.replicas)]
    with farm(args.replicas, args.port, ports, Path(args.run_dir).resolve(), args.host) as f:
        print(f"EnvBoard: {f.url} → {', '.join(f'127.0.0.1:{p}' for p in f.replica_ports)} (Ctrl-C stops)", flush=True)
        try:
            while all(p.poll() is None for p in f.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


def register(sub) -> None:
    p = sub.add_parser("serve", help="N app replicas behind nginx with sticky sessions (server mode)")
    p.add_argument("--replicas", type=int, default=2)
    p.add_argument("--port", type=int, default=8600, help="nginx listens here (default 8600)")
    p.add_argument("--host", default="127.0.0.1", help="nginx listen address (default 127.0.0.1)")
    p.add_argument("--first-replica-port", type=int, default=8601, help="replicas on this port and the next ones")
    p.add_argument("--run-dir", default="data/serve", help="nginx configuration, pid and logs (default data/serve)")
    p.set_defaults(func=cmd_serve)
