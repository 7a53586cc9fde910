// Fills every [data-i18n] element with its message from _locales, and sets
// the page language to the locale actually used (French by default).
"use strict";
for (const el of document.querySelectorAll("[data-i18n]")) {
  const m = chrome.i18n.getMessage(el.dataset.i18n);
  if (m) el.textContent = m;
}
document.documentElement.lang = chrome.i18n.getMessage("lang") || "fr";
