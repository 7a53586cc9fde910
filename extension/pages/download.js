"use strict";
document.getElementById("f").textContent = new URLSearchParams(location.search).get("f") || "";
document.getElementById("close").addEventListener("click", () => window.close());
