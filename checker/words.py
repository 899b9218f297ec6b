"""The words: the rules' facts turned into sentences, from one catalog per language.

The rule modules never write a sentence. Where a result needs words they put a
:class:`Msg`, a message id with its values (``msg("cec.work.met", have=1560.0)``),
or a :class:`Joined` list of them; :meth:`Words.fill` replaces each one, anywhere
in a result document, by its text in the catalog's language. The catalogs are
data (``checker/catalog/<lang>.json``), read by the shells and passed in, as the
rule tables are, so that this module does no I/O and runs unchanged in Brython.

A catalog holds ``format`` (how the language writes numbers, money, dates and
lists) and ``messages``: id -> template. A template is text with placeholders,
``{name}`` or ``{name:kind}``, where kind is one of

- ``int``: a whole number with the language's thousands separator (1,560 / 1 560);
- ``hours``: whole hours, rounded down so they never overstate (1,295 / 1 295);
- ``tenths``: a number with exactly one decimal, as IELTS prints band scores (7.0 / 7,0);
- ``decimal``: a number as typed, with at most two decimals and the language's separator (37.5 / 37,5);
- ``money``: whole dollars ($15,263 / 15 263 $);
- ``date``: an ISO date in words (1 December 2026 / 1er décembre 2026);
- ``quote``: text in the language's quotation marks;

and a value that is itself a message (or a :class:`Joined`) is written in place;
``{{`` and ``}}`` write the braces themselves.
A template may instead be ``{"plural": name, "one": ..., "other": ...}``, chosen
by the number ``name`` and the language's plural rule (French counts 0 and 1 as
singular). All arithmetic is on integers, so the text is the same in CPython and
Brython.

>>> w = Words({"format": {"thousands": ",", "decimal": ".", "money": "${n}", "months": ["January"] * 12,
...                       "date": "{d} {month} {y}", "and": " and ", "or": " or ", "sep": ", ", "quote": "“{t}”",
...                       "plural_one_below": 2, "plural_one_only": 1},
...            "messages": {"hi": "{n:int} hours, {when:date}", "y": {"plural": "n", "one": "{#} year", "other": "{#} years"}}})
>>> w.text(msg("hi", n=1560, when="2026-12-01")), w.text(msg("y", n=1)), w.text(msg("y", n=3))
('1,560 hours, 1 January 2026', '1 year', '3 years')
"""


class Msg:
    """A message: the id of a template in the catalog and the values to put in it."""

    __slots__ = ("key", "args")

    def __init__(self, key, args):
        self.key = key
        self.args = args

    def __repr__(self):
        return "msg(%r, %r)" % (self.key, self.args)

    def __eq__(self, other):
        return isinstance(other, Msg) and other.key == self.key and other.args == self.args

    def __hash__(self):
        return hash(self.key)


class Joined:
    """Messages (or plain text) written one after the other: as a list ("a, b and c"), or with a separator
    message between them."""

    __slots__ = ("items", "how")

    def __init__(self, items, how):
        self.items = items
        self.how = how

    def __repr__(self):
        return "join(%r, %r)" % (self.items, self.how)


def msg(key, **args):
    return Msg(key, args)


def join(items, how="and"):
    """``how``: "and" or "or" (a list in words), "sep" (", "), or the name of a "join.<how>" message put
    between the items ("space", "none", "sep_semicolon", ...)."""
    return Joined(list(items), how)


class MissingMessage(KeyError):
    """A message id the catalog does not have."""


class Words:
    """Text in one language. ``catalog``: the decoded ``checker/catalog/<lang>.json``."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.lang = catalog.get("lang", "")
        self.format = catalog["format"]
        self.messages = catalog["messages"]
        self._parsed = {}
        self._static = {}   # texts of messages without values
        self._texts = {}    # texts of messages with plain values, by their key and values
        self._dates = {}

    # --- templates ------------------------------------------------------------------------
    def _parts(self, key, args):
        """The parsed template of ``key`` for these values (a plural form chosen), and the plural's count."""
        found = self.messages.get(key)
        if found is None:
            raise MissingMessage(key)
        if found.__class__ is dict:  # a plural choice
            count = args[found["plural"]]
            form = "one" if self._singular(count) else "other"
            cache_key = key + "#" + form
            parts = self._parsed.get(cache_key)
            if parts is None:
                parts = self._parsed[cache_key] = _parse(found[form])
            return parts, count
        parts = self._parsed.get(key)
        if parts is None:
            parts = self._parsed[key] = _parse(found)
        return parts, None

    def _singular(self, n):
        if self.format.get("plural_one_below"):  # French: below 2 is singular (0, 1, 1.5)
            return n < self.format["plural_one_below"]
        return n == 1

    def text(self, value):
        """The text of a message, a Joined, or plain text."""
        cls = value.__class__
        if cls is Msg:
            args = value.args
            if not args:  # the same text every time: written once
                found = self._static.get(value.key)
                if found is None:
                    found = self._static[value.key] = self._render(value.key, args)
                return found
            return self._remembered(value.key, args)
        if cls is Joined:
            return self._joined(value)
        return "" if value is None else str(value)

    def _remembered(self, key, args):
        """The text of a message with values, written once per distinct values: an assessment and the next
        (a person changing one answer) say mostly the same things. Values are told apart by their type too
        (1 and 1.0 and True write differently); a message with a list among its values is not remembered."""
        parts = [key]
        for name, v in args.items():
            c = v.__class__
            if c is str or c is int or c is float or c is bool or v is None:
                parts.append(name)
                parts.append(c)
                parts.append(v)
            else:
                return self._render(key, args)  # a nested message or a list: written each time
        memo_key = tuple(parts)
        found = self._texts.get(memo_key)
        if found is None:
            if len(self._texts) > 20000:
                self._texts.clear()
            found = self._texts[memo_key] = self._render(key, args)
        return found

    def _render(self, key, args):
        parts, count = self._parts(key, args)
        out = []
        for part in parts:
            if part.__class__ is str:
                out.append(part)
                continue
            name, kind = part
            if name == "#":
                out.append(self.number(count))
                continue
            v = args[name]
            c = v.__class__
            if c is Msg or c is Joined:
                out.append(self.text(v))
            elif kind is None:
                out.append(v if c is str else ("" if v is None else str(v)))
            else:
                out.append(self.value(v, kind))
        return "".join(out)

    def _joined(self, joined):
        texts = [self.text(item) for item in joined.items]
        how = joined.how
        if how == "and" or how == "or":
            if len(texts) <= 1:
                return "".join(texts)
            return self.format["sep"].join(texts[:-1]) + self.format[how] + texts[-1]
        if how == "sep":
            return self.format["sep"].join(texts)
        return self.text(Msg("join." + how, {})).join(texts)

    def value(self, value, kind=None):
        c = value.__class__
        if c is Msg or c is Joined:
            return self.text(value)
        if kind is None or value is None:
            return "" if value is None else str(value)
        if kind == "int":
            return self.number(value)
        if kind == "hours":
            return self.hours(value)
        if kind == "date":
            return self.date(value)
        if kind == "money":
            return self.format["money"].replace("{n}", self.number(value))
        if kind == "tenths":
            tenths = int(value * 10 + 0.5)
            return self.number(tenths // 10) + self.format["decimal"] + str(tenths % 10)
        if kind == "decimal":
            return self.decimal(value)
        if kind == "quote":
            return self.format["quote"].replace("{t}", str(value))
        raise ValueError("unknown placeholder kind: %s" % kind)

    # --- numbers and dates --------------------------------------------------------------------
    def number(self, n):
        """A whole number with thousands separators (negative numbers keep their sign)."""
        n = int(n)
        sign = "-" if n < 0 else ""
        digits = str(-n if n < 0 else n)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        return sign + self.format["thousands"].join(groups)

    def decimal(self, value):
        """A number with at most two decimals, trailing zeros dropped (text that is not a number is kept)."""
        if value.__class__ is bool or not isinstance(value, (int, float)):
            return str(value)
        negative = value < 0
        hundredths = int(abs(value) * 100 + 0.5)
        text = self.number(hundredths // 100)
        frac = hundredths % 100
        if frac:
            text += self.format["decimal"] + ("%02d" % frac).rstrip("0")
        return ("-" if negative else "") + text

    def hours(self, h):
        """Whole hours, rounded down (the result document keeps the exact value): 1295.71 -> '1,295'."""
        return self.number(int(h + 1e-9) if h >= 0 else -int(-h))

    def date(self, iso):
        """'2026-12-01' -> '1 December 2026' ('' for no date)."""
        if not iso:
            return ""
        found = self._dates.get(iso)
        if found is None:
            y, m, d = iso[0:4], int(iso[5:7]), int(iso[8:10])
            day = self.format.get("first_day") if d == 1 and self.format.get("first_day") else str(d)
            found = (self.format["date"].replace("{d}", day).replace("{month}", self.format["months"][m - 1])
                     .replace("{y}", str(int(y))))
            if len(self._dates) > 5000:
                self._dates.clear()
            self._dates[iso] = found
        return found

    # --- whole documents -------------------------------------------------------------------------
    def fill(self, node):
        """Replace every Msg and Joined inside ``node`` (dicts and lists, in place) by its text; return the result."""
        c = node.__class__
        if c is Msg or c is Joined:
            return self.text(node)
        if c is dict:
            for key, value in node.items():
                vc = value.__class__
                if vc is Msg or vc is Joined:
                    node[key] = self.text(value)
                elif vc is dict or (vc is list and value and value[0].__class__ is not str):
                    self.fill(value)
        elif c is list:
            for i, value in enumerate(node):
                vc = value.__class__
                if vc is Msg or vc is Joined:
                    node[i] = self.text(value)
                elif vc is dict or vc is list:
                    self.fill(value)
        return node

    def keys(self):
        return set(self.messages)


def _parse(template):
    """A template as a list of literal strings and (name, kind) placeholders, parsed once.

    ``{{`` and ``}}`` stand for the braces themselves (a lone ``}`` is kept as it is). The template is
    cut with ``str.find``, not read a character at a time: Brython runs such a loop slowly, and the first
    assessment parses every template it writes.
    """
    parts = []
    literal = []
    i = 0
    n = len(template)
    while i < n:
        opening = template.find("{", i)
        closing = template.find("}", i)
        if opening < 0:
            opening = n
        if 0 <= closing < opening:  # a closing brace in the text: "}}" (or a lone "}") writes one
            literal.append(template[i:closing + 1])
            i = closing + 2 if template[closing + 1:closing + 2] == "}" else closing + 1
            continue
        literal.append(template[i:opening])
        if opening == n:
            break
        if template[opening + 1:opening + 2] == "{":
            literal.append("{")
            i = opening + 2
            continue
        end = template.find("}", opening)
        if end < 0:
            raise ValueError("unclosed placeholder in %r" % template)
        text = "".join(literal)
        if text:
            parts.append(text)
        literal = []
        inside = template[opening + 1:end]
        if ":" in inside:
            name, kind = inside.split(":", 1)
        else:
            name, kind = inside, None
        parts.append((name, kind))
        i = end + 1
    text = "".join(literal)
    if text:
        parts.append(text)
    return parts


def placeholders(template):
    """The names a template uses (for the catalog tests)."""
    if isinstance(template, dict):
        out = set()
        for form in ("one", "other"):
            out |= placeholders(template[form])
        return out
    return {part[0] for part in _parse(template) if part.__class__ is not str and part[0] != "#"}
