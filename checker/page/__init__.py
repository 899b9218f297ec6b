"""The checker page: what runs in the browser around the rules (not rules themselves).

- ``service``: the web worker's messages in and out (runs in the worker, with the rules);
- ``view``: a snapshot of the form in, the answers document and what the page shows out (in the worker);
- ``render``: the result document as HTML, in the visitor's language (in the worker);
- ``form``: the form's fields, and how a shared link fills them (on the page's main thread);
- ``ui``: the page's interface, the only module that touches the browser (main thread).

Every module but ``ui`` is pure and is tested on CPython too.
"""
