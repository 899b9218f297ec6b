"""The checker page's engine: messages in, messages out (pure; runs in a web worker).

The page runs the rules in a Brython web worker so that compiling and running
them never blocks the form. The worker's few lines of glue pass each message
to :meth:`Service.handle` and send back what it returns:

- ``{"type": "assess", "id": n, "answers": {...}, "today": "YYYY-MM-DD"}`` →
  ``{"type": "result", "id": n, "result": {...}}`` (the result document, plus
  ``rounds``: how the score compares with the CEC rounds of the last 12 months),
  or ``{"type": "invalid", "id": n, "errors": [{"field", "message"}, ...]}``.
- ``{"type": "form", "id": n, "form": snapshot, "today": ..., ...}`` →
  ``{"type": "view", "id": n, "answers": {...}, "view": {...}}``: what the page
  shows for a snapshot of its form (see checker/page/view.py).

  The worker answers a form in two messages (:meth:`Service.handle_in_steps`): the
  view without the suggestions, marked ``"more": True``, then ``{"type": "view",
  "id": n, "step": "suggestions", "view": {...}}`` with their part of the view,
  unless a newer message has come in meanwhile. Re-scoring the profile for each
  idea is a third to a half of an assessment: the verdict, the score and the
  rounds are drawn that much sooner.
"""

from checker.answers import InvalidAnswers
from checker.page import view
from checker.rules import load_rules
from checker.words import Words


class Service:
    """``tables``: the rule data; ``rounds``: IRCC's rounds; ``catalog``: the words of the page's language;
    ``pool``: IRCC's latest pool distribution (or None); ``links``: the guides the result points to (paths
    from the site's root, or full addresses); ``labels``: the form's labels of answer values, for print."""

    def __init__(self, tables, rounds, catalog, pool=None, links=None, labels=None):
        self.rules = load_rules(tables)
        self.rounds = rounds
        self.words = Words(catalog)
        self.pool = pool
        self.links = links or {}
        self.labels = labels or {}

    def handle(self, message):
        """The reply to a message (for a form, its whole view)."""
        kind = message.get("type") if isinstance(message, dict) else None
        ident = message.get("id") if isinstance(message, dict) else None
        if kind == "assess":
            try:
                result = view.assessed(message.get("answers"), self.rules, self.rounds, message.get("today"), self.words,
                                       self.pool)
            except InvalidAnswers as exc:
                return {"type": "invalid", "id": ident, "errors": exc.texts(self.words)}
            return {"type": "result", "id": ident, "result": result}
        if kind == "form":
            reply = view.respond(message, self.rules, self.rounds, self.words, self.pool, self.links, self.labels)
            reply.update({"type": "view", "id": ident})
            return reply
        return {"type": "error", "id": ident, "message": "unknown message type: %r" % (kind,)}

    def handle_in_steps(self, message):
        """(the reply, None) as :meth:`handle` gives it; or, for a form with a result, (its reply marked
        ``"more": True``, a function that returns the second message: the suggestions' part of the view)."""
        if not (isinstance(message, dict) and message.get("type") == "form"):
            return self.handle(message), None
        reply, later = view.respond_in_steps(message, self.rules, self.rounds, self.words, self.pool, self.links,
                                             self.labels)
        ident = message.get("id")
        reply.update({"type": "view", "id": ident})
        if later is None:
            return reply, None
        reply["more"] = True

        def rest():
            out = later()
            out.update({"type": "view", "id": ident, "step": "suggestions"})
            return out
        return reply, rest
