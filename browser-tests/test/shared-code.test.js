'use strict';
// Static checks of the two page resources: the shared flame graph library is the same in
// both, the template's placeholders are there exactly once, and nothing points off the page.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { FLAMEGRAPH_HTML, VIEWER_HTML } = require('../lib/trees');
const { libraryBlock } = require('../sync-flamegraph');

const flamegraph = fs.readFileSync(FLAMEGRAPH_HTML, 'utf8');
const viewer = fs.readFileSync(VIEWER_HTML, 'utf8');

const count = (text, needle) => text.split(needle).length - 1;

test('viewer.html carries the same flame graph library as flamegraph.html (npm run sync)', () => {
  assert.equal(libraryBlock(viewer, 'viewer.html'), libraryBlock(flamegraph, 'flamegraph.html'));
});

test('the template has each placeholder exactly once, and the viewer has none', () => {
  assert.equal(count(flamegraph, '/*PROFILE_JSON*/null'), 1);
  assert.equal(count(flamegraph, '<!--TITLE-->'), 1);
  assert.equal(count(viewer, 'PROFILE_JSON'), 0);
  assert.equal(count(viewer, '<!--TITLE-->'), 0);
});

test('neither page refers to anything outside itself', () => {
  for (const [name, html] of [['flamegraph.html', flamegraph], ['viewer.html', viewer]]) {
    assert.doesNotMatch(html, /https?:\/\//, `${name} names no absolute URL`);
    assert.doesNotMatch(html, /<script[^>]+src=/i, `${name} loads no script`);
    assert.doesNotMatch(html, /<link(?![^>]*href="data:)[^>]*>/i, `${name} links nothing but a data: icon`);
    assert.doesNotMatch(html, /@import|\burl\(/i, `${name} imports no style, font or image`);
  }
});
