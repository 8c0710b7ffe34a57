'use strict';
// The live viewer (viewer.html) against the fake endpoint in fake-server.js: fast, no JVM.

const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, recordedPage, waitFor, sleep } = require('../lib/browser');
const { startFakeServer, VIEWER_POLICY, FLAME_GRAPH_POLICY } = require('../fake-server');
const v = require('../lib/viewer');

const MULTIPLY = 'java.math.BigInteger.multiply';
const FACTORIAL = 'io.github.profiling.sample.FactorialController.factorial';
const SLEEP = 'io.github.profiling.sample.SleepController.sleep';
const SAMPLER = 'io.github.profiling.sampler.JdkSampler.run';

let browser;
test.before(async () => { browser = await launch(); });
test.after(() => browser.close());

const openViewer = (t, options) => v.openOnFake(browser, t, options);

const rowSelector = (name) => `[data-testid=tree-row][data-name="${name}"]`;

test('under any base path the viewer follows the live stream of that base', async (t) => {
  const { fake, page, record } = await openViewer(t, { basePath: '/shop/manage/profiling', uiPath: '/ui/' });
  await page.waitForSelector(rowSelector('java.math.BigInteger.multiplyToLen'), { timeout: 5000 });
  // The hottest path is open by default, down to its leaf.
  const names = await v.rowNames(page);
  assert.deepEqual(names.slice(0, 3), ['all', 'java.lang.Thread.run', 'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run']);
  assert.ok(names.includes(SLEEP), 'siblings of the hot path are listed');
  assert.ok(!names.includes('java.lang.Thread.sleep'), 'nodes off the hot path stay folded');

  assert.equal(await page.textContent('#source'), 'sampler jdk · event cpu · every 10 ms');
  assert.match(await page.textContent('#samples'), /^\d+ samples$/);
  assert.equal(await page.textContent('#connection'), 'live');
  assert.deepEqual(await page.$$eval('#tree-head span', (s) => s.map((e) => e.textContent)), ['FUNCTION', 'OWN', '%', 'DEEP', '%']);

  // Updates keep coming and the age text is refreshed in between.
  const seen = new Set();
  for (let i = 0; i < 3; i++) {
    await v.nextUpdate(page);
    seen.add(await v.samples(page));
    assert.ok((await v.age(page)) < 1.0);
  }
  assert.ok(seen.size > 1, 'the samples counter changes from window to window');

  for (const r of record.requests) assert.ok(r.url.startsWith(fake.base), `${r.url} is under the endpoint`);
  const live = v.liveRequests(record);
  assert.equal(live.length, 1);
  assert.equal(live[0].search, '?interval=1s');
  v.assertNoErrors(record);
});

test('the route picker lists routes by share and filters the stream', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(SLEEP));
  await waitFor(async () => (await page.$$('#tag option')).length > 1, { message: 'the route options' });
  const options = await page.$$eval('#tag option', (os) => os.map((o) => ({ value: o.value, text: o.textContent, disabled: o.disabled })));
  assert.deepEqual(options, [
    { value: '', text: 'all', disabled: false },
    { value: 'http.route:/{n}', text: 'GET /{n} — 78 %', disabled: false },
    { value: 'http.route:/sleep', text: 'GET /sleep — 13 %', disabled: false },
    { value: '', text: '(untagged) — 6.7 %', disabled: true },
    { value: '', text: '(no route) — 2.2 %', disabled: true },
  ]);

  await page.selectOption('#tag', 'http.route:/{n}');
  await waitFor(() => v.liveRequests(record).length === 2, { message: 'a new stream' });
  const filtered = v.liveRequests(record)[1];
  assert.match(filtered.search, /&tag=http\.route%3A%2F%7Bn%7D$/);
  assert.deepEqual(filtered.searchParams.getAll('tag'), ['http.route:/{n}']);
  await v.nextUpdate(page);
  await waitFor(async () => !(await v.rowNames(page)).includes(SLEEP), { message: 'the sleep route to disappear' });
  const names = await v.rowNames(page);
  assert.ok(names.includes(FACTORIAL));
  assert.ok(!names.includes(SAMPLER), 'untagged work is filtered out');
  await waitFor(() => fake.liveStreams === 1, { message: 'the unfiltered stream to close' });

  await page.selectOption('#tag', '');
  await waitFor(() => v.liveRequests(record).length === 3, { message: 'the unfiltered stream again' });
  assert.equal(v.liveRequests(record)[2].search, '?interval=1s');
  await page.waitForSelector(rowSelector(SLEEP));
  v.assertNoErrors(record);
});

test('the thread filter reaches the stream once typing pauses', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(FACTORIAL));
  await page.type('#thread', 'exec-2', { delay: 50 });
  await waitFor(() => v.liveRequests(record).length === 2, { message: 'a stream with the thread filter' });
  await sleep(600);
  const live = v.liveRequests(record);
  assert.equal(live.length, 2, 'one new stream for the whole word, not one per key');
  assert.equal(live[1].searchParams.get('thread'), 'exec-2');
  await waitFor(async () => !(await v.rowNames(page)).includes(FACTORIAL), { message: 'only exec-2 work' });
  assert.ok((await v.rowNames(page)).includes(SLEEP));
  v.assertNoErrors(record);
});

test('starting at the application code asks the stream for focus=app and shows the handler at the top', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(FACTORIAL));
  await page.selectOption('#focus', 'app');
  await waitFor(() => v.liveRequests(record).length === 2, { message: 'a stream with the focus' });
  assert.equal(v.liveRequests(record)[1].searchParams.get('focus'), 'app');
  await waitFor(async () => (await v.rowNames(page))[1] === FACTORIAL || (await v.rowNames(page))[1] === '[outside focus]',
    { message: 'the handler among the first rows' });
  assert.ok(!(await v.rowNames(page)).includes('java.lang.Thread.run'), 'the thread frames are cut away');
  await page.selectOption('#focus', '');
  await waitFor(() => v.liveRequests(record).length === 3, { message: 'a stream without the focus' });
  assert.equal(v.liveRequests(record)[2].searchParams.get('focus'), null);
  v.assertNoErrors(record);
});

test('pause freezes the display while data keeps coming; resume shows the newest at once', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await v.nextUpdate(page);
  await page.click('#pause');
  assert.equal(await page.textContent('#pause'), 'Resume');
  assert.equal(await page.getAttribute('#pause', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#header', 'data-state'), 'paused');
  assert.equal(await page.textContent('#connection'), 'paused');
  const frozen = await v.samples(page);
  const rows = await page.innerHTML('#tree');
  const first = await v.age(page);
  await sleep(3500);
  assert.equal(await v.samples(page), frozen);
  assert.equal(await page.innerHTML('#tree'), rows);
  const later = await v.age(page);
  assert.ok(later >= 3.0 && later > first, `the age keeps growing while paused (${first} -> ${later})`);
  assert.equal(fake.liveStreams, 1, 'the stream stays open while paused');

  await page.click('#pause');
  assert.equal(await page.textContent('#pause'), 'Pause');
  assert.ok((await v.age(page)) < 0.5, 'resume shows the tree received while paused');
  await v.nextUpdate(page);
  assert.equal(await page.getAttribute('#header', 'data-state'), 'live');
  assert.equal(v.liveRequests(record).length, 1);
  v.assertNoErrors(record);
});

test('the window selector asks for 10 s and 60 s windows, and polls /tree since start', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await v.nextUpdate(page);
  await page.selectOption('#window', '10');
  await waitFor(() => v.liveRequests(record).length === 2, { message: 'a 10 s stream' });
  assert.equal(v.liveRequests(record)[1].search, '?interval=1s&seconds=10');
  await v.nextUpdate(page);
  assert.ok((await v.samples(page)) > 300, 'a 10 s window holds about ten times the samples');

  await page.selectOption('#window', '60');
  await waitFor(() => v.liveRequests(record).length === 3, { message: 'a 60 s stream' });
  assert.equal(v.liveRequests(record)[2].search, '?interval=1s&seconds=60');

  await page.selectOption('#tag', 'http.route:/{n}');
  await waitFor(() => v.liveRequests(record).length === 4, { message: 'a 60 s stream of route /{n}' });
  await page.selectOption('#window', 'start');
  await waitFor(() => fake.liveStreams === 0, { message: 'the stream to close' });
  const polls = () => record.requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/tree'));
  await waitFor(() => polls().length >= 2, { timeout: 6000, message: 'two polls of /tree' });
  for (const u of polls()) {
    assert.equal(u.searchParams.get('seconds'), null, 'since start has no window');
    assert.equal(u.searchParams.get('tag'), 'http.route:/{n}');
  }
  assert.equal(v.liveRequests(record).length, 4, 'no stream opened since');
  v.assertNoErrors(record);
});

test('fold state survives updates; clicks and keys fold and unfold', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  await page.click(rowSelector(FACTORIAL));
  assert.equal(await page.getAttribute(rowSelector(FACTORIAL), 'aria-expanded'), 'false');
  assert.equal(await page.$(rowSelector(MULTIPLY)), null);
  await page.click(rowSelector(SLEEP));
  await page.waitForSelector(rowSelector('java.lang.Thread.sleep'));
  await v.nextUpdate(page);
  await v.nextUpdate(page);
  assert.equal(await page.$(rowSelector(MULTIPLY)), null, 'still folded after updates');
  assert.ok(await page.$(rowSelector('java.lang.Thread.sleep')), 'still unfolded after updates');

  // Keyboard: the focused row is the last one clicked; Left folds it, Right unfolds it again.
  await page.focus('#tree');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.$(rowSelector('java.lang.Thread.sleep')), null);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector(rowSelector('java.lang.Thread.sleep'));
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.getAttribute('.row.focus', 'data-name'), FACTORIAL);

  // The hot path button opens the heaviest path again.
  await page.click('#hot-path');
  await page.waitForSelector(rowSelector('java.math.BigInteger.multiplyToLen'));
  v.assertNoErrors(record);
});

test('search highlights matches and unfolds down to them', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  assert.equal(await page.$(rowSelector('java.math.BigInteger.smallToString')), null);
  await page.fill('#search', 'smalltostring');
  const row = await page.waitForSelector(rowSelector('java.math.BigInteger.smallToString'));
  assert.equal(await row.evaluate((r) => r.classList.contains('match')), true);
  assert.equal(await row.$eval('mark', (m) => m.textContent), 'smallToString');
  assert.match(await page.textContent('#matches'), /^1 frame matches, \d+\.\d % of total$/);
  await v.nextUpdate(page);
  assert.ok(await page.$(rowSelector('java.math.BigInteger.smallToString')), 'the match stays unfolded across updates');
  // Folding an ancestor of a match is honoured while the search stays.
  await page.click(rowSelector('java.math.BigInteger.toString'));
  assert.equal(await page.$(rowSelector('java.math.BigInteger.smallToString')), null);
  v.assertNoErrors(record);
});

test('the flame graph view shows the same tree, zooms, searches and keeps its zoom across updates', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  await page.click('#view-flame');
  assert.equal(await page.getAttribute('#view-flame', 'aria-pressed'), 'true');
  assert.equal(await page.isVisible('#tree-view'), false);
  assert.equal(await page.isVisible('canvas.fg-canvas'), true);

  await page.fill('#search', 'BigInteger');
  assert.match(await page.textContent('#matches'), /^4 frames match, \d+\.\d % of total$/);

  const path = await page.evaluate((name) => {
    const f = window.flameGraph.frames.find((x) => x.name === name);
    return window.flameGraph.pathOf(f);
  }, MULTIPLY);
  const b = await page.evaluate((p) => window.flameGraph.box(window.flameGraph.frameAtPath(p)), path);
  const c = await page.locator('canvas.fg-canvas').boundingBox();
  await page.mouse.move(c.x + b.x + b.width / 2, c.y + b.y + b.height / 2);
  const tip = page.locator('[data-testid=flame-tooltip]');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /java\.math\.BigInteger\.multiply[\s\S]*OWN[\s\S]*DEEP[\s\S]*% of total/);
  await v.nextUpdate(page);
  assert.equal(await tip.isVisible(), true, 'the tooltip stays while the mouse rests over a frame');
  // ... and shows the numbers of the tree now on display (read together, between two updates).
  const now = await page.evaluate((name) => ({
    text: document.querySelector('[data-testid=flame-tooltip]').innerText,
    deep: window.flameGraph.frames.find((f) => f.name === name).deep,
  }), MULTIPLY);
  assert.match(now.text, new RegExp(`^java\\.math\\.BigInteger\\.multiply[\\s\\S]*DEEP\\s+${now.deep}\\s`));
  await page.mouse.click(c.x + b.x + b.width / 2, c.y + b.y + b.height / 2);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), MULTIPLY);
  await v.nextUpdate(page);
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), MULTIPLY, 'zoom survives an update');
  await page.click('#reset-zoom');
  assert.equal(await page.getAttribute('#zoom', 'data-frame'), '');

  await page.click('#view-tree');
  await page.waitForSelector(rowSelector('java.math.BigInteger.multiplyToLen'));
  v.assertNoErrors(record);
});

test('tracing trees show calls and times per call', async (t) => {
  const { page, record } = await openViewer(t, { mode: 'tracing' });
  const row = await page.waitForSelector(rowSelector(MULTIPLY));
  assert.deepEqual(await page.$$eval('#tree-head span', (s) => s.map((e) => e.textContent)),
    ['FUNCTION', 'CALLS', 'OWN', '/CALL', '%', 'DEEP', '/CALL', '%']);
  const cells = await row.$$eval('.num', (s) => s.map((e) => e.textContent));
  assert.equal(cells.length, 7);
  assert.match(cells[0], /^\d+$/, 'calls');
  assert.match(cells[4], /^\d+(\.\d+)? ms$/, 'deep time');
  assert.match(cells[5], /^\d+(\.\d+)? ms$/, 'deep time per call');
  v.assertNoErrors(record);
});

test('when profiling is off the page says how to turn it on, and its button does', async (t) => {
  const { fake, page, record } = await openViewer(t, { mode: 'off' });
  await page.waitForSelector('#message[data-kind=off]');
  assert.equal(await page.textContent('#message'),
    `Profiling is off. Turn it on with management.profiling.mode=sampling, or POST {"mode":"sampling"} to ${fake.base}Turn on sampling`);
  assert.equal(v.liveRequests(record).length, 0, 'no stream while off');
  await page.click('#turn-on');
  await page.waitForSelector(rowSelector(MULTIPLY));
  assert.equal(await page.isVisible('#message'), false);
  assert.deepEqual(fake.state.posts, [{ mode: 'sampling' }]);
  const post = record.requests.find((r) => r.method === 'POST');
  assert.equal(post.headers['content-type'], 'application/json');
  assert.equal(new URL(post.url).pathname, '/actuator/profiling');
  v.assertNoErrors(record);
});

test('a read-only endpoint gets no button that would POST, but the setting that allows it', async (t) => {
  const { page, record } = await openViewer(t, { mode: 'off', changes: 'read-only' });
  await page.waitForSelector('#message[data-kind=off]');
  assert.equal(await page.textContent('#message'),
    'Profiling is off. Turn it on with management.profiling.mode=sampling. This endpoint is read-only, ' +
    'so it cannot be turned on from here: changes need management.endpoint.profiling.access=unrestricted.');
  assert.equal(await page.$('#turn-on'), null);
  // Still watching: turned on by the application's own configuration, the page follows.
  await sleep(500);
  assert.equal(record.requests.filter((r) => r.method === 'POST').length, 0);
  v.assertNoErrors(record);
});

test('the pages run under the endpoint\'s Content-Security-Policy without a violation', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  const ui = await fetch(fake.base + '/ui');
  assert.equal(ui.headers.get('content-security-policy'), VIEWER_POLICY);
  assert.match(VIEWER_POLICY, /default-src 'none'/);
  assert.match(VIEWER_POLICY, /connect-src 'self'/);
  const flame = await fetch(fake.base + '/flamegraph');
  assert.equal(flame.headers.get('content-security-policy'), FLAME_GRAPH_POLICY);
  // A request elsewhere is refused by the browser itself, and reported as a violation.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    fetch('http://127.0.0.2:9/elsewhere').catch(() => {});
  }));
  assert.equal(blocked, 'connect-src');
  record.consoleErrors.length = 0; // the refusal just provoked
  v.assertNoErrors(record);
});

test('profiling switched off elsewhere is noticed within the status refresh', async (t) => {
  const { fake, page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  fake.state.mode = 'off';
  await page.waitForSelector('#message[data-kind=off]', { timeout: 12000 });
  assert.equal(await page.textContent('#connection'), 'off');
  await waitFor(() => fake.liveStreams === 0, { message: 'the stream to close' });
  v.assertNoErrors(record);
});

test('an unreachable server is reported, and the page recovers when it is back', async (t) => {
  let fake = await startFakeServer();
  const { page, record } = await recordedPage(browser.context);
  t.after(async () => {
    await page.close();
    await fake.close();
  });
  await page.goto(fake.base + '/ui');
  await page.waitForSelector(rowSelector(MULTIPLY));
  const port = fake.port;
  await fake.close();
  await page.waitForSelector('#message[data-kind=unreachable]', { timeout: 8000 });
  assert.equal(await page.textContent('#message'), 'Server unreachable — retrying');
  assert.equal(await page.getAttribute('#header', 'data-state'), 'offline');
  assert.ok(await page.$(rowSelector(MULTIPLY)), 'the last tree stays on screen');

  fake = await startFakeServer({ port });
  await page.waitForSelector('#message', { state: 'hidden', timeout: 8000 });
  await v.nextUpdate(page);
  assert.equal(await page.textContent('#connection'), 'live');
  assert.deepEqual(record.pageErrors, []);
  for (const e of record.consoleErrors) assert.match(e, /net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)/, 'only the cut and refused connections are logged');
});

test('a request the server rejects shows its message', async (t) => {
  const { page, record } = await openViewer(t);
  await page.waitForSelector(rowSelector(MULTIPLY));
  await page.fill('#thread', 'x'.repeat(101));
  await page.waitForSelector('#message[data-kind=error]', { timeout: 5000 });
  assert.equal(await page.textContent('#message'),
    'The server rejected the request: thread filter longer than 100 characters (parameter "thread")');
  await page.fill('#thread', 'exec');
  await page.waitForSelector('#message', { state: 'hidden', timeout: 5000 });
  await v.nextUpdate(page);
  assert.deepEqual(record.pageErrors, []);
  for (const e of record.consoleErrors) assert.match(e, /status of 400/, 'only the rejected requests are logged');
});

test('a refused stream shows the reason the server gives, and is retried', async (t) => {
  const { fake, page, record } = await openViewer(t, { maxStreams: 0 });
  await page.waitForSelector('#message[data-kind=error]', { timeout: 5000 });
  assert.equal(await page.textContent('#message'),
    'The server rejected the request: too many live streams: 0 are open (management.profiling.live.max-streams)');
  assert.equal(await page.getAttribute('#header', 'data-state'), 'offline');
  const tries = v.liveRequests(record).length;
  await waitFor(() => v.liveRequests(record).length > tries, { timeout: 8000, message: 'another try' });
  assert.ok(fake.liveStreams === 0);
  assert.deepEqual(record.pageErrors, []);
  for (const e of record.consoleErrors) assert.match(e, /status of 429/, 'only the refused streams are logged');
});
