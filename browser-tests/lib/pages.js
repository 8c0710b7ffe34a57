'use strict';
// The two pages as the server serves them, assembled from the resources in this working copy
// by the rule of io.github.profiling.export.Pages: each empty <script src="name.js"></script>
// element naming a script of the resource folder is replaced by that script, inline.

const fs = require('node:fs');
const path = require('node:path');

const RESOURCES = path.join(__dirname, '..', '..', 'profiling-core', 'src', 'main', 'resources', 'io', 'github', 'profiling', 'export');
const SCRIPT_ELEMENT = /<script src="([a-z][a-z0-9-]*\.js)"><\/script>/g;

/** Puts the scripts an HTML resource names inline, as the server does. */
function inline(html) {
  return html.replace(SCRIPT_ELEMENT, (element, name) => {
    const script = fs.readFileSync(path.join(RESOURCES, name), 'utf8');
    if (/<\/script|<!--/i.test(script)) throw new Error(`${name} cannot be put inline: it holds </script or <!--`);
    return '<script>\n' + script + '</script>';
  });
}

/** The page resource `name` (flamegraph.html, viewer.html) as served, read afresh each time. */
function servedPage(name) {
  return inline(fs.readFileSync(path.join(RESOURCES, name), 'utf8'));
}

/** The flame graph library, the one script both pages carry. */
const libraryPath = path.join(RESOURCES, 'flamegraph-lib.js');

module.exports = { RESOURCES, inline, servedPage, libraryPath };
