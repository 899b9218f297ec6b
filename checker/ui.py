"""The checker page's user interface: the only module that touches the browser.

It wires the form, keeps the answers in the address (``#a=`` + base64url of
the compact JSON, contract §4) and hands each change to the rules engine in a
web worker. It holds no rule and no result wording: the worker
(``checker.page``) turns a snapshot of the form into the answers document and
a *view* (the text, HTML and attributes of each element), which this module
puts in place. A shared link is put back into the form by the pure
``checker/form.py`` (bundled as ``cec_form``).

Both modules are compiled to JavaScript when the site is built, so the page
does not compile Python on its main thread before it is ready.
"""

from browser import document, window
import javascript
import cec_form

DEBOUNCE_MS = 250
HTML = document.documentElement
FIELDS = "#checker-form input, #checker-form select, #checker-form textarea"
S = {"worker": None, "engine": False, "seq": 0, "timer": None, "touched": set(), "show_all": False,
     "next_uid": 2, "last_hash": None, "pending": None, "write_address": False, "announced": "", "sent_at": 0}
SCALES = {}


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


def closest(node, selector):
    """The nearest ancestor (or the node itself) matching ``selector``, or None."""
    try:
        return node.closest(selector)
    except KeyError:  # Brython raises instead of returning null
        return None


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


# --- the form ------------------------------------------------------------------------

def job_blocks():
    return document.select("#jobs > li.job")


def fill(answers):
    """Put an answers document (from a shared link) into the form, as cec_form.fill says."""
    el("checker-form").reset()
    for li in job_blocks():
        li.remove()
    plan = cec_form.fill(answers)
    for job in plan["jobs"]:
        set_fields(job, "job-" + add_job(focus=False) + "-")
    set_fields(plan["fields"], "")
    sync_visibility()


def set_fields(fields, prefix):
    for ident, value in fields.items():
        node = el(prefix + ident)
        if node is None:
            continue
        if value is True or value is False:
            node.checked = value
        else:
            node.value = value


def snapshot():
    """The form as checker.page reads it: values, ticked boxes, unreadable numbers, job blocks."""
    values, checked, bad = {}, [], []
    for node in document.select(FIELDS):
        ident = node.id
        if not ident:
            continue
        if node.type in ("checkbox", "radio"):
            if node.checked:
                checked.append(ident)
        else:
            values[ident] = node.value
            if node.validity.badInput:
                bad.append(ident)
    return {"values": values, "checked": checked, "bad": bad, "jobs": [li.attrs["data-job"] for li in job_blocks()]}


def add_job(focus=True):
    uid = str(S["next_uid"])
    S["next_uid"] += 1
    html = el("job-template").innerHTML.replace("__ID__", uid).replace("__N__", "")
    el("jobs").insertAdjacentHTML("beforeend", html)
    renumber()
    if focus:
        el("job-" + uid + "-title").focus()
        announce("Job %d added." % len(job_blocks()))
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
    jobs = job_blocks()
    for i, li in enumerate(jobs):
        for span in li.select("[data-job-number]"):
            span.text = str(i + 1)
    el("jobs-empty").hidden = bool(jobs)


def update_scale(prefix):
    """Match the score fields to the chosen test's own scale (TEF's depends on the test date)."""
    chosen = cec_form.scale_for(SCALES.get(val(prefix + "-test")), val(prefix + "-date") or today())
    el(prefix + "-scale").text = chosen["note"] if chosen else ""
    if chosen:
        for ability, attrs in chosen["attrs"].items():
            node = el(prefix + "-" + ability)
            for key, value in attrs.items():
                node.attrs[key] = value


def sync_visibility():
    el("spouse-details").hidden = not el("f-spouse-yes").checked
    for prefix in ("l1", "l2", "s"):
        update_scale(prefix)


def on_input(ev):
    target = ev.target
    ident = target.id or ""
    if ident.endswith("-noc"):
        code = target.value.strip()
        if len(code) == 5 and code.isdigit():
            set_fields({ident[:-3] + "teer": code[1]}, "")  # a NOC 2021 code's second digit is its TEER
    prefix = ident.split("-", 1)[0]
    if prefix in ("l1", "l2", "s") and (ident.endswith("-test") or ident.endswith("-date")):
        update_scale(prefix)
    if target.attrs.get("name") == "spouse":
        sync_visibility()
    schedule()


def on_change(ev):
    if ev.target.id:
        S["touched"].add(ev.target.id)
    on_input(ev)


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


# --- the engine (web worker) --------------------------------------------------------------

def cancel_timer():
    if S["timer"] is not None:
        window.clearTimeout(S["timer"])
        S["timer"] = None


def schedule():
    cancel_timer()
    HTML.attrs["data-pending"] = "true"
    S["timer"] = window.setTimeout(assess_now, DEBOUNCE_MS)


def assess_now(write_address=True):
    cancel_timer()  # a change still waiting is part of this assessment (or, after Start over, gone)
    S["seq"] += 1
    S["write_address"] = write_address
    if "data-pending" in HTML.attrs:
        del HTML.attrs["data-pending"]
    HTML.attrs["data-sent-seq"] = str(S["seq"])
    message = {"type": "form", "id": S["seq"], "form": snapshot(), "today": today(), "touched": list(S["touched"]),
               "show_all": S["show_all"],
               "rounds_guide": window.location.pathname.rsplit("/checker/", 1)[0] + "/rounds/"}
    if S["engine"]:
        send(message)
    else:
        S["pending"] = message


def send(message):
    S["sent_at"] = window.performance.now()
    S["worker"].send(message)


def on_worker_message(ev):
    data = ev.data
    if data["type"] == "ready":
        S["engine"] = True
        HTML.attrs["data-engine-ms"] = "%.0f" % window.performance.now()
        HTML.attrs["data-checker-engine"] = "ready"
        if S["pending"] is not None:
            message, S["pending"] = S["pending"], None
            send(message)
        return
    if data.get("id") != S["seq"]:
        return  # an older answer; a newer one is on its way
    if data["type"] != "view":
        window.console.error("checker engine: " + str(data.get("message")))
        el("results-status").text = "The checker hit an internal error. Please report it; the guides explain every rule."
        return
    HTML.attrs["data-assess-ms"] = "%.2f" % data.get("ms", 0)
    if S["write_address"]:
        set_address(data["answers"])
    view = data["view"]
    show(view)
    HTML.attrs["data-result-ms"] = "%.1f" % (window.performance.now() - S["sent_at"])
    if not view["stale"] and "data-first-result-ms" not in HTML.attrs:
        HTML.attrs["data-first-result-ms"] = "%.0f" % window.performance.now()
    HTML.attrs["data-result-seq"] = str(data["id"])


def show(view):
    """Put a view from checker.page in place."""
    clear_errors()
    for name, (text, value) in view["hooks"].items():
        for node in document.select('[data-result="%s"]' % name):
            node.text = text
            if value is not None:
                node.attrs["data-value"] = value
    for ident, text in view["text"].items():
        el(ident).text = text
    for ident, html in view["html"].items():
        el(ident).html = html
    for ident, attrs in view["attrs"].items():
        for key, value in attrs.items():
            el(ident).attrs[key] = value
    for ident, hidden in view["hidden"].items():
        el(ident).hidden = hidden
    for ident, (text, cls) in view["statuses"].items():
        node = el(ident)
        if node is not None:
            node.text, node.attrs["class"] = text, cls
    el("results").classList.toggle("stale", view["stale"])
    show_errors(view["errors"])
    announce(view["announce"])


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


def element(tag, text, attrs):
    node = document.createElement(tag)
    node.text = text
    for key, value in attrs.items():
        node.attrs[key] = value
    return node


def show_errors(errors):
    """Each error beside its field (named by its label) and, linked, in the summary at the top."""
    listing = el("error-list")
    listing.html = ""
    shown = 0
    for ident, message in errors:
        node = el(ident)
        if node is None:
            continue
        labels = document.select('label[for="%s"]' % ident)
        text = (labels[0].text.strip() if labels else ident) + " " + message
        node.attrs["aria-invalid"] = "true"
        node.attrs["aria-describedby"] = ((node.attrs.get("aria-describedby") or "") + " " + ident + "-error").strip()
        box = closest(node, ".field, .check") or node.parentElement
        box.appendChild(element("p", text, {"class": "field-error", "id": ident + "-error"}))
        item = document.createElement("li")
        item.appendChild(element("a", text, {"href": "#" + ident}))
        listing.appendChild(item)
        shown += 1
    el("error-summary").hidden = not shown


def on_worker_ready(w):
    S["worker"] = w
    w.send({"type": "init", "rules": el("rules-data").text, "rounds": el("rounds-data").text})


def on_worker_error(ev):
    window.console.error("checker engine failed to start")
    el("results-status").text = "The checker could not start in this browser. The guides explain every rule."


# --- start ----------------------------------------------------------------------------------

def start():
    """Wire the form (filled from a shared link, if any) and mark the page ready; the engine starts next."""
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
        fill(restored)  # cec_form.fill takes any JSON: a damaged link fills what it can
        S["show_all"] = True
    else:
        sync_visibility()
    el("results-status").text = "Starting the checker…"
    HTML.attrs["data-ready-ms"] = "%.0f" % window.performance.now()
    HTML.attrs["data-checker-ready"] = "true"
    window.setTimeout(lambda: start_engine(restored is not None), 0)


def start_engine(restored):
    from browser import worker  # Brython's web-worker support
    worker.create_worker("checker-engine", on_worker_ready, on_worker_message, on_worker_error)
    assess_now(write_address=restored)
