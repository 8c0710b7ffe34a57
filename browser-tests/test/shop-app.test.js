'use strict';
// The viewer served by the running shop app (shop-app/: Thymeleaf pages, Spring Data JPA on H2,
// a JSON API; stacks over 100 frames deep), under a load of its pages and its API.
//
//   PROFILING_BASE_URL=http://127.0.0.1:8080/actuator/profiling \
//   APP_URL=http://127.0.0.1:8080 node --test test/shop-app.test.js
//
// shop-app's ViewerBrowserIT starts the shop and runs this file in `mvn verify`.

const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, recordedPage, waitFor } = require('../lib/browser');
const { startLoad, assertLoopback } = require('../lib/load');
const v = require('../lib/viewer');

const BASE = process.env.PROFILING_BASE_URL;
const APP = process.env.APP_URL;
if (!BASE || !APP) {
  throw new Error('set PROFILING_BASE_URL (e.g. http://127.0.0.1:8080/actuator/profiling) and APP_URL (e.g. http://127.0.0.1:8080)');
}
assertLoopback(BASE);
assertLoopback(APP);
const SHOP = APP.replace(/\/+$/, '');
const SHOP_PACKAGE = 'io.github.profiling.shop.';
const PRODUCT_PAGE = 'http.route:/products/{id}';
const PRODUCT_HANDLER = `[data-testid=tree-row][data-name^="${SHOP_PACKAGE}web.ProductController.show"]`;

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  await browser.close();
});

/** A product page, a catalog page and an API call in a loop each, for the test's lifetime (40 s at most). */
function loadTheShop(t) {
  const loads = ['/products/17', '/catalog?page=2&sort=price', '/api/products/5'].map((path) =>
    startLoad(SHOP + path, { maxMillis: 40000 }));
  t.after(async () => {
    await Promise.all(loads.map((load) => load.stop()));
    for (const load of loads) {
      assert.ok(load.stats.ok > 0 && load.stats.failed === 0, `the shop answered the load (${JSON.stringify(load.stats)})`);
    }
  });
  return loads;
}

/** Opens the viewer of the shop; when profiling is off, turns it on with the page's own button. */
async function openViewer(t) {
  const { page, record } = await recordedPage(browser.context);
  t.after(() => page.close());
  const response = await page.goto(BASE + '/ui');
  assert.equal(response.status(), 200);
  await page.waitForSelector('[data-testid=tree-row], #message[data-kind=off]', { timeout: 15000 });
  if (await page.$('#message[data-kind=off]')) await page.click('#turn-on');
  return { page, record };
}

/** No `[truncated]` node anywhere in the shown tree: the search finds none. */
async function assertNothingTruncated(page) {
  await page.fill('#search', '[truncated]');
  assert.match(await page.textContent('#matches'), /^0 frames match, 0\.0 % of total$/);
  await page.fill('#search', '');
}

function assertClean(record) {
  v.assertSameOrigin(record, new URL(BASE).origin);
  v.assertNoErrors(record);
}

test('picking the route /products/{id} shows the product page work, deep and untruncated', async (t) => {
  loadTheShop(t);
  const { page, record } = await openViewer(t);
  // The picker is filled from /tags, refreshed every 10 s while data comes in.
  const option = await waitFor(() => page.$(`#tag option[value="${PRODUCT_PAGE}"]`), { timeout: 20000, message: 'the /products/{id} route in the picker' });
  assert.match(await option.textContent(), /^GET \/products\/\{id\} — \d+(\.\d)? %$/);
  assert.ok(await page.$('#tag option[value="http.route:/api/products/{id}"]'), 'the API route in the picker too');

  const streams = v.liveRequests(record).length;
  await page.selectOption('#tag', PRODUCT_PAGE);
  await waitFor(() => v.liveRequests(record).length > streams, { message: 'a stream with the tag' });
  assert.deepEqual(v.liveRequests(record).at(-1).searchParams.getAll('tag'), [PRODUCT_PAGE]);
  await v.nextUpdate(page, 10000);
  // The hottest path is open by default; under the product page it runs through its handler,
  // more than a hundred frames deep (filters, MVC, Thymeleaf, Hibernate, H2).
  await page.waitForSelector(PRODUCT_HANDLER, { timeout: 20000 });
  const names = await v.rowNames(page);
  assert.deepEqual(names.filter((n) => n.includes('ShopApiController') || n.includes('CatalogController')), [],
    'no other route\'s handler under /products/{id}');
  const deepest = await page.$$eval('[data-testid=tree-row]', (rows) => Math.max(...rows.map((r) => Number(r.dataset.depth))));
  assert.ok(deepest >= 60, `the hot path is open to its leaf (${deepest} rows deep)`);
  assert.ok(!names.includes('[truncated]'), 'no [truncated] row');
  await assertNothingTruncated(page);
  assertClean(record);
});

test('"application code" starts the tree at the shop\'s own frames, not at Tomcat\'s', async (t) => {
  loadTheShop(t);
  const { page, record } = await openViewer(t);
  await page.waitForSelector('[data-testid=tree-row][data-depth="1"]', { timeout: 20000 });
  // Without the focus, paths start at each thread's first frame.
  const unfocused = await page.$$eval('[data-testid=tree-row][data-depth="1"]', (rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(unfocused.filter((n) => n.startsWith(SHOP_PACKAGE)), [], 'no thread starts in the shop\'s code');

  const streams = v.liveRequests(record).length;
  await page.selectOption('#focus', 'app');
  await waitFor(() => v.liveRequests(record).length > streams, { message: 'a stream with the focus' });
  assert.equal(v.liveRequests(record).at(-1).searchParams.get('focus'), 'app');
  await v.nextUpdate(page, 10000);
  await v.nextUpdate(page, 10000);
  await page.waitForSelector(`[data-testid=tree-row][data-depth="1"][data-name^="${SHOP_PACKAGE}"]`, { timeout: 20000 });

  const top = await page.$$eval('[data-testid=tree-row][data-depth="1"]', (rows) => rows.map((r) => r.dataset.name));
  // Below the root: the shop's frames, and one node for the work that never reaches them
  // (the endpoint serving this page, the server's own threads).
  const foreign = top.filter((n) => !n.startsWith(SHOP_PACKAGE) && n !== '[outside focus]');
  assert.deepEqual(foreign, [], 'first rows outside the shop\'s package');
  const first = await page.$$eval('[data-testid=tree-row]', (rows) => rows.slice(1, 4).map((r) => r.dataset.name));
  assert.ok(first.some((n) => n.startsWith(SHOP_PACKAGE)), `the first rows are the shop's (${first})`);
  assert.deepEqual((await v.rowNames(page)).filter((n) => n.startsWith('org.apache.catalina.')), [],
    'no Tomcat frame above the shop\'s code');
  await assertNothingTruncated(page);
  assertClean(record);
});

test('the slow list of a route opens one product page request\'s own tree, and goes back to live', async (t) => {
  loadTheShop(t);
  const { page, record } = await openViewer(t);
  await waitFor(() => page.$(`#tag option[value="${PRODUCT_PAGE}"]`), { timeout: 20000, message: 'the /products/{id} route in the picker' });
  await page.selectOption('#tag', PRODUCT_PAGE);
  await page.click('[data-testid=slow-toggle]');
  // Kept requests with samples of their own (the slowest of the minute, under load).
  const row = await waitFor(async () => {
    const rows = await page.$$eval('[data-testid=slow-row]', (all) => all.map((r) => ({ id: r.dataset.id, samples: Number(r.dataset.samples), weight: Number(r.dataset.weight), text: r.textContent })));
    return rows.length > 0 && rows.every((r) => /GET \/products\/\{id\}/.test(r.text)) && rows.find((r) => r.samples > 0);
  }, { timeout: 25000, message: 'a kept /products/{id} request with samples, and only that route in the list' });

  await page.click(`[data-testid=slow-row][data-id="${row.id}"]`);
  await page.waitForSelector('[data-testid=request-banner]', { state: 'visible', timeout: 10000 });
  assert.match(await page.textContent('[data-testid=request-what]'), new RegExp(`Request ${row.id} · GET /products/\\{id\\} · `));
  // Its own weight: what the list said, or more when a late sampler delivered more since.
  await waitFor(async () => (await v.samples(page)) >= row.weight, { message: `the request's own weight of ${row.weight}` });
  // Its own tree holds no other route's work.
  for (const other of ['CatalogController', 'ShopApiController', 'OrderController']) {
    await page.fill('#search', other);
    assert.match(await page.textContent('#matches'), /^0 frames match/, `${other} in the tree of request ${row.id}`);
  }
  await page.fill('#search', '');
  await page.click('[data-testid=back-live]');
  assert.equal(await page.isVisible('[data-testid=request-banner]'), false);
  await v.nextUpdate(page, 10000);
  assertClean(record);
});
