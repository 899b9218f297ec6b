"""The checker page's user interface: the only module that touches the browser.

It reads the form into an answers document (contract §1), keeps it in the
address (``#a=`` + base64url of the compact JSON), sends it to the rules engine
running in a web worker (``checker.service``) and shows the result. It holds no
rule of its own: every verdict, number and reason on the page comes from the
engine. Bundled as the top-level module ``cec_ui`` so that loading it does not
compile the rules on the main thread.
"""

from browser import document, window, worker
import javascript

ABILITIES = ("reading", "writing", "listening", "speaking")
JOB_FLAGS = (("in-canada", "in_canada"), ("paid", "paid"), ("authorized", "authorized"),
             ("student", "full_time_student"), ("self-employed", "self_employed"))
LANG_BLOCKS = ("l1", "l2")
DEBOUNCE_MS = 250
HTML = document.documentElement

S = {"worker": None, "engine": False, "seq": 0, "shown": 0, "timer": None, "touched": set(), "show_all": False,
     "ids": {}, "job_order": [], "next_uid": 2, "last_hash": None, "last_result": None, "pending": None,
     "announced": "", "sent_at": 0}


# --- small helpers ----------------------------------------------------------------

def esc(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def el(ident):
    return document.getElementById(ident)


def val(ident):
    node = el(ident)
    return node.value.strip() if node else ""


def number(ident):
    """The number typed in a field, "" when empty, or the raw text when the browser could not read it."""
    node = el(ident)
    if node is None:
        return ""
    if node.validity.badInput:
        return "not a number"
    text = node.value.strip()
    if text == "":
        return ""
    try:
        value = float(text)
    except ValueError:
        return text
    if "." not in text and "e" not in text.lower():
        return int(value)
    return value


def today():
    d = window.Date.new()
    return "%04d-%02d-%02d" % (d.getFullYear(), d.getMonth() + 1, d.getDate())


def fmt(n):
    if n is None:
        return ""
    if isinstance(n, float) and n != int(n):
        whole = int(n)
        return "{:,}".format(whole) + ("%.2f" % (n - whole))[1:].rstrip("0")
    return "{:,}".format(int(n))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(iso):
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return "%d %s %s" % (int(d), MONTHS[int(m) - 1], y)


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


# --- reading the form ---------------------------------------------------------------

def read_result(prefix, path, ids, statuses):
    """A language result from one block, or None when the block is empty or incomplete."""
    test = val(prefix + "-test")
    if not test:
        return None
    scores = {a: number(prefix + "-" + a) for a in ABILITIES}
    date = val(prefix + "-date")
    if not date or "" in scores.values():
        statuses[prefix] = "Enter the test date and all four scores to count this test."
        return None
    result = {"test": test, "test_date": date}
    result.update(scores)
    ids[path + ".test"] = prefix + "-test"
    ids[path + ".test_date"] = prefix + "-date"
    for a in ABILITIES:
        ids[path + "." + a] = prefix + "-" + a
    ids[path] = prefix + "-test"
    return result


def collect():
    """(answers document, answers path -> field id, notes about incomplete blocks)."""
    ids, statuses = {}, {}
    a = {}
    for key, ident in (("as_of", "f-as-of"), ("birth_date", "f-birth-date"), ("intended_province", "f-province")):
        if val(ident):
            a[key] = val(ident)
            ids[key] = ident
    level, canadian = val("f-education"), val("f-canadian")
    if level or canadian != "none":
        a["education"] = {"canadian": canadian}
        if level:
            a["education"]["level"] = level
        ids["education.level"] = "f-education"
        ids["education.canadian"] = "f-canadian"
        ids["education"] = "f-education"

    jobs, order = [], []
    for li in document.select("#jobs > li.job"):
        uid = li.attrs["data-job"]
        p = "job-" + uid + "-"
        start, end, hours = val(p + "start"), val(p + "end"), number(p + "hours")
        teer, noc, title = val(p + "teer"), val(p + "noc"), val(p + "title")
        if not (start or end or hours != "" or teer or noc or title):
            continue
        if not start or hours == "" or not (teer or noc):
            statuses[uid] = "Add the start date, hours a week and TEER (or NOC code) to count this job."
            continue
        job = {"start": start, "end": end or None, "hours_per_week": hours}
        if title:
            job["title"] = title
        if teer:
            job["teer"] = int(teer)
        if noc:
            job["noc"] = noc
        for suffix, key in JOB_FLAGS:
            job[key] = bool(el(p + suffix).checked)
        path = "jobs[%d]" % len(jobs)
        for key, suffix in (("title", "title"), ("noc", "noc"), ("teer", "teer"), ("start", "start"), ("end", "end"),
                            ("hours_per_week", "hours")):
            ids[path + "." + key] = p + suffix
        for suffix, key in JOB_FLAGS:
            ids[path + "." + key] = p + suffix
        ids[path] = p + "title"
        jobs.append(job)
        order.append(uid)
    a["jobs"] = jobs

    langs = []
    for prefix in LANG_BLOCKS:
        r = read_result(prefix, "languages[%d]" % len(langs), ids, statuses)
        if r:
            langs.append(r)
    a["languages"] = langs

    if el("f-spouse-yes").checked:
        spouse = {"accompanying": bool(el("f-spouse-accompanying").checked),
                  "citizen_or_pr": bool(el("f-spouse-citizen").checked)}
        ids["spouse.accompanying"] = "f-spouse-accompanying"
        ids["spouse.citizen_or_pr"] = "f-spouse-citizen"
        if val("f-spouse-education"):
            spouse["education_level"] = val("f-spouse-education")
            ids["spouse.education_level"] = "f-spouse-education"
        years = number("f-spouse-work")
        if years != "":
            spouse["canadian_work_years"] = years
            ids["spouse.canadian_work_years"] = "f-spouse-work"
        spouse["language"] = read_result("s", "spouse.language", ids, statuses)
        a["spouse"] = spouse
    else:
        a["spouse"] = None

    for key, ident in (("provincial_nomination", "f-pnp"), ("sibling_in_canada", "f-sibling"),
                       ("certificate_of_qualification", "f-coq")):
        a[key] = bool(el(ident).checked)
        ids[key] = ident
    offer = val("f-job-offer")
    a["job_offer"] = None if not offer else {"teer": int(offer[-1]), "major_group_00": offer == "00"}
    ids["job_offer"] = ids["job_offer.teer"] = ids["job_offer.major_group_00"] = "f-job-offer"
    S["job_order"] = order
    return a, ids, statuses


# --- filling the form (restoring an address, applying "start over") -----------------

def set_value(ident, value):
    node = el(ident)
    if node is not None:
        node.value = "" if value is None else str(value)


def fill(answers):
    form = el("checker-form")
    form.reset()
    for li in document.select("#jobs > li.job"):
        li.remove()
    set_value("f-as-of", answers.get("as_of"))
    set_value("f-birth-date", answers.get("birth_date"))
    set_value("f-province", answers.get("intended_province"))
    edu = answers.get("education") or {}
    set_value("f-education", edu.get("level") or "")
    set_value("f-canadian", edu.get("canadian") or "none")
    jobs = answers.get("jobs") or []
    for job in jobs or [{}]:
        uid = add_job(focus=False)
        p = "job-" + uid + "-"
        for key, suffix in (("title", "title"), ("noc", "noc"), ("start", "start"), ("end", "end"),
                            ("hours_per_week", "hours")):
            set_value(p + suffix, job.get(key))
        if job.get("teer") is not None:
            set_value(p + "teer", job.get("teer"))
        for suffix, key in JOB_FLAGS:
            if key in job:
                el(p + suffix).checked = bool(job[key])
    langs = answers.get("languages") or []
    for i, prefix in enumerate(LANG_BLOCKS):
        fill_result(prefix, langs[i] if i < len(langs) else None)
    spouse = answers.get("spouse")
    el("f-spouse-yes").checked = bool(spouse)
    el("f-spouse-no").checked = not spouse
    if spouse:
        el("f-spouse-accompanying").checked = bool(spouse.get("accompanying", True))
        el("f-spouse-citizen").checked = bool(spouse.get("citizen_or_pr", False))
        set_value("f-spouse-education", spouse.get("education_level") or "")
        set_value("f-spouse-work", spouse.get("canadian_work_years", ""))
        fill_result("s", spouse.get("language"))
    el("f-pnp").checked = bool(answers.get("provincial_nomination"))
    el("f-sibling").checked = bool(answers.get("sibling_in_canada"))
    el("f-coq").checked = bool(answers.get("certificate_of_qualification"))
    offer = answers.get("job_offer")
    set_value("f-job-offer", "" if not offer else ("00" if offer.get("major_group_00") else str(offer.get("teer"))))
    sync_visibility()


def fill_result(prefix, result):
    result = result or {}
    set_value(prefix + "-test", result.get("test") or "")
    set_value(prefix + "-date", result.get("test_date"))
    for a in ABILITIES:
        set_value(prefix + "-" + a, result.get(a))
    update_scale(prefix)


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
    """Match the score inputs to the chosen test's own scale (TEF's depends on the test date)."""
    test = val(prefix + "-test")
    note = el(prefix + "-scale")
    versions = SCALES.get(test)
    if not versions:
        note.text = ""
        return
    date = val(prefix + "-date") or today()
    chosen = versions[0]
    for v in versions:
        if v["from"] <= date:
            chosen = v
    parts = []
    for a in ABILITIES:
        sc = chosen["scale"][a]
        node = el(prefix + "-" + a)
        node.attrs["min"] = str(sc["min"])
        node.attrs["max"] = str(sc["max"])
        node.attrs["step"] = str(sc["step"])
        parts.append("%s–%s" % (sc["min"], sc["max"]))
    steps = chosen["scale"]["reading"]["step"]
    span = parts[0] if len(set(parts)) == 1 else ", ".join("%s %s" % (a, p) for a, p in zip(ABILITIES, parts))
    note.text = "(%s%s)" % (span, ", in steps of 0.5" if steps != 1 else "")


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
            set_value(ident[:-3] + "teer", code[1])
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
    shown = []
    for e in errors:
        ident = S["ids"].get(e["field"])
        path = e["field"]
        while ident is None and ("." in path or "[" in path):
            path = path[:max(path.rfind("."), path.rfind("["))]
            ident = S["ids"].get(path)
        if ident is None or (not S["show_all"] and ident not in S["touched"]):
            continue
        node = el(ident)
        if node is None or node.attrs.get("aria-invalid") == "true":
            continue
        node.attrs["aria-invalid"] = "true"
        described = node.attrs.get("aria-describedby") or ""
        node.attrs["aria-describedby"] = (described + " " + ident + "-error").strip()
        msg = "%s %s" % (label_of(ident), e["message"])
        holder = closest(node, ".field, .check") or node.parentElement
        holder.insertAdjacentHTML("beforeend", '<p class="field-error" id="%s-error">%s</p>' % (esc(ident), esc(msg)))
        shown.append((ident, msg))
    if shown:
        el("error-list").html = "".join('<li><a href="#%s">%s</a></li>' % (esc(i), esc(m)) for i, m in shown)
        el("error-summary").hidden = False
    return shown


# --- rendering the result --------------------------------------------------------------

def set_hook(name, text, value=None):
    for node in document.select('[data-result="%s"]' % name):
        node.text = text
        if value is not None:
            node.attrs["data-value"] = value


def sources_html(urls):
    if not urls:
        return ""
    links = ", ".join('<a href="%s">%s</a>' % (esc(u), esc(short_url(u))) for u in urls)
    return '<p class="sources">Source: %s</p>' % links


def short_url(url):
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return host + ("/…/" + last if last else "")


def state_class(met):
    return "met" if met is True else ("not-met" if met is False else "unknown")


def state_text(met):
    return "Met" if met is True else ("Not met" if met is False else "Cannot tell")


CONDITION_NAMES = {"work_experience": "Skilled work experience", "language": "Language level",
                   "language_test_valid": "Valid language test", "intended_province": "Where you plan to live",
                   "education": "Education", "selection_points": "Selection points",
                   "offer_or_certificate": "Job offer or certificate of qualification"}


def conditions_html(conditions):
    items = []
    for c in conditions:
        items.append('<li class="%s"><span class="state">%s:</span> <strong>%s.</strong> %s%s</li>' % (
            state_class(c["met"]), state_text(c["met"]), esc(CONDITION_NAMES.get(c["id"], c["id"])),
            esc(c["detail"]), sources_html(c.get("sources"))))
    return "".join(items)


def render(result):
    cec = result["cec"]
    verdict = {True: ("yes", "You meet the CEC requirements we can check"),
               False: ("no", "Not yet eligible for the CEC"),
               None: ("unknown", "Cannot tell yet: see the conditions below")}[cec["eligible"]]
    set_hook("cec-eligible", verdict[1], verdict[0])
    set_hook("cec-hours", fmt(cec["qualifying_hours"]))
    el("cec-progress").attrs["max"] = str(cec["hours_needed"])
    el("cec-progress").attrs["value"] = str(min(cec["qualifying_hours"], cec["hours_needed"]))
    el("cec-window").text = "(counted from %s)" % long_date(cec["window_start"])
    on = cec["eligible_on"]
    need = fmt(cec["hours_needed"])
    if on and on <= result["as_of"]:
        el("cec-date").html = ('You have had %s qualifying hours since <span data-result="cec-eligible-on">%s</span>.'
                               % (need, esc(long_date(on))))
    elif on:
        el("cec-date").html = ('You will reach %s hours on <span data-result="cec-eligible-on">%s</span> '
                               '<span class="muted">if your current work continues</span>.' % (need, esc(long_date(on))))
    else:
        el("cec-date").html = ('Date you reach %s hours: <span data-result="cec-eligible-on">not yet known</span> '
                               '<span class="muted">(no ongoing qualifying work)</span>.' % need)
    el("cec-conditions").html = conditions_html(cec["conditions"])
    el("cec-also").html = ('<p class="muted">Also required, and not checked here:</p><ul>%s</ul>'
                           % "".join("<li>%s</li>" % esc(x["detail"]) for x in cec["also_required"]))
    show_job_statuses(S.get("statuses") or {}, cec["jobs"])

    crs = result["crs"]
    set_hook("crs-total", str(crs["total"]))
    for part in ("core", "spouse", "transferability", "additional"):
        set_hook("crs-" + part, str(crs[part]))
    rows = "".join('<tr><td>%s</td><td class="num">%d</td></tr>' % (esc(f["detail"]), f["points"]) for f in crs["factors"])
    el("crs-factors").html = ('<table class="factors"><caption>Points for each factor</caption><thead><tr><th scope="col">'
                              'Factor</th><th scope="col" class="num">Points</th></tr></thead><tbody>%s</tbody></table>' % rows)
    el("crs-rounds").html = rounds_html(result.get("rounds"), crs)

    ideas = result["suggestions"]
    if ideas:
        el("suggestions").html = "".join(
            '<li><strong>%s</strong>: <span class="gain">+%d</span> points, new total %d%s.%s <span class="muted">%s</span></li>'
            % (esc(s["title"]), s["points_gained"], s["new_total"],
               " (on %s)" % esc(long_date(s["date"])) if s.get("date") else "",
               " <strong>This would also make you eligible for the CEC.</strong>" if s["makes_cec_eligible"] else "",
               esc(s["detail"])) for s in ideas)
    else:
        el("suggestions").html = "<li>No single change we model would raise your score.</li>"

    el("programs").html = "".join(
        '<h4>%s: %s</h4><ul class="conditions">%s</ul><p class="muted">%s</p>' % (
            name, {True: "you may also qualify", False: "not eligible", None: "cannot tell"}[p["eligible"]]
            + (" (%d of %d points)" % (p["points"], p["pass_mark"]) if "points" in p else ""),
            conditions_html(p["conditions"]), esc(" ".join(x["detail"] for x in p.get("also_required", []))))
        for name, p in (("Federal Skilled Worker Program", result["fsw"]), ("Federal Skilled Trades Program", result["fst"])))

    notes = result["notes"]
    el("notes-card").hidden = not notes
    el("notes").html = "".join("<li>%s</li>" % esc(n) for n in notes)
    el("rules-version").text = "Rules: %s. Rule data verified %s. Assessed for %s." % (
        result["rules_in_force"], long_date(result["rules_verified"]), long_date(result["as_of"]))


def rounds_html(r, crs):
    if not r:
        return ""
    if not r["rounds"]:
        return "<p>There were no Canadian Experience Class rounds in the 12 months before %s in our data.</p>" % esc(
            long_date(r["to"]))
    text = ("In the 12 months to %s, IRCC held %d Canadian Experience Class rounds. The lowest score invited ranged from "
            "%d to %d; the latest, on %s, invited scores of %d or more. Your score of %d would have been at or above "
            "the cut-off in %d of them." % (long_date(r["to"]), r["rounds"], r["lowest_cutoff"], r["highest_cutoff"],
                                             long_date(r["latest"]["date"]), r["latest"]["min_crs"], r["score"],
                                             r["rounds_at_or_below_score"], ))
    if r["data_until"] and r["data_until"] < r["to"]:
        text += " Our round data ends on %s." % long_date(r["data_until"])
    guide = window.location.pathname.rsplit("/checker/", 1)[0] + "/rounds/"
    return ('<p>%s</p><p class="muted">Past cut-offs are not a promise: IRCC decides the type and size of each round, and '
            'the cut-off moves with the pool. <a href="%s">Recent rounds</a></p>' % (esc(text), esc(guide)))


def show_job_statuses(statuses, job_results):
    by_uid = {}
    if job_results is not None:
        for i, uid in enumerate(S["job_order"]):
            if i < len(job_results):
                by_uid[uid] = job_results[i]
    for li in document.select("#jobs > li.job"):
        uid = li.attrs["data-job"]
        node = el("job-" + uid + "-status")
        if uid in statuses:
            node.text = statuses[uid]
            node.attrs["class"] = "job-status"
        elif uid in by_uid:
            j = by_uid[uid]
            if j["counts"]:
                node.text = "Counts: %s qualifying hours in the 3-year window." % fmt(j["hours_in_window"])
                node.attrs["class"] = "job-status counts"
            else:
                node.text = "Does not count for the CEC: " + "; ".join(j["reasons"]) + "."
                node.attrs["class"] = "job-status excluded"
        elif job_results is not None:
            node.text = ""


def render_summary(answers):
    """The answers, in words, for the printed result."""
    parts = []
    edu = answers.get("education") or {}
    parts.append("<p>Assessed for: %s. Born: %s. Plans to live in: %s. Education: %s (Canadian: %s).</p>" % (
        esc(long_date(answers.get("as_of") or today())), esc(long_date(answers.get("birth_date")) or "not given"),
        esc(answers.get("intended_province") or "not given"), esc(edu.get("level") or "not given"),
        esc(edu.get("canadian") or "none")))
    for i, j in enumerate(answers.get("jobs") or []):
        parts.append("<p>Job %d: %s, TEER %s, %s to %s, %s hours a week%s.</p>" % (
            i + 1, esc(j.get("title") or "untitled"), esc(j.get("teer", "")), esc(long_date(j["start"])),
            esc(long_date(j.get("end")) or "ongoing"), esc(j["hours_per_week"]),
            "".join(", " + label for key, label in (("in_canada", "in Canada"), ("paid", "paid"),
                                                     ("authorized", "authorized"), ("full_time_student", "while a full-time student"),
                                                     ("self_employed", "self-employed")) if j.get(key))))
    for r in answers.get("languages") or []:
        parts.append("<p>%s on %s: reading %s, writing %s, listening %s, speaking %s.</p>" % (
            esc(r["test"]), esc(long_date(r["test_date"])), esc(r["reading"]), esc(r["writing"]), esc(r["listening"]),
            esc(r["speaking"])))
    el("answers-summary-body").html = "".join(parts)


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
        render(result)
        answers, _ids, _st = collect()
        render_summary(answers)
        results.classList.remove("stale")
        if not answers.get("jobs") and not answers.get("languages"):
            status.text = "Add your jobs and a language test to see whether you qualify."
        else:
            status.text = "Updated as you type."
        verdict = {True: "You meet the CEC requirements we can check.", False: "Not yet eligible for the CEC.",
                   None: "CEC: cannot tell yet."}[result["cec"]["eligible"]]
        announce("%s CRS score %d." % (verdict, result["crs"]["total"]))
        HTML.attrs["data-result-ms"] = "%.1f" % (window.performance.now() - S["sent_at"])
        if "data-first-result-ms" not in HTML.attrs:
            HTML.attrs["data-first-result-ms"] = "%.0f" % window.performance.now()
        HTML.attrs["data-result-seq"] = str(data["id"])
    elif kind == "invalid":
        shown = show_errors(data["errors"])
        results.classList.add("stale")
        n = len(data["errors"])
        status.text = ("Your result will update when the highlighted answer%s %s fixed." % ("" if n == 1 else "s",
                                                                                       "is" if n == 1 else "are")
                       if shown else "Keep going: some answers are not complete yet.")
        if shown:
            announce("%d answer%s need%s checking." % (len(shown), "" if len(shown) == 1 else "s", "s" if len(shown) == 1 else ""))
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
    worker.create_worker("checker-engine", on_worker_ready, on_worker_message, on_worker_error)
    el("results-status").text = "Starting the checker…"
    assess_now(write_address=restored is not None)
    HTML.attrs["data-ready-ms"] = "%.0f" % window.performance.now()
    HTML.attrs["data-checker-ready"] = "true"
