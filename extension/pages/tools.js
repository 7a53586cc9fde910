// The advisor's tools in the console: check a link (and note Vigie's
// mistakes, kept on this computer and exported as a file on request:
// nothing is sent), show a practice warning, print the help sheet.
"use strict";
const VigieTools = (() => {
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);
  const $ = (id) => document.getElementById(id);
  const send = (msg) => chrome.runtime.sendMessage(msg);
  let last = null; // the last link checked and its verdict

  async function list() {
    const r = await send({ type: "reports" });
    const ul = $("reports");
    ul.textContent = "";
    const items = (r && r.reports) || [];
    if (!items.length) {
      const li = document.createElement("li");
      li.textContent = t("report_none");
      ul.append(li);
    }
    for (const x of items) {
      const li = document.createElement("li");
      li.textContent = `${new Date(x.at).toLocaleDateString("fr")} — ${x.host} — ${t(x.kind === "false-alarm" ? "report_kindFalseAlarm" : "report_kindMissed")}`;
      ul.append(li);
    }
    $("reportExport").disabled = !items.length;
    return items;
  }

  async function report(kind) {
    if (!last) return;
    const r = await send({ type: "report", kind, link: last.link });
    $("reportResult").textContent = r && r.ok ? t("report_saved", String(r.count)) : t("check_error");
    list();
  }

  // The file: one report a line, tab-separated, with the verdict Vigie
  // gave; hosts only, never a whole address (written in Go).
  async function exportFile() {
    const r = await send({ type: "reportsExport" });
    if (!r || !r.ok) { $("reportResult").textContent = t("check_error"); return; }
    const url = URL.createObjectURL(new Blob([r.text], { type: "text/tab-separated-values" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "vigie-signalements-" + new Date().toISOString().slice(0, 10) + ".tsv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function wire() {
    VigieLinkCheck.mount($("checkForm"), $("checkResult"), (v, link) => {
      last = { link, v };
      $("reportBox").hidden = false;
      $("reportResult").textContent = "";
    });
    $("reportFalseAlarm").addEventListener("click", () => report("false-alarm"));
    $("reportMissed").addEventListener("click", () => report("missed"));
    $("reportExport").addEventListener("click", exportFile);
    $("reportClear").addEventListener("click", async () => { await send({ type: "clearReports" }); list(); });
    $("example").addEventListener("click", async () => {
      const r = await send({ type: "demoWarning" });
      if (r && r.url) chrome.tabs.create({ url: r.url });
    });
  }
  wire();
  return { open: list };
})();
