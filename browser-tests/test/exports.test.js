'use strict';
// The endpoint's exports, read back by decoders written elsewhere: pprof through the
// pprof-format package, collapsed stacks by their published format, the flame graph page checked
// for any reference off the server.
//
//   PROFILING_BASE_URL=http://127.0.0.1:18080/actuator/profiling APP_URL=http://127.0.0.1:18080 \
//     node --test test/exports.test.js

const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { Profile } = require('pprof-format');
const { startLoad, assertLoopback } = require('../lib/load');

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
  const tree = await (await get('/tree')).json();
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
  const routeTree = await (await get('/tree?tag=' + encodeURIComponent('http.route:/{n}'))).json();
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
  const tree = await (await get('/tree')).json();
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
});

test('the jfr export of the jdk sampler is a 404 with a JSON reason', async () => {
  await post({ mode: 'sampling', sampler: 'jdk' });
  const response = await fetch(BASE + '/jfr');
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.match(body.error, /jfr/);
  await post({ mode: 'off' });
});
