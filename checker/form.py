"""The checker form and the answers document (contract §1), mapped both ways.

Pure and standalone: it reads and writes the form through a *port*, an object
with these methods, so the mapping is tested on CPython with a dictionary and
runs on the page with the DOM (checker/ui.py):

- ``value(id)`` → the field's text, stripped ("" if empty or absent);
- ``bad_number(id)`` → True when the browser could not read a number field;
- ``checked(id)`` / ``set_checked(id, bool)``; ``set_value(id, text)``;
- ``job_ids()`` → the ids of the job blocks, in order; ``clear_jobs()``;
  ``add_job()`` → the id of a new, empty job block.

Field ids follow the page: ``f-…`` for single fields, ``job-<id>-…`` for a job,
``l1-…``/``l2-…`` for the two language tests and ``s-…`` for the spouse's.
"""

ABILITIES = ("reading", "writing", "listening", "speaking")
JOB_FLAGS = (("in-canada", "in_canada"), ("paid", "paid"), ("authorized", "authorized"),
             ("student", "full_time_student"), ("self-employed", "self_employed"))
JOB_FIELDS = (("title", "title"), ("noc", "noc"), ("teer", "teer"), ("start", "start"), ("end", "end"),
              ("hours_per_week", "hours"))
LANG_BLOCKS = ("l1", "l2")
SINGLE = (("as_of", "f-as-of"), ("birth_date", "f-birth-date"), ("intended_province", "f-province"))
FLAGS = (("provincial_nomination", "f-pnp"), ("sibling_in_canada", "f-sibling"),
         ("certificate_of_qualification", "f-coq"))
INCOMPLETE_JOB = "Add the start date, hours a week and TEER (or NOC code) to count this job."
INCOMPLETE_TEST = "Enter the test date and all four scores to count this test."


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
    scores = {a: number(port, prefix + "-" + a) for a in ABILITIES}
    date = port.value(prefix + "-date")
    if not date or "" in scores.values():
        statuses[prefix] = INCOMPLETE_TEST
        return None
    result = {"test": test, "test_date": date}
    result.update(scores)
    ids[path] = ids[path + ".test"] = prefix + "-test"
    ids[path + ".test_date"] = prefix + "-date"
    for a in ABILITIES:
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
        job["teer"] = int(teer)
    if noc:
        job["noc"] = noc
    for suffix, key in JOB_FLAGS:
        job[key] = bool(port.checked(p + suffix))
        ids[path + "." + key] = p + suffix
    for key, suffix in JOB_FIELDS:
        ids[path + "." + key] = p + suffix
    ids[path] = p + "title"
    return job


def collect(port):
    """(answers, {answers path: field id}, {block id: why it is not counted yet}, [job block ids counted])."""
    ids, statuses, a = {}, {}, {}
    for key, ident in SINGLE:
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
    for prefix in LANG_BLOCKS:
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
    for key, ident in FLAGS:
        a[key] = bool(port.checked(ident))
        ids[key] = ident
    offer = port.value("f-job-offer")
    a["job_offer"] = None if not offer else {"teer": int(offer[-1]), "major_group_00": offer == "00"}
    ids["job_offer"] = ids["job_offer.teer"] = ids["job_offer.major_group_00"] = "f-job-offer"
    return a, ids, statuses, order


def _text(value):
    return "" if value is None else str(value)


def _fill_result(port, prefix, result):
    result = result or {}
    port.set_value(prefix + "-test", result.get("test") or "")
    port.set_value(prefix + "-date", _text(result.get("test_date")))
    for a in ABILITIES:
        port.set_value(prefix + "-" + a, _text(result.get(a)))


def fill(port, answers):
    """Put an answers document into an empty form (one job block is kept even with no jobs)."""
    for key, ident in SINGLE:
        port.set_value(ident, _text(answers.get(key)))
    edu = answers.get("education") or {}
    port.set_value("f-education", edu.get("level") or "")
    port.set_value("f-canadian", edu.get("canadian") or "none")
    port.clear_jobs()
    for job in answers.get("jobs") or [{}]:
        p = "job-" + port.add_job() + "-"
        for key, suffix in JOB_FIELDS:
            port.set_value(p + suffix, _text(job.get(key)))
        for suffix, key in JOB_FLAGS:
            if key in job:
                port.set_checked(p + suffix, bool(job[key]))
    langs = answers.get("languages") or []
    for i, prefix in enumerate(LANG_BLOCKS):
        _fill_result(port, prefix, langs[i] if i < len(langs) else None)
    spouse = answers.get("spouse")
    port.set_checked("f-spouse-yes", bool(spouse))
    port.set_checked("f-spouse-no", not spouse)
    if spouse:
        port.set_checked("f-spouse-accompanying", bool(spouse.get("accompanying", True)))
        port.set_checked("f-spouse-citizen", bool(spouse.get("citizen_or_pr", False)))
        port.set_value("f-spouse-education", spouse.get("education_level") or "")
        port.set_value("f-spouse-work", _text(spouse.get("canadian_work_years")))
        _fill_result(port, "s", spouse.get("language"))
    for key, ident in FLAGS:
        port.set_checked(ident, bool(answers.get(key)))
    offer = answers.get("job_offer")
    port.set_value("f-job-offer", "" if not offer else ("00" if offer.get("major_group_00") else str(offer.get("teer"))))


def scale_view(scales, test, date):
    """({ability: {"min", "max", "step"}}, note) for a test's score fields; ({}, "") for no test.

    ``scales`` maps each test to its charts' scales by first test date (the page
    embeds them); TEF Canada's scale depends on the test date.
    """
    versions = scales.get(test)
    if not versions:
        return {}, ""
    chosen = versions[0]
    for v in versions:
        if v["from"] <= date:
            chosen = v
    attrs, parts = {}, []
    for a in ABILITIES:
        sc = chosen["scale"][a]
        attrs[a] = {"min": str(sc["min"]), "max": str(sc["max"]), "step": str(sc["step"])}
        parts.append("%s–%s" % (sc["min"], sc["max"]))
    span = parts[0] if len(set(parts)) == 1 else ", ".join("%s %s" % (a, p) for a, p in zip(ABILITIES, parts))
    return attrs, "(%s%s)" % (span, ", in steps of 0.5" if chosen["scale"]["reading"]["step"] != 1 else "")


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
