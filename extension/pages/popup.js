// The toolbar popup: what Vigie says of the current tab, in one sentence,
// and the button that ends the visitor's session. The button works at
// once, whatever happens to the verdict's question.
"use strict";
(() => {
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);
  // One question before erasing everything: a click by mistake must not
  // cost the visitor a form half filled.
  const ask = document.getElementById("ask");
  const confirm = document.getElementById("confirm");
  document.getElementById("end").addEventListener("click", () => {
    ask.hidden = true;
    confirm.hidden = false;
    document.getElementById("no").focus();
  });
  document.getElementById("no").addEventListener("click", () => window.close());
  document.getElementById("yes").addEventListener("click", async (ev) => {
    ev.target.disabled = true;
    ev.target.textContent = t("popup_ending");
    await chrome.runtime.sendMessage({ type: "endSession", reason: "visitor" });
    window.close();
  });
  // Not installed by policy: say so, for the mediator to tell the IT service.
  chrome.runtime.sendMessage({ type: "status" }).then((st) => {
    if (st && st.mode === "reduced") document.getElementById("reduced").hidden = false;
  }).catch(() => {});
  VigieLinkCheck.mount(document.getElementById("checkForm"), document.getElementById("checkResult"));
  const el = document.getElementById("verdict");
  chrome.tabs.query({ active: true, currentWindow: true })
    .then(([tab]) => (tab ? chrome.runtime.sendMessage({ type: "tabState", tabId: tab.id }) : null))
    .catch(() => null)
    .then((st) => {
      const kind = (st && st.kind) || "unknown";
      el.className = "verdict " + kind;
      el.textContent = kind === "official" ? t("popup_official")
        : kind === "lookalike" ? t("popup_lookalike", st.imitates || "")
        : kind === "suspicious" ? t("popup_suspicious")
        : kind === "local" ? t("popup_local") : t("popup_unknown");
    });
})();
