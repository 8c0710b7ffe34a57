'use strict';
// The differential flame graph: the flame graph template filled with a diff document, as the
// server fills it for flamegraph?baseSeconds=..., opened from a file:// URL.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { launch, recordedPage } = require('../lib/browser');
const { servedPage } = require('../lib/pages');
const { escapeHtml } = require('../lib/trees');

const TEMPLATE = servedPage('flamegraph.html');

/** A diff node with both sides' weights and shares, as GET /actuator/profiling/diff writes it. */
function node(name, own, deep, baseOwn, baseDeep, totals, children = []) {
  const percent = (part, total) => (total > 0 ? Math.round((part * 1e6) / total) / 1e4 : 0);
  return {
    name, own, deep, baseOwn, baseDeep,
    ownPercent: percent(own, totals.now), deepPercent: percent(deep, totals.now),
    baseOwnPercent: percent(baseOwn, totals.base), baseDeepPercent: percent(baseDeep, totals.base),
    children,
  };
}

// The base: /a parses (30) and renders (10), /b works (40). Now: /a's load doubled, /b's the
// same, and /b calls a new cache (20).
const TOTALS = { now: 140, base: 80 };
const DIFF = {
  sampler: 'jdk', event: 'cpu', unit: 'samples',
  from: '2026-01-01T00:01:00Z', to: '2026-01-01T00:02:00Z', samples: TOTALS.now,
  base: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:01:00Z', samples: TOTALS.base },
  root: node('all', 0, 140, 0, 80, TOTALS, [
    node('com.example.A.handle', 0, 80, 0, 40, TOTALS, [
      node('com.example.A.parse', 60, 60, 30, 30, TOTALS),
      node('com.example.A.render', 20, 20, 10, 10, TOTALS),
    ]),
    node('com.example.B.handle', 40, 60, 40, 40, TOTALS, [
      node('com.example.Cache.get', 20, 20, 0, 0, TOTALS),
    ]),
  ]),
};

let browser;
let dir;

test.before(async () => {
  browser = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-test-'));
});

test.after(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(name, profile, title) {
  const json = JSON.stringify(profile).replace(/</g, '\\u003c');
  const html = TEMPLATE.replace('/*PROFILE_JSON*/null', () => json).replace('<!--TITLE-->', () => escapeHtml(title));
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  const { page, record } = await recordedPage(browser.context);
  const url = pathToFileURL(file).href;
  await page.goto(url);
  return { page, record, url };
}

/** The fill of the frame at a path of names, and its hue and lightness. */
async function fill(page, names) {
  const color = await page.evaluate((n) => window.flameGraph.fillOf(window.flameGraph.frameAtPath(n)), names);
  const hsl = /^hsl\(([\d.]+), ([\d.]+)%, ([\d.]+)%\)$/.exec(color);
  assert.ok(hsl, `an hsl colour: ${color}`);
  return { color, hue: Number(hsl[1]), saturation: Number(hsl[2]), lightness: Number(hsl[3]) };
}

test('grown frames are red, shrunk ones blue, unchanged ones grey, and the page says against what', async () => {
  const { page, record, url } = await open('diff.html', DIFF, 'app — cpu differential flame graph');
  assert.match(await page.textContent('#meta'), /140 samples/);
  assert.match(await page.textContent('#meta'), /against 80 samples of 2026-01-01T00:00:00Z – 2026-01-01T00:01:00Z/);

  // Cache.get is new: from 0 % to 14.3 %, the largest change, so the strongest red.
  const cache = await fill(page, ['all', 'com.example.B.handle', 'com.example.Cache.get']);
  assert.equal(cache.hue, 0);
  assert.equal(cache.lightness, 50);
  // /a went from 50 % to 57.1 % of the total: red, paler.
  const a = await fill(page, ['all', 'com.example.A.handle']);
  assert.equal(a.hue, 0);
  assert.ok(a.lightness > cache.lightness && a.lightness < 92, `paler red: ${a.color}`);
  // B.handle's own work kept its weight but lost share (50 % to 28.6 % OWN; DEEP 50 % to 42.9 %): blue.
  const b = await fill(page, ['all', 'com.example.B.handle']);
  assert.equal(b.hue, 220);
  // Parsing and rendering doubled with their route, in proportion: their shares barely moved.
  const parse = await fill(page, ['all', 'com.example.A.handle', 'com.example.A.parse']);
  assert.ok(parse.lightness > a.lightness, `parse changes less than its route: ${parse.color} vs ${a.color}`);

  // Widths are the compared profile's.
  const width = await page.evaluate(() => document.querySelector('canvas.fg-canvas').clientWidth);
  const box = await page.evaluate(() => window.flameGraph.box(window.flameGraph.frameAtPath(['all', 'com.example.A.handle'])));
  assert.ok(Math.abs(box.width - (width * 80) / 140) < 1, `A.handle spans 80/140 of the width (${box.width} of ${width})`);

  // Hovering shows both sides and the change.
  const canvas = await page.locator('canvas.fg-canvas').boundingBox();
  const cacheBox = await page.evaluate(() => window.flameGraph.box(window.flameGraph.frameAtPath(['all', 'com.example.B.handle', 'com.example.Cache.get'])));
  await page.mouse.move(canvas.x + cacheBox.x + cacheBox.width / 2, canvas.y + cacheBox.y + cacheBox.height / 2);
  const tip = page.locator('[data-testid=flame-tooltip]');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /com\.example\.Cache\.get/);
  assert.match(text, /nowbase/);
  assert.match(text, /% of total14\.3 %0\.0 %/);
  assert.match(text, /change\+14\.3 pp/);

  assert.deepEqual(record.requests.filter((r) => r.url !== url).map((r) => r.url), []);
  assert.deepEqual(record.consoleErrors, []);
  assert.deepEqual(record.pageErrors, []);
});

test('a plain tree keeps its colours by name', async () => {
  const plain = { sampler: 'jdk', event: 'cpu', unit: 'samples', from: DIFF.from, to: DIFF.to, samples: 3,
    root: { name: 'all', own: 0, deep: 3, children: [{ name: 'com.example.A.handle', own: 3, deep: 3, children: [] }] } };
  const { page } = await open('plain.html', plain, 'plain');
  const a = await fill(page, ['all', 'com.example.A.handle']);
  assert.ok(a.hue >= 10 && a.hue <= 50, `a warm colour: ${a.color}`);
  assert.doesNotMatch(await page.textContent('#meta'), /against/);
});
