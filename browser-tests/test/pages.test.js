'use strict';
// Static checks of the two pages as served (lib/pages.js assembles them by the server's rule)
// and of the tree schema the tests check every tree against.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { RESOURCES, servedPage, libraryPath } = require('../lib/pages');
const { treeErrors, keptDocuments } = require('../lib/schema');
const trees = require('../lib/trees');

const LIBRARY = fs.readFileSync(libraryPath, 'utf8');
const PAGES = ['flamegraph.html', 'viewer.html'];
const count = (text, needle) => text.split(needle).length - 1;

test('each page resource names the flame graph library once, and carries it inline once as served', () => {
  for (const name of PAGES) {
    const resource = fs.readFileSync(path.join(RESOURCES, name), 'utf8');
    assert.equal(count(resource, '<script src="flamegraph-lib.js"></script>'), 1, name);
    assert.equal(count(resource, 'ProfileFormat = {'), 0, `${name} keeps no copy of the library`);
    const served = servedPage(name);
    assert.equal(count(served, LIBRARY), 1, name);
    assert.ok(served.includes('<script>\n' + LIBRARY + '</script>'), `${name} has the library in a script element of its own`);
    assert.doesNotMatch(served, /flamegraph-lib\.js/, name);
  }
});

test('the template has each placeholder exactly once, and the viewer has none', () => {
  const flamegraph = servedPage('flamegraph.html');
  const viewer = servedPage('viewer.html');
  assert.equal(count(flamegraph, '/*PROFILE_JSON*/null'), 1);
  assert.equal(count(flamegraph, '<!--TITLE-->'), 1);
  assert.equal(count(viewer, 'PROFILE_JSON'), 0);
  assert.equal(count(viewer, '<!--TITLE-->'), 0);
});

test('neither served page refers to anything outside itself', () => {
  for (const name of PAGES) {
    const html = servedPage(name);
    assert.doesNotMatch(html, /https?:\/\//, `${name} names no absolute URL`);
    assert.doesNotMatch(html, /<script[^>]+src=/i, `${name} loads no script`);
    assert.doesNotMatch(html, /<link(?![^>]*href="data:)[^>]*>/i, `${name} links nothing but a data: icon`);
    assert.doesNotMatch(html, /@import|\burl\(/i, `${name} imports no style, font or image`);
  }
});

test('the kept tree documents and the fixture are valid by the schema', () => {
  const documents = keptDocuments();
  assert.ok(Object.keys(documents).length >= 5);
  for (const [name, doc] of Object.entries(documents)) assert.deepEqual(treeErrors(doc), [], name);
  const sample = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sample-tree.json'), 'utf8'));
  assert.deepEqual(treeErrors(sample), [], 'fixtures/sample-tree.json');
  assert.deepEqual(treeErrors(trees.bigTree(500)), [], 'the generated big tree');
});

test('documents the server cannot write are invalid, and the page refuses them', () => {
  const good = keptDocuments().traced;
  const wrong = {
    'no root': (({ root, ...rest }) => rest)(good),
    'self instead of own': { ...good, root: { ...good.root, self: good.root.own, own: undefined } },
    'tracing columns on the root only': { ...good, root: { ...good.root, children: [{ name: 'a.B.c', own: 1, deep: 1, children: [] }] } },
    'a negative weight': { ...good, samples: -1 },
    'an unknown event': { ...good, event: 'calls' },
    'a time that is no instant': { ...good, from: 'yesterday' },
  };
  for (const [fault, doc] of Object.entries(wrong)) {
    const json = JSON.parse(JSON.stringify(doc)); // drops the undefined fields
    assert.notDeepEqual(treeErrors(json), [], fault);
    assert.throws(() => trees.fillFlamegraph(servedPage('flamegraph.html'), json, fault), /not a valid tree document/, fault);
  }
});
