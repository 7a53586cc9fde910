// One minute before the idle session ends: any activity keeps the session
// (the worker closes this page when the system is active again).
"use strict";
(() => {
  let n = 60;
  const out = document.getElementById("n");
  const announce = document.getElementById("say");
  const bar = document.getElementById("bar");
  const say = () => {
    bar.style.width = (100 * n / 60) + "%";
    out.textContent = chrome.i18n.getMessage("countdown_in", [String(n)]);
    if (n === 60 || n === 30 || n === 10) announce.textContent = chrome.i18n.getMessage("countdown_soon", [String(n)]);
  };
  say();
  const stay = () => { clearInterval(timer); window.close(); };
  document.getElementById("stay").addEventListener("click", stay);
  for (const ev of ["keydown", "mousemove", "pointerdown", "touchstart"]) addEventListener(ev, stay, { once: true });
  const timer = setInterval(() => {
    n -= 1;
    say();
    if (n <= 0) {
      clearInterval(timer);
      chrome.runtime.sendMessage({ type: "endSession", reason: "idle" });
    }
  }, 1000);
})();
