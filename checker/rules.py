"""Dated rule data: look up the value of a parameter in force on a given day.

Every number the checker uses comes from ``checker/data/*.json``, one file per
official table. A file holds *parameters*; each parameter is a list of
*versions*, each with an ``effective_from`` date, the ``value``, its ``sources``
and the date it was ``last_verified``. A version stays in force until the next
one starts (the OpenFisca convention: no end dates).

The checker itself never opens files: the shells (command line, tests, the
Pelican build and the web page) read the JSON and pass the decoded tables to
:func:`load_rules`.

>>> r = load_rules({"t": {"id": "t", "parameters": {"p": {"versions": [
...     {"effective_from": "2020-01-01", "value": 1, "sources": ["s"], "last_verified": "2026-01-01"},
...     {"effective_from": "2025-03-25", "value": 0, "sources": ["s"], "last_verified": "2026-01-01"}]}}}})
>>> r.value("t", "p", "2025-03-24"), r.value("t", "p", "2025-03-25")
(1, 0)
"""


class RuleError(Exception):
    """The rule data is malformed, or has no value for the date asked."""


class Rules:
    def __init__(self, tables):
        self.tables = tables
        self._index = {}
        for table_id, table in tables.items():
            params = table.get("parameters") if isinstance(table, dict) else None
            if not isinstance(params, dict):
                raise RuleError("rule table %s has no parameters" % table_id)
            for name, param in params.items():
                versions = param.get("versions") or []
                dates = [v["effective_from"] for v in versions]
                if dates != sorted(dates) or len(set(dates)) != len(dates):
                    raise RuleError("%s.%s: versions must be in date order, one per date" % (table_id, name))
                self._index[(table_id, name)] = versions
        self._cache = {}
        self._memo = {}

    def memo(self, key, build):
        """A value derived from the rules (e.g. a grid resolved for one date), built once."""
        found = self._memo.get(key)
        if found is None:
            found = build()
            self._memo[key] = found
        return found

    def version(self, table_id, name, on):
        """The version of ``table_id.name`` in force on ISO date ``on`` (or None)."""
        key = (table_id, name, on)
        if key in self._cache:
            return self._cache[key]
        versions = self._index.get((table_id, name))
        if versions is None:
            raise RuleError("unknown rule %s.%s" % (table_id, name))
        found = None
        for v in versions:
            if v["effective_from"] <= on:  # ISO dates compare correctly as strings
                found = v
            else:
                break
        self._cache[key] = found
        return found

    def value(self, table_id, name, on):
        v = self.version(table_id, name, on)
        if v is None:
            raise RuleError("no value of %s.%s in force on %s" % (table_id, name, on))
        return v["value"]

    def value_or_none(self, table_id, name, on):
        v = self.version(table_id, name, on)
        return None if v is None else v["value"]

    def sources(self, table_id, name, on):
        """The sources of the version in force (the data's own list: do not modify it)."""
        v = self.version(table_id, name, on)
        return v["sources"] if v else []

    def versions(self, table_id, name):
        """Every version of ``table_id.name``, oldest first."""
        return self._index.get((table_id, name)) or []

    def latest_effective(self, table_ids, on):
        """The most recent effective date, on or before ``on``, among these tables."""
        return self.memo(("latest_effective", tuple(table_ids), on), lambda: self._latest_effective(table_ids, on))

    def _latest_effective(self, table_ids, on):
        latest = ""
        for (table_id, _name), versions in self._index.items():
            if table_id in table_ids:
                for v in versions:
                    if latest < v["effective_from"] <= on:
                        latest = v["effective_from"]
        return latest

    def last_verified(self):
        """The oldest verification date of any value: what the data can vouch for."""
        return self.memo(("last_verified",), self._last_verified)

    def _last_verified(self):
        oldest = None
        for versions in self._index.values():
            for v in versions:
                d = v.get("last_verified")
                if d and (oldest is None or d < oldest):
                    oldest = d
        return oldest


def load_rules(tables):
    """Build a :class:`Rules` from decoded JSON tables keyed by file name."""
    return Rules(tables)


def row_for(rows, key, amount):
    """The last row whose ``key`` minimum is at most ``amount`` (rows sorted ascending).

    Tables such as "points by age" list the first value of each band; a value
    between two rows belongs to the lower band.
    """
    found = None
    for row in rows:
        if row[key] <= amount:
            found = row
        else:
            break
    return found
