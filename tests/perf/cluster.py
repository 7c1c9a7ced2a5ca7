"""Several app servers that agree: nginx, two gunicorn servers, one PostgreSQL, one Redis.

`make cluster` runs this: it prepares a PostgreSQL database (`cluster` unless --database says
otherwise; created if missing, then migrated and loaded with load_content), collects the static
files into a run folder, and starts on 127.0.0.1 two gunicorn app servers sharing that database
and one Redis, and nginx as their load balancer (Debian's package, run with its own prefix,
configuration, pid file and logs in the run folder, on an unprivileged port). Each server and
nginx run in their own process group; Ctrl-C stops them all.

nginx spreads requests over both servers and watches them passively: a server that refuses a
connection, resets it or answers 502/503/504 is skipped for a few seconds (max_fails,
fail_timeout), and an idempotent request (GET, HEAD) that failed there is sent to the other
server (proxy_next_upstream). A POST is never sent twice.

`make cluster-load` (--load) runs the load test through it, reusing load.py's visitors and
editor: visitors through nginx and straight to the second server, an editor saving a lesson
through the first server and checking, once each save has returned, that nginx and every
running server show the new text; halfway, the second server is killed (SIGKILL to its
process group) and started again a few seconds later. Visitors sent straight to the second
server stop while it is down (a client cannot route around a dead server; nginx must). It
ends with one line, `cluster load: R requests, E errors, D edits, L lost, S stale`, and exits
with status 1 unless E, L and S are 0 and at least one edit was made.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path

import load  # tests/perf/load.py, beside this file

ROOT = load.ROOT
PYTHON = load.PYTHON
GUNICORN = load.GUNICORN

NGINX_CONF = """\
# Written by tests/perf/cluster.py for one run; everything it writes stays in this folder.
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/nginx-tmp/body;
    proxy_temp_path {run}/nginx-tmp/proxy;
    fastcgi_temp_path {run}/nginx-tmp/fastcgi;
    uwsgi_temp_path {run}/nginx-tmp/uwsgi;
    scgi_temp_path {run}/nginx-tmp/scgi;
    client_max_body_size 25m;
    client_body_buffer_size 1m;

    upstream portal {{
        # Passive health: after one failure a server is left out for 5 seconds, then tried
        # again with one request.
{servers}
        keepalive 32;
    }}

    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # GET and HEAD that failed on one server go to the other (nginx never repeats a
            # POST unless told to with non_idempotent).
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
            # Answers stream through memory; nginx writes nothing outside this folder.
            proxy_max_temp_file_size 0;
        }}
    }}
}}
"""


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit("nginx is needed: apt-get install nginx (make cluster installs it)")
    return found


def ensure_database(url):
    """Create the PostgreSQL database named in `url` if it does not exist."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created the database {name}.")


def wait_healthy(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = load.http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


class Cluster:
    """nginx and two gunicorn servers, each in a process group of its own."""

    def __init__(self, env, run, port, workers):
        self.env, self.run, self.port, self.workers = env, run, port, workers
        self.server_ports = [load.free_port(), load.free_port()]
        self.servers = [None, None]
        self.nginx = None

    def start_server(self, index):
        port = self.server_ports[index]
        log = self.run / f"server{index + 1}.log"
        self.servers[index] = subprocess.Popen(
            [GUNICORN, "programme.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(self.workers), "--error-logfile", str(log), "--capture-output"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: killed as one, spared Ctrl-C
        )  # fmt: skip
        if not wait_healthy(port):
            raise SystemExit(f"server {index + 1} did not start within 30 seconds; see {log}")

    def kill_server(self, index):
        """Kill a server at once (master and workers), as a crash would."""
        os.killpg(self.servers[index].pid, signal.SIGKILL)
        self.servers[index].wait()

    def start_nginx(self):
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"
            for port in self.server_ports
        )
        conf = self.run / "nginx.conf"
        conf.write_text(NGINX_CONF.format(run=self.run, port=self.port, servers=servers))
        (self.run / "nginx-tmp").mkdir(exist_ok=True)
        command = [nginx_binary(), "-p", str(self.run), "-c", str(conf)]
        command += ["-e", str(self.run / "nginx-error.log")]  # not /var/log/nginx
        subprocess.run([*command, "-t", "-q"], check=True)
        self.nginx = subprocess.Popen(command, start_new_session=True)
        if not wait_healthy(self.port, 10):
            raise SystemExit(f"nginx did not start; see {self.run / 'nginx-error.log'}")

    def start(self):
        for index in range(2):
            self.start_server(index)
        self.start_nginx()

    def stop(self):
        """SIGTERM to every process group, SIGKILL to any still there 10 seconds later."""
        processes = [p for p in [self.nginx, *self.servers] if p and p.poll() is None]
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Gate:
    """Lets requests sent straight to one server through while it is up; closing it waits
    for those in flight, so that killing the server fails none of them (nginx's requests
    are not held back: those are the ones nginx must route around)."""

    def __init__(self):
        self.condition = threading.Condition()
        self.up, self.inflight, self.times_opened = True, 0, 0

    def enter(self):
        with self.condition:
            if self.up:
                self.inflight += 1
            return self.up

    def leave(self):
        with self.condition:
            self.inflight -= 1
            self.condition.notify_all()

    def close(self):
        with self.condition:
            self.up = False
            self.condition.wait_for(lambda: self.inflight == 0)

    def open(self):
        with self.condition:
            self.up, self.times_opened = True, self.times_opened + 1


def direct_visitor(port, gate, stats, kinds, deadline, seed):
    """load.visitor, straight to one server, pausing while it is down."""
    rng = load.random.Random(seed)
    client = load.Client(port, stats)
    weights = [weight for _kind, weight, _make in kinds]
    opened = gate.times_opened
    while time.monotonic() < deadline:
        if not gate.enter():
            time.sleep(0.05)
            continue
        try:
            if gate.times_opened != opened:  # a new server: the old connection is gone
                opened = gate.times_opened
                client.connection = None
            kind, _weight, make = rng.choices(kinds, weights)[0]
            client.request(f"{kind} (server 2)", "GET", make(rng))
        finally:
            gate.leave()


def public_checker(cluster, gate, stats, url, counts):
    """After a save: nginx and each running server must show the new text."""
    clients = {}

    def check(saved):
        views = [("nginx", cluster.port, None), ("server 1", cluster.server_ports[0], None)]
        views.append(("server 2", cluster.server_ports[1], gate))
        for name, port, view_gate in views:
            if view_gate is not None and not view_gate.enter():
                continue  # server 2 is down
            try:
                client = clients.get((name, view_gate and view_gate.times_opened))
                if client is None:
                    client = load.Client(port, stats)
                    clients[(name, view_gate and view_gate.times_opened)] = client
                _status, _headers, page = client.request(
                    f"detail after an edit ({name})", "GET", url
                )
                counts[name] = counts.get(name, 0) + 1
                if escape(saved, quote=False) not in page:
                    stats.count("stale public reads")
            finally:
                if view_gate is not None:
                    view_gate.leave()

    return check


def killer(cluster, gate, at, down_seconds, events):
    """Kill server 2 at `at` (monotonic), start it again `down_seconds` later."""
    time.sleep(max(0, at - time.monotonic()))
    gate.close()
    cluster.kill_server(1)
    events.append(f"server 2 killed at {time.monotonic() - events.started:.1f} s")
    time.sleep(down_seconds)
    cluster.start_server(1)
    gate.open()
    events.append(f"server 2 answering again at {time.monotonic() - events.started:.1f} s")


class Events(list):
    started = 0.0


def run_load(cluster, env, args, password):
    found = json.loads(load.manage(env, "shell", "-c", load.DISCOVER).strip().splitlines()[-1])
    probe = load.Client(cluster.port, load.Stats())
    exports = [path for path in load.EXPORTS if probe.request("probe", "GET", path)[0] == 200]
    kinds = load.visitor_requests(found, exports)
    stats, gate, events, checks = load.Stats(), Gate(), Events(), {}
    events.started = time.monotonic()
    deadline = events.started + args.seconds
    direct = max(1, args.clients // 4)
    threads = [
        threading.Thread(target=load.visitor, args=(cluster.port, stats, kinds, deadline, seed))
        for seed in range(args.clients - direct)
    ]
    threads += [
        threading.Thread(
            target=direct_visitor,
            args=(cluster.server_ports[1], gate, stats, kinds, deadline, 1000 + seed),
        )
        for seed in range(direct)
    ]
    check = public_checker(cluster, gate, stats, found["target"]["url"], checks)
    threads.append(
        threading.Thread(
            target=load.editor,
            args=(cluster.server_ports[0], stats, found["target"], password, deadline, check),
        )
    )
    down = min(3.0, args.seconds / 5)
    kill = threading.Thread(
        target=killer, args=(cluster, gate, events.started + args.seconds / 2, down, events)
    )
    for thread in [*threads, kill]:
        thread.start()
    for thread in [*threads, kill]:
        thread.join()

    print(
        f"\n{args.clients - direct} visitors through nginx, {direct} straight to server 2, "
        f"1 editor on server 1, for {args.seconds} s; {os.cpu_count()} CPUs; "
        f"each server {args.workers} gunicorn workers"
    )
    print("\n| request | count | errors | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        print(
            f"| {kind} | {len(values)} | {stats.errors[kind]} "
            f"| {load.percentile(values, 0.5) * 1000:.0f} "
            f"| {load.percentile(values, 0.99) * 1000:.0f} |"
        )
    for event in events:
        print(event)
    # What nginx met on the killed server: each line is a request it sent to the other.
    failures = [
        line
        for line in (cluster.run / "nginx-error.log").read_text(errors="replace").splitlines()
        if "[error]" in line and "upstream" in line
    ]
    print(f"nginx: {len(failures)} requests failed on one server and went to the other")
    print("Public page read after each save: " + ", ".join(f"{k} {v}" for k, v in checks.items()))
    for example in stats.examples:
        print(f"  error: {example}")
    requests = sum(len(values) for values in stats.latencies.values())
    errors = sum(stats.errors.values())
    edits = stats.edits
    print(
        f"cluster load: {requests} requests, {errors} errors, {edits['made']} edits, "
        f"{edits['lost']} lost, {edits['stale public reads']} stale"
    )
    return (
        edits["made"] > 0
        and len(events) == 2
        and not (errors or edits["lost"] or edits["refused"] or edits["stale public reads"])
    )


def watch_until_interrupted(cluster):
    """Say once when a process of the cluster stops by itself; return only on Ctrl-C."""
    names = ["nginx", "server 1", "server 2"]
    reported = set()
    while True:
        for name, process in zip(names, [cluster.nginx, *cluster.servers], strict=True):
            if process.poll() is not None and name not in reported:
                reported.add(name)
                print(f"{name} stopped (status {process.returncode}); see {cluster.run}")
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (0: a free one)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--database",
        default=os.environ.get("CLUSTER_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/cluster",
        help="PostgreSQL database shared by the servers (created if missing)",
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("CLUSTER_REDIS_URL") or "redis://127.0.0.1:6379/0",
        help="Redis shared by the servers",
    )
    parser.add_argument("--load", action="store_true", help="run the load test, then stop")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load test lasts")
    parser.add_argument("--clients", type=int, default=20, help="load test visitors")
    args = parser.parse_args()
    nginx_binary()

    run = Path(tempfile.mkdtemp(prefix="portal-cluster-"))
    run.chmod(0o755)  # nginx's workers (nobody when started as root) read their folder
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_DEBUG": "0",
        # One secret for every server: a session or CSRF token made by one is valid on all.
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1
        "DJANGO_TRUSTED_PROXY_COUNT": "1",  # nginx appends the client to X-Forwarded-For
        "DJANGO_STATIC_ROOT": str(run / "static"),
        "DJANGO_MEDIA_ROOT": str(run / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": args.database,
        "REDIS_URL": args.redis,
    }
    if args.port == 0:
        args.port = load.free_port()
    password = secrets.token_urlsafe(16)
    passed = False
    cluster = Cluster(env, run, args.port, args.workers)
    # Ctrl-C reaches this process alone (the others run in their own groups); a SIGTERM from
    # make or CI stops the cluster the same way.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    try:
        print(f"Preparing {args.database}: migrate, collectstatic, load_content ...", flush=True)
        ensure_database(args.database)
        load.manage(env, "migrate", "--noinput", "--verbosity", "0")
        load.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        load.manage(env, "load_content")
        cluster.start()
        print(
            f"nginx on http://127.0.0.1:{args.port}/ in front of servers on ports "
            f"{cluster.server_ports[0]} and {cluster.server_ports[1]}; Redis {args.redis}; "
            f"configuration and logs in {run}",
            flush=True,
        )
        if args.load:
            load.manage(
                env, "shell", "-c", load.MAKE_EDITOR.format(name=load.EDITOR, password=password)
            )
            passed = run_load(cluster, env, args, password)
        else:
            print("Ctrl-C stops them all.", flush=True)
            watch_until_interrupted(cluster)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        passed = not args.load
    finally:
        cluster.stop()
        if not passed:
            for log in sorted(run.glob("*.log")):
                lines = log.read_text(errors="replace").splitlines()[-15:]
                if lines:
                    print(f"\nLast lines of {log}:\n" + "\n".join(lines))
        else:
            shutil.rmtree(run, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
