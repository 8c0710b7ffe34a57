'use strict';
// Copies the flame graph library block (<script id="flamegraph-lib">) from flamegraph.html,
// its master copy, into viewer.html. Run `npm run sync` after changing the library;
// test/shared-code.test.js fails while the copies differ.

const fs = require('node:fs');
const { FLAMEGRAPH_HTML, VIEWER_HTML } = require('./lib/trees');

const BLOCK = /<script id="flamegraph-lib">[\s\S]*?<\/script>/;

function libraryBlock(html, file) {
  const match = html.match(BLOCK);
  if (!match) throw new Error(`${file} has no <script id="flamegraph-lib"> block`);
  return match[0];
}

function sync() {
  const master = libraryBlock(fs.readFileSync(FLAMEGRAPH_HTML, 'utf8'), FLAMEGRAPH_HTML);
  const viewer = fs.readFileSync(VIEWER_HTML, 'utf8');
  libraryBlock(viewer, VIEWER_HTML);
  const updated = viewer.replace(BLOCK, () => master);
  if (updated === viewer) return false;
  fs.writeFileSync(VIEWER_HTML, updated);
  return true;
}

module.exports = { libraryBlock };

if (require.main === module) {
  console.log(sync() ? 'viewer.html updated' : 'viewer.html already up to date');
}
