'use strict';
// The viewer served by a running sample app, under load.
//
//   PROFILING_BASE_URL=http://127.0.0.1:18080/actuator/profiling \
//   APP_URL=http://127.0.0.1:18080 [SCREENSHOT=viewer.png] npm run test:app
//
// With VIEWER_FROM_SOURCE=1 the page comes from this working copy's viewer.html, through
// viewer-proxy.js in front of the endpoint, instead of from the app's own /ui.

const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, recordedPage, waitFor, sleep } = require('../lib/browser');
const { startLoad, assertLoopback } = require('../lib/load');
const { startViewerProxy } = require('../viewer-proxy');
const v = require('../lib/viewer');

const BASE = process.env.PROFILING_BASE_URL;
const APP = process.env.APP_URL;
if (!BASE || !APP) {
  throw new Error('set PROFILING_BASE_URL (e.g. http://127.0.0.1:8080/actuator/profiling) and APP_URL (e.g. http://127.0.0.1:8080)');
}
assertLoopback(BASE);
assertLoopback(APP);
const LOAD_URL = APP.replace(/\/+$/, '') + '/3000';
const BIGINTEGER = '[data-testid=tree-row][data-name*="java.math.BigInteger"]';

let browser;
let proxy = null;
let base = BASE; // where the page is loaded from: the app, or the proxy in front of it
test.before(async () => {
  browser = await launch();
  if (process.env.VIEWER_FROM_SOURCE === '1') {
    proxy = await startViewerProxy(BASE);
    base = proxy.base;
  }
});
test.after(async () => {
  await browser.close();
  if (proxy) await proxy.close();
});

/**
 * Puts load on the app for the test's lifetime (30 s at most) and opens the viewer; when
 * profiling is off, turns it on with the page's own button.
 */
async function openViewer(t) {
  const load = startLoad(LOAD_URL, { maxMillis: 30000 });
  const { page, record } = await recordedPage(browser.context);
  t.after(async () => {
    await page.close();
    await load.stop();
    assert.ok(load.stats.ok > 0, `the app answered the load (${JSON.stringify(load.stats)})`);
  });
  const response = await page.goto(base + '/ui');
  assert.equal(response.status(), 200);
  await page.waitForSelector(`[data-testid=tree-row], #message[data-kind=off]`, { timeout: 15000 });
  if (await page.$('#message[data-kind=off]')) await page.click('#turn-on');
  return { page, record, load };
}

function assertClean(record) {
  v.assertSameOrigin(record, new URL(base).origin);
  v.assertNoErrors(record);
}

test('the viewer shows the live call tree of the sample app under load', async (t) => {
  const { page, record } = await openViewer(t);
  // The hottest path is open by default, and under this load it runs through BigInteger.
  await page.waitForSelector(BIGINTEGER, { timeout: 20000 });
  assert.match(await page.textContent('#source'), /sampler \w+ · event \w+/);
  assert.ok((await v.samples(page)) > 0);
  await v.nextUpdate(page);
  assert.ok((await v.age(page)) < 1.5);
  assert.equal(await page.textContent('#connection'), 'live');
  if (process.env.SCREENSHOT) {
    // Java stacks are deep: scroll the tree down to the BigInteger work first.
    await page.locator(BIGINTEGER).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: process.env.SCREENSHOT });
  }
  // The same data as a flame graph.
  await page.click('#view-flame');
  await page.fill('#search', 'java.math.BigInteger');
  assert.match(await page.textContent('#matches'), /^[1-9][\d,]* frames? match(es)?, (\d+)\.\d % of total$/);
  const share = Number(/, (\d+\.\d) %/.exec(await page.textContent('#matches'))[1]);
  assert.ok(share > 0, 'BigInteger work is in the flame graph');
  assertClean(record);
});

test('picking the route /{n} filters the stream and the tree', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(BIGINTEGER, { timeout: 20000 });
  // The picker is filled from /tags, refreshed every 10 s while data comes in.
  const option = await waitFor(() => page.$('#tag option[value="http.route:/{n}"]'), { timeout: 15000, message: 'the /{n} route in the picker' });
  assert.match(await option.textContent(), /^GET \/\{n\} — \d+(\.\d)? %$/);
  const before = await v.samples(page);
  const streams = v.liveRequests(record).length;

  await page.selectOption('#tag', 'http.route:/{n}');
  await waitFor(() => v.liveRequests(record).length > streams, { message: 'a stream with the tag' });
  const filtered = v.liveRequests(record).at(-1);
  assert.deepEqual(filtered.searchParams.getAll('tag'), ['http.route:/{n}']);
  assert.match(filtered.search, /tag=http\.route%3A%2F%7Bn%7D/);
  await v.nextUpdate(page);
  const after = [];
  for (let i = 0; i < 3; i++) {
    await v.nextUpdate(page);
    after.push(await v.samples(page));
  }
  assert.ok(after.every((n) => n > 0), `the filtered windows hold samples (${after})`);
  assert.ok(after.some((n) => n !== before), `the shown samples change (${before} -> ${after})`);
  await page.waitForSelector(BIGINTEGER);
  const names = await v.rowNames(page);
  assert.deepEqual(names.filter((n) => /sleep/i.test(n)), [], 'no /sleep work under route /{n}');
  assertClean(record);
});

test('pause freezes the display while load goes on, and resume restarts the updates', async (t) => {
  const { page, record, load } = await openViewer(t);
  await page.waitForSelector(BIGINTEGER, { timeout: 20000 });
  await v.nextUpdate(page);
  await page.click('#pause');
  const frozen = await v.samples(page);
  const first = await v.age(page);
  const served = load.stats.ok;
  await sleep(3500);
  assert.ok(load.running && load.stats.ok > served, 'the load went on while paused');
  assert.equal(await v.samples(page), frozen, 'the samples counter stays frozen');
  const later = await v.age(page);
  assert.ok(later >= first + 3, `the updated-age text keeps growing (${first} -> ${later})`);

  await page.click('#pause');
  await waitFor(async () => (await v.age(page)) < 1.5, { timeout: 3000, message: 'a fresh update after resume' });
  await v.nextUpdate(page);
  assert.ok((await v.samples(page)) > 0);
  assertClean(record);
});

test('the flame graph page of the app draws its profile and fetches nothing more', async (t) => {
  const load = startLoad(LOAD_URL, { maxMillis: 30000 });
  const { page, record } = await recordedPage(browser.context);
  t.after(async () => {
    await page.close();
    await load.stop();
  });
  await waitFor(() => load.stats.ok >= 50, { timeout: 20000, message: 'some load on the app' });
  const url = BASE + '/flamegraph?seconds=60';
  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/html/);
  assert.match(await page.title(), /flame graph/);
  assert.equal(await page.textContent('#title'), await page.title());
  await page.fill('#search', 'java.math.BigInteger');
  const share = Number(/, (\d+\.\d) % of total$/.exec(await page.textContent('#matches'))[1]);
  assert.ok(share > 0, 'BigInteger work is in the flame graph');

  // Zoom into the widest frame below the root by clicking it.
  const target = await page.evaluate(() => {
    const g = window.flameGraph;
    return g.pathOf(g.root.children.reduce((a, b) => (b.deep > a.deep ? b : a)));
  });
  const b = await page.evaluate((p) => window.flameGraph.box(window.flameGraph.frameAtPath(p)), target);
  const c = await page.locator('canvas.fg-canvas').boundingBox();
  await page.mouse.click(c.x + b.x + b.width / 2, c.y + b.y + b.height / 2);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), target.at(-1));

  assert.deepEqual(record.requests.map((r) => r.url), [url], 'nothing but the page itself');
  v.assertNoErrors(record);
});
