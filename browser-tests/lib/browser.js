'use strict';
// Launches Debian's Chromium through playwright-core and records what a page does:
// every request, console errors and uncaught page errors.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser context on a fresh user-data dir; close() removes the dir again. */
async function launch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profiling-browser-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page whose requests, console errors and page errors are recorded. */
async function recordedPage(context) {
  const page = await context.newPage();
  const record = { requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => record.requests.push({ url: r.url(), method: r.method(), type: r.resourceType(), body: r.postData(), headers: r.headers() }));
  page.on('console', (m) => {
    if (m.type() === 'error') record.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  return { page, record };
}

/** Polls `fn` until it returns a truthy value, or fails after `timeout` ms with `message`. */
async function waitFor(fn, { timeout = 10000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { launch, recordedPage, waitFor, sleep };
