// Reads JSON-encoded URLs, one a line, and prints for each the host that
// the WHATWG URL parser of Node gives (hostname), or null where it refuses
// the URL. Used by TestWHATWGDifferential.
import { readFileSync } from "node:fs";

const out = [];
for (const line of readFileSync(process.argv[2], "utf8").split("\n")) {
  if (!line) continue;
  const u = JSON.parse(line);
  try {
    out.push(new URL(u).hostname);
  } catch {
    out.push(null);
  }
}
process.stdout.write(JSON.stringify(out));
