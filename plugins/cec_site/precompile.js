// Compile Python modules to JavaScript with Brython's own compiler, at build time.
//
// Usage: node precompile.js BRYTHON_JS < {"module_name": "python source", ...}
// Prints {"module_name": "javascript", ...}: what Brython itself would produce in the
// browser before running the module (the same text it stores in its IndexedDB cache).
// brython.js runs under Node (it checks `process.release.name`); it only needs the few
// browser globals below to load.
"use strict";
const fs = require("fs");
const path = require("path");

globalThis.self = globalThis;
globalThis.addEventListener = () => {};
require(path.resolve(process.argv[2]));
const $B = globalThis.__BRYTHON__;
globalThis.$B = $B; // Brython builds its AST classes with Function(), which look $B up globally
$B.$options.js_tab = 0; // Brython's own option: no indentation in the generated code (smaller download)

const modules = JSON.parse(fs.readFileSync(0, "utf8"));
const compiled = {};
for (const [name, src] of Object.entries(modules)) {
  const module = $B.module.$factory(name, "", name.split(".").slice(0, -1).join("."));
  // the file name Brython gives a module it finds in its virtual file system (VFSLoader.exec_module)
  const filename = "VFS." + name + ".py";
  $B.url2name[filename] = name; // as exec_module and run_py set them before compiling
  $B.file_cache[filename] = src;
  compiled[name] = $B.py2js({ src, filename, imported: true }, module, name, $B.builtins_scope).to_js();
}
process.stdout.write(JSON.stringify(compiled));
