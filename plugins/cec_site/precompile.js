// Compile Python modules to JavaScript with Brython's own compiler, at build time.
//
// Usage: node precompile.js BRYTHON_JS < {"module_name": "python source" or {"src": ..., "package": true}, ...}
// (or {"src": ..., "script": "file name"}: a script, compiled as Brython's browser.worker compiles a
// web worker's script, under the given file name)
// Prints {"module_name": "javascript", ...}: what Brython itself would produce in the
// browser before running the module (the same text it stores in its IndexedDB cache).
// brython.js runs under Node (it checks `process.release.name`); it only needs the few
// browser globals below to load.
"use strict";
const fs = require("fs");
const path = require("path");

globalThis.self = globalThis;
globalThis.addEventListener = () => {};
// Brython numbers the names it generates from a counter that starts at random (and tags lambdas at
// random): a fixed start makes every build of the same source give the same code, which the build can
// then keep minified in its cache (minify_modules.js).
const random = Math.random;
Math.random = () => 0.5;
require(path.resolve(process.argv[2]));
Math.random = random;
const $B = globalThis.__BRYTHON__;
globalThis.$B = $B; // Brython builds its AST classes with Function(), which look $B up globally
$B.$options.js_tab = 0; // Brython's own option: no indentation in the generated code (smaller download)

const modules = JSON.parse(fs.readFileSync(0, "utf8"));
const compiled = {};
for (const [name, entry] of Object.entries(modules)) {
  if (entry.script) {
    $B.url2name[entry.script] = name;
    $B.file_cache[entry.script] = entry.src;
    compiled[name] = $B.py2js({ src: entry.src, filename: entry.script }, name).to_js();
    continue;
  }
  const src = typeof entry === "string" ? entry : entry.src, is_package = typeof entry !== "string" && entry.package;
  const module = $B.module.$factory(name, "", is_package ? name : name.split(".").slice(0, -1).join("."));
  // the file name Brython gives a module it finds in its virtual file system (VFSLoader.exec_module)
  const filename = "VFS." + name + (is_package ? "/__init__.py" : ".py");
  $B.url2name[filename] = name; // as exec_module and run_py set them before compiling
  $B.file_cache[filename] = src;
  compiled[name] = $B.py2js({ src, filename, imported: true }, module, name, $B.builtins_scope).to_js();
}
process.stdout.write(JSON.stringify(compiled));
