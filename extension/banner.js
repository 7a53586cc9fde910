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
    root.innerHTML = `<style>${VigieBanners.STYLE}</style><div class="b" role="alert">
      <svg class="i" aria-hidden="true" viewBox="0 0 100 100" width="30" height="30"><circle cx="50" cy="50" r="48" fill="#b34700"/><path d="M50 24v32" stroke="#fff" stroke-width="14" stroke-linecap="round"/><circle cx="50" cy="74" r="8" fill="#fff"/></svg>
      <div class="t"><strong></strong><span></span></div><div><a hidden></a><button type="button" class="x" hidden></button><button type="button" class="r" hidden></button></div></div>
      <button type="button" class="pill" hidden></button>`;
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
  // removes it. keep=false lets a dismissed banner go.
  mount(tag, css, o, keep = true) {
    const host = document.createElement(tag);
    host.setAttribute("style",
      "all: initial !important; display: block !important; position: fixed !important;" +
      "z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important;" + css);
    const root = host.attachShadow({ mode: "closed" });
    const close = typeof o === "function" ? (o(root), null) : VigieBanners.render(root, o);
    let gone = false;
    const attach = () => {
      const parent = document.documentElement;
      if (!gone && parent && host.parentNode !== parent) parent.appendChild(host);
    };
    attach();
    if (keep) {
      new MutationObserver(attach).observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", attach);
    }
    if (close) close.addEventListener("click", () => { gone = true; host.remove(); });
    return host;
  },
};
