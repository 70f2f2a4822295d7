// node .ci/installed.js [DIR]: exits 0 when DIR/node_modules (DIR is
// .ci by default) holds every package of DIR/package-lock.json at its
// locked version, else prints the first that is missing or out of date
// and exits 1. It reads only local files, so `make test` asks it before
// deciding to run npm, which needs the network.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2] || __dirname;
let lock;
try {
  lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
} catch (e) {
  console.log(`cannot read ${path.join(dir, "package-lock.json")}: ${e.message}`);
  process.exit(1);
}
for (const [where, want] of Object.entries(lock.packages || {})) {
  if (!where.startsWith("node_modules/") || want.link) continue;
  let got;
  try {
    got = JSON.parse(fs.readFileSync(path.join(dir, where, "package.json"), "utf8")).version;
  } catch {
    // npm leaves out optional packages for other platforms.
    if (want.optional) continue;
    console.log(`${where} is missing`);
    process.exit(1);
  }
  if (got !== want.version) {
    console.log(`${where} is ${got}, the lock file says ${want.version}`);
    process.exit(1);
  }
}
