"""The checker form's fields, and how an answers document (contract §1) fills them.

Pure and standalone (it imports nothing), so it runs on the page's main thread
when a shared link is opened (checker/ui.py applies what :func:`fill` returns),
and on CPython in the tests. The way back, from the form to an answers document, is ``checker.page.collect``:
it runs in the web worker, on a snapshot of the form.

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


def _text(value):
    return "" if value is None else str(value)


def _result_fields(prefix, result, fields):
    result = result or {}
    fields[prefix + "-test"] = result.get("test") or ""
    fields[prefix + "-date"] = _text(result.get("test_date"))
    for a in ABILITIES:
        fields[prefix + "-" + a] = _text(result.get(a))


def fill(answers):
    """How to fill an empty form with an answers document: {"fields": {id: value}, "jobs": [{suffix: value}]}.

    A value is the text of a field, or True/False for a box to tick or clear.
    Each job block needs its own ids, so a job's fields are named by the end of
    their ids (``job-<id>-title`` is "title"). One empty job block is kept even
    with no jobs.
    """
    fields = {}
    for key, ident in SINGLE:
        fields[ident] = _text(answers.get(key))
    edu = answers.get("education") or {}
    fields["f-education"] = edu.get("level") or ""
    fields["f-canadian"] = edu.get("canadian") or "none"
    jobs = []
    for job in answers.get("jobs") or [{}]:
        block = {suffix: _text(job.get(key)) for key, suffix in JOB_FIELDS}
        for suffix, key in JOB_FLAGS:
            if key in job:
                block[suffix] = bool(job[key])
        jobs.append(block)
    langs = answers.get("languages") or []
    for i, prefix in enumerate(LANG_BLOCKS):
        _result_fields(prefix, langs[i] if i < len(langs) else None, fields)
    spouse = answers.get("spouse")
    fields["f-spouse-yes"] = bool(spouse)
    fields["f-spouse-no"] = not spouse
    if spouse:
        fields["f-spouse-accompanying"] = bool(spouse.get("accompanying", True))
        fields["f-spouse-citizen"] = bool(spouse.get("citizen_or_pr", False))
        fields["f-spouse-education"] = spouse.get("education_level") or ""
        fields["f-spouse-work"] = _text(spouse.get("canadian_work_years"))
        _result_fields("s", spouse.get("language"), fields)
    for key, ident in FLAGS:
        fields[ident] = bool(answers.get(key))
    offer = answers.get("job_offer")
    fields["f-job-offer"] = "" if not offer else ("00" if offer.get("major_group_00") else str(offer.get("teer")))
    return {"fields": fields, "jobs": jobs}
