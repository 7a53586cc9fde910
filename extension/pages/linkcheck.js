// "Vérifier un lien": a link received by SMS or e-mail, judged by the
// engine without being opened (no request leaves), for the visitor and
// the advisor. Shared by the popup and the console; the console adds
// "Signaler une erreur" (pages/options.js).
"use strict";
const VigieLinkCheck = {
  // mount wires form (with an input) to out; onResult(verdict, text) lets
  // a page add its own action.
  mount(form, out, onResult) {
    const t = (k, ...a) => chrome.i18n.getMessage(k, a);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const input = form.querySelector("input");
      const link = input.value.trim();
      if (!link) return;
      const v = await chrome.runtime.sendMessage({ type: "check", url: link }).catch(() => null);
      out.className = "verdict " + ((v && v.kind) || "");
      out.textContent = "";
      if (!v) { out.textContent = t("check_error"); return; }
      const host = v.display || v.host || link;
      const lines = {
        official: [t("check_official", host)],
        lookalike: [t("check_lookalike", v.imitatesName || v.imitates || ""), t("check_real", v.realURL || "")],
        suspicious: [t("check_suspicious")],
        unknown: [t("check_unknown", host)],
        local: [t("check_local")],
        invalid: [t("check_invalid")],
      }[v.kind] || [t("check_invalid")];
      for (const l of lines) {
        const p = document.createElement("p");
        p.textContent = l;
        out.append(p);
      }
      if (onResult) onResult(v, link);
    });
  },
};
