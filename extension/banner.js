// What Vigie draws inside web pages: one banner, in a closed Shadow DOM the
// page cannot reach, shared by content.js (suspicious site) and
// passwords.js (password blocked or advice). Loaded before both; defining
// it twice is harmless.
"use strict";
globalThis.VigieBanners = globalThis.VigieBanners || {
  // Compact (about 60 px at 100 %: the page stays usable at 200 %), and
  // a warning banner can be reduced to a small pill, never removed.
  STYLE: `
    .b { font: 18px/1.35 system-ui, sans-serif; background: #fdecea; color: #1a1a1a;
         border-bottom: 4px solid #c01818; padding: 8px 16px; display: flex; gap: 12px;
         align-items: center; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
    .b.warn { background: #fff4e5; border-bottom-color: #b34700; }
    .i { flex: none; }
    .t { flex: 1; }
    strong { color: #8c1111; margin-right: 6px; }
    .warn strong { color: #7a2e00; }
    a, button { font: inherit; margin-right: 10px; }
    a { color: #0b4f9c; font-weight: 700; }
    button { background: #fff; color: #1a1a1a; border: 2px solid #555; border-radius: 8px; padding: 2px 12px; cursor: pointer; }
    .pill { position: fixed; top: 8px; right: 8px; background: #b34700; color: #fff; border: 2px solid #fff;
            border-radius: 18px; padding: 4px 14px; font: 700 16px/1.3 system-ui, sans-serif; box-shadow: 0 1px 6px rgba(0,0,0,.4); }
    [hidden] { display: none !important; }
    a:focus-visible, button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }`,

  // render fills root (a shadow root) with a banner:
  // {warn, title, text, link: {href, text} | null, dismiss: text | null,
  //  reduce: [reduce label, pill label] | null}.
  render(root, o) {
    // Markup without any value in it (texts go in by textContent below),
    // then the style as text.
    root.innerHTML = `<div class="b" role="alert">
      <svg class="i" aria-hidden="true" viewBox="0 0 100 100" width="30" height="30"><circle cx="50" cy="50" r="48" fill="#b34700"/><path d="M50 24v32" stroke="#fff" stroke-width="14" stroke-linecap="round"/><circle cx="50" cy="74" r="8" fill="#fff"/></svg>
      <div class="t"><strong></strong><span></span></div><div><a hidden></a><button type="button" class="x" hidden></button><button type="button" class="r" hidden></button></div></div>
      <button type="button" class="pill" hidden></button>`;
    const style = document.createElement("style");
    style.textContent = VigieBanners.STYLE;
    root.prepend(style);
    if (o.warn) root.querySelector(".b").classList.add("warn");
    if (o.reduce) {
      const bar = root.querySelector(".b"), r = root.querySelector(".r"), pill = root.querySelector(".pill");
      r.hidden = false;
      r.textContent = o.reduce[0];
      pill.textContent = "⚠ " + o.reduce[1];
      r.addEventListener("click", () => { bar.hidden = true; pill.hidden = false; pill.focus(); });
      pill.addEventListener("click", () => { pill.hidden = true; bar.hidden = false; });
    }
    root.querySelector("strong").textContent = o.title;
    root.querySelector("span").textContent = o.text;
    if (o.link && o.link.href) {
      const a = root.querySelector("a");
      a.hidden = false;
      a.href = o.link.href;
      a.target = "_top";
      a.textContent = o.link.text;
    }
    const close = root.querySelector("button.x");
    if (o.dismiss) {
      close.hidden = false;
      close.textContent = o.dismiss;
    }
    return close;
  },

  // mount attaches a host element whose style the page cannot override
  // (inline !important wins over any author rule), re-attached if the page
  // removes it, in the top layer (a manual popover) so that no page style
  // clips or covers it: when the page puts something in the top layer
  // itself (a modal dialog, a popover, full screen), the banner goes back
  // above it. keep=false lets a dismissed banner go. onHidden is called
  // if the banner is not painted all the same (watch).
  mount(tag, css, o, keep = true, onHidden = null) {
    const host = document.createElement(tag);
    host.setAttribute("style",
      "all: initial !important; display: block !important; position: fixed !important;" +
      "z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important;" +
      "margin: 0 !important; padding: 0 !important; border: 0 !important; inset: auto !important;" +
      "max-width: none !important; max-height: none !important; overflow: visible !important;" + css);
    host.setAttribute("popover", "manual");
    const root = host.attachShadow({ mode: "closed" });
    const close = typeof o === "function" ? (o(root), null) : VigieBanners.render(root, o);
    let gone = false;
    const onTop = () => {
      if (gone || !host.isConnected) return;
      try {
        if (host.matches(":popover-open")) host.hidePopover();
        host.showPopover();
      } catch (e) { /* no popover support: stays a fixed element */ }
    };
    const attach = () => {
      const parent = document.documentElement;
      if (!gone && parent && host.parentNode !== parent) {
        parent.appendChild(host);
        onTop();
      }
    };
    attach();
    if (keep) {
      new MutationObserver(attach).observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", attach);
      // Something else entered the top layer: go back above it.
      new MutationObserver(() => setTimeout(onTop, 0)).observe(document, { attributes: true, subtree: true, attributeFilter: ["open"] });
      document.addEventListener("toggle", (e) => { if (e.target !== host) setTimeout(onTop, 0); }, true);
      document.addEventListener("fullscreenchange", () => setTimeout(onTop, 0), true);
      if (onHidden) VigieBanners.watch(host, onTop, onHidden);
    }
    if (close) close.addEventListener("click", () => { gone = true; host.remove(); });
    return host;
  },

  // watch checks, at once and every second, that the banner is what the
  // browser shows where it stands (a page can cover it, clip the whole
  // page, fade it); if not, it puts it back on top, and if it is hidden
  // again, onHidden (the worker shows the full-page warning instead).
  watch(host, onTop, onHidden) {
    let strikes = 0;
    const painted = () => {
      const r = host.getBoundingClientRect();
      if (r.width < 10 || r.height < 10) return false;
      const root = document.documentElement;
      const cs = root && getComputedStyle(root);
      if (cs && (Number(cs.opacity) < 0.5 || cs.visibility === "hidden")) return false;
      for (const [fx, fy] of [[0.2, 0.5], [0.5, 0.5], [0.8, 0.5]]) {
        const x = r.left + r.width * fx, y = r.top + r.height * fy;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        if (document.elementFromPoint(x, y) !== host) return false;
      }
      return true;
    };
    const check = () => {
      if (!host.isConnected) return;
      if (painted()) { strikes = 0; return; }
      strikes++;
      if (strikes === 1) onTop();
      else if (strikes === 2) onHidden();
    };
    setTimeout(check, 300);
    setInterval(check, 1000);
  },
};
