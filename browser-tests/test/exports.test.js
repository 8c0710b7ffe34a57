'use strict';
// The endpoint's exports, read back by decoders written elsewhere: pprof through the
// pprof-format package, collapsed stacks by their published format, trees (of /tree, of /live and
// in the flame graph page) by the tree schema, the pages checked for any reference off the
// server and for being the pages of this working copy.
//
//   PROFILING_BASE_URL=http://127.0.0.1:18080/actuator/profiling APP_URL=http://127.0.0.1:18080 \
//     node --test test/exports.test.js

const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { Profile } = require('pprof-format');
const { startLoad, assertLoopback } = require('../lib/load');
const { servedPage } = require('../lib/pages');
const { assertValidTree } = require('../lib/schema');

const BASE = process.env.PROFILING_BASE_URL;
const APP = process.env.APP_URL;
if (!BASE || !APP) {
  throw new Error('set PROFILING_BASE_URL and APP_URL');
}
assertLoopback(BASE);
assertLoopback(APP);

async function post(body) {
  const response = await fetch(BASE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) {
    assert.fail(`POST ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

async function get(path) {
  const response = await fetch(BASE + path);
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response;
}

/** GET of a tree view, checked against the tree schema. */
async function getTree(path) {
  return assertValidTree(await (await get(path)).json(), `GET ${path}`);
}

/** The data of the first `event: tree` of a live stream; the stream is closed again. */
async function firstLiveTree(path) {
  const controller = new AbortController();
  const response = await fetch(BASE + path, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of response.body) {
      text += decoder.decode(chunk, { stream: true });
      const event = /(?:^|\n)event:\s*tree\r?\n((?:data:.*\r?\n)+)\r?\n/.exec(text);
      if (event) return event[1].split(/\r?\n/).filter(Boolean).map((line) => line.replace(/^data: ?/, '')).join('\n');
    }
  } finally {
    controller.abort();
  }
  assert.fail(`${path} ended before its first tree event: ${text}`);
}

// Data that no longer changes: sample under load, then switch sampling off so that every
// export below reads the very same trees.
test.before(async () => {
  await post({ mode: 'sampling', event: 'cpu' });
  await post({ action: 'reset' });
  const load = startLoad(APP.replace(/\/+$/, '') + '/3000', { concurrency: 2, maxMillis: 6000 });
  await new Promise((resolve) => setTimeout(resolve, 6000));
  await load.stop();
  assert.ok(load.stats.ok > 10, `load answered ${JSON.stringify(load.stats)}`);
  await post({ mode: 'off' });
});

test.after(async () => {
  await post({ mode: 'sampling' });
});

test('pprof decodes with pprof-format, totals match the tree, tags are labels', async () => {
  const tree = await getTree('/tree');
  const response = await get('/pprof');
  assert.match(response.headers.get('content-disposition'), /^attachment; filename="[\w.-]+-\d{8}T\d{6}Z\.pb\.gz"$/);
  const bytes = Buffer.from(await response.arrayBuffer());
  const profile = Profile.decode(zlib.gunzipSync(bytes));
  const strings = profile.stringTable.strings;
  const name = (index) => strings[Number(index)];

  assert.deepEqual(profile.sampleType.map((t) => [name(t.type), name(t.unit)]),
    [['samples', 'count'], ['cpu', 'nanoseconds']]);
  assert.deepEqual([name(profile.periodType.type), name(profile.periodType.unit)], ['cpu', 'nanoseconds']);
  assert.equal(Number(profile.period), 10_000_000);
  assert.ok(Number(profile.durationNanos) > 0);
  assert.ok(Number(profile.timeNanos) > 0);

  let total = 0;
  let routeN = 0;
  for (const sample of profile.sample) {
    const count = Number(sample.value[0]);
    assert.equal(Number(sample.value[1]), count * 10_000_000);
    total += count;
    const labels = Object.fromEntries(sample.label.map((l) => [name(l.key), name(l.str)]));
    if (labels['http.route'] === '/{n}') {
      assert.equal(labels['http.method'], 'GET');
      routeN += count;
    }
  }
  assert.equal(total, tree.samples);
  const routeTree = await getTree('/tree?tag=' + encodeURIComponent('http.route:/{n}'));
  assert.equal(routeN, routeTree.samples);
  assert.ok(routeN > 0);

  // Functions and locations are deduplicated, and every sample's locations exist.
  const functionNames = profile.function.map((f) => name(f.name));
  assert.equal(new Set(functionNames).size, functionNames.length);
  assert.ok(functionNames.some((n) => n.startsWith('java.math.BigInteger.')));
  const locationIds = new Set(profile.location.map((l) => Number(l.id)));
  assert.equal(locationIds.size, profile.location.length);
  for (const sample of profile.sample) {
    for (const id of sample.locationId) assert.ok(locationIds.has(Number(id)));
  }
});

test('collapsed stacks add up to the tree and parse as frame;frame weight lines', async () => {
  const tree = await getTree('/tree');
  const response = await get('/collapsed');
  assert.match(response.headers.get('content-type'), /^text\/plain/);
  assert.match(response.headers.get('content-disposition'), /filename="[\w.-]+-\d{8}T\d{6}Z\.collapsed\.txt"/);
  const lines = (await response.text()).split('\n').filter((line) => line.length > 0);
  let total = 0;
  for (const line of lines) {
    const match = /^(\S+) (\d+)$/.exec(line);
    assert.ok(match, `not a collapsed line: ${line}`);
    total += Number(match[2]);
  }
  assert.equal(total, tree.samples);
  assert.ok(lines.some((line) => /;java\.math\.BigInteger\.\w+ \d+$/.test(line)));
});

test('the flame graph page refers to nothing off the server', async () => {
  const response = await get('/flamegraph?tag=' + encodeURIComponent('http.route:/{n}'));
  assert.match(response.headers.get('content-type'), /^text\/html/);
  assert.match(response.headers.get('content-disposition'), /filename="[\w.-]+-\d{8}T\d{6}Z\.flamegraph\.html"/);
  const html = await response.text();
  assert.ok(html.includes('java.math.BigInteger'));
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\(\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /<script[^>]+src=/i);
  // The tree it carries, written where the template's placeholder was.
  const data = /\nconst PROFILE = (.*);\n/.exec(html);
  assert.ok(data, 'the page carries its tree');
  const tree = assertValidTree(JSON.parse(data[1]), 'the tree of the flame graph page');
  assert.ok(tree.samples > 0);
});

test('a tree that matches no tag is valid and says why', async () => {
  const tree = await getTree('/tree?tag=' + encodeURIComponent('http.route:/no-such-route'));
  assert.equal(tree.samples, 0);
  assert.match(tree.hint, /http\.route/);
});

test('the trees of the live stream are valid tree documents', async () => {
  const data = await firstLiveTree('/live?interval=1s&seconds=60');
  const tree = assertValidTree(JSON.parse(data), 'an event of /live');
  assert.ok(tree.samples > 0, 'the last minute holds the samples taken before');
});

test('the app serves the pages of this working copy, assembled as the tests assemble them', async () => {
  // A failure here means the app was built from other sources than these: rebuild it.
  assert.equal(await (await get('/ui')).text(), servedPage('viewer.html'));
  const template = servedPage('flamegraph.html');
  const [head, middle, tail] = template.split(/<!--TITLE-->|\/\*PROFILE_JSON\*\/null/);
  const html = await (await get('/flamegraph?seconds=60')).text();
  assert.ok(html.startsWith(head) && html.includes(middle) && html.endsWith(tail), 'the flame graph page is the template, filled');
});

test('the jfr export of the jdk sampler is a 404 with a JSON reason', async () => {
  await post({ mode: 'sampling', sampler: 'jdk' });
  const response = await fetch(BASE + '/jfr');
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.match(body.error, /jfr/);
  await post({ mode: 'off' });
});
