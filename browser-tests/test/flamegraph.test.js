'use strict';
// The flame graph template, assembled and filled as the server does, opened from a file:// URL.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { launch, recordedPage, waitFor } = require('../lib/browser');
const trees = require('../lib/trees');
const { servedPage } = require('../lib/pages');
const { keptDocuments } = require('../lib/schema');

const TEMPLATE = servedPage('flamegraph.html');
const SAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sample-tree.json'), 'utf8'));
const TITLE = 'CPU <jdk> & "sample" app';
const MULTIPLY = ['all', 'java.lang.Thread.run', 'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run',
  'org.apache.tomcat.util.net.SocketProcessorBase.run', 'org.springframework.web.servlet.DispatcherServlet.doDispatch',
  'org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest',
  'io.github.profiling.sample.FactorialController.factorial', 'java.math.BigInteger.multiply'];
const SLEEP = [...MULTIPLY.slice(0, 6), 'io.github.profiling.sample.SleepController.sleep'];

let browser;
let dir;

test.before(async () => {
  browser = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamegraph-test-'));
});

test.after(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a filled page to a file and opens it; returns the page and what it recorded. */
async function open(name, html) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  const { page, record } = await recordedPage(browser.context);
  const url = pathToFileURL(file).href;
  await page.goto(url);
  return { page, record, url };
}

/** Nothing but the page's own file was requested, and no error was logged. */
function assertOffline(record, url) {
  const others = record.requests.filter((r) => r.url !== url);
  assert.deepEqual(others.map((r) => r.url), [], 'requests besides the page itself');
  assert.deepEqual(record.consoleErrors, []);
  assert.deepEqual(record.pageErrors, []);
}

const box = (page, names) => page.evaluate((n) => window.flameGraph.box(window.flameGraph.frameAtPath(n)), names);

async function canvasPoint(page, b) {
  const c = await page.locator('canvas.fg-canvas').boundingBox();
  return { x: c.x + b.x + b.width / 2, y: c.y + b.y + b.height / 2 };
}

test('a filled template shows the title, zooms on click, resets, and fetches nothing', async () => {
  const { page, record, url } = await open('sample.html', trees.fillFlamegraph(TEMPLATE, SAMPLE, TITLE));
  assert.equal(await page.title(), TITLE);
  assert.equal(await page.textContent('#title'), TITLE);
  assert.match(await page.textContent('#meta'), /sampler jdk · event cpu · 1,000 samples/);

  const width = await page.evaluate(() => document.querySelector('canvas.fg-canvas').clientWidth);
  const before = await box(page, MULTIPLY);
  assert.ok(before, 'BigInteger.multiply is drawn');
  assert.ok(Math.abs(before.width - width * 0.55) < 1, `multiply spans 55 % of the width (${before.width} of ${width})`);
  assert.ok(await box(page, SLEEP), 'the sleep frame is drawn before zooming');

  const p = await canvasPoint(page, before);
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), 'java.math.BigInteger.multiply');
  assert.match(await page.textContent('#zoom'), /Zoomed into java\.math\.BigInteger\.multiply — 55\.0 % of total/);
  const after = await box(page, MULTIPLY);
  assert.equal(after.x, 0);
  assert.ok(Math.abs(after.width - width) < 0.01, 'the zoomed frame spans the full width');
  assert.equal(await box(page, SLEEP), null, 'a frame outside the zoomed one is not drawn');
  const parent = await box(page, MULTIPLY.slice(0, -1));
  assert.equal(parent.width, width, 'ancestors of the zoomed frame span the full width');

  await page.click('#reset');
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), '');
  assert.deepEqual(await box(page, MULTIPLY), before);

  // Escape resets too.
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), 'java.math.BigInteger.multiply');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), '');

  assertOffline(record, url);
});

test('hovering a frame shows its name, OWN, DEEP and share of the total', async () => {
  const { page, record, url } = await open('hover.html', trees.fillFlamegraph(TEMPLATE, SAMPLE, 'hover'));
  const p = await canvasPoint(page, await box(page, MULTIPLY));
  await page.mouse.move(p.x, p.y);
  const tip = page.locator('[data-testid=flame-tooltip]');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.innerText();
  assert.match(text, /java\.math\.BigInteger\.multiply/);
  assert.match(text, /OWN\s+50\s+5\.0 %/);
  assert.match(text, /DEEP\s+550\s+55\.0 %/);
  assert.match(text, /% of total\s+55\.0 %/);
  await page.mouse.move(1, 1); // off the canvas, onto the header
  await tip.waitFor({ state: 'hidden' });
  assertOffline(record, url);
});

test('search highlights matching frames and shows their share, counting nested matches once', async () => {
  const { page, record, url } = await open('search.html', trees.fillFlamegraph(TEMPLATE, SAMPLE, 'search'));
  await page.fill('#search', 'biginteger');
  // multiply (550, with multiplyToLen inside it) and toString (200, with smallToString) = 75 %.
  assert.equal(await page.textContent('#matches'), '4 frames match, 75.0 % of total');
  const matched = await page.evaluate(() => window.flameGraph.frames.filter((f) => f.match).map((f) => f.name).sort());
  assert.deepEqual(matched, ['java.math.BigInteger.multiply', 'java.math.BigInteger.multiplyToLen',
    'java.math.BigInteger.smallToString', 'java.math.BigInteger.toString']);
  // A matched frame is drawn in the highlight colour.
  const b = await box(page, MULTIPLY);
  const pixel = await page.evaluate(({ x, y }) => {
    const canvas = document.querySelector('canvas.fg-canvas');
    const ratio = window.devicePixelRatio || 1;
    return [...canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data];
  }, { x: b.x + 2, y: b.y + 2 });
  assert.deepEqual(pixel.slice(0, 3), [0xd3, 0x4a, 0xd0]);

  await page.fill('#search', 'no such frame');
  assert.equal(await page.textContent('#matches'), '0 frames match, 0.0 % of total');
  await page.fill('#search', '');
  assert.equal(await page.textContent('#matches'), '');
  assertOffline(record, url);
});

test('a tracing tree shows calls and time per call on hover', async () => {
  const tracing = trees.treeDocument(trees.treeFromStacks([
    { frames: ['app.Main.main', 'app.Work.slow'], calls: 10, nanos: 40e6 },
    { frames: ['app.Main.main', 'app.Work.fast'], calls: 1000, nanos: 2e6 },
  ], { tracing: true }), { sampler: 'tracer', event: 'wall' });
  const { page, record, url } = await open('tracing.html', trees.fillFlamegraph(TEMPLATE, tracing, 'tracing'));
  const p = await canvasPoint(page, await box(page, ['all', 'app.Main.main', 'app.Work.slow']));
  await page.mouse.move(p.x, p.y);
  const tip = page.locator('[data-testid=flame-tooltip]');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.innerText();
  assert.match(text, /CALLS\s+10/);
  assert.match(text, /OWN\s+40\.0 ms\s+4\.00 ms \/ call/);
  assert.match(text, /DEEP\s+40\.0 ms\s+4\.00 ms \/ call/);
  assert.match(text, /% of total\s+95\.2 %/);
  assertOffline(record, url);
});

test('a tree of 20 000 nodes renders quickly and stays interactive', async () => {
  const big = trees.bigTree(20000);
  assert.ok(trees.checkInvariants(big.root) >= 20000);
  const { page, record, url } = await open('big.html', trees.fillFlamegraph(TEMPLATE, big, 'big'));
  const timing = await page.evaluate(() => {
    const g = window.flameGraph;
    const t0 = performance.now();
    g.setProfile(g.profile);
    const t1 = performance.now();
    g.search('Class7.method3');
    const t2 = performance.now();
    return { nodes: g.frames.length, drawn: g.drawn, render: t1 - t0, search: t2 - t1 };
  });
  console.log(`20 000-node tree: ${timing.nodes} frames, ${timing.drawn} drawn, render ${timing.render.toFixed(1)} ms, search ${timing.search.toFixed(1)} ms`);
  assert.ok(timing.nodes >= 20000);
  assert.ok(timing.drawn > 100);
  // Generous bounds that only an accidental quadratic pass would exceed.
  assert.ok(timing.render < 1500, `render took ${timing.render} ms`);
  assert.ok(timing.search < 1500, `search took ${timing.search} ms`);
  await page.fill('#search', 'Class7.method3');
  assert.match(await page.textContent('#matches'), /^[1-9][\d,]* frames match, \d+\.\d % of total$/);

  // Click the widest frame on the second row to zoom into it.
  const target = await page.evaluate(() => {
    const g = window.flameGraph;
    const widest = g.root.children.reduce((a, b) => (b.deep > a.deep ? b : a));
    return g.pathOf(widest);
  });
  const p = await canvasPoint(page, await box(page, target));
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), target[target.length - 1]);
  assertOffline(record, url);
});

test('the unfilled template says there is no data', async () => {
  const { page, record, url } = await open('empty.html', TEMPLATE);
  assert.equal(await page.title(), 'Flame graph');
  await waitFor(() => page.isVisible('#empty'), { message: 'the empty message' });
  assert.equal(await page.textContent('#empty'), 'No profile data in this page.');
  assertOffline(record, url);
});

test('every kept tree document that the server writes opens in the page', async () => {
  // profiling-core's tests keep these as exactly what its TreeJson writes.
  const documents = keptDocuments();
  assert.deepEqual(Object.keys(documents), ['empty', 'hint', 'sampled', 'traced', 'truncated']);
  for (const [name, doc] of Object.entries(documents)) {
    const { page, record, url } = await open(`kept-${name}.html`, trees.fillFlamegraph(TEMPLATE, doc, name));
    assert.equal(await page.evaluate(() => window.flameGraph.root.deep), doc.samples, name);
    assert.match(await page.textContent('#meta'), new RegExp(`event ${doc.event}`), name);
    assertOffline(record, url);
    await page.close();
  }
});
