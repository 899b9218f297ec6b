"""The checker page's logic: a snapshot of the form in, what the page shows out.

Pure (it imports only the checker). It runs in the page's web worker beside the
rules, so the page's main thread neither compiles nor runs it. On each change
checker/page/ui.py sends a *snapshot* of the form::

    {"values": {field id: text}, "checked": [ids of ticked boxes and chosen radios],
     "bad": [ids of number fields the browser could not read], "jobs": [job block ids, in order],
     "rejected": {field id: the text a shared link had for it, which the field could not hold}}

and gets back the answers document (for the address) and a *view*: for each
element, by id, the text, HTML, attributes or visibility to give it, the status
line under each job and language block, and the errors to show beside their
fields.

Field ids are checker/page/form.py's, which fills the form from an answers document.
All text is in the visitor's language: ``words`` (a :class:`checker.words.Words`).
"""

from checker.answers import InvalidAnswers
from checker.assessment import assess_in_steps
from checker.page import form, render
from checker.rounds import compare, pool_position
from checker.words import Msg, join, msg

INCOMPLETE_JOB = msg("page.incomplete_job")
INCOMPLETE_TEST = msg("page.incomplete_test")


class Snapshot:
    """A snapshot of the form (see the module docstring), read the way ``collect`` reads a form."""

    def __init__(self, snapshot):
        self.values = snapshot.get("values") or {}
        self.ticked = set(snapshot.get("checked") or [])
        self.bad = set(snapshot.get("bad") or [])
        self.jobs = [str(uid) for uid in snapshot.get("jobs") or []]
        self.rejected = dict(snapshot.get("rejected") or {})

    def value(self, ident):
        return str(self.values.get(ident) or "").strip()

    def bad_number(self, ident):
        return ident in self.bad

    def checked(self, ident):
        return ident in self.ticked

    def job_ids(self):
        return self.jobs


def parse_number(text):
    """A number typed in a field: digits with at most one decimal point (or comma), as an int or float;
    None for anything else ("4o", "1e3", digits of other scripts), which the checker then reports."""
    text = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not text:
        return None
    whole, sep, frac = text.replace(",", ".", 1).partition(".")
    if not whole and not frac:
        return None
    for part in (whole, frac):
        if any(c not in "0123456789" for c in part):
            return None
    if not sep:
        return int(whole)
    return float((whole or "0") + "." + (frac or "0"))


def number(port, ident):
    """A number field: "" when empty, the number, or the text itself when it is not a number (the checker then
    says so: a letter in a number is an error, never dropped)."""
    if port.bad_number(ident):
        return "not a number"
    text = port.value(ident)
    if text == "":
        return ""
    value = parse_number(text)
    return text if value is None else value


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
        job["teer"] = int(teer) if teer in ("0", "1", "2", "3", "4", "5") else teer  # not a TEER: the checker says so
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
        status = next((st for st in form.SPOUSE_STATUS if port.checked("f-spouse-" + st)), "coming")
        spouse = {"accompanying": status == "coming", "citizen_or_pr": status == "citizen"}
        ids["spouse"] = ids["spouse.accompanying"] = ids["spouse.citizen_or_pr"] = "f-spouse-coming"
        if port.value("f-spouse-education"):
            spouse["education_level"] = port.value("f-spouse-education")
            ids["spouse.education_level"] = "f-spouse-education"
        years = number(port, "f-spouse-work")
        if years != "":
            spouse["canadian_work_years"] = years
            ids["spouse.canadian_work_years"] = "f-spouse-work"
        spouse["language"] = _result(port, "s", "spouse.language", ids, statuses)
        a["spouse"] = spouse
    size = number(port, "f-family-size")
    if size != "":
        a["family_size"] = size
        ids["family_size"] = "f-family-size"
    for key, ident in form.FLAGS:
        a[key] = bool(port.checked(ident))
        ids[key] = ident
    offer = port.value("f-job-offer")
    a["job_offer"] = None if not offer else {"teer": int(offer[-1]) if offer[-1] in "0123" else offer,
                                             "major_group_00": offer == "00"}
    ids["job_offer"] = ids["job_offer.teer"] = ids["job_offer.major_group_00"] = "f-job-offer"
    offer_noc = port.value("f-job-offer-noc")
    if a["job_offer"] is not None and offer_noc:
        a["job_offer"]["noc"] = offer_noc
        ids["job_offer.noc"] = "f-job-offer-noc"
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


def scale_versions(scales, w):
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
            span = parts[0] if len(set(parts)) == 1 else w.text(join(
                [msg("crs.ability_level", ability=msg("ability." + a), level=p) for a, p in zip(form.ABILITIES, parts)], "sep"))
            step = v["scale"]["reading"]["step"]
            note = w.text(msg("page.scale_note_steps", span=span, step=msg("clb.score_tenths", n=step)) if step != 1
                          else msg("page.scale_note", span=span))
            out[test].append({"from": v["from"], "attrs": attrs, "note": note})
    return out


def _empty_view():
    return {"hooks": {}, "text": {}, "html": {}, "attrs": {}, "hidden": {}, "statuses": {}, "errors": [],
            "stale": False, "announce": ""}


def _block_statuses(w, statuses, job_ids, counted=None, order=()):
    """{status element id: (text, class)}: each job block's and language block's line under it.

    A block that is not complete yet says what it lacks; a counted job says how it
    counts (``counted``, from a result; left as it is when there is none); an
    empty block says nothing.
    """
    out = {}
    for uid in job_ids:
        if uid in statuses:
            out["job-" + uid + "-status"] = (w.text(statuses[uid]), "job-status")
        elif counted is not None and uid in counted:
            out["job-" + uid + "-status"] = counted[uid]
        elif uid not in order:
            out["job-" + uid + "-status"] = ("", "job-status")
    for prefix in form.LANG_BLOCKS + ("s",):
        out[prefix + "-status"] = (w.text(statuses[prefix]) if prefix in statuses else "", "block-status")
    return out


def result_view(w, result, answers, statuses, order, job_ids, today, links, labels):
    """The view of a result: every result element, each block's status line and the printed answers."""
    v = render.view(w, result, answers, today, links, labels)
    view = _empty_view()
    view["hooks"] = v["hooks"]
    view["text"] = v["text"]
    view["text"]["results-status"] = render.status_text(w, "result", answers)
    view["html"] = v["html"]
    view["attrs"]["cec-progress"] = {"max": str(v["progress"][0]), "value": str(v["progress"][1])}
    view["attrs"]["summary-verdict"] = {"data-state": v["state"]}
    view["attrs"]["suggestions"] = {"aria-busy": "true" if result["suggestions"] is None else "false"}
    view["hidden"]["notes-card"] = not v["notes"]
    view["hidden"]["crs-caveat"] = not v["crs_caveat"]
    counted = {uid: v["jobs"][i] for i, uid in enumerate(order) if i < len(v["jobs"])}
    view["statuses"] = _block_statuses(w, statuses, job_ids, counted)
    view["announce"] = v["announce"]
    return view


def rejected_errors(w, rejected):
    """[(field id, message)]: the values a shared link had that their fields could not hold, shown with the text."""
    return [(ident, w.text(msg("page.link_value", value=text[:80]))) for ident, text in sorted(rejected.items())]


def invalid_view(w, errors, ids, statuses, order, job_ids, touched, show_all, rejected=()):
    """The view when the answers are not valid yet: the errors on the fields left, the result marked stale.

    ``errors``: the answers' errors with their messages in words ({"field", "message"}); ``rejected``: the
    errors of values a shared link had that no field could hold (always shown)."""
    view = _empty_view()
    view["errors"] = list(rejected) + [e for e in error_targets(errors, ids, touched, show_all)
                                       if e[0] not in {r[0] for r in rejected}]
    shown = len(view["errors"])
    view["text"]["results-status"] = render.status_text(w, "invalid", errors=len(errors), shown=shown)
    view["statuses"] = _block_statuses(w, statuses, job_ids, order=order)
    view["stale"] = True
    view["announce"] = render.errors_announcement(w, shown) if shown else ""
    return view


def invitable(result):
    """[(round kind, the date from which, or None for now)]: the kinds of round that can invite the person.

    CEC rounds when CEC-eligible (or from the day the work requirement is met, when
    only the work is missing); each category eligible for (or from the day its
    occupation requirement is met, when the rest is in place); general rounds once
    in the pool (eligible for any program); PNP rounds only with a nomination.
    """
    out = []
    cec = result["cec"]
    if cec["eligible"] is True:
        out.append(("cec", None))
    elif cec["eligible_on"] and cec["eligible_on"] > result["as_of"] and all(
            c["met"] is True for c in cec["conditions"] if c["id"] != "work_experience"):
        out.append(("cec", cec["eligible_on"]))
    in_pool = True in (cec["eligible"], result["fsw"]["eligible"], result["fst"]["eligible"])
    for c in result.get("categories", []):
        if c["eligible"] is True:
            out.append((c["id"], None))
        elif c["eligible"] is False and in_pool and c["eligible_on"] and c["eligible_on"] > result["as_of"]:
            out.append((c["id"], c["eligible_on"]))
    if in_pool:
        out.append(("general", None))
        if any(f["id"] == "provincial_nomination" and f["points"] for f in result["crs"]["factors"]):
            out.append(("pnp", None))
    return out


def _chance(c):
    """Sort key, best chance first: the share of rounds at or below the score, then the lower latest cut-off."""
    if not c["rounds"]:
        return (1, 0, 0)
    return (0, -c["rounds_at_or_below_score"] / c["rounds"], c["latest"]["min_crs"])


def round_types(result, rounds):
    """Each kind of round that can invite the person compared with the score, best chance first."""
    total, as_of = result["crs"]["total"], result["as_of"]
    out = []
    for kind, since in invitable(result):
        c = compare(total, rounds, as_of, kind)
        c["since"] = since
        out.append(c)
    out.sort(key=_chance)
    return out


def assessed(answers, rules, rounds, today, words, pool=None):
    """The result document in ``words``' language, with ``rounds``: how its score compares with the recent rounds
    of every kind that can invite the person, and ``pool``: where it stands in IRCC's latest pool distribution.

    Raises :class:`checker.answers.InvalidAnswers` as ``assess`` does.
    """
    result, ideas = assessed_in_steps(answers, rules, rounds, today, words, pool)
    result["suggestions"] = ideas()
    return result


def assessed_in_steps(answers, rules, rounds, today, words, pool=None):
    """:func:`assessed` in two steps, as :func:`checker.assessment.assess_in_steps`: (the result with
    ``"suggestions": None``, a function returning the suggestions, each with the rounds it would open)."""
    result, suggest = assess_in_steps(answers, rules, today, words=words)
    result["rounds"] = round_types(result, rounds)
    result["pool"] = pool_position(result["crs"]["total"], pool)

    def ideas():
        found = suggest()
        for idea in found:
            idea["opens_text"] = [opens_text(words, kind, idea, result, rounds) for kind in idea.get("opens") or []]
        return found
    return result, ideas


def opens_text(words, kind, idea, result, rounds):
    """What a suggestion that opens a category's rounds would have meant in the recent rounds of that kind."""
    total = idea["new_total"] if idea.get("new_total") is not None else result["crs"]["total"]
    c = compare(total, rounds, result["as_of"], kind)
    name = msg("category.name." + kind)
    if not c["rounds"]:
        return words.text(msg("page.opens_none", category=name))
    return words.text(msg("page.opens", category=name, low=c["lowest_cutoff"], high=c["highest_cutoff"],
                          start=c["from"], end=c["to"], at_or_below=c["rounds_at_or_below_score"], rounds=c["rounds"],
                          total=total))


# Answers errors said the page's way: a NOC field holds what was typed to search until an occupation is picked.
PAGE_WORDING = {"answers.noc": "page.error.noc"}


def page_texts(exc, words):
    """The errors of invalid answers ({"field", "message"}), with the page's own wording where it has one."""
    out = []
    for e in exc.errors:
        m = e["message"]
        if isinstance(m, Msg) and m.key in PAGE_WORDING:
            m = Msg(PAGE_WORDING[m.key], m.args)
        out.append({"field": e["field"], "message": words.text(m)})
    return out


def respond(message, rules, rounds, words, pool=None, links=None, labels=None):
    """The reply to a snapshot of the form: {"answers": answers document, "view": view}.

    ``message`` carries "form" (the snapshot), "today" (the visitor's date, the
    assessment date unless the answers set one), "touched" (the fields the
    visitor has left), "show_all" (show every error, as for a shared link) and
    "root" (the address of the site's root, for the guides' links in ``links``).
    """
    reply, later = respond_in_steps(message, rules, rounds, words, pool, links, labels)
    if later is not None:
        for part, values in later()["view"].items():
            reply["view"][part].update(values)
    return reply


def respond_in_steps(message, rules, rounds, words, pool=None, links=None, labels=None):
    """:func:`respond` in two steps: (the reply, with the suggestions still being worked out; a function that
    returns {"view": the suggestions' part of the view}), or (the whole reply, None) when there is no result."""
    port = Snapshot(message.get("form") or {})
    answers, ids, statuses, order = collect(port)
    today = message.get("today")
    root = message.get("root") or ""
    where = dict((k, v if v.startswith("https://") else root + v) for k, v in (links or {}).items())
    rejected = rejected_errors(words, port.rejected)
    try:
        result, ideas = assessed_in_steps(answers, rules, rounds, today, words, pool)
    except InvalidAnswers as exc:
        return {"answers": answers, "view": invalid_view(words, page_texts(exc, words), ids, statuses, order, port.job_ids(),
                                                         set(message.get("touched") or []),
                                                         bool(message.get("show_all")), rejected)}, None
    if rejected:
        return {"answers": answers, "view": invalid_view(words, [], ids, statuses, order, port.job_ids(), set(), False,
                                                         rejected)}, None
    view = result_view(words, result, answers, statuses, order, port.job_ids(), today, where, labels or {})

    def later():
        return {"view": suggestions_view(words, ideas(), answers)}
    return {"answers": answers, "view": view}, later


def suggestions_view(w, ideas, answers):
    """The part of the view the suggestions fill in, once worked out."""
    return {"html": {"suggestions": render.suggestions_html(w, ideas, answers.get("intended_province") == render.QUEBEC)},
            "attrs": {"suggestions": {"aria-busy": "false"}}}
