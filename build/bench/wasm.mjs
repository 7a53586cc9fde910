// make bench, part 2: the engine compiled to WebAssembly, in Node, through
// the same syscall/js bridge as the extension, against a JS baseline doing
// only registrable domain + exact allowlist match (tldts + Set) in the same
// process. Usage: node wasm.mjs DIST_CHROME BUNDLE URLS_FILE OUT_JSON
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import vm from "node:vm";

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
// The worker's own code for a list update (extension/lists.js, as built):
// Go checks, the platform's DecompressionStream inflates, Go checks the
// result and loads it.
vm.runInThisContext(fs.readFileSync(path.resolve(dist, "lists.js"), "utf8") + ";globalThis.VigieLists = VigieLists;");
const loaded = await VigieLists.load(vigie, bundle, [fs.readFileSync(bundlePath + ".pub", "utf8")]);
const t4 = performance.now();
if (!loaded.ok) throw new Error("bundle refused: " + loaded.message);
// Of which the browser's inflater alone (the payload: after the magic,
// the header length and the header; before the 64-byte signature).
const payloadAt = 10 + (bundle[8] | (bundle[9] << 8));
const ti = performance.now();
const lenAt = 10 + 3 + bundle[12] + 8 * 4 + 4; // format, name, version…key id, entries
const indexLen = new DataView(bundle.buffer, bundle.byteOffset).getUint32(lenAt, true);
const inflated = await VigieLists.inflate(bundle.subarray(payloadAt, bundle.length - 64), indexLen);
const inflateMs = performance.now() - ti;
if (inflated.length !== indexLen) throw new Error("the platform inflated " + inflated.length + " bytes, not " + indexLen);

// The worker's own code for a verdict (extension/verdicts.js, as built).
vm.runInThisContext(fs.readFileSync(path.resolve(dist, "verdicts.js"), "utf8") + ";globalThis.VigieUI = VigieUI;");
const checkURL = VigieUI.checker(vigie, inst.exports.mem);
for (const u of urls.slice(0, 2000)) {
  if (checkURL(u) !== vigie.check(u)) throw new Error("the two ways disagree on " + u);
}

// Each case runs in rounds of R calls, the cases interleaved, and reports
// the median round: V8's tiering and both garbage collectors make single
// long runs swing by half. Each case walks the whole URL list across its
// rounds (10 × 10,000 calls = the 100,000 URLs once).
const R = 10000, ROUNDS = 10;
const split = { official: [], unknown: [], flagged: [] };
for (const u of urls.slice(0, 30000)) {
  const k = checkURL(u).split("\x1f", 1)[0];
  (k === "official" ? split.official : k === "unknown" ? split.unknown : split.flagged).push(u);
}
const kinds = {};
const allow = new Set(fs.readFileSync(urlsPath + ".official", "utf8").split("\n").filter(Boolean));
// Cases named *Cold run with the verdict cache off: the engine's whole
// work for every verdict (the toggle is outside the timed loop).
const cases = {
  empty: () => vigie.version(),
  verdictCold: (u) => checkURL(u).split("\x1f", 1)[0],
  // What the worker does per navigation: one call, and the split of its answer.
  verdict: (u) => {
    const k = checkURL(u).split("\x1f", 1)[0];
    kinds[k] = (kinds[k] || 0) + 1;
  },
  stringWay: (u) => vigie.check(u).split("\x1f", 1)[0],
  officialCold: (u, i) => checkURL(split.official[i % split.official.length]),
  unknownCold: (u, i) => checkURL(split.unknown[i % split.unknown.length]),
  flaggedCold: (u, i) => checkURL(split.flagged[i % split.flagged.length]),
  // Baseline: what a JS extension without lookalike detection would do.
  baseline: (u) => {
    const d = tldts.parse(u);
    return allow.has(d.hostname) || allow.has(d.domain);
  },
};
const rounds = {};
const at = {};
for (let r = -1; r < ROUNDS; r++) { // round -1 warms up
  for (const [name, fn] of Object.entries(cases)) {
    let i = at[name] || 0;
    vigie.cacheVerdicts(!name.endsWith("Cold"));
    const s = performance.now();
    for (let k = 0; k < R; k++, i++) fn(urls[i % urls.length], i);
    const ns = ((performance.now() - s) * 1e6) / R;
    at[name] = i;
    if (r >= 0) (rounds[name] = rounds[name] || []).push(ns);
  }
}
vigie.cacheVerdicts(true);
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const floor = med(rounds.empty), verdict = med(rounds.verdict), base = med(rounds.baseline);

const mem = inst.exports.mem ? inst.exports.mem.buffer.byteLength : 0;

// What a waking worker does instead of verifying again: hand the index
// kept from the first engine to a fresh one (IndexedDB in the extension).
const kept = vigie.exportIndex();
const go2 = new Go();
const ready2 = new Promise((r) => { globalThis.__vigieReady = r; });
const inst2 = await WebAssembly.instantiate(mod, go2.importObject);
go2.run(inst2);
await ready2;
const t5 = performance.now();
const again = globalThis.vigie.loadVerified(kept.index, kept, [fs.readFileSync(bundlePath + ".pub", "utf8")]);
const loadVerifiedMs = performance.now() - t5;
if (!again.ok) throw new Error("kept index refused: " + again.error);
const out = {
  urls: urls.length, calls: R * ROUNDS, kinds,
  compileMs: t1 - t0, instantiateMs: t2 - t1, goStartMs: t3 - t2, loadBundleMs: t4 - t3, inflateMs, loadVerifiedMs,
  emptyCallNs: floor, verdictNs: verdict, baselineNs: base, stringWayNs: med(rounds.stringWay),
  verdictColdNs: med(rounds.verdictCold),
  officialNs: med(rounds.officialCold), unknownNs: med(rounds.unknownCold), flaggedNs: med(rounds.flaggedCold),
  wasmMemoryBytes: mem, jsHeapBytes: process.memoryUsage().heapUsed, entries: loaded.entries,
};
fs.writeFileSync(outPath, JSON.stringify(out, null, 2));
console.log(JSON.stringify(out));
process.exit(0);
