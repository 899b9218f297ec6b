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
  shows for a snapshot of its form (see checker/page.py).
"""

from checker import page
from checker.answers import InvalidAnswers
from checker.rules import load_rules


class Service:
    def __init__(self, tables, rounds):
        self.rules = load_rules(tables)
        self.rounds = rounds

    def handle(self, message):
        kind = message.get("type") if isinstance(message, dict) else None
        ident = message.get("id") if isinstance(message, dict) else None
        if kind == "assess":
            try:
                result = page.assessed(message.get("answers"), self.rules, self.rounds, message.get("today"))
            except InvalidAnswers as exc:
                return {"type": "invalid", "id": ident, "errors": exc.errors}
            return {"type": "result", "id": ident, "result": result}
        if kind == "form":
            reply = page.respond(message, self.rules, self.rounds)
            reply.update({"type": "view", "id": ident})
            return reply
        return {"type": "error", "id": ident, "message": "unknown message type: %r" % (kind,)}
