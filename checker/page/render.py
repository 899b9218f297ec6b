"""The checker page's result, as HTML: the result document in, the content of each element out.

Pure: checker/page/view.py uses it in the page's web worker, and the tests check
it on CPython. Every piece of text a visitor types or the engine returns is
escaped. The words come from the visitor's language (``w``, a
:class:`checker.words.Words`), as ids in the ``page.*`` part of the catalog;
``links`` gives the addresses of the guides the result points to.

The result opens with a summary (the answer first: the verdict with its reason,
the date, the score, the best kind of round), then the timeline, the CEC
conditions, the rounds that can invite the person, the CRS, what would raise it,
the other programs and notes. The printed result adds the answers in words and
every source once.
"""

from checker.words import join, msg

CONDITION_IDS = ("work_experience", "language", "language_test_valid", "intended_province", "education",
                 "selection_points", "offer_or_certificate")
VERDICTS = {True: "yes", False: "no", None: "unknown"}
QUEBEC = "QC"


_ESCAPED = {}  # text -> its HTML: a re-assessment escapes mostly the texts of the last one (Brython replaces slowly)


def esc(text):
    """Text made safe to place inside HTML (element content or a quoted attribute)."""
    if text.__class__ is not str:
        text = str(text)
    if text in _ESCAPED:
        return _ESCAPED[text]
    if len(_ESCAPED) > 5000:
        _ESCAPED.clear()
    found = _ESCAPED[text] = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                              .replace('"', "&quot;"))
    return found


def t(w, key, **args):
    """The text of ``page.<key>`` (escaped for HTML)."""
    return esc(w.text(msg("page." + key, **args)))


def rich(w, key, html, **args):
    """``page.<key>`` as HTML: its text escaped, with the values named in ``html`` put in as the HTML given."""
    marks = {name: "\x00%s\x00" % name for name in html}
    text = t(w, key, **dict(args, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, html[name])
    return text


def link(href, text_html):
    external = ' class="external"' if href.startswith("http") else ""
    return '<a href="%s"%s>%s</a>' % (esc(href), external, text_html)


def short_url(url):
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return host + ("/…/" + last if last else "")


_SOURCES = {}  # the same few sources come back on every change: built once (Brython formats slowly)


def sources_html(w, urls):
    if not urls:
        return ""
    key = w.lang + " " + " ".join(urls)
    if key not in _SOURCES:
        _SOURCES[key] = '<p class="sources">%s %s</p>' % (t(w, "source"), ", ".join(
            in_its_language(w, u, '<a class="external" href="%s">%s</a>' % (esc(u), esc(short_url(u)))) for u in urls))
    return _SOURCES[key]


FRENCH_ADDRESSES = ("/fr/", "/fra/", "/francais/")


def in_french(url):
    """Whether an address is a French page: canada.ca/fr/, the laws' /fra/, IRCC's old /francais/, Quebec's site."""
    return any(part in url for part in FRENCH_ADDRESSES) or ("quebec.ca/" in url and "/en/" not in url)


def in_its_language(w, url, link):
    """A source's link; on a page in another language than English, an English address says so (the rule
    data keeps the address it was verified on)."""
    if w.lang == "en" or in_french(url):
        return link
    return w.text(msg("page.source_in_english", link=link))


def condition_name(w, cid):
    return t(w, "condition." + cid) if cid in CONDITION_IDS else esc(cid)


def conditions_html(w, conditions, todo=()):
    """Each condition with its state and sources; the ids in ``todo`` (conditions on answers not given yet) are
    shown neutrally, as still to answer, never as failed."""
    out = []
    for c in conditions:
        met = c["met"]
        cls = "met" if met is True else ("not-met" if met is False else "unknown")
        if c["id"] in todo and met is not True:
            cls = "todo"
        out.append('<li class="%s"><span class="state">%s</span> <strong>%s.</strong> %s%s</li>' % (
            cls, t(w, "state." + cls), condition_name(w, c["id"]), esc(c["detail"]), sources_html(w, c.get("sources"))))
    return "".join(out)


# --- the summary: the answer first ---------------------------------------------------------

def is_empty(answers):
    return not (answers.get("jobs") or answers.get("languages"))


def not_given(answers):
    """The parts of the form the CEC needs that the visitor has not filled in yet: "work", "test"."""
    return [part for part, key in (("work", "jobs"), ("test", "languages")) if not answers.get(key)]


# The conditions that stay "to answer" while a part of the form is not filled in yet.
TODO_CONDITIONS = {"work": ("work_experience",), "test": ("language", "language_test_valid")}


def todo_conditions(answers):
    return tuple(cid for part in not_given(answers) for cid in TODO_CONDITIONS[part])


def verdict_text(w, result, answers):
    """(text, data-value, state): the verdict in words, with its one reason when it is not a yes.

    ``state`` is "empty" when neither work nor a language test is given, "incomplete" when one of
    them is missing and nothing that was answered fails (the verdict then asks for what is missing,
    neutrally), else "". A condition that fails on what was answered (plans to live in Quebec, work
    that does not count) is said as it is.
    """
    cec = result["cec"]
    value = VERDICTS[cec["eligible"]]
    todo = todo_conditions(answers)
    failing = [c for c in cec["conditions"] if c["met"] is False and c["id"] not in todo]
    unknown = [c for c in cec["conditions"] if c["met"] is None and c["id"] not in todo]
    missing = not_given(answers)
    if not failing and cec["eligible"] is not True and missing:
        if len(missing) == 2:
            return w.text(msg("page.verdict.empty")), value, "empty"
        return w.text(msg("page.verdict.add_%s" % missing[0])), value, "incomplete"
    if cec["eligible"] is True:
        return w.text(msg("page.verdict.yes")), value, ""
    pending = failing or unknown or [c for c in cec["conditions"] if c["met"] is not True]
    if not pending:
        return w.text(msg("page.verdict." + value)), value, ""
    first = pending[0]
    if first["id"] == "intended_province":
        key = "page.verdict.quebec" if failing else "page.verdict.province_unknown"
    elif first["id"] == "work_experience":
        excluded = [j for j in cec["jobs"] if not j["counts"] and j.get("reasons")]
        if excluded and not cec["qualifying_hours"] and not cec["eligible_on"] and len(excluded) == len(cec["jobs"]):
            return w.text(msg("page.verdict.work_none", reason=excluded[0]["reasons"][0])), value, ""
        key = "page.verdict.work_yet" if cec["eligible_on"] else "page.verdict.work"
    else:
        key = "page.verdict.%s.%s" % ("no" if failing else "unknown", first["id"])
    return w.text(msg(key, have=cec["qualifying_hours"], need=cec["hours_needed"])), value, ""


def date_html(w, cec, as_of, hooked=True):
    """When the work requirement is (or will be) met; ``hooked``: with the page hook (the summary's copy)."""
    on, need = cec["eligible_on"], cec["hours_needed"]
    hook = '<span data-result="cec-eligible-on">%s</span>' if hooked else "<span>%s</span>"
    if on and on <= as_of:
        until = cec.get("met_until")
        if until:
            return rich(w, "cec_date.had_until", {"date": hook % esc(w.date(on)),
                                                  "until": "<strong>%s</strong>" % esc(w.date(until))}, need=need)
        return rich(w, "cec_date.had", {"date": hook % esc(w.date(on))}, need=need)
    if on:
        return rich(w, "cec_date.will", {"date": hook % esc(w.date(on)),
                                         "condition": '<span class="muted">%s</span>' % t(w, "cec_date.if_continues")},
                    need=need)
    return rich(w, "cec_date.unknown", {"date": hook % t(w, "cec_date.not_known"),
                                        "why": '<span class="muted">%s</span>' % t(w, "cec_date.no_ongoing")}, need=need)


def round_name(w, kind):
    if kind in ("cec", "general", "pnp", "fsw", "fst"):
        return t(w, "round_kind." + kind)
    return esc(w.text(msg("category.name." + kind)))


def best_round_html(w, result, links):
    """The kind of round with the best chance for the score, in words: the first of ``view.round_types`` (best
    chance first), or, when no recent round of any kind had a cut-off as low as the score, the kind whose lowest
    cut-off came closest."""
    rounds = [r for r in result.get("rounds") or [] if r["rounds"]]
    if not result.get("rounds"):
        return t(w, "summary.no_rounds")
    if not rounds:
        return t(w, "summary.no_recent_rounds")
    best = rounds[0]
    kind = {"kind": "<strong>%s</strong>" % round_name(w, best["kind"]), "more": ""}
    if best["rounds_at_or_below_score"]:
        html = rich(w, "summary.best_round", kind, at_or_below=best["rounds_at_or_below_score"], rounds=best["rounds"],
                    start=w.date(best["from"]), end=w.date(best["to"]), score=best["score"])
    else:
        best = min(rounds, key=lambda r: (r["lowest_cutoff"], -r["rounds"]))
        kind["kind"] = "<strong>%s</strong>" % round_name(w, best["kind"])
        html = rich(w, "summary.best_round_none", kind, rounds=best["rounds"], start=w.date(best["from"]),
                    end=w.date(best["to"]), score=best["score"], low=best["lowest_cutoff"])
    if best.get("since"):
        html = html.rstrip() + " " + t(w, "summary.from_date", date=w.date(best["since"]))
    return html.rstrip() + " " + link("#rounds-card", t(w, "summary.all_rounds"))


def warnings_html(w, result):
    """The timeline's warnings that change what to do now (a permit or a test result that ends too early), said in
    the summary, each with a link to the options in the timeline."""
    out = []
    options = link("#timeline-card", t(w, "summary.options"))
    for e in result.get("timeline") or []:
        if not e["warning"] or e["id"] not in ("permit_end", "language_test_expires"):
            continue
        if e.get("days_short"):
            text = rich(w, "summary.permit_early", {"options": options}, date=w.date(e["date"]),
                        days=msg("timeline.days", n=e["days_short"]))
        else:
            text = rich(w, "labelled", {"label": esc(w.date(e["date"]))}, value=e["text"])
            if e["id"] == "permit_end":
                text += " " + link("#timeline-card", t(w, "summary.options_sentence"))
        out.append('<span class="summary-warning">%s</span>' % text)
    return "".join(out)


def crs_note_html(w, crs, quebec):
    """What to know about the score, beside it: the answers it lacks, the caveat on the grid, Quebec."""
    notes = []
    if crs["missing"]:
        notes.append(t(w, "summary.crs_missing", missing=_missing(crs["missing"])))
    if crs.get("caveat"):
        notes.append(link("#crs-caveat", t(w, "summary.crs_caveat_also" if notes else "summary.crs_caveat")))
    if quebec:
        notes.append(t(w, "summary.outside_quebec"))
    return " ".join(notes)


def summary_view(w, result, answers, links, state=""):
    """The summary at the top of the result: {element id: html}. ``state``: the verdict's (see verdict_text)."""
    quebec = answers.get("intended_province") == QUEBEC
    reason = ""
    if quebec:
        reason = rich(w, "summary.quebec", {"pstq": link(links.get("pstq", ""), t(w, "summary.pstq")),
                                           "guide": link(links.get("quebec", ""), t(w, "summary.quebec_guide"))})
    date = ""
    if answers.get("jobs"):
        date = date_html(w, result["cec"], result["as_of"])
    warnings = warnings_html(w, result)
    if warnings:
        date = (date + " " + warnings).strip()
    return {
        "summary-reason": reason,
        "summary-date": date,
        "summary-crs-note": crs_note_html(w, result["crs"], quebec),
        "summary-rounds": "" if state in ("empty", "incomplete") else best_round_html(w, result, links),
    }


def _missing(items):
    return join([msg("note.missing." + m) for m in items], "and")


# --- the timeline -------------------------------------------------------------------------------

def _x_tenths(day, first, last, left, width):
    """The day's place on the axis, in tenths of a unit, rounded half up in integers: a float formatted with
    "%.1f" rounds a tie such as 389.95 one way under CPython and the other under Brython."""
    span = last - first or 1
    return (20 * left * span + 20 * width * (day - first) + span) // (2 * span)


def _coord(tenths):
    return "%d.%d" % (tenths // 10, tenths % 10)


def timeline_svg(w, result):
    """One horizontal line from the assessment date to the last event, a mark for each event (warnings in red)."""
    from checker import dates
    events = result.get("timeline") or []
    if not events:
        return ""
    as_of = dates.to_ordinal(result["as_of"])
    days = [dates.to_ordinal(e["date"]) for e in events]
    first, last = min([as_of] + days), max([as_of] + days)
    left, width, height = 14, 412, 92
    parts = ['<line x1="%d" y1="46" x2="%d" y2="46" class="tl-axis"/>' % (left, left + width)]
    x_now = _x_tenths(as_of, first, last, left, width)
    parts.append('<line x1="%s" y1="30" x2="%s" y2="62" class="tl-now"/>' % (_coord(x_now), _coord(x_now)))
    # The label of the assessment date sits by its line (about 250 units wide: after it near the left end, before
    # it near the right end, centred on it in between).
    anchor = "start" if x_now <= 1800 else ("end" if x_now >= 2600 else "middle")
    parts.append('<text x="%s" y="20" class="tl-label" text-anchor="%s">%s</text>' % (
        _coord(x_now), anchor, t(w, "timeline.now", date=w.date(result["as_of"]))))
    for i, (e, day) in enumerate(zip(events, days)):
        x = _x_tenths(day, first, last, left, width)
        cls = "tl-mark warning" if e["warning"] else "tl-mark"
        shape = ('<path d="M%s 38 L%s 54 L%s 54 Z" class="%s"/>' % (_coord(x), _coord(x - 80), _coord(x + 80), cls)
                 if e["warning"] else '<circle cx="%s" cy="46" r="6" class="%s"/>' % (_coord(x), cls))
        parts.append(shape)
        parts.append('<text x="%s" y="%d" class="tl-num" text-anchor="middle">%d</text>' % (_coord(x),
                                                                                          76 if i % 2 == 0 else 88, i + 1))
    return ('<svg class="timeline-chart" viewBox="0 0 440 %d" role="img" aria-labelledby="timeline-svg-title" '
            'focusable="false"><title id="timeline-svg-title">%s</title>%s</svg>' % (
                height, t(w, "timeline.svg_title", n=len(events)), "".join(parts)))


def timeline_html(w, result, links):
    """The timeline drawn, and in words (the list is its text equivalent, numbered like the marks)."""
    events = result.get("timeline") or []
    if not events:
        return "<p>%s</p>" % t(w, "timeline.empty")
    items = []
    for e in events:
        extra = ""
        if e["id"] == "permit_end" and e["warning"]:
            extra = " " + rich(w, "timeline.options", {
                "maintained": link(links.get("maintained_status", ""), t(w, "timeline.maintained")),
                "bridging": link(links.get("bridging", ""), t(w, "timeline.bridging")),
                "new_permit": link(links.get("new_permit", ""), t(w, "timeline.new_permit"))})
        items.append('<li%s>%s%s</li>' % (' class="tl-warning"' if e["warning"] else "", rich(
            w, "labelled", {"label": '<time datetime="%s">%s</time>' % (esc(e["date"]), esc(w.date(e["date"])))},
            value=e["text"]), extra))
    return timeline_svg(w, result) + '<ol class="timeline-list">%s</ol>' % "".join(items)


# --- the CEC -----------------------------------------------------------------------------------

def job_status(w, job, window_start, jobs_together, cap):
    """(text, CSS class) for one job of the result's cec.jobs."""
    since = w.date(max(window_start, job.get("start") or window_start))
    if job["counts"] and not job["hours_in_window"]:
        return w.text(msg("page.job.none_in_window", since=w.date(window_start))), "job-status"
    if job["counts"]:
        counted = job.get("hours_counted_whole", int(job["hours_in_window"]))
        if jobs_together and job.get("hours_counted", job["hours_in_window"]) < job["hours_in_window"]:
            return (w.text(msg("page.job.counts_shared", counted=counted, worked=int(job["hours_in_window"]),
                               since=since, cap=cap)), "job-status counts")
        return w.text(msg("page.job.counts", hours=counted, since=since)), "job-status counts"
    return w.text(msg("page.job.excluded", reasons=join(job["reasons"], "sep_semicolon"))), "job-status excluded"


# --- rounds and categories ------------------------------------------------------------------------

def _category_item(w, c, todo=False):
    value = VERDICTS[c["eligible"]]
    todo = todo and value == "no"
    line = rich(w, "category_line", {"name": "<strong>%s</strong>" % esc(w.text(msg("category.name." + c["id"])))},
                state=msg("page.category_state." + ("todo" if todo else value)))
    cls = "todo" if todo else {"yes": "met", "no": "not-met", "unknown": "unknown"}[value]
    return '<li class="%s" data-result="category-%s" data-value="%s">%s %s%s</li>' % (
        cls, esc(c["id"]), value, line, esc(c["detail"]), sources_html(w, (c.get("sources") or [])[:1]))


def categories_html(w, result, missing=()):
    """Each category's verdict; the ones with no listed work at all are folded away under their names.

    ``missing``: the parts of the form not filled in yet ("work", "test"); a category they decide (French by a
    test, the others by work) is shown neutrally while they are missing, never as a "no"."""
    cats = result.get("categories") or []
    if not cats:
        return ""
    shown = [c for c in cats if c["eligible"] is not False or c["hours"] is not None]
    folded = [c for c in cats if c not in shown]
    out = ['<h4>%s</h4>' % t(w, "categories.heading")]

    def todo(c):
        return ("test" if c["id"] == "french" else "work") in missing

    if shown:
        out.append('<ul class="conditions categories">%s</ul>' % "".join(_category_item(w, c, todo(c)) for c in shown))
    for key, group in (("other", [c for c in folded if not todo(c)]), ("other_todo", [c for c in folded if todo(c)])):
        if group:
            out.append('<details class="categories-other"><summary>%s</summary><ul class="conditions categories">%s</ul>'
                       '</details>' % (t(w, "categories." + key, names=", ".join(
                           w.text(msg("category.name." + c["id"])) for c in group)),
                           "".join(_category_item(w, c, todo(c)) for c in group)))
    return "".join(out)


def comparison_html(w, c, links):
    attrs = 'data-result="rounds" data-round-type="%s" data-rounds="%d" data-at-or-above="%d"' % (
        esc(c["kind"]), c["rounds"], c["rounds_at_or_below_score"])
    name = round_name(w, c["kind"])
    if not c["rounds"]:
        body = t(w, "rounds.none_of_kind", start=w.date(c["from"]), end=w.date(c["to"])) if c.get("to") else \
            t(w, "rounds.no_data")
    else:
        body = t(w, "rounds.summary", start=w.date(c["from"]), end=w.date(c["to"]), rounds=c["rounds"],
                 low=c["lowest_cutoff"], high=c["highest_cutoff"], latest=w.date(c["latest"]["date"]),
                 latest_crs=c["latest"]["min_crs"], score=c["score"], at_or_below=c["rounds_at_or_below_score"])
    if c.get("since"):
        body = t(w, "rounds.from_date", date=w.date(c["since"])) + " " + body
    return '<div class="comparison" %s><h4>%s</h4><p>%s</p></div>' % (attrs, name, body)


def rounds_html(w, result, links):
    comparisons = result.get("rounds") or []
    out = []
    if not comparisons:
        out.append("<p>%s</p>" % t(w, "rounds.none_can_invite"))
    for c in comparisons:
        out.append(comparison_html(w, c, links))
    first = comparisons[0] if comparisons else None
    if first and first.get("stale_days") and first["stale_days"] > 30:
        out.append('<p class="notice">%s</p>' % t(w, "rounds.stale", until=w.date(first["data_until"]),
                                                  days=first["stale_days"]))
    if result["crs"].get("caveat"):
        out.append('<p class="notice">%s</p>' % t(w, "rounds.caveat"))
    out.append('<p class="muted">%s %s</p>' % (t(w, "rounds.not_a_promise"), link(links.get("rounds", ""),
                                                                              t(w, "rounds.link"))))
    return "".join(out)


def _round_to(n, step, up):
    return -(-n // step) * step if up else n // step * step


def pool_html(w, result):
    p = result.get("pool")
    if not p:
        return ""
    low, high = p["at_least"], p["at_most"]
    step = 100 if high >= 1000 else 1
    low_r, high_r = _round_to(low, step, False), _round_to(high, step, True)
    if low == high:
        text = t(w, "pool.exact", date=w.date(p["as_of"]), total=p["total"], n=low_r)
    else:
        own = p["own_range"]
        text = t(w, "pool.range", date=w.date(p["as_of"]), total=p["total"], low=low_r, high=high_r,
                 count=own["count"], min=own["min"], max=own["max"])
    return '<p class="pool">%s</p>' % text


# --- the CRS ---------------------------------------------------------------------------------------

# Each CRS factor's name, so that no two rows read alike: the spouse's education beside the person's own, and the
# skill transferability combinations, which the rules describe by their first half only ("Less than 1 year of foreign
# skilled work: no points for this combination" is said of both foreign work combinations).
FACTOR_NAMES = ("age", "education", "first_language_reading", "first_language_writing", "first_language_listening",
                "first_language_speaking", "second_language", "canadian_work", "spouse_education", "spouse_language",
                "spouse_canadian_work", "education_with_language", "education_with_canadian_work",
                "foreign_work_with_language", "foreign_work_with_canadian_work", "certificate_of_qualification",
                "provincial_nomination", "arranged_employment", "canadian_education", "french", "sibling")


def factor_row(w, f):
    name = t(w, "factor." + f["id"]) if f["id"] in FACTOR_NAMES else ""
    head = ('<span class="factor-name">%s</span> <span class="factor-detail">%s</span>' % (name, esc(f["detail"]))
            if name else esc(f["detail"]))
    return '<tr><td>%s</td><td class="num">%d</td></tr>' % (head, f["points"])


def factors_html(w, crs):
    rows = "".join(factor_row(w, f) for f in crs["factors"])
    return ('<table class="factors"><caption>%s</caption><thead><tr><th scope="col">%s</th>'
            '<th scope="col" class="num">%s</th></tr></thead><tbody>%s</tbody></table>' % (
                t(w, "factors.caption"), t(w, "factors.factor"), t(w, "factors.points"), rows))


# --- suggestions and other programs --------------------------------------------------------------------

def suggestion_html(w, s):
    gain = ('<span class="gain">+%d</span> %s' % (s["points_gained"], t(w, "suggestions.new_total", total=s["new_total"]))
            if s.get("points_gained") else "")
    title = '<strong>%s</strong>' % esc(s["title"])
    parts = [rich(w, "suggestion_gain", {"title": title, "gain": gain}) if gain else title]
    if s.get("date"):
        parts.append(" " + t(w, "suggestions.on", date=w.date(s["date"])))
    parts.append(".")
    if s.get("makes_cec_eligible"):
        parts.append(" <strong>%s</strong>" % t(w, "suggestions.makes_eligible"))
    for extra in s.get("opens_text") or []:
        parts.append(" <strong>%s</strong>" % esc(extra))
    parts.append(' <span class="muted">%s</span>' % esc(s["detail"]))
    if s.get("effort"):
        parts.append(' <span class="effort">%s</span>' % t(w, "effort." + s["effort"]))
    return "<li>%s</li>" % "".join(parts)


def suggestions_html(w, ideas, quebec=False):
    """The list of ideas; ``None`` while they are being worked out (the page draws the rest of the result first)."""
    if ideas is None:
        body = '<li class="pending">%s</li>' % t(w, "suggestions.working")
    elif not ideas:
        body = "<li>%s</li>" % t(w, "suggestions.none")
    else:
        body = "".join(suggestion_html(w, s) for s in ideas)
    if quebec:  # Express Entry's rounds are not how Quebec selects: every idea is said with that first
        body = '<li class="notice">%s</li>' % t(w, "outside_quebec_only") + body
    return body


def programs_html(w, result, todo=(), empty=False):
    """The other Express Entry programs; while work or a language test is not given (``todo``: the conditions on
    them), a program that is not met for that reason, or any program on an ``empty`` form, says so neutrally."""
    out = []
    for program in ("fsw", "fst"):
        p = result[program]
        skip = tuple(c["id"] for c in p["conditions"]) if empty else todo
        failed = [c for c in p["conditions"] if c["met"] is False and c["id"] not in skip]
        if skip and p["eligible"] is not True and not failed:
            state = t(w, "programs.state.todo")
        else:
            state = t(w, "programs.state." + VERDICTS[p["eligible"]])
            if "points" in p:
                state += " " + t(w, "programs.points", points=p["points"], need=p["pass_mark"])
        out.append('<h4>%s</h4><ul class="conditions">%s</ul><p class="muted">%s</p>' % (
            rich(w, "program_line", {"state": state}, name=msg("program." + program)),
            conditions_html(w, p["conditions"], skip),
            esc(" ".join(x["detail"] for x in p.get("also_required", [])))))
    return "".join(out)


# --- print ----------------------------------------------------------------------------------------

def all_sources(result):
    """Every source of the result, each once, in the order they first appear."""
    seen, out = set(), []

    def add(urls):
        for u in urls or []:
            if u not in seen:
                seen.add(u)
                out.append(u)

    for part in ("cec", "fsw", "fst"):
        for c in result[part]["conditions"]:
            add(c.get("sources"))
        for c in result[part].get("also_required", []):
            add(c.get("sources"))
    for c in result.get("categories") or []:
        add(c.get("sources"))
    return out


def print_sources_html(w, result):
    return "".join('<li>%s</li>' % in_its_language(w, u, '<a href="%s">%s</a>' % (esc(u), esc(u))) for u in all_sources(result))


def answers_summary_html(w, answers, today, labels):
    """The answers in words, with their labels (``labels``: {field: {value: label}} from the form), for print."""
    def label(kind, value):
        return labels.get(kind, {}).get(str(value), str(value))

    not_given = w.text(msg("page.summary.not_given"))
    edu = answers.get("education") or {}
    rows = [(t(w, "summary.as_of"), esc(w.date(answers.get("as_of") or today))),
            (t(w, "summary.born"), esc(w.date(answers.get("birth_date")) or not_given)),
            (t(w, "summary.province"), esc(label("province", answers["intended_province"]) if answers.get(
                "intended_province") else not_given)),
            (t(w, "summary.education"), esc(label("education", edu["level"]) if edu.get("level") else not_given)),
            (t(w, "summary.canadian"), esc(label("canadian", edu.get("canadian") or "none")))]
    if answers.get("permit_end"):
        rows.append((t(w, "summary.permit_end"), esc(w.date(answers["permit_end"]))))
    if answers.get("family_size"):
        rows.append((t(w, "summary.family_size"), esc(answers["family_size"])))
    flags = ("in_canada", "paid", "authorized", "full_time_student", "self_employed")
    for i, j in enumerate(answers.get("jobs") or []):
        what = [t(w, "summary.job_line", title=j.get("title") or w.text(msg("page.summary.untitled")),
                  teer=j.get("teer", ""), start=w.date(j["start"]),
                  end=w.date(j.get("end")) or w.text(msg("page.summary.ongoing")), hours=j["hours_per_week"])]
        if j.get("noc"):
            what.append(t(w, "summary.noc", noc=j["noc"]))
        what.extend(t(w, "summary.flag." + key) for key in flags if j.get(key))
        rows.append((t(w, "summary.job", n=i + 1), esc(", ").join(what)))
    for r in answers.get("languages") or []:
        rows.append((esc(label("test", r["test"])), t(w, "summary.test", date=w.date(r["test_date"]), reading=r["reading"],
                                                       writing=r["writing"], listening=r["listening"],
                                                       speaking=r["speaking"])))
    spouse = answers.get("spouse")
    if spouse:
        status = ("citizen" if spouse.get("citizen_or_pr") else "coming" if spouse.get("accompanying") else "not_coming")
        what = [t(w, "summary.spouse." + status)]
        if spouse.get("education_level"):
            what.append(esc(label("education", spouse["education_level"])))
        if spouse.get("canadian_work_years"):
            what.append(t(w, "summary.spouse_work", years=spouse["canadian_work_years"]))
        lang = spouse.get("language")
        if lang:
            what.append(esc(label("test", lang["test"])) + " " + t(w, "summary.test", date=w.date(lang["test_date"]),
                                                                   reading=lang["reading"], writing=lang["writing"],
                                                                   listening=lang["listening"],
                                                                   speaking=lang["speaking"]))
        rows.append((t(w, "summary.spouse"), esc(", ").join(what)))
    other = [t(w, "summary.flag." + key) for key in ("provincial_nomination", "sibling_in_canada",
                                                    "certificate_of_qualification") if answers.get(key)]
    offer = answers.get("job_offer")
    if offer:
        other.append(t(w, "summary.offer", teer=offer.get("teer")))
    if other:
        rows.append((t(w, "summary.other"), esc(", ").join(other)))
    return '<dl class="answers-list">%s</dl>' % "".join("<dt>%s</dt><dd>%s</dd>" % (k, v) for k, v in rows)


# --- everything ------------------------------------------------------------------------------------

def view(w, result, answers, today, links, labels):
    """What to show: {"hooks": {name: (text, data-value)}, "html": {id: html}, "text": {id: text}, ...}."""
    cec, crs = result["cec"], result["crs"]
    verdict, value, state = verdict_text(w, result, answers)
    todo = todo_conditions(answers)
    hooks = {"cec-eligible": (verdict, value), "cec-hours": (w.number(int(cec["qualifying_hours"])), None),
             "crs-total": (str(crs["total"]), None)}
    for part in ("core", "spouse", "transferability", "additional"):
        hooks["crs-" + part] = (str(crs[part]), None)
    quebec = answers.get("intended_province") == QUEBEC
    counted_jobs = [j for j in cec["jobs"] if j["counts"]]
    html = {"cec-date": date_html(w, cec, result["as_of"], hooked=False) if answers.get("jobs") else "",
            "cec-conditions": conditions_html(w, cec["conditions"], todo),
            "cec-also": '<p class="muted">%s</p><ul>%s</ul>' % (t(w, "also_required"), "".join(
                "<li>%s</li>" % esc(x["detail"]) for x in cec["also_required"])),
            "timeline": timeline_html(w, result, links),
            "categories": categories_html(w, result, not_given(answers)),
            "rounds": rounds_html(w, result, links),
            "pool": pool_html(w, result),
            "crs-caveat": esc(crs["caveat"]) if crs.get("caveat") else "",
            "crs-factors": factors_html(w, crs),
            "suggestions": suggestions_html(w, result["suggestions"], quebec),
            "programs": programs_html(w, result, todo, state == "empty"),
            "notes": "".join("<li>%s</li>" % esc(n) for n in result["notes"]),
            "answers-summary-body": answers_summary_html(w, answers, today, labels),
            "print-sources-list": print_sources_html(w, result)}
    html.update(summary_view(w, result, answers, links, state))
    if quebec:
        html["rounds"] = '<p class="notice">%s</p>' % t(w, "outside_quebec_only") + html["rounds"]
    return {
        "hooks": hooks,
        "state": state,
        "progress": (cec["hours_needed"], min(cec["qualifying_hours"], cec["hours_needed"])),
        "text": {"cec-window": w.text(msg("page.cec_window", since=w.date(cec["window_start"]))),
                 "rules-version": w.text(msg("page.rules_version", rules=result["rules_in_force"],
                                             verified=w.date(result["rules_verified"]), as_of=w.date(result["as_of"]))),
                 "jump-summary": w.text(msg("page.jump", verdict=verdict, total=crs["total"])),
                 "crs-card-total": str(crs["total"])},
        "html": html,
        "notes": bool(result["notes"]),
        "crs_caveat": bool(crs.get("caveat")),
        "jobs": [job_status(w, j, cec["window_start"], len(counted_jobs) > 1, cec["weekly_cap"]) for j in cec["jobs"]],
        "announce": w.text(msg("page.announce", verdict=verdict, total=crs["total"])),
    }


def status_text(w, kind, answers=None, errors=0, shown=0):
    """The line above the result: what the visitor should do next."""
    if kind == "result":
        if is_empty(answers):
            return w.text(msg("page.status.empty"))
        return w.text(msg("page.status.updated"))
    if shown:
        return w.text(msg("page.status.fix", n=errors))
    return w.text(msg("page.status.incomplete"))


def errors_announcement(w, shown):
    return w.text(msg("page.errors_announcement", n=shown))
