// Vigie content script: asks the engine about this page and draws what it
// says — a banner for a suspicious site, a discreet mark on an official one.
// Everything drawn lives in a closed Shadow DOM the page cannot reach.
"use strict";
(() => {
  if (window.top !== window) return;
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);

  // A host element whose style the page cannot override (inline !important
  // wins over any author rule), re-attached if the page removes it.
  function mount(tag, css, build) {
    const host = document.createElement(tag);
    host.setAttribute("style",
      "all: initial !important; display: block !important; position: fixed !important;" +
      "z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important;" + css);
    const root = host.attachShadow({ mode: "closed" });
    build(root);
    const attach = () => {
      const parent = document.documentElement;
      if (parent && host.parentNode !== parent) parent.appendChild(host);
    };
    attach();
    new MutationObserver(attach).observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", attach);
    return host;
  }

  function banner(v) {
    const name = v.imitatesName || v.imitates;
    const text = v.reason === "engine-error" ? t("banner_engineError")
      : name ? t("banner_suspicious", name) : t("banner_suspiciousNoName");
    mount("vigie-banner", "top: 0 !important; left: 0 !important; right: 0 !important;", (root) => {
      root.innerHTML = `<style>
        .b { font: 20px/1.4 system-ui, sans-serif; background: #fff4e5; color: #1f1f1f;
             border-bottom: 4px solid #b34700; padding: 14px 20px; display: flex; gap: 16px;
             align-items: center; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
        .i { flex: none; }
        strong { display: block; font-size: 22px; color: #7a2e00; }
        a { color: #0b4f9c; font-weight: 700; }
      </style><div class="b" role="alert"><svg class="i" aria-hidden="true" viewBox="0 0 100 100" width="36" height="36"><circle cx="50" cy="50" r="48" fill="#b34700"/><path d="M50 24v32" stroke="#fff" stroke-width="14" stroke-linecap="round"/><circle cx="50" cy="74" r="8" fill="#fff"/></svg>
        <div><strong></strong><span class="m"></span> <a hidden></a></div></div>`;
      root.querySelector("strong").textContent = t("banner_title");
      root.querySelector(".m").textContent = text;
      if (v.realURL) {
        const a = root.querySelector("a");
        a.hidden = false;
        a.href = v.realURL;
        a.textContent = t("banner_goReal", v.imitates);
      }
    });
  }

  function officialMark(v) {
    mount("vigie-mark", "bottom: 12px !important; right: 12px !important;", (root) => {
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
