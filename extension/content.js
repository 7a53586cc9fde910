// Vigie content script: asks the engine about this page and draws what it
// says — a banner for a suspicious site, a discreet mark on an official one.
// Everything drawn lives in a closed Shadow DOM the page cannot reach.
"use strict";
(() => {
  if (window.top !== window) return;
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);

  function banner(v) {
    const name = v.imitatesName || v.imitates;
    const text = v.reason === "engine-error" ? t("banner_engineError")
      : name ? t("banner_suspicious", name) : t("banner_suspiciousNoName");
    VigieBanners.mount("vigie-banner", "top: 0 !important; left: 0 !important; right: 0 !important;", {
      warn: true, title: t("banner_title"), text,
      link: v.realURL ? { href: v.realURL, text: t("banner_goReal", v.imitates || name) } : null,
      reduce: [t("banner_reduce"), t("banner_expand")],
    });
  }

  function officialMark(v) {
    VigieBanners.mount("vigie-mark", "bottom: 12px !important; right: 12px !important;", (root) => {
      root.innerHTML = `<style>
        .m { font: 15px/1.2 system-ui, sans-serif; background: #0d6b2f; color: #fff;
             border-radius: 18px; padding: 7px 14px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
      </style><div class="m" role="status"></div>`;
      root.querySelector(".m").textContent = "✓ " + t("mark_official");
    });
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
    else if (v.kind === "official") officialMark(v);
  }).catch(() => {});
})();
