// @ts-check
// The messages Vigie's scripts and pages send its worker, in one table:
// who may send each, whether it needs the advisor's code, and what it
// answers when its handler fails (a fail-safe answer, never a silent
// allow). background.js dispatches through it; a message not listed, or
// sent by someone the table does not name, gets no answer.
"use strict";

/**
 * Who may send a message. "web": a content script in any page (a hostile
 * page's too: its answers tell nothing a page may not know). "vigie":
 * Vigie's own pages only (console, popup, warning, hold, welcome).
 * @typedef {"web" | "vigie"} Sender
 */

/**
 * @typedef {Object} Route
 * @property {Sender} from who may send it
 * @property {boolean} [code] it changes the protection: only with the console unlocked (the advisor's code)
 * @property {boolean} [silent] it gets no answer
 * @property {Object | null} [fail] the answer when the handler fails
 */

/**
 * A verdict as the engine gives it (verdicts.js decodes it; the fields are
 * wasm/cmd/vigie's verdictFields).
 * @typedef {Object} Verdict
 * @property {"official" | "unknown" | "suspicious" | "lookalike" | "invalid" | "local"} kind
 * @property {string} host
 * @property {string} imitates
 * @property {string} reason
 * @property {number} score
 */

/** The fail-safe verdict: what a page gets when the engine cannot answer. */
const FAILSAFE = Object.freeze({ kind: "suspicious", reason: "engine-error", host: "", family: "", score: 0 });
/** The answer of a console request that failed. */
const FAILED = Object.freeze({ ok: false, error: "error" });

const VigieProtocol = {
  FAILSAFE,
  /** @type {Readonly<Record<string, Route>>} */
  ROUTES: Object.freeze({
    // From content scripts (every page and frame).
    verdict: { from: "web", fail: FAILSAFE }, // the frame's own address
    fieldLock: { from: "web", fail: { locked: true, site: "" } }, // must its fields take no typing?
    typed: { from: "web", fail: { site: "" } }, // what is being typed: an official password?
    password: { from: "web", fail: { action: "block", reason: "engine-error" } }, // a field committed
    bannerHidden: { from: "web", silent: true }, // the page hid the banner: the full-page warning
    page: { from: "web", fail: { site: "" } }, // a page with a sensitive field describes itself
    // From Vigie's pages.
    pinStatus: { from: "vigie", fail: FAILED },
    pinSet: { from: "vigie", fail: FAILED },
    pinCheck: { from: "vigie", fail: { result: "error" } },
    pinUnlock: { from: "vigie", fail: FAILED },
    pinLock: { from: "vigie", fail: FAILED },
    counters: { from: "vigie", fail: FAILED },
    proceed: { from: "vigie", fail: FAILED }, // past a warning (strict mode: the code)
    allowDownload: { from: "vigie", fail: FAILED }, // one refused file (the code)
    settings: { from: "vigie", fail: {} },
    demoClaim: { from: "vigie", fail: { ok: false } },
    hold: { from: "vigie", fail: { error: "engine" } },
    wayBack: { from: "vigie", fail: null }, // the page then goes to the welcome page
    check: { from: "vigie", fail: FAILSAFE },
    status: { from: "vigie", fail: FAILED },
    endSession: { from: "vigie", fail: FAILED },
    tabState: { from: "vigie", fail: null },
    wipePasswords: { from: "vigie", fail: FAILED },
    // From the console, once unlocked.
    updateNow: { from: "vigie", code: true, fail: FAILED },
    importBundle: { from: "vigie", code: true, fail: FAILED },
    setLocal: { from: "vigie", code: true, fail: FAILED },
    setIdle: { from: "vigie", code: true, fail: FAILED },
    setStrict: { from: "vigie", code: true, fail: FAILED },
    audit: { from: "vigie", code: true, fail: FAILED },
    report: { from: "vigie", code: true, fail: FAILED },
    reports: { from: "vigie", code: true, fail: FAILED },
    reportsExport: { from: "vigie", code: true, fail: FAILED },
    clearReports: { from: "vigie", code: true, fail: FAILED },
    demoWarning: { from: "vigie", code: true, fail: FAILED },
  }),

  /**
   * The route of a message, or null when it is not one or its sender may
   * not send it.
   * @param {any} msg
   * @param {{url?: string}} sender
   * @param {string} own the extension's base address (chrome.runtime.getURL(""))
   * @returns {Route | null}
   */
  route(msg, sender, own) {
    if (!msg || typeof msg.type !== "string" || !Object.hasOwn(VigieProtocol.ROUTES, msg.type)) return null;
    const r = VigieProtocol.ROUTES[msg.type];
    if (r.from === "vigie" && !(sender.url && sender.url.startsWith(own))) return null;
    return r;
  },

  /**
   * The answer when a handler failed: the route's fail-safe answer, with
   * the error's text for the console.
   * @param {Route} r
   * @param {unknown} e
   */
  failed(r, e) {
    if (r.fail && /** @type {any} */ (r.fail).ok === false) return { ...r.fail, message: String(e) };
    return r.fail;
  },
};
