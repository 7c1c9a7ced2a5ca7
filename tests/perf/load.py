"""Load test: many visitors and one editor at once against gunicorn in production mode.

`make load` runs this (50 clients for 60 seconds); CI runs a 10-second version. It builds a
throw-away SQLite database (or uses $LOAD_DATABASE_URL; Redis at $LOAD_REDIS_URL if set, else
the file cache in a temporary folder), loads the closing-event content, collects the static
files and starts gunicorn with production settings on 127.0.0.1. Then, for
the given time, N visitor threads each request pages one after another (home, lists with
random theme/region filters taken from the data, detail pages of every type, search, and the
exports if the site has them) while one editor signs in to the admin and changes a lesson over
and over: it opens the change form, posts a new takeaway with the form's CSRF token and version
field, then reads the form again to check that the save landed.

It reports requests, errors (any answer that is not 2xx/3xx, and any connection error) and
p50/p99 latency per kind of request, and the edits made and lost (an edit is lost when the
value read back is not the one saved). It also counts public pages that still showed the old
value right after a confirmed edit (the page cache must be emptied for every worker). Exit
status 1 if there was any error, lost or refused edit, or stale public page.

Standard library only: threads and http.client.
"""

import argparse
import http.client
import json
import math
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
EDITOR = "load-test-editor"
SEARCH_WORDS = ["migration", "remittances", "Hagstrom", "visa", "diaspora", "Caribbean", "trafic"]
THEMED_LISTS = ["/lessons/", "/good-practices/", "/projects/", "/events/", "/publications/"]
OTHER_LISTS = ["/stakeholders/", "/people/", "/themes/", "/regions/", "/matrix/"]
EXPORTS = [
    "/lessons/export.csv",
    "/lessons/export.json",
    "/good-practices/export.csv",
    "/projects/export.json",
    "/search/export.csv?q=migration",
]
# What the server is asked to find for the visitors and the editor.
DISCOVER = """
import json
from django.apps import apps
from programme.models import Region, Theme
from lessons.models import Lesson
details = []
names = ["lessons.Lesson", "lessons.GoodPractice", "programme.Project", "programme.Organisation",
         "programme.Person", "programme.Event", "programme.Statement", "programme.Publication"]
for name in names:
    model = apps.get_model(name)
    details += [r.get_absolute_url() for r in model.objects.published().order_by("pk")[:20]]
details += [t.get_absolute_url() for t in Theme.objects.all()]
details += [r.get_absolute_url() for r in Region.objects.all()]
target = Lesson.objects.published().order_by("slug").first()
print(json.dumps({
    "themes": list(Theme.objects.values_list("slug", flat=True)),
    "regions": list(Region.objects.values_list("slug", flat=True)),
    "details": details,
    "target": {"pk": target.pk, "url": target.get_absolute_url()},
}))
"""
MAKE_EDITOR = """
from django.contrib.auth import get_user_model
user, _ = get_user_model().objects.get_or_create(username={name!r})
user.is_staff = user.is_superuser = True
user.set_password({password!r})
user.save()
"""


# Measuring -------------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.examples = []
        self.edits = {"made": 0, "lost": 0, "refused": 0, "stale public reads": 0}

    def record(self, kind, seconds, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {error}")

    def count(self, name):
        with self.lock:
            self.edits[name] += 1


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Client:
    """One keep-alive connection with a cookie jar; answers (status, headers, text)."""

    def __init__(self, port, stats):
        self.port, self.stats = port, stats
        self.cookies = {}
        self.connection = None

    def request(self, kind, method, path, form=None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            self.stats.record(kind, time.perf_counter() - started, f"{path}: {error!r}")
            return None, {}, ""
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        error = None if 200 <= response.status < 400 else f"{path}: HTTP {response.status}"
        self.stats.record(kind, elapsed, error)
        if response.will_close:
            self.connection.close()
            self.connection = None
        return response.status, dict(response.getheaders()), text


# Visitors ---------------------------------------------------------------------------------------


def visitor_requests(found, exports):
    """(kind, weight, make a path from a random generator)."""

    def themed_list(rng):
        params = {}
        if rng.random() < 0.7:
            params["theme"] = rng.choice(found["themes"])
        if rng.random() < 0.5:
            params["region"] = rng.choice(found["regions"])
        if rng.random() < 0.2:
            params["sort"] = "-added"
        path = rng.choice(THEMED_LISTS)
        return f"{path}?{urlencode(params)}" if params else path

    kinds = [
        ("home", 2, lambda rng: "/"),
        ("list (filtered)", 4, themed_list),
        ("list (other)", 1, lambda rng: rng.choice(OTHER_LISTS)),
        ("detail", 4, lambda rng: rng.choice(found["details"])),
        ("search", 2, lambda rng: "/search/?" + urlencode({"q": rng.choice(SEARCH_WORDS)})),
    ]

    def export(rng):
        path = rng.choice(exports)
        if "?" not in path and rng.random() < 0.5:
            path += "?" + urlencode({"theme": rng.choice(found["themes"])})
        return path

    if exports:
        kinds.append(("export", 1, export))
    return kinds


def visitor(port, stats, kinds, deadline, seed):
    rng = random.Random(seed)
    client = Client(port, stats)
    weights = [weight for _kind, weight, _make in kinds]
    while time.monotonic() < deadline:
        kind, _weight, make = rng.choices(kinds, weights)[0]
        client.request(kind, "GET", make(rng))


# The editor -------------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """The values a browser would submit for the admin's change form."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value") or "on"))
                return
            self.values.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select["options"] if selected]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = [self.select["options"][0][0]]
            self.values += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that follows <textarea>.
            self.values.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None


def read_form(text, form_id):
    reader = FormReader(form_id)
    reader.feed(text)
    return reader.values


def field(values, name):
    return next((value for key, value in values if key == name), None)


def sign_in(client, password):
    _status, _headers, text = client.request("admin: sign in", "GET", "/admin/login/")
    form = read_form(text, "login-form")
    form = [(k, v) for k, v in form if k not in {"username", "password"}]
    form += [("username", EDITOR), ("password", password), ("next", "/admin/")]
    status, _headers, _text = client.request("admin: sign in", "POST", "/admin/login/", form)
    if status != 302:
        client.stats.record("admin: sign in", 0, f"the editor could not sign in (HTTP {status})")
        return False
    return True


def editor(port, stats, target, password, deadline, check_public=None):
    """Sign in on the server at `port` and save the target lesson over and over.

    After each confirmed save, check_public(saved) reads the public page (by default once,
    from the same server) and counts a stale read when it lacks the new text.
    """
    client = Client(port, stats)
    public = Client(port, stats)  # an anonymous visitor, to see what the public sees

    def same_server(saved):
        _status, _headers, page = public.request("detail (after an edit)", "GET", target["url"])
        if escape(saved, quote=False) not in page:
            stats.count("stale public reads")

    check_public = check_public or same_server
    if not sign_in(client, password):
        return
    change_url = f"/admin/lessons/lesson/{target['pk']}/change/"
    original = None
    number = 0
    while time.monotonic() < deadline:
        number += 1
        _status, _headers, text = client.request("admin: change form", "GET", change_url)
        values = read_form(text, "lesson_form")
        if field(values, "seen_version") is None:
            continue  # counted as an error already
        original = original if original is not None else field(values, "takeaway")
        saved = f"Edited under load, save number {number} ({secrets.token_hex(4)})."
        values = [(k, saved if k == "takeaway" else v) for k, v in values] + [("_save", "Save")]
        status, _headers, _text = client.request("admin: save", "POST", change_url, values)
        if status != 302:
            stats.count("refused")
            stats.record("admin: save", 0, f"save {number} refused (HTTP {status})")
            continue
        stats.count("made")
        _status, _headers, text = client.request("admin: read back", "GET", change_url)
        if field(read_form(text, "lesson_form"), "takeaway") != saved:
            stats.count("lost")
        # Right after the save, the public page shows the new text (the page cache is emptied
        # by every edit, in every worker that shares the cache).
        check_public(saved)
    if original is not None:  # leave the content as it was
        _status, _headers, text = client.request("admin: change form", "GET", change_url)
        values = read_form(text, "lesson_form")
        values = [(k, original if k == "takeaway" else v) for k, v in values]
        client.request("admin: save", "POST", change_url, values + [("_save", "Save")])


# Running ----------------------------------------------------------------------------------------


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=True
    ).stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, port, workers, log):
    server = subprocess.Popen(
        [GUNICORN, "programme.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--error-logfile", str(log), "--capture-output"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start within 30 seconds; see {log}")


def report(stats, seconds, clients, workers, database):
    total = sum(len(v) for v in stats.latencies.values())
    errors = sum(stats.errors.values())
    print(
        f"\n{clients} visitors + 1 editor for {seconds} s against gunicorn ({workers} workers), "
        f"database {database}, on {os.cpu_count()} CPUs"
    )
    print("\n| request | count | errors | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        print(
            f"| {kind} | {len(values)} | {stats.errors[kind]} "
            f"| {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} |"
        )
    print(f"\nRequests: {total} ({total / seconds:.0f}/s), errors: {errors}")
    edits = stats.edits
    print(
        f"Edits: {edits['made']} made, {edits['lost']} lost, {edits['refused']} refused; "
        f"public page stale right after an edit: {edits['stale public reads']}"
    )
    for example in stats.examples:
        print(f"  error: {example}")
    return edits["made"] > 0 and not (
        errors or edits["lost"] or edits["refused"] or edits["stale public reads"]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent visitors")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 4)))
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-load-"))
    database = os.environ.get("LOAD_DATABASE_URL") or f"sqlite:///{workdir / 'load.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database,
    }
    env.pop("REDIS_URL", None)
    if os.environ.get("LOAD_REDIS_URL"):
        env["REDIS_URL"] = os.environ["LOAD_REDIS_URL"]
    password = secrets.token_urlsafe(16)
    port = args.port or free_port()
    log = workdir / "gunicorn.log"
    passed = False
    try:
        print("Preparing: migrate, collectstatic, load_content ...", flush=True)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "load_content")
        manage(env, "shell", "-c", MAKE_EDITOR.format(name=EDITOR, password=password))
        found = json.loads(manage(env, "shell", "-c", DISCOVER).strip().splitlines()[-1])
        server = start_server(env, port, args.workers, log)
        try:
            probe = Client(port, Stats())
            exports = [path for path in EXPORTS if probe.request("probe", "GET", path)[0] == 200]
            stats = Stats()
            deadline = time.monotonic() + args.seconds
            kinds = visitor_requests(found, exports)
            threads = [
                threading.Thread(target=visitor, args=(port, stats, kinds, deadline, seed))
                for seed in range(args.clients)
            ]
            threads.append(
                threading.Thread(
                    target=editor, args=(port, stats, found["target"], password, deadline)
                )
            )
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait()
        passed = report(stats, args.seconds, args.clients, args.workers, database.split(":")[0])
        if not passed and log.exists():
            print(f"\nLast lines of the server's log ({log}):")
            print("\n".join(log.read_text().splitlines()[-40:]))
    finally:
        # The work folder (the server's log, the database) is kept when something failed.
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
