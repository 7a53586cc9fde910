// Vigie content script: asks the engine about this page and draws what it
// says — a banner for a suspicious site. Nothing is drawn on an official
// site: a page can draw anything, so the sign of trust is Vigie's toolbar
// icon, which no page can touch. What is drawn lives in a closed Shadow
// DOM, in the top layer (banner.js).
"use strict";
(() => {
  if (window.top !== window) return;
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);

  function banner(v) {
    const name = v.imitatesName || v.imitates;
    const text = v.reason === "engine-error" ? t("banner_engineError")
      : name ? t("banner_suspicious", name) : t("banner_suspiciousNoName");
    VigieBanners.mount("vigie-banner", "top: 0 !important; left: 0 !important; right: 0 !important; width: 100% !important;", {
      warn: true, title: t("banner_title"), text,
      link: v.realURL ? { href: v.realURL, text: t("banner_goReal", v.imitates || name) } : null,
      reduce: [t("banner_reduce"), t("banner_expand")],
    }, true, () => chrome.runtime.sendMessage({ type: "bannerHidden" }).catch(() => {}));
  }

  // The worker asks for a banner when the page imitates an official service.
  let bannerShown = false;
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg && msg.type === "banner" && !bannerShown) { bannerShown = true; banner(msg.v); }
  });

  chrome.runtime.sendMessage({ type: "verdict" }).then((v) => {
    if (!v) return;
    // A lookalike reaches here only when the mediator let it open: warn still.
    if ((v.kind === "suspicious" || v.kind === "lookalike") && !bannerShown) { bannerShown = true; banner(v); }
  }).catch(() => {});
})();
