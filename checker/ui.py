"""The checker page's user interface: the only module that touches the browser.

It reads the form into an answers document (contract §1), keeps it in the
address (``#a=`` + base64url of the compact JSON), sends it to the rules engine
running in a web worker (``checker.service``) and shows the result. It holds no
rule of its own: every verdict, number and reason on the page comes from the
engine. Bundled as the top-level module ``cec_ui`` so that loading it does not
compile the rules on the main thread.
"""

from browser import document, window
import javascript

LANG_BLOCKS = ("l1", "l2")
DEBOUNCE_MS = 250
HTML = document.documentElement

S = {"worker": None, "engine": False, "seq": 0, "shown": 0, "timer": None, "touched": set(), "show_all": False,
     "ids": {}, "job_order": [], "next_uid": 2, "last_hash": None, "last_result": None, "pending": None,
     "announced": "", "sent_at": 0}


# --- small helpers ----------------------------------------------------------------



def el(ident):
    return document.getElementById(ident)


def val(ident):
    node = el(ident)
    return node.value.strip() if node else ""




def today():
    d = window.Date.new()
    return "%04d-%02d-%02d" % (d.getFullYear(), d.getMonth() + 1, d.getDate())








def announce(text):
    if text and text != S["announced"]:
        S["announced"] = text
        el("announce").text = text


# --- the address: #a=<base64url of the answers JSON> --------------------------------

def encode(answers):
    text = javascript.JSON.stringify(answers)
    b64 = window.btoa(window.unescape(window.encodeURIComponent(text)))
    return b64.replace("+", "-").replace("/", "_").rstrip("=")


def decode(token):
    b64 = token.replace("-", "+").replace("_", "/")
    b64 += "=" * (-len(b64) % 4)
    return javascript.JSON.parse(window.decodeURIComponent(window.escape(window.atob(b64))))


def answers_from_address():
    h = window.location.hash
    if not h.startswith("#a="):
        return None
    try:
        answers = decode(h[3:])
    except Exception:
        return None
    return answers if isinstance(answers, dict) else None


def set_address(answers):
    token = encode(answers)
    if token != S["last_hash"]:
        S["last_hash"] = token
        window.history.replaceState(javascript.NULL, "", "#a=" + token)


# --- the form <-> the answers document (the mapping itself is the pure module cec_form) ---

FORM = {}


def form_module():
    if "module" not in FORM:
        import cec_form
        FORM["module"] = cec_form
    return FORM["module"]


class Port:
    """The form as checker/form.py sees it."""

    def value(self, ident):
        node = el(ident)
        return node.value.strip() if node else ""

    def bad_number(self, ident):
        node = el(ident)
        return bool(node and node.validity.badInput)

    def checked(self, ident):
        node = el(ident)
        return bool(node and node.checked)

    def set_value(self, ident, text):
        node = el(ident)
        if node is not None:
            node.value = text

    def set_checked(self, ident, on):
        node = el(ident)
        if node is not None:
            node.checked = on

    def job_ids(self):
        return [li.attrs["data-job"] for li in document.select("#jobs > li.job")]

    def clear_jobs(self):
        for li in document.select("#jobs > li.job"):
            li.remove()

    def add_job(self):
        return add_job(focus=False)


PORT = Port()


def collect():
    answers, ids, statuses, order = form_module().collect(PORT)
    S["job_order"] = order
    return answers, ids, statuses


def fill(answers):
    el("checker-form").reset()
    form_module().fill(PORT, answers)
    sync_visibility()


# --- jobs -----------------------------------------------------------------------------

def add_job(focus=True):
    uid = str(S["next_uid"])
    S["next_uid"] += 1
    html = el("job-template").innerHTML.replace("__ID__", uid).replace("__N__", "")
    el("jobs").insertAdjacentHTML("beforeend", html)
    renumber()
    if focus:
        el("job-" + uid + "-title").focus()
        announce("Job %d added." % len(document.select("#jobs > li.job")))
    return uid


def remove_job(uid):
    li = el("job-" + uid)
    if li is None:
        return
    li.remove()
    renumber()
    el("add-job").focus()
    announce("Job removed.")
    schedule()


def renumber():
    jobs = document.select("#jobs > li.job")
    for i, li in enumerate(jobs):
        for span in li.select("[data-job-number]"):
            span.text = str(i + 1)
    el("jobs-empty").hidden = bool(jobs)


# --- form behaviour -------------------------------------------------------------------

SCALES = {}


def update_scale(prefix):
    """Match the score fields to the chosen test's own scale (TEF's depends on the test date)."""
    test = val(prefix + "-test")
    if not test:
        el(prefix + "-scale").text = ""
        return
    attrs, note = form_module().scale_view(SCALES, test, val(prefix + "-date") or today())
    el(prefix + "-scale").text = note
    for ability, values in attrs.items():
        node = el(prefix + "-" + ability)
        for key, value in values.items():
            node.attrs[key] = value


def sync_visibility():
    el("spouse-details").hidden = not el("f-spouse-yes").checked
    for prefix in LANG_BLOCKS + ("s",):
        update_scale(prefix)


def on_input(ev):
    target = ev.target
    ident = target.id or ""
    if ident.endswith("-noc"):
        code = target.value.strip()
        if len(code) == 5 and code.isdigit():
            PORT.set_value(ident[:-3] + "teer", code[1])
    prefix = ident.split("-", 1)[0]
    if prefix in LANG_BLOCKS + ("s",) and (ident.endswith("-test") or ident.endswith("-date")):
        update_scale(prefix)
    if target.attrs.get("name") == "spouse":
        sync_visibility()
    schedule()


def on_change(ev):
    ident = ev.target.id
    if ident:
        S["touched"].add(ident)
    on_input(ev)


def closest(node, selector):
    """The nearest ancestor (or the node itself) matching ``selector``, or None."""
    try:
        return node.closest(selector)
    except KeyError:  # Brython raises instead of returning null
        return None


def on_click(ev):
    button = closest(ev.target, "button[data-action]")
    if button is None:
        return
    action = button.attrs["data-action"]
    if action == "add-job":
        add_job()
    elif action == "remove-job":
        remove_job(button.attrs["data-job"])
    elif action == "print":
        window.print()
    elif action == "copy-link":
        copy_link()
    elif action == "start-over":
        start_over()


def copy_link():
    try:
        window.navigator.clipboard.writeText(window.location.href)
        announce("Link copied. Anyone who opens it sees these answers; nothing is stored anywhere else.")
    except Exception:
        announce("Copy the address from your browser's address bar to share these answers.")


def start_over():
    fill({})
    S["touched"] = set()
    S["show_all"] = False
    S["last_hash"] = None
    window.history.replaceState(javascript.NULL, "", window.location.pathname + window.location.search)
    clear_errors()
    assess_now(write_address=False)
    el("f-birth-date").focus()
    announce("All answers cleared.")


def schedule():
    if S["timer"] is not None:
        window.clearTimeout(S["timer"])
    HTML.attrs["data-pending"] = "true"
    S["timer"] = window.setTimeout(assess_now, DEBOUNCE_MS)


def assess_now(write_address=True):
    S["timer"] = None
    answers, ids, statuses = collect()
    S["ids"] = ids
    S["statuses"] = statuses
    S["answers"] = answers
    if write_address:
        set_address(answers)
    S["seq"] += 1
    if "data-pending" in HTML.attrs:
        del HTML.attrs["data-pending"]
    HTML.attrs["data-sent-seq"] = str(S["seq"])
    message = {"type": "assess", "id": S["seq"], "answers": answers, "today": today()}
    if S["engine"]:
        S["sent_at"] = window.performance.now()
        S["worker"].send(message)
    else:
        S["pending"] = message
    show_job_statuses(statuses, None)


# --- errors ---------------------------------------------------------------------------

def clear_errors():
    for node in document.select(".field-error"):
        node.remove()
    for node in document.select("[aria-invalid]"):
        del node.attrs["aria-invalid"]
        described = (node.attrs.get("aria-describedby") or "").replace(node.id + "-error", "").strip()
        if described:
            node.attrs["aria-describedby"] = described
        elif "aria-describedby" in node.attrs:
            del node.attrs["aria-describedby"]
    el("error-summary").hidden = True


def label_of(ident):
    for lab in document.select('label[for="%s"]' % ident):
        return lab.text.strip()
    return ident


def show_errors(errors):
    clear_errors()
    r = renderer()
    shown = []
    for ident, message in form_module().error_targets(errors, S["ids"], S["touched"], S["show_all"]):
        node = el(ident)
        if node is None:
            continue
        node.attrs["aria-invalid"] = "true"
        node.attrs["aria-describedby"] = ((node.attrs.get("aria-describedby") or "") + " " + ident + "-error").strip()
        text = label_of(ident) + " " + message
        (closest(node, ".field, .check") or node.parentElement).insertAdjacentHTML("beforeend", r.field_error_html(ident, text))
        shown.append((ident, text))
    if shown:
        el("error-list").html = r.error_list_html(shown)
        el("error-summary").hidden = False
    return shown


# --- showing the result (the HTML comes from the pure module cec_render) ----------------

RENDER = {}


def renderer():
    """checker/render.py, loaded in its own task after the form is ready (see start)."""
    if "module" not in RENDER:
        import cec_render
        RENDER["module"] = cec_render
    return RENDER["module"]


def render(result, answers):
    r = renderer()
    guide = window.location.pathname.rsplit("/checker/", 1)[0] + "/rounds/"
    v = r.view(result, guide)
    for name, (text, value) in v["hooks"].items():
        for node in document.select('[data-result="%s"]' % name):
            node.text = text
            if value is not None:
                node.attrs["data-value"] = value
    progress = el("cec-progress")
    progress.attrs["max"] = str(v["progress"][0])
    progress.attrs["value"] = str(v["progress"][1])
    for ident, text in v["text"].items():
        el(ident).text = text
    for ident, html in v["html"].items():
        el(ident).html = html
    el("notes-card").hidden = not v["notes"]
    show_job_statuses(S.get("statuses") or {}, v["jobs"])
    el("answers-summary-body").html = r.answers_summary_html(answers, today())
    return v["announce"]


def show_job_statuses(statuses, job_views):
    """Each job's line: incomplete, counts, or why it does not count (job_views from the last result)."""
    by_uid = {}
    if job_views is not None:
        for i, uid in enumerate(S["job_order"]):
            if i < len(job_views):
                by_uid[uid] = job_views[i]
    for li in document.select("#jobs > li.job"):
        uid = li.attrs["data-job"]
        node = el("job-" + uid + "-status")
        if uid in statuses:
            node.text, node.attrs["class"] = statuses[uid], "job-status"
        elif uid in by_uid:
            node.text, node.attrs["class"] = by_uid[uid]
        elif job_views is not None:
            node.text = ""


# --- the engine (web worker) --------------------------------------------------------------

def on_worker_message(ev):
    data = ev.data
    kind = data["type"]
    if kind == "ready":
        S["engine"] = True
        HTML.attrs["data-engine-ms"] = "%.0f" % window.performance.now()
        HTML.attrs["data-checker-engine"] = "ready"
        if S["pending"] is not None:
            message, S["pending"] = S["pending"], None
            S["sent_at"] = window.performance.now()
            S["worker"].send(message)
        return
    if data.get("id") != S["seq"]:
        return  # an older answer; a newer one is on its way
    HTML.attrs["data-assess-ms"] = "%.2f" % data.get("ms", 0)
    status = el("results-status")
    results = el("results")
    if kind == "result":
        clear_errors()
        result = data["result"]
        answers = S.get("answers") or {}
        said = render(result, answers)
        results.classList.remove("stale")
        status.text = renderer().status_text("result", answers)
        announce(said)
        HTML.attrs["data-result-ms"] = "%.1f" % (window.performance.now() - S["sent_at"])
        if "data-first-result-ms" not in HTML.attrs:
            HTML.attrs["data-first-result-ms"] = "%.0f" % window.performance.now()
        HTML.attrs["data-result-seq"] = str(data["id"])
    elif kind == "invalid":
        shown = show_errors(data["errors"])
        results.classList.add("stale")
        status.text = renderer().status_text("invalid", errors=len(data["errors"]), shown=len(shown))
        if shown:
            announce(renderer().errors_announcement(len(shown)))
        HTML.attrs["data-result-seq"] = str(data["id"])
    else:
        window.console.error("checker engine: " + str(data.get("message")))
        status.text = "The checker hit an internal error. Please report it; the guides explain every rule."


def on_worker_ready(w):
    S["worker"] = w
    w.send({"type": "init", "rules": el("rules-data").text, "rounds": el("rounds-data").text})


def on_worker_error(ev):
    window.console.error("checker engine failed to start")
    el("results-status").text = "The checker could not start in this browser. The guides explain every rule."


# --- start ----------------------------------------------------------------------------------

def start():
    """Wire the form and mark the page ready; the engine and the renderer follow in their own tasks.

    Brython compiles each module on the main thread. Splitting the start into
    short tasks (interface, then the web worker, then the result renderer) keeps
    the page responsive while it loads.
    """
    SCALES.update(javascript.JSON.parse(el("scales-data").text))
    form = el("checker-form")
    form.bind("input", on_input)
    form.bind("change", on_change)
    form.bind("click", on_click)
    form.bind("submit", lambda ev: ev.preventDefault())
    el("results").bind("click", on_click)
    window.bind("beforeprint", lambda ev: el("crs-details").setAttribute("open", ""))
    restored = answers_from_address()
    if restored is not None:
        fill(restored)
        S["show_all"] = True
    else:
        sync_visibility()
    el("results-status").text = "Starting the checker…"
    HTML.attrs["data-ready-ms"] = "%.0f" % window.performance.now()
    HTML.attrs["data-checker-ready"] = "true"
    window.setTimeout(lambda: start_engine(restored is not None), 0)


def start_engine(restored):
    from browser import worker  # Brython's web-worker support, loaded after the form is ready
    worker.create_worker("checker-engine", on_worker_ready, on_worker_message, on_worker_error)
    window.setTimeout(lambda: first_assessment(restored), 0)


def first_assessment(restored):
    form_module()
    window.setTimeout(lambda: (renderer(), assess_now(write_address=restored)), 0)
