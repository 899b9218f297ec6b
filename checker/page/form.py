"""The checker form's fields, and how an answers document (contract §1) fills them.

Pure and standalone (it imports nothing), so it runs on the page's main thread
when a shared link is opened (checker/page/ui.py applies what :func:`fill` returns),
and on CPython in the tests. The way back, from the form to an answers document, is
``checker.page.view.collect``: it runs in the web worker, on a snapshot of the form.

Field ids follow the page: ``f-…`` for single fields, ``job-<id>-…`` for a job,
``l1-…``/``l2-…`` for the two language tests and ``s-…`` for the spouse's.
"""

ABILITIES = ("reading", "writing", "listening", "speaking")
JOB_FLAGS = (("in-canada", "in_canada"), ("paid", "paid"), ("authorized", "authorized"),
             ("student", "full_time_student"), ("self-employed", "self_employed"))
JOB_FIELDS = (("title", "title"), ("noc", "noc"), ("teer", "teer"), ("start", "start"), ("end", "end"),
              ("hours_per_week", "hours"))
LANG_BLOCKS = ("l1", "l2")
SINGLE = (("as_of", "f-as-of"), ("birth_date", "f-birth-date"), ("intended_province", "f-province"),
          ("permit_end", "f-permit-end"))
# The spouse or partner's status, one choice of three (radios f-spouse-<status>):
SPOUSE_STATUS = ("coming", "not-coming", "citizen")
MAX_JOBS = 30   # the answers document's limit (contract §1 reader): the form offers no more
FLAGS = (("provincial_nomination", "f-pnp"), ("sibling_in_canada", "f-sibling"),
         ("certificate_of_qualification", "f-coq"))


def _text(value):
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _dict(value):
    """A part of the answers that should be an object; {} if a hand-edited link made it something else."""
    return value if isinstance(value, dict) else {}


def _result_fields(prefix, result, fields):
    result = _dict(result)
    fields[prefix + "-test"] = _text(result.get("test"))
    fields[prefix + "-date"] = _text(result.get("test_date"))
    for a in ABILITIES:
        fields[prefix + "-" + a] = _text(result.get(a))


def fill(answers):
    """How to fill an empty form with an answers document: {"fields": {id: value}, "jobs": [{suffix: value}]}.

    A value is the text of a field, or True/False for a box to tick or clear.
    Each job block needs its own ids, so a job's fields are named by the end of
    their ids (``job-<id>-title`` is "title"). One empty job block is kept even
    with no jobs. A part of a (hand-edited) link that is not what the answers
    document says it is, is left out: the form shows what could be read.
    """
    answers = _dict(answers)
    fields = {}
    for key, ident in SINGLE:
        fields[ident] = _text(answers.get(key))
    edu = _dict(answers.get("education"))
    fields["f-education"] = _text(edu.get("level"))
    fields["f-canadian"] = _text(edu.get("canadian")) or "none"
    jobs = []
    listed = answers.get("jobs") if isinstance(answers.get("jobs"), list) else []
    for job in [_dict(j) for j in listed] or [{}]:
        block = {suffix: _text(job.get(key)) for key, suffix in JOB_FIELDS}
        for suffix, key in JOB_FLAGS:
            if key in job:
                block[suffix] = bool(job[key])
        jobs.append(block)
    langs = answers.get("languages") if isinstance(answers.get("languages"), list) else []
    for i, prefix in enumerate(LANG_BLOCKS):
        _result_fields(prefix, langs[i] if i < len(langs) else None, fields)
    spouse = _dict(answers.get("spouse"))
    fields["f-spouse-yes"] = bool(spouse)
    fields["f-spouse-no"] = not spouse
    if spouse:
        status = ("citizen" if spouse.get("citizen_or_pr") is True else
                  "coming" if spouse.get("accompanying", True) is not False else "not-coming")
        for st in SPOUSE_STATUS:
            fields["f-spouse-" + st] = st == status
        fields["f-spouse-education"] = _text(spouse.get("education_level"))
        fields["f-spouse-work"] = _text(spouse.get("canadian_work_years"))
        _result_fields("s", spouse.get("language"), fields)
    for key, ident in FLAGS:
        fields[ident] = bool(answers.get(key))
    offer = _dict(answers.get("job_offer"))
    fields["f-job-offer"] = "" if not offer else ("00" if offer.get("major_group_00") else _text(offer.get("teer")))
    fields["f-job-offer-noc"] = _text(offer.get("noc"))
    fields["f-family-size"] = _text(answers.get("family_size"))
    return {"fields": fields, "jobs": jobs}


def scale_for(versions, date):
    """The score scale for a test taken on ``date`` (ISO), from its versions oldest first (each with "from",
    the first test date it applies to); the oldest for a date before them all; None for no versions.

    The page embeds each test's versions (``checker.page.scale_versions``); TEF
    Canada's changed for tests from 2023-12-11.
    """
    chosen = None
    for version in versions or []:
        if chosen is None or version["from"] <= date:
            chosen = version
    return chosen
