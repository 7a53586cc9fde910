// Vigie password guard (every frame, from document_start): when a password
// field is committed (leaving the field, Enter, submit, a click or pointer
// press that may send it by script), its value goes once to the engine,
// which hashes it and decides; this script then lets the event go, or
// stops it, clears the field and explains. It keeps no password: values
// are read at commit time and dropped. While typing, the last characters
// typed go to the engine so that an official password is recognised
// before any commit.
// On a page the engine calls dangerous, password and card fields take no
// typing at all.
"use strict";
(() => {
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);
  const checked = new WeakSet(); // fields whose current value the engine allowed
  const pending = new WeakMap(); // field → decision in progress
  const approved = new WeakSet(); // forms let through once after approval

  const isPw = (el) => el instanceof HTMLInputElement && el.type === "password";

  // A page can build its form inside a closed shadow root, which hides it
  // from the page's other scripts and from ours: events reach us from its
  // host. Extensions may open it (Chromium: chrome.dom.openOrClosedShadowRoot;
  // Firefox: the element's own openOrClosedShadowRoot property, which
  // content scripts alone see).
  function shadowOf(el) {
    if (!(el instanceof Element)) return null;
    try {
      if ("openOrClosedShadowRoot" in el) return el.openOrClosedShadowRoot;
      if (chrome.dom && chrome.dom.openOrClosedShadowRoot) return chrome.dom.openOrClosedShadowRoot(el);
    } catch (e) { /* an element that hosts none */ }
    return el.shadowRoot;
  }
  // The focused element, through every shadow root, closed ones too.
  function deepActive() {
    let el = document.activeElement;
    for (let r = shadowOf(el); r && r.activeElement; r = shadowOf(el)) el = r.activeElement;
    return el;
  }
  // The element an event really targets: inside a closed root, the page
  // gives its host; a key, a paste or an input goes to the focused one.
  function deepTarget(ev) {
    const el = ev.composedPath()[0];
    return shadowOf(el) && !isPw(el) ? deepActive() : el;
  }
  // The element under a click, through every shadow root.
  function deepAt(el, x, y) {
    for (let r = shadowOf(el); r; r = shadowOf(el)) {
      const inner = r.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el;
  }
  // Password fields met inside shadow roots when they took focus: a
  // closed root is not walked (opening every element's would cost each
  // click on a big page), and a field is typed into only once focused.
  const met = new Set(); // WeakRefs
  const onFocusIn = (ev) => {
    if (!ev.isTrusted) return;
    const el = deepActive();
    if (isPw(el) && el.getRootNode() instanceof ShadowRoot) {
      for (const r of met) if (r.deref() === el) return;
      met.add(new WeakRef(el));
      describe();
    }
  };
  // Is el inside host's shadow tree (at any depth)?
  function inside(host, el) {
    for (let r = el.getRootNode(); r instanceof ShadowRoot; r = r.host.getRootNode()) if (r.host === host) return true;
    return false;
  }

  // Password fields of the document, of the open shadow roots in it, and
  // those met in closed ones.
  function pwFields(root = document) {
    const out = [];
    const walk = (r) => {
      for (const el of r.querySelectorAll("*")) {
        if (isPw(el)) out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    for (const r of met) {
      const el = r.deref();
      if (!el || !el.isConnected) met.delete(r);
      else if (isPw(el) && !out.includes(el)) out.push(el);
    }
    return out;
  }

  // hints: what the field says of itself. context: what its form says
  // (buttons, legend, headings, the heading before it, the page's title),
  // never a link: a login form's "Créer mon compte" link says nothing of
  // the field. Go reads both (passwords.FieldKind).
  function hints(el) {
    const parts = [el.name, el.id, el.placeholder, el.getAttribute("aria-label") || ""];
    if (el.labels) for (const l of el.labels) parts.push(l.textContent);
    return parts.join(" ").slice(0, 600);
  }
  function context(el) {
    const parts = [];
    if (el.form) {
      for (const x of el.form.querySelectorAll("button, input[type=submit], input[type=button], legend, h1, h2, h3, h4, [role=heading]")) {
        parts.push(x.tagName === "INPUT" ? x.value : x.textContent);
      }
    }
    let before = "";
    for (const h of (el.ownerDocument || document).querySelectorAll("h1, h2, h3, [role=heading]")) {
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) before = h.textContent;
    }
    parts.push(before, (el.ownerDocument || document).title);
    return parts.join(" ").replace(/\s+/g, " ").slice(0, 600);
  }

  function decide(el) {
    if (pending.has(el)) return pending.get(el);
    const value = el.value;
    const count = el.form ? el.form.querySelectorAll("input[type=password]").length : pwFields().length;
    const p = chrome.runtime.sendMessage({
      type: "password", origin: location.origin, value, autocomplete: el.getAttribute("autocomplete") || "", hints: hints(el), context: context(el), count,
    }).catch(() => ({ action: "block", reason: "engine-error", site: "" }))
      .then((d) => {
        pending.delete(el);
        if (!d || d.action === "block") {
          blockedAt = performance.now();
          el.value = "";
          el.dispatchEvent(new Event("input", { bubbles: true }));
          show(d || { reason: "engine-error" });
        } else {
          checked.add(el);
          if (d.action === "warn") show(d);
        }
        return d || { action: "block" };
      });
    pending.set(el, p);
    return p;
  }

  // Typing again means checking again (the value is never looked at here).
  // A key typed as the field is emptied (the engine's answer can come
  // between a key's press and its character) is emptied too.
  const onInput = (ev) => {
    const el = deepTarget(ev);
    if (!isPw(el) || !ev.isTrusted) return;
    checked.delete(el);
    if (justBlocked()) el.value = "";
  };

  // Leaving the field commits it (paste and autofill end here too). From
  // a closed root, focus has already moved: every field met in the host
  // is committed.
  const onFocusOut = (ev) => {
    const el = ev.composedPath()[0];
    if (!ev.isTrusted) return;
    const fields = isPw(el) ? [el] : shadowOf(el) ? pwFields().filter((f) => inside(el, f)) : [];
    for (const f of fields) if (f.value && !checked.has(f)) decide(f);
  };

  // A form is submitted (button or Enter): hold it until every password
  // in it is allowed, then submit it again.
  const onSubmit = (ev) => {
    const form = ev.target;
    if (approved.has(form)) { approved.delete(form); return; }
    if (justBlocked()) { ev.preventDefault(); ev.stopImmediatePropagation(); return; }
    const dirty = [...form.querySelectorAll("input[type=password]")].filter((f) => f.value && !checked.has(f));
    if (!dirty.length) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    const submitter = ev.submitter;
    Promise.all(dirty.map(decide)).then((ds) => {
      if (ds.some((d) => d.action === "block")) return;
      approved.add(form);
      if (form.requestSubmit) form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      else form.submit();
    });
  };

  // A click, a pointer press or Enter while a password is not yet allowed:
  // a page may read the field from its handler (fetch, beacon, a <div>
  // used as a button). Hold the event, decide, then play it again (only
  // trusted events are held; the replay is not).
  const dirtyFields = () => pwFields().filter((f) => f.value && !checked.has(f));
  const editable = (el) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el.isContentEditable;
  // After a block, the rest of that gesture (the click after a held
  // press, the submit after Enter) is dropped: the field is empty by then,
  // and an empty login sent to the page would only confuse the visitor.
  let blockedAt = -Infinity;
  const justBlocked = () => performance.now() - blockedAt < 1500;
  function hold(ev, replay) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
    Promise.all(dirtyFields().map(decide)).then((ds) => {
      if (ds.some((d) => d.action === "block")) blockedAt = performance.now();
      else replay();
    });
  }
  const onClick = (ev) => {
    const target = deepAt(ev.composedPath()[0], ev.clientX, ev.clientY);
    if (!ev.isTrusted || !(target instanceof Element) || editable(target)) return;
    if (justBlocked()) { ev.preventDefault(); ev.stopImmediatePropagation(); return; }
    if (!dirtyFields().length) return;
    hold(ev, () => target.click());
  };
  const onPointer = (ev) => {
    const target = deepAt(ev.composedPath()[0], ev.clientX, ev.clientY);
    if (!ev.isTrusted || !(target instanceof Element) || editable(target) || !dirtyFields().length) return;
    const init = { bubbles: true, cancelable: true, composed: true, clientX: ev.clientX, clientY: ev.clientY, button: ev.button };
    hold(ev, () => target.dispatchEvent(ev instanceof PointerEvent ? new PointerEvent(ev.type, init) : new MouseEvent(ev.type, init)));
  };
  const onKey = (ev) => {
    const target = deepTarget(ev);
    if (!ev.isTrusted || ev.key !== "Enter" || !dirtyFields().length) return;
    hold(ev, () => {
      const form = target && target.form;
      if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
      else target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, cancelable: true, composed: true }));
    });
  };

  // ---- Dangerous pages (suspicious, impersonating, a lookalike the
  // mediator opened): password and card fields take no typing at all.
  let locked = false;
  const CARD = /cc-(number|csc|exp)|card|carte|cvv|cvc|crypto|cb-?num|num.?cb|expir/i;
  const sensitive = (el) => isPw(el) || (el instanceof HTMLInputElement &&
    CARD.test([el.name, el.id, el.getAttribute("autocomplete") || "", el.placeholder].join(" ")));
  let lockSite = "";
  const onLockedInput = (ev) => {
    const el = deepTarget(ev);
    if (!locked || !sensitive(el)) return;
    if (ev.type === "keydown" && (ev.key.length !== 1 || ev.ctrlKey || ev.metaKey) && ev.key !== "Enter") return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (el.value) { el.value = ""; }
    if (!box) show({ reason: "dangerous-page", site: lockSite });
  };
  function lock(site) {
    locked = true;
    lockSite = site || lockSite;
    for (const el of document.querySelectorAll("input")) if (sensitive(el)) el.value = "";
    for (const el of pwFields()) el.value = "";
  }
  chrome.runtime.onMessage.addListener((msg) => { if (msg && msg.type === "lockFields") lock(msg.site); });
  let official = false;
  chrome.runtime.sendMessage({ type: "fieldLock", origin: location.origin }).then((r) => {
    if (r && r.locked) lock(r.site);
    official = !!(r && r.official);
  }).catch(() => {});

  // ---- An official password recognised as it is typed, before any
  // commit (a page may send keys one by one): the last characters typed in
  // this frame go to the engine, which compares keyed hashes of their
  // tails with the session's official passwords (wasm/passwords Typed).
  // On a match the fields are emptied, the tab sends nothing more, and the
  // visitor is told. What may have left before: docs/passwords.md.
  let typed = "";
  const onTyped = (ev) => {
    if (!ev.isTrusted || official || locked) return;
    if (ev.type === "keydown") {
      if (ev.key === "Backspace") typed = typed.slice(0, -1);
      else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey) typed = (typed + ev.key).slice(-64);
      else return;
    } else {
      typed = (typed + (ev.clipboardData ? ev.clipboardData.getData("text") : "")).slice(-64);
    }
    chrome.runtime.sendMessage({ type: "typed", text: typed, origin: location.origin }).then((r) => {
      if (!r || !r.site) return;
      blockedAt = performance.now();
      typed = "";
      for (const f of pwFields()) f.value = "";
      const el = deepActive();
      if (el instanceof HTMLInputElement) el.value = "";
      show({ reason: "phishing", site: r.site, action: "block" });
    }).catch(() => {});
  };

  // document.open() erases every listener of the document and the window,
  // these too: a page (or the opener of an about:blank popup) could switch
  // the guard off that way. They go back as soon as the document is
  // replaced, which a mutation observer (not erased) sees. Adding the same
  // listener twice is a no-op, so listening again is always safe.
  function listen() {
    document.addEventListener("input", onInput, true);
    document.addEventListener("focusin", onFocusIn, true);
    document.addEventListener("focusout", onFocusOut, true);
    window.addEventListener("submit", onSubmit, true);
    window.addEventListener("click", onClick, true);
    window.addEventListener("pointerdown", onPointer, true);
    window.addEventListener("mousedown", onPointer, true);
    window.addEventListener("keydown", onKey, true);
    for (const type of ["beforeinput", "keydown", "paste", "drop", "input"]) window.addEventListener(type, onLockedInput, true);
    window.addEventListener("keydown", onTyped, true);
    window.addEventListener("paste", onTyped, true);
  }
  listen();
  new MutationObserver(listen).observe(document, { childList: true });

  // ---- Page impersonation: a page with a password or sensitive field is
  // described to the engine, which says whether it names an official service.
  const SENSITIVE = /iban|bic|carte|card|cc-|cvv|cvc|crypto|s[ée]cu|nir|sociale|numero-?ss|expir/i;
  let described = false;
  function describe() {
    if (described || !document.body) return;
    const sensitive = [...document.querySelectorAll("input")].some((i) =>
      SENSITIVE.test([i.name, i.id, i.getAttribute("autocomplete") || "", i.placeholder].join(" ")));
    if (!pwFields().length && !sensitive) return;
    described = true;
    chrome.runtime.sendMessage({ type: "page", text: pageText(), origin: location.origin }).catch(() => {});
  }
  function pageText() {
    if (!document.body) return document.title;
    // What names a site first (a page can push its name past any limit
    // with filler text): title, form actions, headings, labels, buttons,
    // image text; then the page's text. Go normalises and reads it.
    const first = [document.title];
    for (const f of document.forms) first.push(f.getAttribute("action") || "");
    for (const el of document.querySelectorAll("h1, h2, h3, label, legend, button, [aria-label], img[alt], img[title], input[type=submit]")) {
      first.push(el.tagName === "IMG" ? (el.alt || "") + " " + (el.title || "")
        : el.tagName === "INPUT" ? el.value : el.getAttribute("aria-label") || el.textContent || "");
    }
    return (first.join(" \n").slice(0, 8192) + " \n" + (document.body.innerText || "")).slice(0, 32768);
  }
  // The worker asks the top page to describe itself when one of its
  // frames shows a form and names nobody.
  if (window.top === window) {
    chrome.runtime.onMessage.addListener((msg, sender, reply) => {
      if (msg && msg.type === "describeText") reply({ text: pageText() });
    });
  }
  document.addEventListener("DOMContentLoaded", describe);
  // Pages that add their form later: look again, at most twice a second.
  let pendingLook = 0;
  const mo = new MutationObserver(() => {
    if (described) { mo.disconnect(); return; }
    if (!pendingLook) pendingLook = setTimeout(() => { pendingLook = 0; describe(); }, 500);
  });
  mo.observe(document, { childList: true, subtree: true });

  // ---- What the visitor is told, in a closed Shadow DOM the page cannot reach.
  let box = null;
  function show(d) {
    const site = d.site || "";
    let title, text;
    switch (d.reason) {
      case "phishing": title = t("pw_blockedTitle"); text = t("pw_phishing", site); break;
      case "reuse-new": title = t("pw_reuseNewTitle"); text = t("pw_reuseNew", site); break;
      case "reuse-login": title = t("pw_reuseLoginTitle"); text = t("pw_reuseLogin", site); break;
      case "dangerous-page": title = t("pw_blockedTitle"); text = site ? t("pw_dangerousNamed", site) : t("pw_dangerous"); break;
      default: title = t("pw_blockedTitle"); text = t("pw_engineError");
    }
    if (box) box.remove();
    const go = d.changeURL || (site && d.reason === "phishing" ? "https://" + site + "/" : "");
    box = VigieBanners.mount("vigie-password", "top: 0 !important; left: 0 !important; right: 0 !important;", {
      warn: d.action === "warn", title, text,
      link: go ? { href: go, text: d.changeURL ? t("pw_changeHere") : t("banner_goReal", site) } : null,
      dismiss: t("pw_understood"),
    }, false);
  }
})();
