"""The checker page's user interface: the only module that touches the browser.

It wires the form, keeps the answers in the address (``#a=`` + base64url of
the compact JSON, contract §4) and hands each change to the rules engine in a
web worker. It holds no rule and no result wording: the worker
(``checker.page.view``) turns a snapshot of the form into the answers document
and a *view* (the text, HTML and attributes of each element), which this module
puts in place. A shared link is put back into the form by the pure
``checker/page/form.py`` (bundled as ``cec_form``). The few sentences it says
itself are the catalog's ``ui.*`` messages, embedded in the page in its language.

A link never loses what it holds: a value the form cannot take is shown as an
error on its field, with the text the link had, and the address is not
rewritten until the person changes something. A new link pasted into the
address bar replaces the answers, with an undo.

Each NOC field is a combobox (the NOC finder): typing a job title lists the NOC 2021 unit groups that
match, and choosing one fills the code and the job's TEER. Its search (``checker/page/nocsearch.py``,
bundled as ``cec_noc``) and its index are fetched the first time a NOC field gets the focus, so the
page's first load carries neither.

The modules are compiled to JavaScript when the site is built, so the page
does not compile Python on its main thread before it is ready.
"""

from browser import document, window
import javascript
import cec_form

DEBOUNCE_MS = 250
MAX_LINK = 60000            # characters after "#a=": far beyond any real set of answers
HTML = document.documentElement
FIELDS = "#checker-form input, #checker-form select, #checker-form textarea"
S = {"worker": None, "engine": False, "seq": 0, "timer": None, "touched": set(), "show_all": False,
     "next_uid": 2, "last_hash": None, "pending": None, "write_address": False, "announced": "", "sent_at": 0,
     "rejected": {}, "typing": None, "undo": None, "max_jobs": 30, "engine_ms": 0,
     "ideas_shown": False}
SCALES = {}
WORDS = {}


def say(key, **values):
    """The page's own ``ui.<key>`` message, with its {name} values put in."""
    text = WORDS.get("ui." + key, key)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


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
    """(answers or None, problem or None): the answers of a shared link, and why a link could not be used."""
    h = window.location.hash
    if not h.startswith("#a="):
        return None, None
    token = h[3:]
    if len(token) > MAX_LINK:
        return None, "too_long"
    try:
        answers = decode(token)
    except Exception:
        return None, "damaged"
    if not isinstance(answers, dict):
        return None, "damaged"
    jobs = answers.get("jobs")
    if isinstance(jobs, list) and len(jobs) > S["max_jobs"]:
        return None, "too_many_jobs"
    return answers, None


def set_address(answers):
    token = encode(answers)
    if token != S["last_hash"]:
        S["last_hash"] = token
        window.history.replaceState(javascript.NULL, "", "#a=" + token)
    follow_address()


def clear_address():
    S["last_hash"] = None
    window.history.replaceState(javascript.NULL, "", window.location.pathname + window.location.search)
    follow_address()


def follow_address():
    """The language switch leads to the same answers in the other language: it carries the address's #a=."""
    switch = document.getElementById("lang-switch")
    if switch is not None:
        hash_part = window.location.hash
        switch.attrs["href"] = switch.attrs["href"].split("#")[0] + (hash_part if hash_part.startswith("#a=") else "")


# --- the form ------------------------------------------------------------------------

def job_blocks():
    return document.select("#jobs > li.job")


def fill(answers):
    """Put an answers document (from a shared link) into the form, as cec_form.fill says; a value a field
    cannot take is remembered, to be shown as an error with the text the link had."""
    el("checker-form").reset()
    finder_reset()
    for li in job_blocks():
        li.remove()
    S["rejected"] = {}
    plan = cec_form.fill(answers)
    html = el("job-template").innerHTML
    blocks = []
    uids = []
    for _job in plan["jobs"]:  # every block at once: one insertion, not one per job
        uid = str(S["next_uid"])
        S["next_uid"] += 1
        uids.append(uid)
        blocks.append(html.replace("__ID__", uid).replace("__N__", ""))
    el("jobs").insertAdjacentHTML("beforeend", "".join(blocks))
    for uid, job in zip(uids, plan["jobs"]):
        set_fields(job, "job-" + uid + "-")
    renumber()
    set_fields(plan["fields"], "")
    sync_visibility()


def set_fields(fields, prefix):
    for ident, value in fields.items():
        node = el(prefix + ident)
        if node is None:
            continue
        if value is True or value is False:
            node.checked = value
            continue
        node.value = value
        if value and node.value != value:  # a date or a choice the field cannot hold
            S["rejected"][prefix + ident] = value


def snapshot():
    """The form as checker.page.view reads it: values, ticked boxes, unreadable numbers, job blocks, and the
    values of a link that no field could take."""
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
    return {"values": values, "checked": checked, "bad": bad, "jobs": [li.attrs["data-job"] for li in job_blocks()],
            "rejected": dict(S["rejected"])}


def add_job(focus=True):
    if len(job_blocks()) >= S["max_jobs"]:
        el("jobs-limit").hidden = False
        announce(el("jobs-limit").text)
        return None
    uid = str(S["next_uid"])
    S["next_uid"] += 1
    html = el("job-template").innerHTML.replace("__ID__", uid).replace("__N__", "")
    el("jobs").insertAdjacentHTML("beforeend", html)
    renumber()
    if focus:
        el("job-" + uid + "-title").focus()
        announce(say("job_added", n=len(job_blocks())))
    return uid


def remove_job(uid):
    li = el("job-" + uid)
    if li is None:
        return
    li.remove()
    renumber()
    el("add-job").focus()
    announce(say("job_removed"))
    schedule()


def renumber():
    jobs = job_blocks()
    for i, li in enumerate(jobs):
        for span in li.select("[data-job-number]"):
            span.text = str(i + 1)
    el("jobs-empty").hidden = bool(jobs)
    full = len(jobs) >= S["max_jobs"]
    el("add-job").disabled = full
    el("jobs-limit").hidden = not full


def update_scale(prefix):
    """Match the score fields to the chosen test's own scale (TEF's depends on the test date)."""
    chosen = cec_form.scale_for(SCALES.get(val(prefix + "-test")), val(prefix + "-date") or today())
    el(prefix + "-scale").text = chosen["note"] if chosen else ""


def sync_visibility():
    el("spouse-details").hidden = not el("f-spouse-yes").checked
    for prefix in ("l1", "l2", "s"):
        update_scale(prefix)


def on_input(ev):
    target = ev.target
    ident = target.id or ""
    S["rejected"].pop(ident, None)
    S["write_address"] = True  # the person changed something: the address may follow now
    if ev.type == "input" and target.type not in ("checkbox", "radio") and target.tagName != "SELECT":
        S["typing"] = ident  # no error for the field being typed in until it is left
    if ident.endswith("-noc"):
        code = target.value.strip()
        if len(code) == 5 and all(c in "0123456789" for c in code) and ident.startswith("job-"):
            set_fields({ident[:-3] + "teer": code[1]}, "")  # a NOC 2021 code's second digit is its TEER
        if ev.type == "input" and "data-noc-finder" in target.attrs:
            finder_update(target)
            if not all(c in "0123456789" for c in code):
                return  # words typed to search: not an answer until an occupation is chosen or the field is left
    prefix = ident.split("-", 1)[0]
    if prefix in ("l1", "l2", "s") and (ident.endswith("-test") or ident.endswith("-date")):
        update_scale(prefix)
    if target.attrs.get("name") == "spouse":
        sync_visibility()
    schedule()


def on_change(ev):
    target = ev.target
    if target.tagName == "INPUT" and target.type in ("date", "text") and document.activeElement == target:
        # a date field changes with each complete date typed: its error waits until the field is left
        S["typing"] = target.id
        on_input(ev)
        return
    if target.id:
        S["touched"].add(target.id)
    S["typing"] = None
    on_input(ev)
    S["typing"] = None


def on_focusout(ev):
    """Leaving a field shows its error, if it has one (the next assessment is sent at once)."""
    ident = ev.target.id or ""
    if "data-noc-finder" in ev.target.attrs:
        finder_close(ident)
    if ident and S["typing"] == ident:
        S["touched"].add(ident)
        S["typing"] = None
        schedule()


def on_click(ev):
    option = closest(ev.target, "[role=option]")
    if option is not None:
        finder_choose(option.attrs["data-field"], int(option.attrs["data-index"]))
        return
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
    elif action == "undo-link":
        undo()


def feedback(text):
    el("action-feedback").text = text
    announce(text)


def copy_link():
    def done(_=None):
        feedback(say("link_copied"))

    def failed(_=None):
        feedback(say("copy_by_hand"))

    try:
        window.navigator.clipboard.writeText(window.location.href).then(done, failed)
    except Exception:
        failed()


def current_answers():
    """The answers now in the address, or None (for undo)."""
    answers, _problem = answers_from_address()
    return answers


def show_link_notice(text, can_undo):
    el("link-notice-text").text = text
    el("undo-link").hidden = not can_undo
    el("link-notice").hidden = False


def start_over():
    """Empty the form; the previous answers can be put back (Undo)."""
    S["undo"] = current_answers()
    fill({})
    S["touched"] = set()
    S["show_all"] = False
    clear_address()
    clear_errors()
    assess_now(write_address=False)
    show_link_notice(say("cleared"), S["undo"] is not None)
    el("f-birth-date").focus()
    announce(say("cleared"))


def undo():
    answers = S["undo"]
    S["undo"] = None
    el("link-notice").hidden = True
    if answers is None:
        return
    fill(answers)
    S["show_all"] = True
    assess_now(write_address=True)
    announce(say("restored"))


def on_hash_change(ev):
    """A new link pasted into the address bar: its answers replace the form's (with an undo)."""
    if window.location.hash.startswith("#a=") and window.location.hash[3:] == S["last_hash"]:
        return  # our own update of the address
    previous = S["last_answers"] if "last_answers" in S else None
    restore(previous_answers=previous)
    follow_address()


def restore(previous_answers=None):
    """Fill the form from the address, and say what happened to the link."""
    answers, problem = answers_from_address()
    if problem:
        if previous_answers is not None:  # pasted into an open checker: the form is emptied, as the notice says
            S["undo"] = previous_answers
            S["last_hash"] = window.location.hash[3:]  # the address holds the damaged link now; Undo rewrites it
            fill({})
            S["touched"] = set()
            S["show_all"] = False
            clear_errors()
            assess_now(write_address=False)
        show_link_notice(say("link_" + problem), previous_answers is not None)
        el("error-summary").hidden = True
        return False
    if answers is None:
        return False
    fill(answers)
    S["show_all"] = True
    S["write_address"] = False  # the address stays as it was until the person changes something
    S["last_hash"] = window.location.hash[3:]
    if previous_answers is not None:
        S["undo"] = previous_answers
        show_link_notice(say("link_replaced"), True)
    elif S["rejected"]:
        show_link_notice(say("link_partly"), False)
    assess_now(write_address=False)
    return True


# --- the NOC finder: each NOC field is a combobox (ARIA 1.2, list autocomplete) ---------------------

FINDER = {"state": "idle", "module": None, "data": None, "index": None, "field": None, "results": [], "active": -1}
FINDER_LIMIT = 8
WARM_UP = ("c", "re s", "212")  # a letter, two words begun, a code
DIGITS = "0123456789"


def finder_start():
    """Fetch the finder's module and its index, once; build the index in short steps when both are here."""
    if FINDER["state"] != "idle":
        return
    FINDER["state"] = "loading"
    form = el("checker-form")
    script = document.createElement("script")
    script.src = form.attrs["data-noc-bundle"]
    script.bind("load", lambda ev: finder_part("module", True))
    script.bind("error", lambda ev: finder_failed())
    document.head.appendChild(script)

    def got(response):
        if not response.ok:
            finder_failed()
            return
        response.text().then(lambda text: finder_part("data", text), lambda err: finder_failed())

    window.fetch(form.attrs["data-noc-index"]).then(got, lambda err: finder_failed())


def finder_part(name, value):
    FINDER[name] = value
    if FINDER["state"] != "loading" or not FINDER["module"] or FINDER["data"] is None:
        return
    try:
        FINDER["module"] = __import__("cec_noc")  # hidden from the bundler: it comes with noc_finder.js
        steps = FINDER["module"].load_steps(javascript.JSON.parse(FINDER["data"]))
    except Exception as exc:
        window.console.error("NOC finder: " + str(exc))
        finder_failed()
        return
    FINDER["data"] = None
    finder_step(steps)


def finder_step(steps):
    """One step of building the index, then let the browser run (each step takes a few milliseconds)."""
    try:
        item = next(steps)
    except Exception as exc:
        window.console.error("NOC finder: " + str(exc))
        finder_failed()
        return
    if item is None:
        window.setTimeout(lambda: finder_step(steps), 0)
        return
    FINDER["index"] = item
    for warm in WARM_UP:  # the browser compiles the search's hot paths now, not on the first keystrokes
        FINDER["module"].search(item, warm, FINDER_LIMIT)
    FINDER["state"] = "ready"
    HTML.attrs["data-noc-finder"] = "ready"
    field = el(FINDER["field"]) if FINDER["field"] else None
    if field is not None and document.activeElement is not None and document.activeElement.id == field.id:
        finder_update(field)


def finder_failed():
    FINDER["state"] = "failed"
    if FINDER["field"] and el(FINDER["field"]) is not None and el(FINDER["field"]).value.strip():
        el(FINDER["field"] + "-status").text = say("noc_failed")


def finder_update(node):
    """The list for what the NOC field holds now: the unit groups that match its words or the start of its code."""
    ident = node.id
    FINDER["field"] = ident
    query = node.value.strip()
    status = el(ident + "-status")
    if not query:
        finder_close(ident)
        status.text = ""
        return
    if FINDER["state"] != "ready":
        finder_start()
        status.text = say("noc_failed") if FINDER["state"] == "failed" else say("noc_loading")
        return
    started = window.performance.now()
    results = FINDER["module"].search(FINDER["index"], query, FINDER_LIMIT)
    code = len(query) == 5 and all(c in DIGITS for c in query)
    if code and results and results[0]["code"] == query:
        finder_close(ident)  # a whole code: say which unit group it is, nothing to choose
        r = results[0]
        status.text = say("noc_code", code=r["code"], title=r["title"], teer=r["teer"])
        return
    if not results:
        finder_close(ident)
        status.text = say("noc_unknown_code", code=query) if code else say("noc_none", query=query)
        return
    finder_render(ident, results)
    status.text = say("noc_count_one") if len(results) == 1 else say("noc_count", n=len(results))
    HTML.attrs["data-noc-search-ms"] = "%.1f" % (window.performance.now() - started)  # for bench/bench_noc.py


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def finder_render(ident, results):
    """The options, as one piece of HTML (one DOM update for a keystroke)."""
    parts = []
    for i, r in enumerate(results):
        matched = ""
        if r["matched"] != r["title"]:  # read after a comma, shown on a line of its own
            matched = ('<span class="visually-hidden">, </span><span class="noc-matched">%s</span>'
                       % escape(say("noc_matched", matched=r["matched"])))
        parts.append('<li role="option" id="%s-opt-%d" aria-selected="false" class="noc-option" data-index="%d" '
                     'data-field="%s"><span class="noc-code">%s</span> <span class="noc-title">%s</span>, '
                     '<span class="noc-teer">%s</span>%s</li>'
                     % (ident, i, i, ident, escape(r["code"]), escape(r["title"]),
                        escape(say("noc_teer", teer=r["teer"])), matched))
    listbox = el(ident + "-list")
    listbox.html = "".join(parts)
    FINDER["results"] = results
    FINDER["active"] = -1
    listbox.hidden = False
    node = el(ident)
    node.attrs["aria-expanded"] = "true"
    if "aria-activedescendant" in node.attrs:
        del node.attrs["aria-activedescendant"]


def finder_close(ident):
    listbox = el(ident + "-list")
    if listbox is None:
        return
    listbox.hidden = True
    listbox.html = ""
    node = el(ident)
    node.attrs["aria-expanded"] = "false"
    if "aria-activedescendant" in node.attrs:
        del node.attrs["aria-activedescendant"]
    if FINDER["field"] == ident:
        FINDER["results"] = []
        FINDER["active"] = -1


def finder_reset():
    """Close every list and clear every finder status (the form is being emptied or refilled)."""
    for node in document.select("[data-noc-finder]"):
        finder_close(node.id)
        el(node.id + "-status").text = ""


def finder_move(ident, step):
    """Make the next (step 1) or previous (step -1) option the active one, wrapping round."""
    n = len(FINDER["results"])
    if not n:
        return
    old = FINDER["active"]
    new = (0 if step > 0 else n - 1) if old < 0 else (old + step) % n
    if old >= 0 and el(ident + "-opt-" + str(old)) is not None:
        el(ident + "-opt-" + str(old)).attrs["aria-selected"] = "false"
    option = el(ident + "-opt-" + str(new))
    option.attrs["aria-selected"] = "true"
    FINDER["active"] = new
    el(ident).attrs["aria-activedescendant"] = option.id
    option.scrollIntoView({"block": "nearest"})


def finder_choose(ident, i):
    """Fill the NOC field (and the job's TEER) from option i, as if the person had typed the code."""
    if FINDER["field"] != ident or not (0 <= i < len(FINDER["results"])):
        return
    r = FINDER["results"][i]
    node = el(ident)
    node.value = r["code"]
    finder_close(ident)
    el(ident + "-status").text = say("noc_chosen", code=r["code"], title=r["title"], teer=r["teer"])
    teer = node.attrs.get("data-teer")
    if teer:
        el(teer).value = str(r["teer"])
        S["rejected"].pop(teer, None)
    S["rejected"].pop(ident, None)
    S["touched"].add(ident)
    S["typing"] = None
    S["write_address"] = True
    schedule()


def on_keydown(ev):
    node = ev.target
    if "data-noc-finder" not in node.attrs:
        return
    ident = node.id
    key = ev.key
    listbox = el(ident + "-list")
    shown = not listbox.hidden
    if key in ("ArrowDown", "ArrowUp"):
        ev.preventDefault()
        if not shown:
            finder_update(node)
        if not el(ident + "-list").hidden:
            finder_move(ident, 1 if key == "ArrowDown" else -1)
    elif key == "Enter":
        ev.preventDefault()  # never submits the form
        if shown and FINDER["active"] >= 0:
            finder_choose(ident, FINDER["active"])
    elif key == "Escape" and shown:
        ev.preventDefault()
        finder_close(ident)
    elif key == "Tab" and shown:
        finder_close(ident)


def on_focusin(ev):
    if "data-noc-finder" in ev.target.attrs:
        FINDER["field"] = ev.target.id
        finder_start()  # the index loads when someone first comes to a NOC field


def on_mousedown(ev):
    if closest(ev.target, "[role=option]") is not None:
        ev.preventDefault()  # the NOC field keeps the focus while an option is clicked


# --- the engine (web worker) --------------------------------------------------------------

def cancel_timer():
    if S["timer"] is not None:
        window.clearTimeout(S["timer"])
        S["timer"] = None


def schedule():
    cancel_timer()
    HTML.attrs["data-pending"] = "true"
    S["timer"] = window.setTimeout(lambda: assess_now(write_address=S["write_address"]), DEBOUNCE_MS)


def site_root():
    """The path of this language's site root (the page gives it relative to itself)."""
    return window.URL.new(el("checker-form").attrs.get("data-site-root", "../"), window.location.href).pathname


def assess_now(write_address=True):
    cancel_timer()  # a change still waiting is part of this assessment (or, after Start over, gone)
    S["seq"] += 1
    S["write_address"] = write_address
    if "data-pending" in HTML.attrs:
        del HTML.attrs["data-pending"]
    HTML.attrs["data-sent-seq"] = str(S["seq"])
    touched = set(S["touched"])
    if S["typing"]:
        touched.discard(S["typing"])
    message = {"type": "form", "id": S["seq"], "form": snapshot(), "today": today(), "touched": list(touched),
               "show_all": S["show_all"], "root": site_root()}
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
        el("results-status").text = say("internal_error")
        return
    if data.get("step") == "suggestions":  # the second message: the suggestions, worked out after the rest
        show_part(data["view"])
        S["ideas_shown"] = True
        S["engine_ms"] += data.get("ms", 0)
        if "data-first-complete-ms" not in HTML.attrs:
            HTML.attrs["data-first-complete-ms"] = "%.0f" % window.performance.now()
        drawn(data["id"])
        return
    S["engine_ms"] = data.get("ms", 0)
    S["last_answers"] = data["answers"]
    if S["write_address"]:
        set_address(data["answers"])
    view = data["view"]
    if data.get("more") and S["ideas_shown"]:
        # the ideas shown stay, marked busy, until the new ones come (tens of milliseconds): the list does not
        # jump at each key pressed; "working out" is said only before the first ideas
        del view["html"]["suggestions"]
    show(view)
    if not view["stale"] and "data-first-result-ms" not in HTML.attrs:
        HTML.attrs["data-first-result-ms"] = "%.0f" % window.performance.now()
    if data.get("more"):  # the suggestions follow in a second message
        HTML.attrs["data-result-first-ms"] = "%.1f" % (window.performance.now() - S["sent_at"])
        return
    ideas = el("suggestions")
    if ideas.getAttribute("aria-busy") == "true":
        # answers not valid yet came in while the ideas of the previous ones were being worked out: those will
        # not come; the older ideas stay (the result is marked stale), a "working out" line goes
        ideas.attrs["aria-busy"] = "false"
        if not S["ideas_shown"]:
            ideas.html = ""
    drawn(data["id"])


def drawn(ident):
    """The whole result of message ``ident`` is on the page: how long it took, in the engine and in all."""
    HTML.attrs["data-assess-ms"] = "%.2f" % S["engine_ms"]
    HTML.attrs["data-result-ms"] = "%.1f" % (window.performance.now() - S["sent_at"])
    HTML.attrs["data-result-seq"] = str(ident)


def show(view):
    """Put a view from checker.page.view in place."""
    clear_errors()
    for name, (text, value) in view["hooks"].items():
        for node in document.select('[data-result="%s"]' % name):
            node.text = text
            if value is not None:
                node.attrs["data-value"] = value
    for ident, text in view["text"].items():
        node = el(ident)
        if node is not None:
            node.text = text
    show_part(view)
    for ident, hidden in view["hidden"].items():
        node = el(ident)
        if node is not None:
            node.hidden = hidden
    for ident, (text, cls) in view["statuses"].items():
        node = el(ident)
        if node is not None:
            node.text, node.attrs["class"] = text, cls
    el("results").classList.toggle("stale", view["stale"])
    show_errors(view["errors"])
    announce(view["announce"])


def show_part(view):
    """Put a view's HTML and attributes in place (all a view's second message has)."""
    for ident, html in view.get("html", {}).items():
        node = el(ident)
        if node is not None:
            node.html = html
    for ident, attrs in view.get("attrs", {}).items():
        node = el(ident)
        if node is not None:
            for key, value in attrs.items():
                node.attrs[key] = value


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


def field_label(ident):
    labels = document.select('label[for="%s"]' % ident)
    if not labels:
        return ident
    node = labels[0].cloneNode(True)
    for extra in node.select(".optional, .visually-hidden"):
        extra.remove()
    return node.text.strip()


def show_errors(errors):
    """Each error beside its field (named by its label) and, linked, in the summary at the top."""
    listing = el("error-list")
    listing.html = ""
    shown = 0
    for ident, message in errors:
        node = el(ident)
        if node is None:
            continue
        text = say("labelled", label=field_label(ident), message=message)
        node.attrs["aria-invalid"] = "true"
        node.attrs["aria-describedby"] = ((node.attrs.get("aria-describedby") or "") + " " + ident + "-error").strip()
        box = closest(node, ".field, .check") or node.parentElement
        box.appendChild(element("p", message, {"class": "field-error", "id": ident + "-error"}))
        item = document.createElement("li")
        item.appendChild(element("a", text, {"href": "#" + ident}))
        listing.appendChild(item)
        shown += 1
    el("error-summary").hidden = not shown


def on_worker_ready(w):
    S["worker"] = w  # js/checker_start.js has already sent it the engine's data (its init message)


def on_worker_error(ev):
    window.console.error("checker engine failed to start")
    el("results-status").text = say("no_start")


# --- start ----------------------------------------------------------------------------------

def start():
    """Wire the form (filled from a shared link, if any) and mark the page ready; the engine starts next."""
    SCALES.update(javascript.JSON.parse(el("scales-data").text))
    WORDS.update(javascript.JSON.parse(el("ui-words").text))
    S["max_jobs"] = javascript.JSON.parse(el("page-data").text)["max_jobs"]
    form = el("checker-form")
    form.bind("input", on_input)
    form.bind("change", on_change)
    form.bind("focusout", on_focusout)
    form.bind("click", on_click)
    form.bind("keydown", on_keydown)
    form.bind("focusin", on_focusin)
    form.bind("mousedown", on_mousedown)
    form.bind("submit", lambda ev: ev.preventDefault())
    el("results").bind("click", on_click)
    window.bind("beforeprint", lambda ev: el("crs-details").setAttribute("open", ""))
    window.bind("hashchange", on_hash_change)
    restored = restore()
    if not restored:
        sync_visibility()
    follow_address()
    waiting = not restored and HTML.attrs.get("data-checker-engine") == "waiting"
    el("results-status").text = say("answer_to_start" if waiting else "starting")
    HTML.attrs["data-ready-ms"] = "%.0f" % window.performance.now()
    HTML.attrs["data-checker-ready"] = "true"
    window.setTimeout(lambda: start_engine(restored), 0)


def start_engine(restored):
    # js/checker_start.js starts the worker (before Brython, for a shared link; otherwise on the visitor's
    # first move in the form) and hands it over here. The empty form's assessment waits for it.
    engine = getattr(window, "cecEngine", None)
    if engine is None:  # js/checker_start.js did not run
        on_worker_error(None)
    else:
        engine.connect(on_worker_ready, on_worker_message, on_worker_error)
    if not restored:
        assess_now(write_address=False)
