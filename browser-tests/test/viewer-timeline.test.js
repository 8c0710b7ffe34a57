'use strict';
// The live viewer's timeline strip and its comparison view, against the fake endpoint.

const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, waitFor } = require('../lib/browser');
const v = require('../lib/viewer');

const MULTIPLY = 'java.math.BigInteger.multiply';

let browser;
test.before(async () => { browser = await launch(); });
test.after(() => browser.close());

const openViewer = (t) => v.openOnFake(browser, t);

const requests = v.viewRequests;

test('the timeline is drawn above the tree, and a drag across it picks the window of the tree and flame graph', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.waitForSelector('[data-testid=tree-row]', { timeout: 5000 });
  await waitFor(() => page.getAttribute('[data-testid=timeline]', 'data-points'), { message: 'the timeline drawn' });
  assert.equal(await page.getAttribute('[data-testid=timeline]', 'data-points'), '300');
  const strip = await page.locator('[data-testid=timeline]').boundingBox();
  const tree = await page.locator('[data-testid=tree]').boundingBox();
  assert.ok(strip.y + strip.height <= tree.y, 'the strip is above the tree');
  assert.ok(strip.width > 600, 'the strip spans the page');
  assert.equal(await page.isVisible('[data-testid=timeline-brush]'), false);

  // The last quarter of the strip: the 75 seconds that ended now.
  await page.mouse.move(strip.x + strip.width * 0.5, strip.y + strip.height / 2);
  await page.mouse.down();
  await page.mouse.move(strip.x + strip.width * 0.6, strip.y + strip.height / 2);
  await page.mouse.move(strip.x + strip.width * 0.75, strip.y + strip.height / 2);
  await page.mouse.up();

  const picked = await waitFor(() => requests(record, 'tree').find((u) => u.searchParams.has('offset')), { message: 'a /tree request of the picked window' });
  const seconds = Number(picked.searchParams.get('seconds'));
  const offset = Number(picked.searchParams.get('offset'));
  assert.ok(Math.abs(seconds - 75) <= 2, `75 s picked: ${seconds}`);
  assert.ok(Math.abs(offset - 75) <= 2, `ended 75 s ago: ${offset}`);
  assert.equal(await page.inputValue('[data-testid=window]'), 'picked');
  assert.match(await page.textContent('[data-testid=picked]'), /picked: \d+ s/);
  const brush = await page.locator('[data-testid=timeline-brush]').boundingBox();
  // The strip's time axis ends now, so the brush moves left as time goes on: a second is
  // strip.width / 300 pixels.
  const start = strip.x + strip.width * 0.5;
  assert.ok(brush.x <= start + 3 && brush.x >= start - 5 * (strip.width / 300), `the brush starts where the drag did: ${brush.x} of ${start}`);
  assert.ok(Math.abs(brush.width - strip.width * 0.25) < 3, 'the brush spans the drag');
  await page.waitForSelector(`[data-testid=tree-row][data-name="${MULTIPLY}"]`, { timeout: 5000 });

  // The flame graph shows the same window; another window hides the brush again.
  await page.click('#view-flame');
  await waitFor(() => page.evaluate(() => window.flameGraph.root && window.flameGraph.root.deep > 0), { message: 'the flame graph drawn' });
  await page.selectOption('[data-testid=window]', '10');
  assert.equal(await page.isVisible('[data-testid=timeline-brush]'), false);
  await waitFor(() => v.liveRequests(record).some((u) => u.searchParams.get('seconds') === '10'), { message: 'back to a live window' });
  v.assertSameOrigin(record, fake.origin);
  v.assertNoErrors(record);
});

test('comparing shows the window against the one before it: a DELTA column and a differential flame graph', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.waitForSelector('[data-testid=tree-row]', { timeout: 5000 });
  await page.selectOption('[data-testid=window]', '60');
  await page.check('[data-testid=compare]');

  const diff = await waitFor(() => requests(record, 'diff')[0], { message: 'a /diff request' });
  assert.equal(diff.searchParams.get('seconds'), '60');
  await waitFor(async () => (await page.$$eval('#tree-head span', (s) => s.map((e) => e.textContent))).includes('DELTA'), { message: 'the DELTA column' });
  assert.deepEqual(await page.$$eval('#tree-head span', (s) => s.map((e) => e.textContent)), ['FUNCTION', 'OWN', '%', 'DEEP', '%', 'DELTA']);
  const deltas = await page.$$eval('[data-testid=tree-row] [data-testid=delta]', (cells) => cells.map((c) => c.textContent));
  assert.ok(deltas.length > 0 && deltas.every((d) => /^[+-]?\d+\.\d$/.test(d)), `deltas: ${deltas}`);
  assert.equal(deltas[0], '0.0', 'the root is 100 % on both sides');

  await page.click('#view-flame');
  await waitFor(() => page.evaluate(() => window.flameGraph.diff), { message: 'a differential flame graph' });
  const fills = await page.evaluate(() => window.flameGraph.frames.slice(1).map((f) => window.flameGraph.fillOf(f)));
  assert.ok(fills.every((f) => /^hsl\((0|220), 85%|^hsl\(0, 0%, 88%\)$/.test(f)), `red, blue or grey: ${fills.slice(0, 5)}`);

  await page.uncheck('[data-testid=compare]');
  await waitFor(() => page.evaluate(() => !window.flameGraph.diff), { message: 'the plain flame graph again' });
  v.assertSameOrigin(record, fake.origin);
  v.assertNoErrors(record);
});
