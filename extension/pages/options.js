// The mediator console: shows what the engine says about the list in
// force, and passes the mediator's requests to the worker.
"use strict";
(() => {
  // Message names allow only [A-Za-z0-9_]: error codes use "-".
  const t = (k, ...a) => chrome.i18n.getMessage(k.replace(/-/g, "_"), a) || k;
  const $ = (id) => document.getElementById(id);
  const send = (msg) => chrome.runtime.sendMessage(msg);
  const date = (ms) => ms ? new Date(ms).toLocaleDateString(chrome.i18n.getMessage("lang") || "fr",
    { day: "numeric", month: "long", year: "numeric" }) : "";

  // resultText turns a status from the worker into one plain sentence.
  function resultText(s) {
    if (!s) return t("opt_neverChecked");
    const when = new Date(s.at).toLocaleString(chrome.i18n.getMessage("lang") || "fr");
    if (s.result === "refused") return t("opt_refused", t("err_" + (s.error || "error")) || s.error, when);
    return t("res_" + s.result, when);
  }

  // The light: red when the protection does not hold (no engine, no list,
  // an expired list), orange when it holds but needs the advisor (updates
  // failing, a list that expires within a week, the reduced mode, a wipe
  // that failed), green otherwise; with the list's date and publisher in
  // plain words.
  const WEEK = 7 * 24 * 3600 * 1000;
  // st: the worker's status when the caller has it already.
  async function light(st) {
    if (st === undefined) st = await send({ type: "status" }).catch(() => null);
    const i = st && st.info;
    let colour = "green";
    let say;
    if (!i || !i.entries) {
      colour = "red"; say = t("opt_engineDown");
    } else if (i.expires && i.expires < Date.now()) {
      colour = "red"; say = t("opt_listExpired", date(i.expires));
    } else {
      const failed = st.lastSessionEnd && (st.lastSessionEnd.failed || []).length;
      if (st.mode === "reduced") { colour = "orange"; say = t("mode_reduced"); }
      else if (failed) { colour = "orange"; say = t("light_wipeFailed"); }
      else if (st.status && st.status.failingSince && st.listURL) { colour = "orange"; say = t("opt_updatesFailing", date(Date.parse(st.status.failingSince))); }
      else if (i.expires && i.expires - Date.now() < WEEK) { colour = "orange"; say = t("light_expiresSoon", date(i.expires)); }
      else {
        say = i.embedded ? t("light_onEmbedded")
          : t("light_onSigned", date(i.created), i.publisher || t("light_publisherUnnamed"));
      }
    }
    $("light").dataset.light = colour;
    $("lightText").textContent = t("light_" + colour) + " " + say;
  }
  light();
  setInterval(() => light(), 30000);

  let locals = [];
  async function refresh() {
    const st = await send({ type: "status" }).catch(() => null);
    light(st);
    if (!st || !st.info) { // the engine does not answer: say so, nothing else
      $("protection").textContent = t("opt_engineDown");
      $("protection").className = "warn";
      return;
    }
    const i = st.info;
    // "Active" only when it is: installed by policy, a list in date,
    // updates working; otherwise what is wrong, in one sentence.
    const problem = !i.entries ? t("opt_engineDown") // no list at all: every site is "suspicious"
      : st.mode === "reduced" ? t("mode_reduced")
      : i.expires && i.expires < Date.now() ? t("opt_listExpired", date(i.expires))
      : st.status && st.status.failingSince && st.listURL ? t("opt_updatesFailing", date(Date.parse(st.status.failingSince)))
      : "";
    const wipe = st.lastSessionEnd && (st.lastSessionEnd.failed || []).length
      ? t("opt_wipeFailed", new Date(st.lastSessionEnd.at).toLocaleString(chrome.i18n.getMessage("lang") || "fr"), st.lastSessionEnd.failed.join(", "))
      : "";
    $("protection").textContent = [problem || t("opt_protectionOn"), wipe].filter(Boolean).join(" ");
    $("protection").className = problem || wipe ? "warn" : "ok";
    const dl = $("list");
    dl.textContent = "";
    const row = (k, v) => {
      const dt = document.createElement("dt"); dt.textContent = t(k);
      const dd = document.createElement("dd"); dd.textContent = v;
      dl.append(dt, dd);
    };
    row("opt_listName", i.name);
    // The version as the mediator can say it on the phone: the list's
    // date and hour; the publisher by name when its key line gives one.
    const at = i.created ? new Date(i.created).toLocaleString(chrome.i18n.getMessage("lang") || "fr",
      { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
    row("opt_listVersion", i.embedded ? t("opt_embedded") : t("opt_versionOf", at));
    if (!i.embedded) {
      row("opt_listExpires", date(i.expires));
      row("opt_listKey", i.publisher ? t("opt_signedByName", i.publisher) : t("opt_signedBy", i.keyId));
    }
    row("opt_listEntries", String(i.entries));
    $("last").textContent = resultText(st.status);
    locals = st.localDomains || [];
    const ul = $("localList");
    ul.textContent = "";
    for (const d of locals) {
      const li = document.createElement("li");
      li.textContent = d + " ";
      const b = document.createElement("button");
      b.type = "button"; b.className = "secondary small"; b.textContent = t("opt_localRemove");
      b.setAttribute("aria-label", t("opt_localRemove") + " " + d);
      b.addEventListener("click", () => setLocal(locals.filter((x) => x !== d)));
      li.append(b);
      ul.append(li);
    }
  }

  async function setLocal(list) {
    const r = await send({ type: "setLocal", domains: list });
    $("localResult").textContent = r.ok ? t("opt_localSaved") : t("opt_localBad");
    await refresh();
  }

  $("update").addEventListener("click", async () => {
    $("last").textContent = t("opt_checking");
    await send({ type: "updateNow" });
    await refresh();
  });

  $("file").addEventListener("change", async (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    const r = await send({ type: "importBundle", data: btoa(s) });
    $("importResult").textContent = r.result === "updated" ? t("opt_importOk", String(r.version))
      : t("opt_importRefused", t("err_" + (r.error || "error")));
    ev.target.value = "";
    await refresh();
  });

  $("localForm").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const d = $("localInput").value.trim();
    if (d) setLocal(locals.concat([d]));
    $("localInput").value = "";
  });

  // Policies reach a force-installed extension a moment after it starts:
  // an open console shows them when they come.
  chrome.storage.onChanged.addListener((c, area) => {
    if (area !== "managed") return;
    if (document.body.dataset.gate === "open") openConsole();
    else gate(); // a code set by policy: "Tapez votre code", not "Choisissez"
  });

  $("lock").addEventListener("click", async () => {
    await send({ type: "pinLock" });
    location.reload();
  });

  // ---- The PIN gate: nothing of the console shows before it. ----
  async function openConsole() {
    document.body.dataset.gate = "open";
    $("gate").hidden = true;
    $("console").hidden = false;
    await refresh();
    VigieTools.open();
    const settings = await send({ type: "settings" });
    $("idle").value = settings.idleMinutes || 15;
    $("strict").checked = settings.strictMode !== false;
    $("strict").disabled = !!settings.managed.strictMode;
    if (settings.managed.idleMinutes) {
      $("idle").disabled = true;
      $("idleResult").textContent = t("opt_managed");
    }
    const counters = await send({ type: "counters" });
    const dl = $("counters");
    dl.textContent = "";
    const today = new Date().toISOString().slice(0, 10);
    const day = counters.day === today ? counters.today || {} : {};
    for (const k of ["lookalikeBlocked", "passwordBlocked", "downloadBlocked", "sessionsEnded"]) {
      const dt = document.createElement("dt"); dt.textContent = t("count_" + k);
      const dd = document.createElement("dd");
      dd.textContent = counters.since ? t("count_value", String(day[k] || 0), String(counters[k] || 0), date(counters.since)) : "0";
      dl.append(dt, dd);
    }
    const audit = await send({ type: "audit" });
    const ul = $("audit");
    ul.textContent = "";
    const exts = (audit && audit.extensions) || [];
    if (!exts.length) {
      const li = document.createElement("li"); li.textContent = t("audit_none"); ul.append(li);
    }
    for (const e of exts) {
      const li = document.createElement("li");
      li.textContent = t("audit_flag", e.name) + (e.enabled ? "" : " " + t("audit_disabled"));
      li.className = "flag";
      ul.append(li);
    }
  }

  $("strict").addEventListener("change", async (ev) => {
    const r = await send({ type: "setStrict", strict: ev.target.checked });
    $("idleResult").textContent = r.ok ? t("opt_localSaved") : t("opt_managed");
  });

  $("idleForm").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const r = await send({ type: "setIdle", minutes: Number($("idle").value) });
    $("idleResult").textContent = r.ok ? t("opt_localSaved") : t("pin_locked");
  });

  let firstPin = "";
  async function gate() {
    const st = await send({ type: "pinStatus" });
    if (st.unlocked) return openConsole();
    $("pinLabel").textContent = st.set ? t("pin_enter") : t("pin_choose");
    $("pinForm").onsubmit = async (ev) => {
      ev.preventDefault();
      const pin = $("pin").value;
      $("pin").value = "";
      if (!st.set) {
        if (!firstPin) {
          // A code that cannot be chosen is refused at once, not after
          // it was typed twice.
          const c = await send({ type: "pinCheck", pin });
          if (!c || c.result !== "ok") {
            $("pinResult").textContent = t(c && c.result === "trivial" ? "pin_trivial" : "pin_weak");
            return;
          }
          $("pinResult").textContent = "";
          firstPin = pin;
          $("pinLabel").textContent = t("pin_confirm");
          return;
        }
        if (pin !== firstPin) {
          firstPin = "";
          $("pinLabel").textContent = t("pin_choose");
          $("pinResult").textContent = t("pin_mismatch");
          return;
        }
        const r = await send({ type: "pinSet", pin });
        if (!r.ok) { firstPin = ""; $("pinResult").textContent = t(r.error === "trivial" ? "pin_trivial" : "pin_weak"); $("pinLabel").textContent = t("pin_choose"); return; }
        if (!r.rescue) return openConsole();
        // The rescue code, once: its own screen, then the console.
        $("gate").hidden = true;
        $("rescueCode").textContent = r.rescue.match(/.{1,4}/g).join(" ");
        $("rescue").hidden = false;
        $("rescueDone").onclick = () => { $("rescueCode").textContent = ""; $("rescue").hidden = true; openConsole(); };
        $("rescueDone").focus();
        return;
      }
      $("pinResult").textContent = t("pin_checking");
      const r = await send({ type: "pinUnlock", pin });
      if (r.ok) return openConsole();
      $("pinResult").textContent = r.locked
        ? t("pin_locked_until", new Date(r.lockedUntil).toLocaleString(chrome.i18n.getUILanguage(),
          { weekday: "long", hour: "2-digit", minute: "2-digit" }))
        : r.remaining === 1 ? t("pin_wrongOne") : t("pin_wrong", String(r.remaining));
    };
    $("pin").focus();
    document.body.dataset.gate = "ready"; // for tests: the form now says what it wants
  }
  gate();
})();
