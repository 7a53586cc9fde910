// Downloads: programs, scripts, installers, shortcuts, disk images and
// archives that hold them are refused (decided in Go; docs/downloads.md).
// Judged by final file name and type, at every moment the browser gives: while the
// name is chosen (Chromium holds the file until we answer), when a name is
// known, when it completes, and by a sweep of the downloads list each time
// the worker starts — a worker replaced while a download began (a fresh
// policy install, a restart) has lost its events, not its duty. A refused
// file that already reached the disk is deleted.
"use strict";

const VigieDownloads = (() => {
  // Each download is judged once; the answer is kept in session storage so
  // that a restarted worker neither judges a once-allowed file again (the
  // allowance is single-use) nor opens a second refusal page.
  const pending = new Map(); // id → Promise<boolean>, this wake only
  let getApi = null;
  let settings = null;

  async function verdicts() {
    const { downloadVerdicts = {} } = await chrome.storage.session.get("downloadVerdicts");
    return downloadVerdicts;
  }
  async function remember(id, allowed) {
    const all = await verdicts();
    all[id] = allowed;
    await chrome.storage.session.set({ downloadVerdicts: all });
  }

  function guard(item) {
    if (!item.filename) return Promise.resolve(true);
    if (!pending.has(item.id)) pending.set(item.id, judgeOnce(item));
    return pending.get(item.id);
  }

  async function judgeOnce(item) {
    const known = (await verdicts())[item.id];
    if (known === true) return true;
    if (known === false) { // refused before this wake: make sure it is gone
      await remove(item.id);
      return false;
    }
    const allowed = await judge(item);
    await remember(item.id, allowed);
    return allowed;
  }

  async function judge(item) {
    const name = item.filename.split(/[\\/]/).pop();
    const api = await getApi().catch(() => null);
    const { allowedDownloadTypes = [] } = await settings();
    // No engine: refused (fail-safe); the mediator can still allow it once.
    let family = api ? api.download(item.filename, item.mime || "", allowedDownloadTypes) : "engine";
    let entry = "";
    if (family === "archive") [family, entry] = zipVerdict(api, item, allowedDownloadTypes);
    if (family === "") return true;
    if (await VigieMediator.takeDownload(name)) return true;
    await remove(item.id);
    VigieDownloads.onRefused(name, family, entry);
    return false;
  }

  // An archive is judged by the names it holds when its bytes are in
  // Vigie's hands: a data: URL carries them. Neither browser hands an
  // extension the bytes of a download from a server (measured:
  // docs/browser-facts.md): such an archive is unreadable, and refused.
  function zipVerdict(api, item, allowed) {
    const url = item.finalUrl || item.url || "";
    const m = /^data:[^,]*;base64,/i.exec(url);
    if (!m) return ["archive-unreadable", ""];
    try {
      const bin = atob(decodeURIComponent(url.slice(m[0].length)));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return api.downloadZip(bytes, allowed);
    } catch (e) {
      return ["archive-unreadable", ""];
    }
  }

  async function remove(id) {
    await chrome.downloads.cancel(id).catch(() => {});
    await chrome.downloads.removeFile(id).catch(() => {});
    await chrome.downloads.erase({ id }).catch(() => {});
  }

  // Everything the list holds that this wake has not judged yet.
  async function sweep() {
    const items = await chrome.downloads.search({}).catch(() => []);
    await Promise.all(items.filter((d) => d.filename && d.exists !== false && d.state !== "interrupted").map(guard));
  }

  return {
    onRefused: () => {},
    install(api, policySettings) {
      getApi = api;
      settings = policySettings;
      // Chromium only (Firefox has no such event: the others cover it).
      if (chrome.downloads.onDeterminingFilename) {
        chrome.downloads.onDeterminingFilename.addListener((item, suggest) => {
          guard(item).finally(() => suggest());
          return true; // suggest is called asynchronously
        });
      }
      chrome.downloads.onCreated.addListener((item) => {
        // A hold page whose address turned out to be a file can leave.
        chrome.runtime.sendMessage({ type: "downloadStarted", url: item.url, finalUrl: item.finalUrl }).catch(() => {});
        guard(item);
      });
      chrome.downloads.onChanged.addListener((delta) => {
        if (delta.filename || (delta.state && delta.state.current === "complete")) {
          chrome.downloads.search({ id: delta.id }).then(([item]) => item && guard(item));
        }
      });
      sweep();
    },
  };
})();
