// Settings: what the IT service sets by policy (chrome.storage.managed,
// Firefox policies.json → 3rdparty) wins over what the mediator sets in the
// console (chrome.storage.local), which wins over the build's defaults.
"use strict";
const VigiePolicy = {
  KEYS: ["listURL", "updateMinutes", "publisherKeys", "revokedKeys", "mediatorPinHash", "mediatorRescueHash", "idleMinutes", "strictMode",
    "allowedExtensions", "allowedDownloadTypes", "welcomeText", "welcomeSites"],
  // The build's defaults (config.json) never change while the worker lives:
  // read once per wake.
  build() {
    if (!VigiePolicy.buildConfig) {
      VigiePolicy.buildConfig = fetch(chrome.runtime.getURL("config.json"))
        .then((r) => r.json()).catch(() => ({}));
    }
    return VigiePolicy.buildConfig;
  },
  async managed() {
    try {
      return (await chrome.storage.managed.get(null)) || {};
    } catch (e) {
      return {}; // no policy on this browser
    }
  },
  // settings returns the effective values and which ones the policy fixes.
  async settings() {
    const [managed, local, build] = await Promise.all([
      VigiePolicy.managed(), chrome.storage.local.get(VigiePolicy.KEYS),
      VigiePolicy.build(),
    ]);
    const out = { managed: {} };
    for (const k of VigiePolicy.KEYS) {
      if (managed[k] !== undefined) { out[k] = managed[k]; out.managed[k] = true; }
      else if (local[k] !== undefined) out[k] = local[k];
      else if (build[k] !== undefined) out[k] = build[k];
    }
    if (out.strictMode === undefined) out.strictMode = true;
    return out;
  },
};
