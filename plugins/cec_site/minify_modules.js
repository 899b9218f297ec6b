// Minify the JavaScript Brython compiled our modules to, with terser, at build time.
//
// Usage: node minify_modules.js TERSER_DIR < {"module_name": "javascript", ...}
// Prints {"module_name": "minified javascript", ...}.
// Brython runs a precompiled module as the body of a function whose one parameter is the module's
// namespace, locals_<name> (VFSLoader.exec_module: new Function(param, code + "return " + param)), so
// each module is minified as the body of such a function, and that name is kept. Terser renames the
// local variables and shortens the code; property names, which Brython's runtime looks up, stay whole,
// and so do function names (keep_fnames: Brython reads them) and unused parameters (keep_fargs).
"use strict";
const fs = require("fs");
const path = require("path");
const { minify } = require(path.join(path.resolve(process.argv[2]), "dist", "bundle.min.js"));

// Short names in a fixed order. Terser's own order depends on how often each character occurs in the
// code, which the random numbers in Brython's generated names (el123456) change: with a fixed order the
// same module always gives the same code, but for those numbers (tests/test_bundle.py relies on it).
const FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_", REST = FIRST + "0123456789";
const fixedNames = {
  get(n) {
    let name = FIRST[n % FIRST.length];
    n = Math.floor(n / FIRST.length);
    while (n > 0) { n--; name += REST[n % REST.length]; n = Math.floor(n / REST.length) }
    return name;
  },
  consider() {}, reset() {}, sort() {},
};

(async () => {
  const modules = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = {};
  for (const [name, code] of Object.entries(modules)) {
    const param = "locals_" + name.replace(/[^\w$]/g, "_");  // $B.scope_name
    const head = "var cec_module=function(" + param + "){";
    const result = await minify(head + code + "\nreturn " + param + "};", {
      ecma: 2020,
      compress: { keep_fargs: true, keep_fnames: true, pure_getters: false },
      mangle: { reserved: [param], keep_fnames: true, nth_identifier: fixedNames },
      format: { comments: false },
    });
    if (!result.code.startsWith(head) || !result.code.endsWith("};")) {
      throw new Error(name + ": unexpected shape of terser's output: " + result.code.slice(0, 80));
    }
    // the body, with its own return; a line ends it, so that what Brython appends is a statement of its own
    out[name] = result.code.slice(head.length, -2) + "\n";
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(err); process.exit(1); });
