'use strict';
// The live viewer's slow requests: the list, one request's own tree (frozen, with a banner and a
// way back), its flame graph page, a request no longer kept, and the marks on the timeline.

const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, waitFor } = require('../lib/browser');
const { KEPT } = require('../fake-server');
const v = require('../lib/viewer');

const SLOW_PATH = 'io.github.profiling.sample.FactorialController.slowPath';
const SLOWEST = KEPT[0];

let browser;
test.before(async () => { browser = await launch(); });
test.after(() => browser.close());

async function openViewer(t) {
  const opened = await v.openOnFake(browser, t);
  await opened.page.waitForSelector('[data-testid=tree-row]', { timeout: 5000 });
  return opened;
}

const requests = v.viewRequests;
const slowRows = (page) => page.$$eval('[data-testid=slow-row]', (rows) => rows.map((r) => ({
  id: r.dataset.id,
  duration: r.querySelector('[data-testid=slow-duration]').textContent,
  trace: r.querySelector('[data-testid=slow-trace]').textContent,
  text: r.textContent,
})));

test('the slow list shows the kept requests slowest first, and a click opens one request\'s own frozen tree', async (t) => {
  const { fake, page, record } = await openViewer(t);
  assert.equal(await page.isVisible('[data-testid=slow-list]'), false, 'the list is closed at first');
  await page.click('[data-testid=slow-toggle]');
  await page.waitForSelector('[data-testid=slow-row]', { timeout: 5000 });
  const rows = await slowRows(page);
  assert.deepEqual(rows.map((r) => r.id), ['1842', '1907', '1911'], 'slowest first');
  assert.deepEqual(rows.map((r) => r.duration), ['812 ms', '402 ms', '95.3 ms']);
  assert.equal(rows[0].trace, SLOWEST.traceId);
  assert.equal(rows[1].trace, '', 'a request without a trace shows none');
  assert.match(rows[0].text, /GET \/\{n\}/);
  assert.match(rows[1].text, /GET \/sleep/);

  // The route picker narrows the list to that route's requests.
  await waitFor(() => page.$('[data-testid=tag] option[value="http.route:/sleep"]'), { message: 'the route picker filled' });
  await page.selectOption('[data-testid=tag]', 'http.route:/sleep');
  await waitFor(async () => (await slowRows(page)).map((r) => r.id).join() === '1907', { message: 'the sleep route\'s requests only' });
  assert.ok(requests(record, 'requests').some((u) => u.searchParams.get('tag') === 'http.route:/sleep'), 'asked for with the route\'s tag');
  await page.selectOption('[data-testid=tag]', '');
  await waitFor(async () => (await slowRows(page)).length === 3, { message: 'every route\'s requests again' });

  await page.click('[data-testid=slow-row][data-id="1842"]');
  await page.waitForSelector('[data-testid=request-banner]', { state: 'visible', timeout: 5000 });
  const banner = await page.textContent('[data-testid=request-what]');
  assert.match(banner, /Request 1842/);
  assert.match(banner, /GET \/\{n\}/);
  assert.match(banner, /812 ms/);
  assert.match(banner, new RegExp(SLOWEST.traceId));
  assert.equal(await page.getAttribute('#header', 'data-state'), 'request');
  assert.equal(await page.textContent('[data-testid=connection]'), 'one request');
  assert.equal(await page.getAttribute('[data-testid=slow-row][data-id="1842"]', 'class'), 'open');

  // Its own tree: the extra method is on the hot path, opened by itself, under the handler.
  await page.waitForSelector(`[data-testid=tree-row][data-name="${SLOW_PATH}"]`, { timeout: 5000 });
  assert.equal(await v.samples(page), 69, 'the request\'s own samples');
  const names = await v.rowNames(page);
  const handler = names.indexOf('io.github.profiling.sample.FactorialController.factorial');
  assert.ok(handler >= 0 && names.indexOf(SLOW_PATH) === handler + 1, `slowPath is the heaviest child of the handler: ${names}`);
  assert.ok(!names.includes('io.github.profiling.sample.SleepController.sleep'), 'no other request\'s work');
  const opened = requests(record, 'tree').filter((u) => u.searchParams.has('request'));
  assert.equal(opened.length, 1);
  assert.equal(opened[0].searchParams.get('request'), '1842');

  // Frozen: the live stream closed, and the tree does not change while time goes on.
  await waitFor(async () => fake.liveStreams === 0, { message: 'the live stream closed' });
  const before = await v.rowNames(page);
  const liveBefore = v.liveRequests(record).length;
  await page.waitForTimeout(2500);
  assert.deepEqual(await v.rowNames(page), before);
  assert.equal(await v.samples(page), 69);
  assert.equal(v.liveRequests(record).length, liveBefore, 'no live stream opened while a request shows');

  // Its flame graph, in the viewer and as the server's own page.
  await page.click('#view-flame');
  await waitFor(() => page.evaluate(() => window.flameGraph.root && window.flameGraph.root.deep === 69), { message: 'the request\'s flame graph' });
  const href = await page.getAttribute('[data-testid=request-flame]', 'href');
  assert.equal(new URL(href, fake.origin).search, '?request=1842');
  await page.click('#view-tree');

  // Back to live: the banner goes, the stream opens again and the whole tree returns.
  await page.click('[data-testid=back-live]');
  assert.equal(await page.isVisible('[data-testid=request-banner]'), false);
  await waitFor(async () => fake.liveStreams === 1, { message: 'the live stream open again' });
  await waitFor(async () => (await v.samples(page)) !== 69 && (await v.rowNames(page)).includes('java.math.BigInteger.multiply'), { message: 'the live tree again' });
  assert.ok(!(await v.rowNames(page)).includes(SLOW_PATH));
  assert.equal(await page.getAttribute('#header', 'data-state'), 'live');
  v.assertSameOrigin(record, fake.origin);
  v.assertNoErrors(record);
});

test('a slow request\'s flame graph link opens the server\'s page of that request alone', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.click('[data-testid=slow-toggle]');
  await page.waitForSelector('[data-testid=slow-row]', { timeout: 5000 });
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.click('[data-testid=slow-row][data-id="1842"] [data-testid=slow-flame]'),
  ]);
  t.after(() => popup.close());
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, '/actuator/profiling/flamegraph');
  assert.equal(new URL(popup.url()).searchParams.get('request'), '1842');
  assert.equal(await popup.title(), 'Request 1842');
  const root = await waitFor(() => popup.evaluate(() => window.flameGraph.root && { deep: window.flameGraph.root.deep, names: window.flameGraph.frames.map((f) => f.name) }), { message: 'the flame graph page drawn' });
  assert.equal(root.deep, 69);
  assert.ok(root.names.includes(SLOW_PATH));
  // The link opened a page of its own: the viewer stays live.
  assert.equal(await page.isVisible('[data-testid=request-banner]'), false);
  v.assertSameOrigin(record, fake.origin);
  v.assertNoErrors(record);
});

test('a request no longer kept says so and leaves the live view as it was', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.click('[data-testid=slow-toggle]');
  await page.waitForSelector('[data-testid=slow-row][data-id="1907"]', { timeout: 5000 });
  fake.state.expired.add('1907');
  await page.click('[data-testid=slow-row][data-id="1907"]');
  await page.waitForSelector('[data-testid=message]', { state: 'visible', timeout: 5000 });
  const message = await page.textContent('[data-testid=message]');
  assert.match(message, /Request 1907 is no longer kept: no request 1907 is kept/);
  assert.equal(await page.isVisible('[data-testid=request-banner]'), false);
  // Still live: the stream stays open and the message stays while trees arrive.
  await v.nextUpdate(page);
  await v.nextUpdate(page);
  assert.equal(fake.liveStreams, 1);
  assert.equal(await page.getAttribute('#header', 'data-state'), 'live');
  assert.equal(await page.isVisible('[data-testid=message]'), true, 'the message is not wiped by the next tree');
  await page.click('[data-testid=dismiss]');
  assert.equal(await page.isVisible('[data-testid=message]'), false, 'dismissed');
  assert.deepEqual(record.pageErrors, [], 'page errors');
  // The only console error is the browser's own line for the 404 answer.
  assert.ok(record.consoleErrors.every((e) => /404/.test(e)), `console errors: ${record.consoleErrors}`);
  v.assertSameOrigin(record, fake.origin);
});

test('the slow requests are marked on the timeline where they began', async (t) => {
  const { page, record } = await openViewer(t);
  // Marked whether or not the list is open: the three kept requests began 12 to 40 s ago.
  const marks = await waitFor(() => page.getAttribute('[data-testid=timeline]', 'data-marks').then((m) => m === '3' && m), { message: 'three marks on the timeline' });
  assert.equal(marks, '3');
  // Each mark is a red tick near the strip's right end (300 s span: 40 s ago is 13 % from the end).
  const reds = await page.evaluate(() => {
    const canvas = document.getElementById('timeline-canvas');
    const ctx = canvas.getContext('2d');
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.width;
    const row = ctx.getImageData(0, Math.round(2 * ratio), width, 1).data;
    const xs = [];
    for (let x = 0; x < width; x++) {
      const [r, g, b] = [row[x * 4], row[x * 4 + 1], row[x * 4 + 2]];
      if (r > 150 && g < 80 && b < 80) xs.push(x / width);
    }
    return xs;
  });
  assert.ok(reds.length > 0, 'red marks drawn');
  assert.ok(reds.every((x) => x > 0.8 && x < 1), `the marks lie in the last 20 % of the strip: ${reds.slice(0, 5)}`);
  v.assertNoErrors(record);
});
