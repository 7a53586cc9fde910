// make bench, part 2: the engine compiled to WebAssembly, in Node, through
// the same syscall/js bridge as the extension, against a JS baseline doing
// only registrable domain + exact allowlist match (tldts + Set) in the same
// process. Usage: node wasm.mjs DIST_CHROME BUNDLE URLS_FILE OUT_JSON
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [dist, bundlePath, urlsPath, outPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
globalThis.require = require;
await import(path.resolve(dist, "wasm_exec.js"));
const tldts = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), "../node/node_modules/tldts"));

const urls = fs.readFileSync(urlsPath, "utf8").split("\n").filter(Boolean);
const bundle = new Uint8Array(fs.readFileSync(bundlePath));

// Start the engine as the service worker does, timing each step.
const t0 = performance.now();
const bytes = fs.readFileSync(path.resolve(dist, "vigie.wasm"));
const mod = await WebAssembly.compile(bytes);
const t1 = performance.now();
const go = new Go();
const ready = new Promise((r) => { globalThis.__vigieReady = r; });
const inst = await WebAssembly.instantiate(mod, go.importObject);
const t2 = performance.now();
go.run(inst);
await ready;
const t3 = performance.now();
const vigie = globalThis.vigie;
const loaded = vigie.loadBundle(bundle, [fs.readFileSync(bundlePath + ".pub", "utf8")]);
const t4 = performance.now();
if (!loaded.ok) throw new Error("bundle refused: " + loaded.message);

function time(fn, n) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm up
  const s = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - s) * 1e6) / n; // ns per call
}
const N = 100000;
const floor = time(() => vigie.version(), N);
const kinds = {};
// What the worker does per navigation: one call, and the split of its answer.
const verdict = time((i) => {
  const k = vigie.check(urls[i % urls.length]).split("\x1f", 1)[0];
  kinds[k] = (kinds[k] || 0) + 1;
}, N);

// Baseline: what a JS extension without lookalike detection would do.
const allow = new Set(fs.readFileSync(urlsPath + ".official", "utf8").split("\n").filter(Boolean));
const base = time((i) => {
  const d = tldts.parse(urls[i % urls.length]);
  return allow.has(d.hostname) || allow.has(d.domain);
}, N);

const mem = inst.exports.mem ? inst.exports.mem.buffer.byteLength : 0;
const out = {
  urls: urls.length, calls: N, kinds,
  compileMs: t1 - t0, instantiateMs: t2 - t1, goStartMs: t3 - t2, loadBundleMs: t4 - t3,
  emptyCallNs: floor, verdictNs: verdict, baselineNs: base,
  wasmMemoryBytes: mem, jsHeapBytes: process.memoryUsage().heapUsed, entries: loaded.entries,
};
fs.writeFileSync(outPath, JSON.stringify(out, null, 2));
console.log(JSON.stringify(out));
process.exit(0);
