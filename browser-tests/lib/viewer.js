'use strict';
// Reading the live viewer page (viewer.html) the way a person would: rows, counters, messages.

const assert = require('node:assert/strict');
const { waitFor, recordedPage } = require('./browser');

/** Names of the call tree rows on screen, top to bottom. */
function rowNames(page) {
  return page.$$eval('[data-testid=tree-row]', (rows) => rows.map((r) => r.dataset.name));
}

/** The samples counter of the header, as a number (NaN before the first update). */
async function samples(page) {
  return Number(await page.getAttribute('#samples', 'data-value'));
}

/** Seconds since the last update, from "updated 0.4 s ago" (NaN before the first update). */
async function age(page) {
  const m = /updated (\d+\.\d) s ago/.exec(await page.textContent('#updated'));
  return m ? Number(m[1]) : NaN;
}

/** Waits for the display to change: the age of the last update drops back. */
async function nextUpdate(page, timeout = 5000) {
  let last = await age(page);
  await waitFor(async () => {
    const now = await age(page);
    const updated = now < last || (Number.isNaN(last) && !Number.isNaN(now));
    last = now;
    return updated;
  }, { timeout, message: 'the next update of the viewer' });
}

/** The /live stream URLs the page opened, parsed. */
function liveRequests(record) {
  return record.requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/live'));
}

/** The requests the page made to one view (`tree`, `diff`, `requests`…), parsed. */
function viewRequests(record, view) {
  return record.requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/' + view));
}

/**
 * A fake endpoint (fake-server.js, with its options) and a viewer page on it, both closed after
 * the test `t`, with everything the page did recorded.
 */
async function openOnFake(browser, t, { basePath, uiPath = '/ui', mode, maxStreams, changes } = {}) {
  // Required here, not at the top: the tests against a running app need no fake.
  const { startFakeServer } = require('../fake-server');
  const fake = await startFakeServer({ basePath, mode, maxStreams, changes });
  const { page, record } = await recordedPage(browser.context);
  t.after(async () => {
    await page.close();
    await fake.close();
  });
  await page.goto(fake.base + uiPath);
  return { fake, page, record };
}

/** Every request the page made went to the server it came from. */
function assertSameOrigin(record, origin) {
  const foreign = record.requests.map((r) => r.url).filter((u) => !u.startsWith(origin + '/'));
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
}

function assertNoErrors(record) {
  assert.deepEqual(record.pageErrors, [], 'page errors');
  assert.deepEqual(record.consoleErrors, [], 'console errors');
}

module.exports = { rowNames, samples, age, nextUpdate, liveRequests, viewRequests, openOnFake, assertSameOrigin, assertNoErrors };
