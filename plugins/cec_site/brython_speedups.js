// Loops that end without an exception, for Brython 3.15 (added at the top of the checker's bundles, so it
// runs after brython.js and before any Python of ours, in the page and in the engine's web worker).
//
// Brython runs a `for` loop over a list, a tuple or a range through a JavaScript iterator of its own, but
// over anything else (a dict, dict.items(), enumerate(), a generator) through __next__, and ends the loop
// by raising and catching StopIteration. Creating and throwing that exception costs several microseconds,
// more than the loop's body: in the checker's engine about 470 of them on every re-assessment (about a
// sixth of its time, measured with bench/bench_page.py). str.join and all() do the same even for a list.
//
// This file gives those loops the iterators Brython itself keeps inside: the JavaScript generators that
// dict views and enumerate already use (dict.$iter_items still raises "dictionary changed size during
// iteration"), and for a Python generator the steps of generator.send() without the final StopIteration.
// Everything else goes the way Brython goes. Nothing here changes what Python code computes: the engine's
// parity tests (tests/test_parity.py) run every rule case under Brython with it and compare with CPython,
// and tests/test_bundle.py checks each changed behaviour (loop ends, mutation errors, generator returns and
// exceptions, join's TypeError, all()).
(function ($B) {
  "use strict";
  if ($B.cec_speedups) { return }  // loaded once per global scope
  $B.cec_speedups = true;
  var _b_ = $B.builtins;
  var GeneratorReturn = $B.generator_return().ob_type;
  // iterators whose tp_iternext is a JavaScript generator that ends without raising
  var CLEAN = [$B.dict_itemiterator, $B.dict_keyiterator, $B.dict_valueiterator, _b_.enumerate];

  function stepper(gen, set_lineno, frame, lineno) {
    return {
      [Symbol.iterator]() { return this },
      next() {
        set_lineno(frame, lineno);
        var r = gen.next();
        return r.done ? {done: true, value: null} : r;
      }
    };
  }

  // generator_funcs.send(self, None), step by step; where send raises StopIteration, the loop ends
  function generator_steps(self, set_lineno, frame, lineno) {
    return {
      [Symbol.iterator]() { return this },
      next() {
        set_lineno(frame, lineno);
        var gen = self.js_gen;
        gen.$has_run = true;
        if (gen.$finished) { return {done: true, value: null} }
        if (gen.gi_running === true) { $B.RAISE(_b_.ValueError, "generator already executing") }
        gen.gi_running = true;
        var save_frame_obj = $B.frame_obj;
        if (self.$frame) { $B.frame_obj = $B.push_frame(self.$frame) }
        var res;
        try {
          res = gen.next(_b_.None);
        } catch (err) {
          gen.$finished = true;
          $B.frame_obj = save_frame_obj;
          throw err;
        }
        if ($B.frame_obj !== null && $B.frame_obj.frame === self.$frame) { $B.leave_frame() }
        $B.frame_obj = save_frame_obj;
        if (res.value && $B.exact_type(res.value, GeneratorReturn)) {
          gen.$finished = true;
          return {done: true, value: null};
        }
        gen.gi_running = false;
        if (res.done) { return {done: true, value: null} }
        return {done: false, value: res.value};
      }
    };
  }

  // $B.make_js_iterator as Brython 3.15 writes it, with the two cases above before its general one
  $B.make_js_iterator = function (iterator, frame, lineno) {
    var set_lineno = $B.set_lineno;
    if (frame === undefined) {
      if (!$B.frame_obj) {
        set_lineno = function () {};
      } else {
        frame = $B.frame_obj.frame;
        lineno = frame.$lineno;
      }
    } else if (frame === $B.NULL) {
      set_lineno = () => null;
    }
    var cls = $B.get_class(iterator);
    if (Object.hasOwn(cls, $B.FAST_ITER)) { return cls[$B.FAST_ITER](iterator, set_lineno, frame, lineno) }
    var it = $B.$iter(iterator), icls = $B.get_class(it);
    if (CLEAN.indexOf(icls) > -1) { return stepper(icls.tp_iternext(it), set_lineno, frame, lineno) }
    if (icls === $B.generator) { return generator_steps(it, set_lineno, frame, lineno) }
    var next_func = $B.$getattr(icls, "__next__", null);
    if (next_func !== null) {
      return {
        [Symbol.iterator]() { return this },
        next() {
          set_lineno(frame, lineno);
          try {
            var value = $B.$call(next_func, it);
            return {done: false, value};
          } catch (err) {
            if ($B.is_exc(err, [_b_.StopIteration])) { return {done: true, value: null} }
            if (iterator[$B.INUM]) { $B.set_inum(iterator[$B.INUM]) }
            throw err;
          }
        }
      };
    }
  };

  // str.join: the same checks and error, through the iterators above
  var join = _b_.str.tp_funcs.join;
  _b_.str.tp_funcs.join = function (self, iterable) {
    if (typeof self !== "string" || arguments.length !== 2) { return join.apply(null, arguments) }
    var parts = [], count = 0;
    for (var item of $B.make_js_iterator(iterable)) {
      if (!$B.is_str(item)) {
        $B.RAISE(_b_.TypeError, "sequence item " + count + ": expected str instance, " + $B.class_name(item) + " found");
      }
      parts.push(item);
      count++;
    }
    return parts.join(self);
  };
  $B.str_dict_get($B.get_dict(_b_.str), "join").method = _b_.str.tp_funcs.join;

  // all(): Brython's returns True when iterating raises anything at all; this one lets the error through
  var all = _b_.all;
  _b_.all = function (obj) {
    if (arguments.length !== 1) { return all.apply(null, arguments) }
    for (var elt of $B.make_js_iterator(obj)) {
      if (!$B.$bool(elt)) { return false }
    }
    return true;
  };
})(__BRYTHON__);
