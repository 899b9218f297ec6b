// Starts the checker's rules engine (a web worker running Brython), then hands the worker to the
// interface (checker/page/ui.py calls cecEngine.connect(onready, onmessage, onerror) once it is ready).
//
// When: with a shared link (#a=… in the address) its result is wanted at once, so the worker starts
// as soon as this script runs, before the page's own Brython has started (it starts at the load event),
// and both start side by side. Otherwise the worker starts when the visitor first comes to the form (a
// focus, a click or a tap, a key; an address with answers replacing this one; or cecEngine.start()):
// someone who reads the page and leaves never downloads the engine (about 170 KB compressed, a third of
// the page), and the page's own start has both cores to itself. A visitor takes longer to type a first
// answer than the worker takes to start.
//
// Plain JavaScript, loaded from the same folder as brython.js and checker_engine.js (the checker page's
// CSP allows no inline script), deferred and first of the page's scripts: it runs before the main thread
// evaluates brython.js, so that a shared link's worker starts about 0.3 s sooner (it waits for the page's
// download of brython.js through the HTTP cache: brython.js is fetched once). Loaded with `async`, it had
// started the worker sooner still, but then slowed the page's own start (on two cores), for no earlier result.
// The worker is what Brython's own
// browser.worker.create_worker("checker-engine") makes: a blob script that loads brython.js and the
// engine bundle, sets Brython up and runs the glue of <script type="text/python" class="webworker"
// id="checker-engine">; but the page's main thread compiles nothing: once the page is parsed, it posts
// the glue's source, with the engine's data (the init message) right behind it, and the worker runs the
// glue as the build compiled it (js/checker_engine.js), or compiles it if the page holds another glue.
"use strict";
(function () {
  var here = document.currentScript.src;
  var brythonUrl = new URL("brython.js", here).href;
  var engineUrl = new URL("checker_engine.js", here).href;
  var BOOT_ERROR = "cec-boot-error";

  // The worker's own script. It loads and sets up Brython at once, keeps the messages that arrive
  // before the glue listens (the glue itself, and the engine's data) and replays them to it.
  function bootstrap() {
    var queue = [], $B, id = "checker_engine_worker";  // the glue's module name (see brython_bundle.py)
    function fail(err) {
      var trace = String(err);
      try { trace = $B.error_trace(err) } catch (e) { /* not a Python exception */ }
      self.postMessage(BOOT_ERROR + trace);
    }
    self.onmessage = function (ev) {
      if (ev.data && ev.data.type === "boot") run(ev.data); else queue.push(ev.data);
    };
    try {
      importScripts(BRYTHON_URL, ENGINE_URL);
      $B = __BRYTHON__;
      var module = $B.module.$factory(id);
      module.__file__ = FILENAME;
      module.__doc__ = $B.builtins.None;
      $B.imported[id] = module;
      $B.script_domain = DOMAIN;
      $B.url2name[FILENAME] = id;
      $B.brython_path = new URL(".", BRYTHON_URL).href;
      $B.scripts[FILENAME] = new $B.fakeScript();
      $B.make_import_paths(FILENAME);
      brython({});
    } catch (err) {
      $B = null;
      fail(err);
    }
    // Brython's cache of compiled modules: opened before the glue imports the engine, as
    // create_worker does, unless the engine bundle comes compiled (it then turns the cache off).
    var cache = $B && $B.has_indexedDB && $B.get_page_option("indexedDB") ? $B.idb_open_promise() : Promise.resolve();
    function run(boot) {
      if (!$B) return;
      cache.then(go, go);
      function go() {
        try {
          $B.file_cache[FILENAME] = boot.src;
          // the glue as the build compiled it (js/checker_engine.js), if it is the glue the page holds
          var glue = $B.cec_glue && $B.cec_glue.src === boot.src ? $B.cec_glue.js :
            $B.py2js({src: boot.src, filename: FILENAME}, id).to_js();
          new Function(glue)();
        } catch (err) {
          return fail(err);
        }
        self.onmessage = null;
        queue.splice(0).forEach(function (data) { self.dispatchEvent(new MessageEvent("message", {data: data})) });
      }
    }
  }

  var worker = null, ended = false, heard = false, isParsed = false;
  var connected = null, held = [], failure = null;
  var root = document.documentElement;

  var filename = "checker-engine.py";  // the glue's file name (see brython_bundle.py)
  var source = "var BRYTHON_URL = " + JSON.stringify(brythonUrl) + ", ENGINE_URL = " + JSON.stringify(engineUrl) +
    ", BOOT_ERROR = " + JSON.stringify(BOOT_ERROR) + ", FILENAME = " + JSON.stringify(filename) +
    ", DOMAIN = " + JSON.stringify(location.origin) + ";\n(" + bootstrap.toString() + ")()\n";

  function create() {
    root.setAttribute("data-checker-engine", "starting");
    try {
      worker = new Worker(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
    } catch (err) {
      return failed(err);
    }
    worker.onmessage = function (ev) {
      if (typeof ev.data === "string" && ev.data.startsWith(BOOT_ERROR)) {
        return failed(ev.data.slice(BOOT_ERROR.length));
      }
      heard = true;
      if (connected) deliver(ev); else held.push(ev);
    };
    // (before the engine has said anything: the worker's script could not run at all)
    worker.onerror = function (ev) { if (!heard) failed(ev.message || "the worker failed to load") };
  }

  // Once the page is parsed: the glue, and the engine's data (the glue builds its Service from it).
  function parsed() {
    isParsed = true;
    if (!worker) return;
    var script = document.getElementById("checker-engine");
    var src = (script.textContent || "").replace(/^\n/, "");
    var text = function (ident) { return document.getElementById(ident).textContent };
    worker.postMessage({type: "boot", src: src});
    worker.postMessage({
      type: "init", rules: text("rules-data"), rounds: text("rounds-data"), words: text("words-data"),
      pool: text("pool-data"), page: text("page-data")
    });
  }

  function failed(why) {
    if (ended) return;
    ended = true;
    console.error("checker engine: " + why);
    failure = why;
    if (connected && connected.onerror) call(connected.onerror, why);
  }

  // From the interface's Python: Brython converts what Python hands to JavaScript; these take back
  // the Python objects (Brython maps each converted object to its original) and treat them as
  // Brython's browser.worker does: callbacks called with the worker's raw events, messages sent as
  // structured clones of the Python objects.
  function py(obj) { return __BRYTHON__.jsobj2pyobj(obj) }
  function call(fn) { var args = [].slice.call(arguments, 1); try { return __BRYTHON__.$call.apply(null, [fn].concat(args)) } catch (err) { __BRYTHON__.handle_error(err) } }
  function deliver(ev) { call(connected.onmessage, ev) }

  var handle = {
    send: function (message) { worker.postMessage(__BRYTHON__.pyobj2structuredclone(py(message))) }
  };

  // Starting the worker (once), now or on the visitor's first move.
  var WAKE = ["focusin", "pointerdown", "keydown", "input"];
  function start() {
    if (worker || ended) return;
    WAKE.forEach(function (type) { document.removeEventListener(type, wake, true) });
    window.removeEventListener("hashchange", wake);
    create();
    if (isParsed) parsed();
  }
  function shared() { return location.hash.slice(0, 3) === "#a=" }
  function wake(ev) {
    if (ev.type === "hashchange" ? shared() : ev.target.closest && ev.target.closest("#checker-form, #results")) start();
  }

  window.cecEngine = {
    start: start,
    connect: function (onready, onmessage, onerror) {
      connected = {onready: py(onready), onmessage: py(onmessage), onerror: onerror ? py(onerror) : null};
      if (failure !== null) {
        if (connected.onerror) call(connected.onerror, failure);
        return;
      }
      call(connected.onready, handle);
      held.splice(0).forEach(deliver);
    }
  };

  if (shared()) {
    start();
  } else {
    root.setAttribute("data-checker-engine", "waiting");
    WAKE.forEach(function (type) { document.addEventListener(type, wake, true) });
    window.addEventListener("hashchange", wake);
  }
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      parsed();
    });
  } else {
    parsed();
  }
})();
