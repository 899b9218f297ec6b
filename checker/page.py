"""The checker page's logic: a snapshot of the form in, what the page shows out.

Pure (it imports only the checker). It runs in the page's web worker beside the
rules, so the page's main thread neither compiles nor runs it. On each change
checker/ui.py sends a *snapshot* of the form::

    {"values": {field id: text}, "checked": [ids of ticked boxes and chosen radios],
     "bad": [ids of number fields the browser could not read], "jobs": [job block ids, in order]}

and gets back the answers document (for the address) and a *view*: for each
element, by id, the text, HTML, attributes or visibility to give it, the status
line under each job and language block, and the errors to show beside their
fields.

Field ids are checker/form.py's, which fills the form from an answers document.
"""

from checker import form, render
from checker.answers import InvalidAnswers
from checker.assessment import assess
from checker.rounds import compare

INCOMPLETE_JOB = "Add the start date, hours a week and TEER (or NOC code) to count this job."
INCOMPLETE_TEST = "Enter the test date and all four scores to count this test."


class Snapshot:
    """A snapshot of the form (see the module docstring), read the way ``collect`` reads a form."""

    def __init__(self, snapshot):
        self.values = snapshot.get("values") or {}
        self.ticked = set(snapshot.get("checked") or [])
        self.bad = set(snapshot.get("bad") or [])
        self.jobs = [str(uid) for uid in snapshot.get("jobs") or []]

    def value(self, ident):
        return str(self.values.get(ident) or "").strip()

    def bad_number(self, ident):
        return ident in self.bad

    def checked(self, ident):
        return ident in self.ticked

    def job_ids(self):
        return self.jobs


def number(port, ident):
    """A number field: "" when empty, the text itself when it is not a number (the checker then says so)."""
    if port.bad_number(ident):
        return "not a number"
    text = port.value(ident)
    if text == "":
        return ""
    try:
        value = float(text)
    except ValueError:
        return text
    if "." not in text and "e" not in text.lower():
        return int(value)
    return value


def _result(port, prefix, path, ids, statuses):
    """A language result from one block; None when the block is empty or not complete yet."""
    test = port.value(prefix + "-test")
    if not test:
        return None
    scores = {a: number(port, prefix + "-" + a) for a in form.ABILITIES}
    date = port.value(prefix + "-date")
    if not date or "" in scores.values():
        statuses[prefix] = INCOMPLETE_TEST
        return None
    result = {"test": test, "test_date": date}
    result.update(scores)
    ids[path] = ids[path + ".test"] = prefix + "-test"
    ids[path + ".test_date"] = prefix + "-date"
    for a in form.ABILITIES:
        ids[path + "." + a] = prefix + "-" + a
    return result


def _job(port, uid, path, ids, statuses):
    p = "job-" + uid + "-"
    start, end, hours = port.value(p + "start"), port.value(p + "end"), number(port, p + "hours")
    teer, noc, title = port.value(p + "teer"), port.value(p + "noc"), port.value(p + "title")
    if not (start or end or hours != "" or teer or noc or title):
        return None
    if not start or hours == "" or not (teer or noc):
        statuses[uid] = INCOMPLETE_JOB
        return None
    job = {"start": start, "end": end or None, "hours_per_week": hours}
    if title:
        job["title"] = title
    if teer:
        job["teer"] = int(teer) if teer.isdigit() else teer  # not a TEER: the checker says so
    if noc:
        job["noc"] = noc
    for suffix, key in form.JOB_FLAGS:
        job[key] = bool(port.checked(p + suffix))
        ids[path + "." + key] = p + suffix
    for key, suffix in form.JOB_FIELDS:
        ids[path + "." + key] = p + suffix
    ids[path] = p + "title"
    return job


def collect(port):
    """The form as an answers document: (answers, {answers path: field id},
    {block id: why it is not counted yet}, [ids of the job blocks counted]).

    ``port`` reads the form: ``value(id)`` (stripped text), ``bad_number(id)``,
    ``checked(id)`` and ``job_ids()``; on the page it is a :class:`Snapshot`.
    """
    ids, statuses, a = {}, {}, {}
    for key, ident in form.SINGLE:
        if port.value(ident):
            a[key] = port.value(ident)
            ids[key] = ident
    level, canadian = port.value("f-education"), port.value("f-canadian") or "none"
    if level or canadian != "none":
        a["education"] = {"canadian": canadian}
        if level:
            a["education"]["level"] = level
        ids["education"] = ids["education.level"] = "f-education"
        ids["education.canadian"] = "f-canadian"
    jobs, order = [], []
    for uid in port.job_ids():
        job = _job(port, uid, "jobs[%d]" % len(jobs), ids, statuses)
        if job is not None:
            jobs.append(job)
            order.append(uid)
    a["jobs"] = jobs
    langs = []
    for prefix in form.LANG_BLOCKS:
        r = _result(port, prefix, "languages[%d]" % len(langs), ids, statuses)
        if r:
            langs.append(r)
    a["languages"] = langs
    a["spouse"] = None
    if port.checked("f-spouse-yes"):
        spouse = {"accompanying": bool(port.checked("f-spouse-accompanying")),
                  "citizen_or_pr": bool(port.checked("f-spouse-citizen"))}
        ids["spouse.accompanying"] = "f-spouse-accompanying"
        ids["spouse.citizen_or_pr"] = "f-spouse-citizen"
        if port.value("f-spouse-education"):
            spouse["education_level"] = port.value("f-spouse-education")
            ids["spouse.education_level"] = "f-spouse-education"
        years = number(port, "f-spouse-work")
        if years != "":
            spouse["canadian_work_years"] = years
            ids["spouse.canadian_work_years"] = "f-spouse-work"
        spouse["language"] = _result(port, "s", "spouse.language", ids, statuses)
        a["spouse"] = spouse
    for key, ident in form.FLAGS:
        a[key] = bool(port.checked(ident))
        ids[key] = ident
    offer = port.value("f-job-offer")
    a["job_offer"] = None if not offer else {"teer": int(offer[-1]) if offer[-1].isdigit() else offer,
                                             "major_group_00": offer == "00"}
    ids["job_offer"] = ids["job_offer.teer"] = ids["job_offer.major_group_00"] = "f-job-offer"
    return a, ids, statuses, order


def error_targets(errors, ids, touched, show_all):
    """[(field id, message)] for the errors to show: one per field, on fields the visitor has left.

    An error on a part of the answers with no field of its own (say ``jobs[0]``)
    is shown on the nearest field that does have one.
    """
    out, seen = [], set()
    for e in errors:
        path = e["field"]
        ident = ids.get(path)
        while ident is None and ("." in path or "[" in path):
            path = path[:max(path.rfind("."), path.rfind("["))]
            ident = ids.get(path)
        if ident is None or ident in seen or (not show_all and ident not in touched):
            continue
        seen.add(ident)
        out.append((ident, e["message"]))
    return out


def scale_versions(scales):
    """Each test's score fields, by first test date: {test: [{"from", "attrs", "note"}]}.

    ``scales`` maps each test to its charts' scales ({"from", "scale"}), oldest
    first; the page embeds the result and, for a chosen test and test date, uses
    the last version whose "from" is on or before that date (TEF Canada's scale
    changed on 2023-12-11). "attrs" gives each ability's min, max and step.
    """
    out = {}
    for test, versions in scales.items():
        out[test] = []
        for v in versions:
            attrs, parts = {}, []
            for a in form.ABILITIES:
                sc = v["scale"][a]
                attrs[a] = {"min": str(sc["min"]), "max": str(sc["max"]), "step": str(sc["step"])}
                parts.append("%s–%s" % (sc["min"], sc["max"]))
            span = parts[0] if len(set(parts)) == 1 else ", ".join(
                "%s %s" % (a, p) for a, p in zip(form.ABILITIES, parts))
            note = "(%s%s)" % (span, ", in steps of 0.5" if v["scale"]["reading"]["step"] != 1 else "")
            out[test].append({"from": v["from"], "attrs": attrs, "note": note})
    return out


def _empty_view():
    return {"hooks": {}, "text": {}, "html": {}, "attrs": {}, "hidden": {}, "statuses": {}, "errors": [],
            "stale": False, "announce": ""}


def _block_statuses(statuses, job_ids, counted=None, order=()):
    """{status element id: (text, class)}: each job block's and language block's line under it.

    A block that is not complete yet says what it lacks; a counted job says how it
    counts (``counted``, from a result; left as it is when there is none); an
    empty block says nothing.
    """
    out = {}
    for uid in job_ids:
        if uid in statuses:
            out["job-" + uid + "-status"] = (statuses[uid], "job-status")
        elif counted is not None and uid in counted:
            out["job-" + uid + "-status"] = counted[uid]
        elif uid not in order:
            out["job-" + uid + "-status"] = ("", "job-status")
    for prefix in form.LANG_BLOCKS + ("s",):
        out[prefix + "-status"] = (statuses.get(prefix, ""), "block-status")
    return out


def result_view(result, answers, statuses, order, job_ids, today, rounds_guide):
    """The view of a result: every result element, each block's status line and the printed answers."""
    v = render.view(result, rounds_guide)
    view = _empty_view()
    view["hooks"] = v["hooks"]
    view["text"] = v["text"]
    view["text"]["results-status"] = render.status_text("result", answers)
    view["html"] = v["html"]
    view["html"]["answers-summary-body"] = render.answers_summary_html(answers, today)
    view["attrs"]["cec-progress"] = {"max": str(v["progress"][0]), "value": str(v["progress"][1])}
    view["hidden"]["notes-card"] = not v["notes"]
    counted = {uid: v["jobs"][i] for i, uid in enumerate(order) if i < len(v["jobs"])}
    view["statuses"] = _block_statuses(statuses, job_ids, counted)
    view["announce"] = v["announce"]
    return view


def invalid_view(errors, ids, statuses, order, job_ids, touched, show_all):
    """The view when the answers are not valid yet: the errors on the fields left, the result marked stale."""
    view = _empty_view()
    view["errors"] = error_targets(errors, ids, touched, show_all)
    shown = len(view["errors"])
    view["text"]["results-status"] = render.status_text("invalid", errors=len(errors), shown=shown)
    view["statuses"] = _block_statuses(statuses, job_ids, order=order)
    view["stale"] = True
    view["announce"] = render.errors_announcement(shown) if shown else ""
    return view


def assessed(answers, rules, rounds, today):
    """The result document, with ``rounds``: how its score compares with the recent CEC rounds.

    Raises :class:`checker.answers.InvalidAnswers` as ``assess`` does.
    """
    result = assess(answers, rules, today)
    result["rounds"] = compare(result["crs"]["total"], rounds, result["as_of"])
    return result


def respond(message, rules, rounds):
    """The reply to a snapshot of the form: {"answers": answers document, "view": view}.

    ``message`` carries "form" (the snapshot), "today" (the visitor's date, the
    assessment date unless the answers set one), "touched" (the fields the
    visitor has left), "show_all" (show every error, as for a shared link) and
    "rounds_guide" (the address of the rounds guide).
    """
    port = Snapshot(message.get("form") or {})
    answers, ids, statuses, order = collect(port)
    today = message.get("today")
    try:
        result = assessed(answers, rules, rounds, today)
    except InvalidAnswers as exc:
        return {"answers": answers, "view": invalid_view(exc.errors, ids, statuses, order, port.job_ids(),
                                                         set(message.get("touched") or []),
                                                         bool(message.get("show_all")))}
    return {"answers": answers, "view": result_view(result, answers, statuses, order, port.job_ids(), today,
                                                    message.get("rounds_guide") or "")}
