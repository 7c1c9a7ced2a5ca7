"""Benchmark: public pages against a hashed static file, side by side, in one run.

`make bench` runs this. It (re)creates a PostgreSQL database of its own (SQLite with
--sqlite), loads the closing-event content, starts gunicorn in production mode on 127.0.0.1
and measures each page with wrk (Debian's `wrk`): requests per second and p50/p99 latency,
with the page cache cold (every request builds the page) and warm, and the cold pages once
more with a single client (the time to build a page, without waiting behind the others).
Then it adds the synthetic sample data (`generate_sample_data`, which writes only to a
database named `*_bench`, as this one is) and measures again. Every figure is printed with its
ratio to the static file measured in the same server run (at its start and at its end; the
faster of the two, as the machine's other load varies), so the table compares like with like
on whatever machine runs it.
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# generate_sample_data writes only to a database so named (PostgreSQL, or a SQLite file's stem).
BENCHMARK_SUFFIX = "_bench"


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout


def start_server(env, port, workers):
    server = subprocess.Popen(
        [GUNICORN, "programme.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 seconds")


def fresh_postgres_database(url):
    """Drop and create the benchmark's own database; None when PostgreSQL is not reachable."""
    import psycopg

    server, name = url.rsplit("/", 1)
    if not name.endswith(BENCHMARK_SUFFIX):  # never drop a database that is not a benchmark's
        raise SystemExit(f"The benchmark's database name must end in {BENCHMARK_SUFFIX}: {name}")
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    return url


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "--latency", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", url],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def pick_urls(env):
    """The pages to measure, found in the loaded data (so the benchmark follows the content)."""
    code = (
        "import json\n"
        "from lessons.models import GoodPractice, Lesson\n"
        "from programme.models import Theme\n"
        "lesson = Lesson.objects.published().order_by('slug').first()\n"
        "theme = Theme.objects.order_by('slug').first()\n"
        "print(json.dumps({'lesson': lesson.get_absolute_url(), 'theme': theme.slug}))\n"
    )
    found = json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])
    return [
        ("home", "/"),
        ("list: lessons", "/lessons/"),
        ("filtered list", f"/good-practices/?theme={found['theme']}"),
        ("detail: a lesson", found["lesson"]),
        ("search", "/search/?q=migration"),
        ("CSV export", "/lessons/export.csv"),
    ]


# Saves one published lesson each time it reads a line: a real edit (signals, history, the new
# page-cache generation), made by a process that stays up so that each costs milliseconds.
EDIT_LOOP = """
import sys
from lessons.models import Lesson
lesson = Lesson.objects.published().order_by("slug").first()
print("ready", flush=True)
for _line in sys.stdin:
    lesson.save()
    print("saved", flush=True)
"""


def first_visitor_after_edit(env, port, workers, urls, samples):
    """Time to the first answer of each page right after an edit, with the page cache on.

    For each page, `samples` times: save a lesson (every page of the old generation is then
    out of date), then time one request for the page, which the server must build (its
    X-Cache header must not say "hit"; the exports are never cached). The static file is
    timed the same way, one request after another on the same server (median of 50, at the
    start and at the end; the faster of the two), so the ratio compares like with like.
    """
    env = {**env, "DJANGO_PAGE_CACHE_SECONDS": "600"}
    editor = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "--no-imports", "--verbosity", "0", "-c", EDIT_LOOP],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    server = start_server(env, port, workers)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(path):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        if response.will_close:
            connection.close()
        return time.perf_counter() - started, response.status, response.getheader("X-Cache")

    def edit():
        editor.stdin.write("edit\n")
        editor.stdin.flush()
        if editor.stdout.readline().strip() != "saved":
            raise SystemExit("the editing process stopped")

    try:
        for line in editor.stdout:  # Django's shell may print before the code runs
            if line.strip() == "ready":
                break
        else:
            raise SystemExit("the editing process did not start")
        static_path = urls[0][1]
        for _name, path in urls:  # every worker has imported and run every view once
            get(path)
            get(path)
        static = [statistics.median(get(static_path)[0] for _ in range(50))]
        rows = {}
        for name, path in urls[1:]:
            times = []
            for _ in range(samples):
                edit()
                elapsed, status, cached = get(path)
                if status != 200 or cached == "hit":  # (exports are never cached: None)
                    raise SystemExit(f"{name}: HTTP {status}, X-Cache {cached} after an edit")
                times.append(elapsed * 1000)
            rows[name] = times
        static.append(statistics.median(get(static_path)[0] for _ in range(50)))
        return min(static) * 1000, rows
    finally:
        connection.close()
        editor.stdin.close()
        editor.wait()
        server.terminate()
        server.wait()


def print_first_visitor(title, static_ms, rows):
    print(f"\n### First visitor after an edit: {title}\n")
    print(f"Static file, one request at a time: {static_ms:.2f} ms (median).\n")
    print("| page | first visit p50 ms | max ms | p50 / static file |")
    print("|---|---:|---:|---:|")
    for name, times in rows.items():
        p50 = statistics.median(times)
        print(f"| {name} | {p50:.1f} | {max(times):.1f} | {p50 / static_ms:.0f}x |")


def static_url(static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def measure(env, port, workers, urls, seconds, connections, cache_on):
    env = {**env, "DJANGO_PAGE_CACHE_SECONDS": "600" if cache_on else "0"}
    server = start_server(env, port, workers)
    try:
        rows = {}
        for name, path in [*urls, urls[0]]:  # the static file first and last
            url = f"http://127.0.0.1:{port}{path}"
            try:  # warm up, and fill the cache
                urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - 127.0.0.1 only
            except urllib.error.HTTPError as error:
                print(f"  {name}: {path} answered {error.code}; not measured")
                continue
            row = run_wrk(url, seconds, connections)
            if not cache_on and name != urls[0][0]:
                alone = run_wrk(url, max(2, seconds // 2), 1)
                row.update(alone_p50=alone["p50"], alone_p99=alone["p99"])
            if name not in rows or row["rps"] > rows[name]["rps"]:
                rows[name] = row
        return rows
    finally:
        server.terminate()
        server.wait()


def print_table(title, cold, warm, names):
    static_name = names[0]
    print(f"\n### {title}\n")
    print("| page | warm req/s | warm p50 ms | warm p99 ms | warm / static "
          "| cold req/s | cold p50 ms | cold p99 ms | cold / static "
          "| cold, 1 client: p50 ms | p99 ms | errors |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        if name not in warm or name not in cold:
            continue
        w, c = warm[name], cold[name]
        alone = f"{c['alone_p50']:.1f} | {c['alone_p99']:.1f}" if "alone_p50" in c else "- | -"
        print(
            f"| {name} | {w['rps']:.0f} | {w['p50']:.1f} | {w['p99']:.1f} "
            f"| {w['rps'] / warm[static_name]['rps']:.2f} | {c['rps']:.0f} | {c['p50']:.1f} "
            f"| {c['p99']:.1f} | {c['rps'] / cold[static_name]['rps']:.2f} | {alone} "
            f"| {w['errors'] + c['errors']} |"
        )


def print_growth(small, large, names):
    """How much slower each page builds (cache cold) once the sample data is in."""
    print("\n### Growth: cold pages, sample data against the closing-event content\n")
    print("| page | closing-event p50 ms | sample data p50 ms | slowdown "
          "| 1 client: closing-event p50 ms | sample data p50 ms | slowdown |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names[1:]:
        if name not in small or name not in large:
            continue
        before, after = small[name], large[name]
        print(
            f"| {name} | {before['p50']:.1f} | {after['p50']:.1f} "
            f"| {after['p50'] / before['p50']:.2f}x | {before['alone_p50']:.1f} "
            f"| {after['alone_p50']:.1f} | {after['alone_p50'] / before['alone_p50']:.2f}x |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/portal_bench",
        help="PostgreSQL database to (re)create for the run; its name must end in _bench",
    )
    parser.add_argument("--sqlite", action="store_true", help="use SQLite, not PostgreSQL")
    parser.add_argument("--redis", help="Redis URL for the cache (default: the file cache)")
    parser.add_argument(
        "--first-visit-only",
        action="store_true",
        help="measure only the first visitor after an edit (no wrk runs)",
    )
    parser.add_argument("--samples", type=int, default=7, help="edits per page, first visitor")
    parser.add_argument("--lessons", type=int, default=5000)
    parser.add_argument("--practices", type=int, default=5000)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--organisations", type=int, default=1000)
    args = parser.parse_args()
    if not shutil.which("wrk") and not args.first_visit_only:
        raise SystemExit("wrk is needed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    # PostgreSQL as in production when it answers (a database of the benchmark's own),
    # SQLite otherwise.
    sqlite = f"sqlite:///{workdir / f'portal{BENCHMARK_SUFFIX}.sqlite3'}"
    env["DATABASE_URL"] = (
        (args.sqlite and sqlite) or fresh_postgres_database(args.postgres) or sqlite
    )
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
    cache_kind = "Redis" if args.redis else "file cache"
    try:
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "load_content", capture=True)
        urls = [("static file (ceiling)", static_url(workdir / "static")), *pick_urls(env)]
        print(f"Machine: {platform.node()}, {os.cpu_count()} cores, {platform.platform()}")
        print(
            f"gunicorn {args.workers} workers; wrk 1 thread, {args.connections} connections, "
            f"{args.seconds} s per page; database {env['DATABASE_URL'].split(':')[0]}, "
            f"{cache_kind}"
        )
        datasets = [("closing-event content", None)]
        datasets.append(
            (
                f"with sample data ({args.lessons} lessons, {args.practices} practices, "
                f"{args.projects} projects, {args.organisations} organisations)",
                [
                    "generate_sample_data",
                    f"--lessons={args.lessons}",
                    f"--practices={args.practices}",
                    f"--projects={args.projects}",
                    f"--organisations={args.organisations}",
                ],
            )
        )
        colds = []
        for title, command in datasets:
            if command:
                manage(env, *command, capture=True)
            static_ms, first = first_visitor_after_edit(
                env, args.port, args.workers, urls, args.samples
            )
            print_first_visitor(
                f"{title}, {env['DATABASE_URL'].split(':')[0]}, {cache_kind}", static_ms, first
            )
            if args.first_visit_only:
                continue
            cold = measure(env, args.port, args.workers, urls, args.seconds,
                           args.connections, cache_on=False)  # fmt: skip
            warm = measure(env, args.port, args.workers, urls, args.seconds,
                           args.connections, cache_on=True)  # fmt: skip
            print_table(title, cold, warm, [name for name, _path in urls])
            colds.append(cold)
        if colds:
            print_growth(*colds, [name for name, _path in urls])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
