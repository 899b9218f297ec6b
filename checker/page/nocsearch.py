"""The NOC finder: the unit groups of NOC 2021 that best match a typed job title or code.

Pure Python with no imports: it runs unchanged in CPython (the tests, the site build) and in
Brython on the checker page's main thread. The site's index (``data/noc-en.json``,
``data/noc-fr.json``, written by ``plugins/cec_site/noc.py`` from Statistics Canada's NOC 2021
Version 1.0) is read once by :func:`load` (or :func:`load_steps`, the same work in short steps);
then each keystroke is one :func:`search`::

    index = load(json.loads(text))    # in the browser: load(javascript.JSON.parse(text)), a dict of strings
    search(index, "soft")             # [{"code": "21231", "title": "Software engineers and designers",
                                      #   "teer": 1, "matched": "Software engineers and designers"}, ...]
    unit_group(index, "21232")        # {"code": "21232", "title": ..., "teer": 1, "category": "2", ...}

Matching. A query and the index text are compared "folded": lower case, accents removed with
:data:`FOLD` (``é`` -> ``e``, ``œ`` -> ``oe``), punctuation read as a space, full stops dropped
(``R.N.`` -> ``rn``). Every word of the query must begin a word of the same title or example
title (``soft`` finds "software developer"; ``infirmière`` finds "infirmier/infirmière"). A query
made of digits only is a code or the start of one (``212`` lists 21200, 21201...).

Ranking, best first: (1) a title or example title that *is* the query (one form of a French
"masculine/feminine" title counts: ``infirmière`` is "infirmier/infirmière"); (2) a unit group's
own title with every query word whole (a plural ``s``/``es`` allowed: ``cashier`` is a whole word
of "Cashiers"); (3) a title with the words begun (``soft``: "Software developers and
programmers"); (4) an example title, words whole; (5) an example title, words begun. Within
each, the shorter text first, then the code. One result for each unit group, with the text that
matched best.

How the index is shaped, and why (measured in Brython 3.15 in headless Chromium on 2 cores; see
``bench/bench_noc.py``). The French example titles alone are about 235 KB gzipped, so there is no
room for an inverted or prefix index within the 250 KB budget, and a Python loop step costs
Brython 1 to 15 microseconds while its ``str.find``, ``in``, ``split`` and ``lower`` run at
JavaScript speed. So the index ships each unit group's example titles as one line of text,
shortest first, with its commonest phrases ("opérateur/opératrice", "- fabrication de meubles")
written as one marker character; :func:`load` folds that text with a few ``split``/``join`` passes
(keeping the markers) into one string for all 516 unit groups; and :func:`search` runs ``find``
over that string, so its Python work grows with the number of unit groups that match, not with
the text: the first hit in a unit group is its shortest matching line, thanks to the order.
Brython's ``str.replace`` and long slices are slow (quadratic, or copied a character at a
time): neither is used on long text. Brython 3.15's ``str.find`` ignores an ``end`` argument and its
``str.rfind`` miscounts with a ``start`` other than 0, so neither is called that way
(``tests/test_purity.py`` checks every module the browser runs).
"""

FORMAT = "cec-pathways/noc-index/1"

# Accented letters (lower case) and their plain spelling. The NOC's French titles use é è ê ë à â
# î ï ô û ç (and É); the rest are here for queries typed with other accents.
FOLD = {
    "à": "a", "á": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "æ": "ae", "ç": "c",
    "è": "e", "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i",
    "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "ö": "o", "õ": "o", "ø": "o", "œ": "oe",
    "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ß": "ss",
}
# Characters of the NOC text read as a space between words ("/" too, see SLASH); "." is dropped.
SPACES = " ,()-'\"\u00a0"
SLASH = " / "  # "a/b" stays recognisable as two alternatives after folding: "a / b"
LINE = "|"  # between the example titles of a unit group, in the index; around each line once folded
GROUP = "\n"  # between unit groups, in the index and in the folded text
DIGITS = "0123456789"
PLURALS = (" ", "s ", "es ")  # what may follow a query word for it to count as a whole word
CHUNK = 24  # unit groups folded in one step of load_steps (a few milliseconds in Brython)


def _plain(ch: str) -> str:
    """One lower-case character as it is compared: a-z and 0-9 as they are, accents folded,
    '.' dropped, anything else a space."""
    if "a" <= ch <= "z" or "0" <= ch <= "9":
        return ch
    if ch in FOLD:
        return FOLD[ch]
    if ch == ".":
        return ""
    return " "


def normalize(text: str) -> str:
    """A query as the finder compares it: folded words separated by one space.

    >>> normalize("  Infirmière (R.N.) / Aide-soignante ")
    'infirmiere rn aide soignante'
    >>> normalize("Cœur d'ÉTÉ")
    'coeur d ete'
    """
    return " ".join("".join([_plain(ch) for ch in text.lower()]).split())


def fold_text(text: str) -> str:
    """Index text as the finder searches it, done to a whole string at once.

    Lower case, accents folded, '.' dropped, other punctuation a space, "/" " / " and the line
    separator " | ". Only ``split`` and ``join`` are used, which Brython runs at JavaScript
    speed. Each character is changed on its own, so a title folds to the same string alone or
    among others; the build checks that the index holds no character this does not handle, and
    that its phrase markers come through unchanged.

    >>> fold_text("Infirmier/infirmière|R.N. (E.C.)")
    'infirmier / infirmiere | rn  ec '
    """
    s = text.lower()
    for ch in FOLD:
        if ch in s:
            s = FOLD[ch].join(s.split(ch))
    if "." in s:
        s = "".join(s.split("."))
    for ch in SPACES[1:]:
        if ch in s:
            s = " ".join(s.split(ch))
    if "/" in s:
        s = SLASH.join(s.split("/"))
    if LINE in s:
        s = " | ".join(s.split(LINE))
    return s


def expand(text: str, phrases) -> str:
    """``text`` with each marker of ``phrases`` (pairs ``(marker, phrase)``) written out."""
    if text.isascii():  # markers are never ASCII
        return text
    for marker, phrase in phrases:
        if marker in text:
            text = phrase.join(text.split(marker))
    return text


class Index:
    """The loaded NOC index of one language (made by :func:`load`)."""

    def __init__(self):
        self.lang = ""
        self.attribution = ""
        self.codes = []  # the 516 unit group codes, in code order ("00010", ...)
        self.titles = []  # their titles, in the index's language
        self.categories = []  # the 10 broad categories' titles, by first digit
        self.position = {}  # code -> position in codes
        self.raw = []  # each unit group's example titles as published, phrases as markers, "|" between
        self.groups = []  # the same folded, markers kept, each line between bars: "| a b | c ¤ d | e |"
        self.text = ""  # all of groups, "\n" between them
        self.starts = []  # where each group begins in text
        self.folded_titles = []  # each title folded the same way: "| a b |"
        self.title_text = ""  # all of folded_titles, "\n" between them
        self.title_starts = []
        self.phrases = []  # (marker, phrase as published): the index's short spelling of frequent phrases
        self.folded_phrases = []  # (marker, phrase folded)
        self.phrase_words = []  # (marker, the phrase's folded words)
        self.phrase_extra = {}  # marker -> how much longer its folded phrase is than the marker
        self.phrase_index = []  # "word marker" for every word of every phrase, sorted: a word's prefix -> markers


def _starts(parts: list) -> list:
    """Where each of ``parts`` begins in GROUP.join(parts)."""
    out = []
    at = 0
    for part in parts:
        out.append(at)
        at += len(part) + 1
    return out


def load(data) -> Index:
    """The index, from the decoded JSON file (a mapping of strings). Raises ValueError when it is
    not a NOC index of this format."""
    index = None
    for index in load_steps(data):
        pass
    return index


def load_steps(data):
    """:func:`load` in short steps: a generator that yields None after each step (in Brython
    each takes a few milliseconds, so a page can let the browser run between them) and the
    :class:`Index` last."""
    if data.get("format") != FORMAT:
        raise ValueError("not a NOC index of format " + FORMAT)
    index = Index()
    index.lang = data["lang"]
    index.attribution = data.get("attribution", "")
    index.codes = data["codes"].split(" ")
    index.titles = data["titles"].split(GROUP)
    index.categories = data["categories"].split(GROUP)
    index.raw = data["examples"].split(GROUP)
    if not (len(index.codes) == len(index.titles) == len(index.raw)):
        raise ValueError("the NOC index has different numbers of codes, titles and example lists")
    phrases = data.get("phrases", "")
    index.phrases = list(zip(data.get("markers", ""), phrases.split(LINE) if phrases else []))
    seen = {}
    for marker, phrase in index.phrases:
        folded = fold_text(phrase)
        index.folded_phrases.append((marker, folded))
        index.phrase_words.append((marker, folded.split()))
        index.phrase_extra[marker] = len(folded) - 1
        for w in folded.split():
            seen[w + " " + marker] = True
    index.phrase_index = sorted(seen)  # strings sort fast in Brython, tuples do not
    for i, code in enumerate(index.codes):
        index.position[code] = i
    yield None
    index.folded_titles = ["| " + t + " |" for t in fold_text(data["titles"]).split(GROUP)]
    index.title_text = GROUP.join(index.folded_titles)
    index.title_starts = _starts(index.folded_titles)
    yield None
    raw = index.raw
    for start in range(0, len(raw), CHUNK):
        folded = fold_text(GROUP.join(raw[start:start + CHUNK]))
        index.groups.extend(["| " + g + " |" for g in folded.split(GROUP)])
        yield None
    index.text = GROUP.join(index.groups)
    yield None
    index.starts = _starts(index.groups)
    yield index


def unit_group(index: Index, code: str):
    """{code, title, teer, category, category_title} of a unit group, or None for an unknown code."""
    i = index.position.get(code)
    if i is None:
        return None
    return {"code": code, "title": index.titles[i], "teer": int(code[1]), "category": code[0],
            "category_title": index.categories[int(code[0])]}


# --- searching ------------------------------------------------------------------------------------

def _digits(word: str) -> bool:
    for ch in word:
        if ch not in DIGITS:
            return False
    return True


def _group_of(starts: list, p: int) -> int:
    """The group that holds position p of the joined text (binary search in starts)."""
    lo = 0
    hi = len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= p:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _first_hits(text: str, starts: list, patterns: list, found: dict) -> dict:
    """For each group of ``text`` that holds one of ``patterns``: the first place it does (a position
    in the group), kept in ``found`` (group -> position) when it is earlier than what is there."""
    n = len(starts)
    end = len(text)
    for pattern in patterns:
        p = text.find(pattern)
        while p >= 0:
            i = _group_of(starts, p)
            local = p - starts[i]
            if i not in found or local < found[i]:
                found[i] = local
            p = text.find(pattern, starts[i + 1] if i + 1 < n else end)
    return found


def _line(text: str, p: int) -> tuple:
    """(start, end) of the line (between bars) of a folded group or title that holds position p."""
    return text.rfind(LINE, 0, p) + 1, text.find(LINE, p)


def _length(index: Index, line: str) -> int:
    """The length of a folded line with its phrases written out."""
    n = len(line)
    if line.isascii():
        return n
    extra = index.phrase_extra
    for ch in line:
        if ch in extra:
            n += extra[ch]
    return n


def _is_exact(line: str, words: list) -> bool:
    """Whether a folded line is the query: its words, or one of its two forms when it has the shape
    "a b / c d rest" (the French "masculine/feminine" titles: "a b rest" or "c d rest").

    >>> _is_exact(" infirmier / infirmiere ", ["infirmiere"]), _is_exact(" chef caissier / chef caissiere ", ["chef", "caissier"])
    (True, True)
    >>> _is_exact(" ingenieur / ingenieure du son ", ["ingenieur"]), _is_exact(" zoo foreman / woman ", ["woman"])
    (False, False)
    """
    tokens = line.split()
    if tokens == words:
        return True
    if tokens.count("/") != 1:
        return False
    if [t for t in tokens if t != "/"] == words:  # the query is the whole "a/b", typed with its slash
        return True
    cut = tokens.index("/")
    first = tokens[:cut]
    second = tokens[cut + 1:2 * cut + 1]
    rest = tokens[2 * cut + 1:]
    if len(second) < cut:
        return False
    return first + rest == words or second + rest == words


class _Word:
    """A query word, the patterns that find it begun (" soft") or whole (" cashier ", " cashiers "), and
    the phrase markers that hold it begun or whole."""

    def __init__(self, word: str, index: Index):
        self.begun = " " + word
        self.wholes = [self.begun + end for end in PLURALS]
        self.begun_markers = []
        self.whole_markers = []
        forms = [word + end.strip() for end in PLURALS]
        entries = index.phrase_index
        lo = 0
        hi = len(entries)
        while lo < hi:  # the first phrase word at or after ``word``
            mid = (lo + hi) // 2
            if entries[mid] < word:
                lo = mid + 1
            else:
                hi = mid
        while lo < len(entries) and entries[lo].startswith(word):
            w, marker = entries[lo].split(" ")
            if marker not in self.begun_markers:
                self.begun_markers.append(marker)
            if w in forms and marker not in self.whole_markers:
                self.whole_markers.append(marker)
            lo += 1
        self.begun_patterns = [self.begun] + self.begun_markers
        self.whole_patterns = self.wholes + self.whole_markers

    def begun_in(self, text: str) -> bool:
        for p in self.begun_patterns:
            if p in text:
                return True
        return False

    def whole_in(self, text: str) -> bool:
        for p in self.whole_patterns:
            if p in text:
                return True
        return False

    def first(self, text: str, whole: bool, start: int = 0) -> int:
        """Where the word first is (whole, or begun) at or after ``start`` in text; -1: nowhere."""
        best = -1
        for p in (self.whole_patterns if whole else self.begun_patterns):
            q = text.find(p, start)  # no end argument: Brython's find ignores it
            if q >= 0 and (best < 0 or q + len(p) <= best):
                best = q
        return best


class _Query:
    """A normalized query: its words and the patterns that find them."""

    def __init__(self, index: Index, q: str):
        self.index = index
        self.words = q.split(" ")
        self.terms = [_Word(w, index) for w in self.words]
        # The words that find the unit groups to look at, and the lines in them: the rarest, for words
        # whole and for words begun. How rare is guessed cheaply: how often the word is in the titles (45 KB,
        # counted natively), plus a lot for each frequent phrase that holds it ("de", "préposé" are common).
        self.begun_driver = self.terms[0]
        self.whole_driver = self.terms[0]
        if len(self.terms) > 1:
            begun_best = whole_best = -1
            for t in self.terms:
                n = index.title_text.count(t.begun) + 1000 * len(t.begun_markers)
                if begun_best < 0 or n < begun_best:
                    self.begun_driver, begun_best = t, n
                n = 1000 * len(t.whole_markers)
                for p in t.wholes:
                    n += index.title_text.count(p)
                if whole_best < 0 or n < whole_best:
                    self.whole_driver, whole_best = t, n
        # The order in which to test the words of a line, likeliest to fail first: for whole words the last
        # (often still being typed), for begun words the longest.
        self.whole_order = self.terms[::-1]
        self.begun_order = sorted(self.terms, key=lambda t: -len(t.begun))
        # The longest folded line that can be the query: its words twice ("masculine / feminine", the
        # feminine a few letters longer), padded.
        self.exact_len = 2 * len(q) + 16
        # Where a line that is the query can be: "| q |", "| q / ...", "... / q |", or a marker alone
        # on its line standing for such a phrase.
        self.exact_patterns = [LINE + " " + q + " " + LINE, LINE + " " + q + SLASH, SLASH + q + " " + LINE]
        for cut in range(1, len(self.words)):  # "infirmier/infirmière" typed whole
            self.exact_patterns.append(LINE + " " + " ".join(self.words[:cut]) + SLASH + " ".join(self.words[cut:]))
        self.markers = []  # the markers an exact line may hold, with their folded phrases
        for t in self.terms:
            for marker, folded in index.folded_phrases:
                if marker in t.whole_markers:
                    self.markers.append((marker, folded))
                    if _is_exact(" " + folded + " ", self.words):
                        self.exact_patterns.append(LINE + " " + marker + " " + LINE)

    def is_exact(self, line: str) -> bool:
        return len(line) <= self.exact_len and _is_exact(expand(line, self.markers), self.words)

    def whole_line(self, line: str) -> bool:
        for t in self.whole_order:
            if not t.whole_in(line):
                return False
        return True

    def begun_line(self, line: str) -> bool:
        for t in self.begun_order:
            if not t.begun_in(line):
                return False
        return True

    def exact_hits(self, text: str, starts: list) -> dict:
        """group -> (start, end) of its first line that is the query."""
        found = {}
        n = len(starts)
        for pattern in self.exact_patterns:
            p = text.find(pattern)
            while p >= 0:
                a, b = _line(text, p + 1)
                i = _group_of(starts, p)
                if self.is_exact(text[a:b]) and (i not in found or a - starts[i] < found[i][0]):
                    found[i] = (a - starts[i], b - starts[i])
                p = text.find(pattern, p + 1)
        return found

    def best_line(self, text: str, whole: bool):
        """(whole?, start, end) of the first line of a folded group that holds every word (whole, if
        ``whole``; else begun); None if none does. Lines are shortest first, so this is the shortest
        such line. The lines looked at are those of the word that is rarest in this group."""
        driver = None
        fewest = -1
        for t in self.terms:
            n = 0
            for p in (t.whole_patterns if whole else t.begun_patterns):
                n += text.count(p)
            if driver is None or n < fewest:
                driver, fewest = t, n
        pos = 0
        while True:
            p = driver.first(text, whole, pos)
            if p < 0:
                return None
            a, b = _line(text, p)
            line = text[a:b]
            if self.whole_line(line) if whole else self.begun_line(line):
                return whole, a, b
            pos = b


def _result(index: Index, i: int, matched: str) -> dict:
    code = index.codes[i]
    return {"code": code, "title": index.titles[i], "teer": int(code[1]), "matched": matched}


def _example(index: Index, i: int, a: int, b: int) -> str:
    """The published example title at folded positions a..b of unit group i."""
    text = index.groups[i]
    k = text.split(LINE).index(text[a:b]) - 1  # the folded group starts with a bar
    return expand(index.raw[i].split(LINE)[k], index.phrases)


def _by_code(index: Index, prefix: str, limit: int) -> list:
    out = []
    for i, code in enumerate(index.codes):
        if code.startswith(prefix):
            out.append(_result(index, i, index.titles[i]))
            if len(out) >= limit:
                break
    return out


def _title_rank(index: Index, query: _Query, whole: bool, taken: dict) -> list:
    """Keys (length * 1000 + group) of the titles holding every word (whole, or begun), not yet taken."""
    hits = _first_hits(index.title_text, index.title_starts, query.whole_driver.wholes if whole else
                       [query.begun_driver.begun], {})
    keys = []
    for i in hits:
        if i in taken:
            continue
        t = index.folded_titles[i]
        if query.whole_line(t) if whole else query.begun_line(t):
            keys.append((len(t) - 2) * 1000 + i)
    return keys


def _example_rank(index: Index, query: _Query, whole: bool, taken: dict, lines: dict, need: int) -> list:
    """Keys of the groups with an example title holding every word (whole, or begun), not yet taken;
    the line of each in ``lines``. At least the ``need`` best are found, not always all of them."""
    driver = query.whole_driver if whole else query.begun_driver
    hits = _first_hits(index.text, index.starts, driver.whole_patterns if whole else driver.begun_patterns, {})
    keys = []
    if len(query.terms) == 1:  # the first hit in a group is on its shortest matching line
        for i in hits:
            if i not in taken:
                g = index.groups[i]
                a, b = _line(g, hits[i])
                lines[i] = (a, b)
                keys.append(_length(index, g[a:b]) * 1000 + i)
        return keys
    # Several words: a group's best line holds the driver word, so it is no shorter than the group's first
    # line with that word (its length counted with the driver's own phrases written out: a lower bound).
    # Look at the groups in that order, and stop when that alone is longer than the need-th best line found.
    extra = index.phrase_extra
    order = []
    for i in hits:
        if i not in taken:
            g = index.groups[i]
            a, b = _line(g, hits[i])
            n = b - a
            for m in (driver.whole_markers if whole else driver.begun_markers):
                if 0 <= g.find(m, a) < b:  # a marker is one character
                    n += extra[m]
            order.append(n * 1000 + i)
    order.sort()
    worst = -1
    for bound in order:
        if worst >= 0 and bound // 1000 > worst:
            break
        i = bound % 1000
        g = index.groups[i]
        if not (query.whole_line(g) if whole else query.begun_line(g)):
            continue
        found = query.best_line(g, whole)
        if found is None:
            continue
        _, a, b = found
        lines[i] = (a, b)
        keys.append(_length(index, g[a:b]) * 1000 + i)
        if len(keys) >= need:
            keys.sort()
            worst = keys[need - 1] // 1000
    return keys


def search(index: Index, query: str, limit: int = 8) -> list:
    """The unit groups that best match ``query``, best first (at most ``limit``).

    Each result is ``{"code": "21232", "title": "Software developers and programmers",
    "teer": 1, "matched": "software developer"}``: ``matched`` is the example title (as
    published) or the title that matched. An empty query, or one that matches nothing, gives [].

    The ranks are filled one after the other, each from ``find`` over the whole folded text, and
    the search stops as soon as ``limit`` results are found: "s" needs only titles.
    """
    q = normalize(query)
    if not q or limit <= 0:
        return []
    digits = "".join(q.split(" "))
    if _digits(digits):
        return _by_code(index, digits, limit)
    query = _Query(index, q)
    taken = {}  # group -> (start, end) of its example line, or None for its title
    out = []

    def take(keys, lines):
        keys.sort()
        for key in keys:
            if len(out) >= limit:
                return
            i = key % 1000
            if i in taken:
                continue
            where = lines.get(i)
            taken[i] = where
            out.append(_result(index, i, index.titles[i] if where is None else _example(index, i, where[0], where[1])))

    # 1. a title or an example title that is the query (a unit group's title first)
    exact = {}
    for i, (a, b) in query.exact_hits(index.title_text, index.title_starts).items():
        exact[i] = (b - a) * 1000 + i
    lines = {}
    for i, (a, b) in query.exact_hits(index.text, index.starts).items():
        if i not in exact:
            exact[i] = _length(index, index.groups[i][a:b]) * 1000 + i
            lines[i] = (a, b)
    take(list(exact.values()), lines)
    # 2. and 3. titles, words whole then begun
    for whole in (True, False):
        if len(out) < limit:
            take(_title_rank(index, query, whole, taken), {})
    # 4. and 5. example titles, words whole then begun
    for whole in (True, False):
        if len(out) < limit:
            lines = {}
            take(_example_rank(index, query, whole, taken, lines, limit - len(out)), lines)
    return out
