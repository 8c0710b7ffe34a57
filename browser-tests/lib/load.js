'use strict';
// A bounded HTTP load on a local server: a few sequential fetch loops that stop by
// themselves after a time and a request count, and only ever talk to the loopback address.

function assertLoopback(url) {
  const host = new URL(url).hostname;
  if (!(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`${url} is not on this machine: load goes to the loopback address only`);
  }
}

/**
 * Starts `concurrency` loops of GET `url`. They end on stop(), after `maxMillis`, or after
 * `maxRequests` requests in all. `stats` counts answers by outcome.
 */
function startLoad(url, { concurrency = 1, maxMillis = 30000, maxRequests = 20000 } = {}) {
  assertLoopback(url);
  const deadline = Date.now() + maxMillis;
  const stats = { ok: 0, failed: 0 };
  const controller = new AbortController();
  let stopped = false;
  const more = () => !stopped && Date.now() < deadline && stats.ok + stats.failed < maxRequests;
  async function loop() {
    while (more()) {
      try {
        const response = await fetch(url, { signal: controller.signal });
        await response.arrayBuffer();
        if (response.ok) stats.ok++;
        else stats.failed++;
      } catch (e) {
        if (stopped) return;
        stats.failed++;
        await new Promise((r) => setTimeout(r, 100)); // do not spin on a server that is down
      }
    }
  }
  const done = Promise.all(Array.from({ length: concurrency }, loop));
  return {
    stats,
    get running() {
      return more();
    },
    async stop() {
      stopped = true;
      controller.abort();
      await done;
    },
  };
}

module.exports = { startLoad, assertLoopback };
