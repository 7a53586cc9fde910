"use strict";
document.getElementById("f").textContent = new URLSearchParams(location.search).get("f") || "";
document.getElementById("close").addEventListener("click", () => window.close());
document.getElementById("allowForm").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const t = (k) => chrome.i18n.getMessage(k);
  const pin = document.getElementById("pin").value;
  document.getElementById("pin").value = "";
  const name = new URLSearchParams(location.search).get("f") || "";
  const r = await chrome.runtime.sendMessage({ type: "allowDownload", name, pin });
  document.getElementById("allowResult").textContent = r && r.ok ? t("download_allowed")
    : r && r.locked ? t("pin_locked") : t("warning_proceedRefused");
});
