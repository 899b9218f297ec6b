"""The checker page's result, as HTML: the result document in, the content of each element out.

Pure and standalone (it imports nothing): checker/page.py uses it in the page's
web worker, and the tests check it on CPython. Every piece of text a visitor
types or the engine returns is escaped.
"""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

CONDITION_NAMES = {"work_experience": "Skilled work experience", "language": "Language level",
                   "language_test_valid": "Valid language test", "intended_province": "Where you plan to live",
                   "education": "Education", "selection_points": "Selection points",
                   "offer_or_certificate": "Job offer or certificate of qualification"}

VERDICTS = {True: ("yes", "You meet the CEC requirements we can check"),
            False: ("no", "Not yet eligible for the CEC"),
            None: ("unknown", "Cannot tell yet: see the conditions below")}


def esc(text):
    """Text made safe to place inside HTML (element content or a quoted attribute)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def fmt(n):
    """1234.5 -> '1,234.5'; 1560.0 -> '1,560' (hours are shown rounded down to hundredths already)."""
    if n is None:
        return ""
    if isinstance(n, float) and n != int(n):
        whole = int(n)
        return "{:,}".format(whole) + ("%.2f" % (n - whole))[1:].rstrip("0")
    return "{:,}".format(int(n))


def long_date(iso):
    """'2026-11-25' -> '25 November 2026' ('' for no date)."""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return "%d %s %s" % (int(d), MONTHS[int(m) - 1], y)


def short_url(url):
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return host + ("/…/" + last if last else "")


_SOURCES = {}  # the same few sources come back on every change: built once (Brython formats slowly)


def sources_html(urls):
    if not urls:
        return ""
    key = " ".join(urls)
    if key not in _SOURCES:
        _SOURCES[key] = '<p class="sources">Source: %s</p>' % ", ".join(
            '<a href="%s">%s</a>' % (esc(u), esc(short_url(u))) for u in urls)
    return _SOURCES[key]


def conditions_html(conditions):
    out = []
    for c in conditions:
        met = c["met"]
        cls, word = ("met", "Met") if met is True else (("not-met", "Not met") if met is False else ("unknown", "Cannot tell"))
        out.append('<li class="%s"><span class="state">%s:</span> <strong>%s.</strong> %s%s</li>' % (
            cls, word, esc(CONDITION_NAMES.get(c["id"], c["id"])), esc(c["detail"]), sources_html(c.get("sources"))))
    return "".join(out)


def cec_date_html(cec, as_of):
    on, need = cec["eligible_on"], fmt(cec["hours_needed"])
    if on and on <= as_of:
        until = cec.get("met_until")
        return ('You have had %s qualifying hours since <span data-result="cec-eligible-on">%s</span>%s.' % (
            need, esc(long_date(on)), " and keep them until <strong>%s</strong> unless you do more qualifying work"
            % esc(long_date(until)) if until else ""))
    if on:
        return ('You will reach %s hours on <span data-result="cec-eligible-on">%s</span> '
                '<span class="muted">if your current work continues</span>.' % (need, esc(long_date(on))))
    return ('Date you reach %s hours: <span data-result="cec-eligible-on">not yet known</span> '
            '<span class="muted">(no ongoing qualifying work)</span>.' % need)


def factors_html(crs):
    rows = "".join('<tr><td>%s</td><td class="num">%d</td></tr>' % (esc(f["detail"]), f["points"]) for f in crs["factors"])
    return ('<table class="factors"><caption>Points for each factor</caption><thead><tr><th scope="col">Factor</th>'
            '<th scope="col" class="num">Points</th></tr></thead><tbody>%s</tbody></table>' % rows)


def rounds_html(r, rounds_guide):
    if not r:
        return ""
    if not r["rounds"]:
        return "<p>There were no Canadian Experience Class rounds in the 12 months before %s in our data.</p>" % esc(
            long_date(r["to"]))
    text = ("In the 12 months to %s, IRCC held %d Canadian Experience Class rounds. The lowest score invited ranged from "
            "%d to %d; the latest, on %s, invited scores of %d or more. Your score of %d would have been at or above "
            "the cut-off in %d of them." % (long_date(r["to"]), r["rounds"], r["lowest_cutoff"], r["highest_cutoff"],
                                             long_date(r["latest"]["date"]), r["latest"]["min_crs"], r["score"],
                                             r["rounds_at_or_below_score"]))
    if r["data_until"] and r["data_until"] < r["to"]:
        text += " Our round data ends on %s." % long_date(r["data_until"])
    return ('<p>%s</p><p class="muted">Past cut-offs are not a promise: IRCC decides the type and size of each round, and '
            'the cut-off moves with the pool. <a href="%s">Recent rounds</a></p>' % (esc(text), esc(rounds_guide)))


def suggestions_html(ideas):
    if not ideas:
        return "<li>No single change we model would raise your score.</li>"
    return "".join(
        '<li><strong>%s</strong>: <span class="gain">+%d</span> points, new total %d%s.%s <span class="muted">%s</span></li>'
        % (esc(s["title"]), s["points_gained"], s["new_total"],
           " (on %s)" % esc(long_date(s["date"])) if s.get("date") else "",
           " <strong>This would also make you eligible for the CEC.</strong>" if s["makes_cec_eligible"] else "",
           esc(s["detail"])) for s in ideas)


def programs_html(result):
    out = []
    for name, p in (("Federal Skilled Worker Program", result["fsw"]), ("Federal Skilled Trades Program", result["fst"])):
        state = {True: "you may also qualify", False: "not eligible", None: "cannot tell"}[p["eligible"]]
        if "points" in p:
            state += " (%d of %d points)" % (p["points"], p["pass_mark"])
        out.append('<h4>%s: %s</h4><ul class="conditions">%s</ul><p class="muted">%s</p>' % (
            name, state, conditions_html(p["conditions"]), esc(" ".join(x["detail"] for x in p.get("also_required", [])))))
    return "".join(out)


def job_status(job, window_start):
    """(text, CSS class) for one job of the result's cec.jobs; ``window_start``: the first day the CEC counts."""
    since = long_date(window_start)
    if job["counts"] and not job["hours_in_window"]:
        return ("Qualifying work, but none of it is since %s, so it adds no hours for the CEC now." % since,
                "job-status")
    if job["counts"]:
        return "Counts: %s qualifying hours since %s." % (fmt(job["hours_in_window"]), since), "job-status counts"
    return "Does not count for the CEC: " + "; ".join(job["reasons"]) + ".", "job-status excluded"


def view(result, rounds_guide):
    """What to show: {"hooks": {name: (text, data-value)}, "html": {id: html}, "text": {id: text}, ...}."""
    cec, crs = result["cec"], result["crs"]
    verdict = VERDICTS[cec["eligible"]]
    hooks = {"cec-eligible": (verdict[1], verdict[0]), "cec-hours": (fmt(cec["qualifying_hours"]), None),
             "crs-total": (str(crs["total"]), None)}
    for part in ("core", "spouse", "transferability", "additional"):
        hooks["crs-" + part] = (str(crs[part]), None)
    return {
        "hooks": hooks,
        "progress": (cec["hours_needed"], min(cec["qualifying_hours"], cec["hours_needed"])),
        "text": {"cec-window": "(counted from %s)" % long_date(cec["window_start"]),
                 "rules-version": "Rules: %s. Rule data verified %s. Assessed for %s." % (
                     result["rules_in_force"], long_date(result["rules_verified"]), long_date(result["as_of"]))},
        "html": {"cec-date": cec_date_html(cec, result["as_of"]),
                 "cec-conditions": conditions_html(cec["conditions"]),
                 "cec-also": '<p class="muted">Also required, and not checked here:</p><ul>%s</ul>' % "".join(
                     "<li>%s</li>" % esc(x["detail"]) for x in cec["also_required"]),
                 "crs-factors": factors_html(crs),
                 "crs-rounds": rounds_html(result.get("rounds"), rounds_guide),
                 "suggestions": suggestions_html(result["suggestions"]),
                 "programs": programs_html(result),
                 "notes": "".join("<li>%s</li>" % esc(n) for n in result["notes"])},
        "notes": bool(result["notes"]),
        "jobs": [job_status(j, cec["window_start"]) for j in cec["jobs"]],
        "announce": "%s. CRS score %d." % (verdict[1], crs["total"]),
    }


def answers_summary_html(answers, today):
    """The answers, in words, for the printed result."""
    edu = answers.get("education") or {}
    parts = ["<p>Assessed for: %s. Born: %s. Plans to live in: %s. Education: %s (Canadian: %s).</p>" % (
        esc(long_date(answers.get("as_of") or today)), esc(long_date(answers.get("birth_date")) or "not given"),
        esc(answers.get("intended_province") or "not given"), esc(edu.get("level") or "not given"),
        esc(edu.get("canadian") or "none"))]
    flags = (("in_canada", "in Canada"), ("paid", "paid"), ("authorized", "authorized"),
             ("full_time_student", "while a full-time student"), ("self_employed", "self-employed"))
    for i, j in enumerate(answers.get("jobs") or []):
        parts.append("<p>Job %d: %s, TEER %s, %s to %s, %s hours a week%s.</p>" % (
            i + 1, esc(j.get("title") or "untitled"), esc(j.get("teer", j.get("noc", ""))), esc(long_date(j["start"])),
            esc(long_date(j.get("end")) or "ongoing"), esc(j["hours_per_week"]),
            "".join(", " + label for key, label in flags if j.get(key))))
    for r in answers.get("languages") or []:
        parts.append("<p>%s on %s: reading %s, writing %s, listening %s, speaking %s.</p>" % (
            esc(r["test"]), esc(long_date(r["test_date"])), esc(r["reading"]), esc(r["writing"]), esc(r["listening"]),
            esc(r["speaking"])))
    return "".join(parts)


def status_text(kind, answers=None, errors=0, shown=0):
    """The line above the result: what the visitor should do next."""
    if kind == "result":
        if not answers.get("jobs") and not answers.get("languages"):
            return "Add your jobs and a language test to see whether you qualify."
        return "Updated as you type."
    if shown:
        return "Your result will update when the highlighted answer%s %s fixed." % (
            "" if errors == 1 else "s", "is" if errors == 1 else "are")
    return "Keep going: some answers are not complete yet."


def errors_announcement(shown):
    return "%d answer%s need%s checking." % (shown, "" if shown == 1 else "s", "s" if shown == 1 else "")
