'use strict';
// A small stand-in for the profiling endpoint: it serves viewer.html at <base>/ui (assembled as
// the server does, lib/pages.js) and answers the HTTP contract (status, /tree, /tags, /live,
// /flamegraph, /timeline, /diff, /requests, POST) with synthetic trees of the sample app, each
// checked against the tree schema before it is sent, and with the slowest requests it keeps (each
// with its own tree and flame graph, request=ID), so the pages can be tested fast and without a
// JVM. It also answers the sample app's GET /{n} (n!, n < 10000) at the root.
//
//   node fake-server.js [port] [base path]     then open http://127.0.0.1:<port><base>/ui

const http = require('node:http');
const trees = require('./lib/trees');
const { servedPage } = require('./lib/pages');
const { assertValidTree } = require('./lib/schema');

const WEB = [
  'java.lang.Thread.run',
  'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run',
  'org.apache.tomcat.util.net.SocketProcessorBase.run',
  'org.springframework.web.servlet.DispatcherServlet.doDispatch',
  'org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest',
];
const FACTORIAL = { 'http.method': 'GET', 'http.route': '/{n}' };
const SLEEP = { 'http.method': 'GET', 'http.route': '/sleep' };

/** What the sample app does, per second: weight (samples), calls and nanoseconds per stack. */
const STACKS = [
  { thread: 'http-nio-8080-exec-1', tags: FACTORIAL, weight: 50, calls: 20, nanos: 500e6,
    frames: [...WEB, 'io.github.profiling.sample.FactorialController.factorial', 'java.math.BigInteger.multiply', 'java.math.BigInteger.multiplyToLen'] },
  { thread: 'http-nio-8080-exec-1', tags: FACTORIAL, weight: 20, calls: 20, nanos: 150e6,
    frames: [...WEB, 'io.github.profiling.sample.FactorialController.factorial', 'java.math.BigInteger.toString', 'java.math.BigInteger.smallToString'] },
  { thread: 'http-nio-8080-exec-2', tags: SLEEP, weight: 12, calls: 4, nanos: 400e6,
    frames: [...WEB, 'io.github.profiling.sample.SleepController.sleep', 'java.lang.Thread.sleep'] },
  // A request that failed before handler mapping: tagged with its method, but with no route.
  { thread: 'http-nio-8080-exec-3', tags: { 'http.method': 'GET' }, weight: 2, calls: 2, nanos: 1e6,
    frames: [...WEB.slice(0, 4), 'org.springframework.web.servlet.DispatcherServlet.getHandler'] },
  { thread: 'profiling-sampler', tags: {}, weight: 6, calls: 100, nanos: 5e6,
    frames: ['java.lang.Thread.run', 'io.github.profiling.sampler.JdkSampler.run', 'java.lang.Thread.getStackTrace'] },
];

/**
 * The slowest requests the fake keeps, each with its own stacks: the slowest factorial called
 * an extra method (slowPath) doing most of its work; ago is how many seconds before the
 * server's start it began.
 */
const KEPT = [
  { id: '1842', tags: FACTORIAL, ago: 40, durationMillis: 812.4, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7',
    stacks: [
      { weight: 60, frames: [...WEB, 'io.github.profiling.sample.FactorialController.factorial', 'io.github.profiling.sample.FactorialController.slowPath', 'java.math.BigInteger.multiply'] },
      { weight: 9, frames: [...WEB, 'io.github.profiling.sample.FactorialController.factorial', 'java.math.BigInteger.toString'] },
    ] },
  { id: '1907', tags: SLEEP, ago: 25, durationMillis: 402.0,
    stacks: [{ weight: 3, frames: [...WEB, 'io.github.profiling.sample.SleepController.sleep', 'java.lang.Thread.sleep'] }] },
  { id: '1911', tags: FACTORIAL, ago: 12, durationMillis: 95.25,
    stacks: [{ weight: 8, frames: [...WEB, 'io.github.profiling.sample.FactorialController.factorial', 'java.math.BigInteger.multiply'] }] },
];

/** The sample app's own route, GET /{n} = n!, so a load test has something to call. */
function factorial(n) {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return result.toString();
}

class BadRequest extends Error {
  constructor(parameter, message) {
    super(message);
    this.parameter = parameter;
  }
}

/** Validates the query parameters the way the real endpoint's contract describes. */
function parseQuery(url) {
  const q = url.searchParams;
  const seconds = q.get('seconds');
  if (seconds !== null && !/^[1-9]\d*$/.test(seconds)) throw new BadRequest('seconds', `seconds must be a positive whole number, not "${seconds}"`);
  const tags = [];
  for (const value of q.getAll('tag')) {
    for (const part of value.split(',')) {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new BadRequest('tag', `tag must be key:value, not "${part}"`);
      tags.push([part.slice(0, colon), part.slice(colon + 1)]);
    }
  }
  const thread = q.get('thread');
  if (thread !== null && thread.length > 100) throw new BadRequest('thread', 'thread filter longer than 100 characters');
  const interval = q.get('interval') || '1s';
  const m = /^(\d+)(ms|s)$/.exec(interval);
  if (!m || Number(m[1]) === 0) throw new BadRequest('interval', `interval must look like 1s or 500ms, not "${interval}"`);
  const intervalMillis = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  const focus = q.get('focus');
  if (focus !== null && focus !== 'app') throw new BadRequest('focus', `this server knows focus=app only, not "${focus}"`);
  const request = q.get('request');
  if (request !== null && !/^\d{1,10}$/.test(request)) throw new BadRequest('request', `request must be the id of a kept request, as requests lists it; got "${request}"`);
  const limit = q.get('limit');
  if (limit !== null && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000)) throw new BadRequest('limit', `limit must be 1 to 1000, not "${limit}"`);
  const offset = q.get('offset');
  if (offset !== null && (!/^\d+$/.test(offset) || seconds === null)) throw new BadRequest('offset', `offset must be whole seconds with seconds, not "${offset}"`);
  if (request !== null) {
    const refused = ['seconds', 'offset', 'tag', 'thread'].find((p) => q.get(p) !== null);
    if (refused) throw new BadRequest(refused, `${refused} does not go with request: a request's tree covers that request, from its start to its end`);
  }
  return { seconds: seconds === null ? null : Number(seconds), offset: offset === null ? 0 : Number(offset), tags, thread, intervalMillis, focus, request, limit: limit === null ? 100 : Number(limit) };
}

/** The sample app's own package: where focus=app starts each stack, as the real endpoint does. */
const APP_PACKAGE = 'io.github.profiling.sample.';

function focused(frames) {
  const first = frames.findIndex((f) => f.startsWith(APP_PACKAGE));
  return first < 0 ? ['[outside focus]'] : frames.slice(first);
}

function matches(stack, { tags, thread = null }) {
  if (thread && !stack.thread.includes(thread)) return false;
  return tags.every(([k, v]) => stack.tags[k] === v);
}

// The Content-Security-Policy the endpoint sends with its pages (PagePolicy.java), so that every
// test here runs the pages under it.
const PAGE_ITSELF = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
const VIEWER_POLICY = PAGE_ITSELF + "; connect-src 'self'";
const FLAME_GRAPH_POLICY = PAGE_ITSELF + "; connect-src 'none'";

/**
 * Starts the fake endpoint. Options: port (0 = any free one), basePath, mode ('sampling',
 * 'tracing' or 'off'), maxStreams (more live streams are refused with 429), changes ('read-only': POSTs are refused
 * with 405, as by the actuator without management.endpoint.profiling.access=unrestricted). Resolves to {origin, port, base, state, liveStreams, close()}; state.mode
 * may be changed, state.posts lists the bodies POSTed to the endpoint, and liveStreams counts
 * the open /live streams.
 */
function startFakeServer({ port = 0, basePath = '/actuator/profiling', mode = 'sampling', maxStreams = 4, changes = 'unrestricted' } = {}) {
  // expired: ids of kept requests whose tree has gone (as when the retention passed them).
  const state = { mode, posts: [], startedAt: Date.now(), changes, expired: new Set() };
  const streams = new Set();

  /** One window of `seconds` (the elapsed time when null): weights jitter from call to call. */
  function profile(query, seconds) {
    const span = seconds === null ? Math.max((Date.now() - state.startedAt) / 1000, 1) : seconds;
    const tracing = state.mode === 'tracing';
    const stacks = state.mode === 'off' ? [] : STACKS.filter((s) => matches(s, query)).map((s) => {
      const jitter = 0.6 + Math.random() * 0.8;
      return { ...s, frames: query.focus ? focused(s.frames) : s.frames, weight: Math.round(s.weight * span * jitter), calls: Math.round(s.calls * span * jitter), nanos: Math.round(s.nanos * span * jitter) };
    });
    const root = trees.treeFromStacks(stacks, { tracing });
    const to = new Date();
    // An invalid tree throws here and fails the test that asked for it.
    return assertValidTree(trees.treeDocument(root, {
      sampler: tracing ? 'tracer' : 'jdk',
      event: tracing ? 'wall' : 'cpu',
      from: new Date(to - span * 1000).toISOString(),
      to: to.toISOString(),
    }), 'a tree of the fake endpoint');
  }

  /** A kept request as /requests lists it. */
  function keptRequest(r) {
    const weight = r.stacks.reduce((sum, s) => sum + s.weight, 0);
    const described = { id: r.id, tags: r.tags, start: new Date(state.startedAt - r.ago * 1000).toISOString(), durationMillis: r.durationMillis, samples: weight, weight, complete: true };
    return r.traceId ? { ...described, traceId: r.traceId, spanId: r.spanId } : described;
  }

  function requests(query) {
    const listed = state.mode === 'off' ? [] : KEPT.filter((r) => matches(r, query)).sort((a, b) => b.durationMillis - a.durationMillis).slice(0, query.limit);
    const to = new Date();
    return {
      sampler: 'jdk', event: 'cpu', unit: 'samples', from: new Date(to - 300e3).toISOString(), to: to.toISOString(),
      slowest: 10, minDurationMillis: 0, requests: listed.map(keptRequest),
    };
  }

  /** The own tree of a kept request, or null when none of that id is kept. */
  function requestTree(query) {
    const kept = KEPT.find((r) => r.id === query.request);
    if (!kept || state.expired.has(kept.id)) return null;
    const described = keptRequest(kept);
    const stacks = kept.stacks.map((s) => ({ ...s, frames: query.focus ? focused(s.frames) : s.frames }));
    const start = Date.parse(described.start);
    return assertValidTree(trees.treeDocument(trees.treeFromStacks(stacks), {
      from: described.start, to: new Date(start + kept.durationMillis).toISOString(), request: described,
    }), 'the tree of a kept request');
  }

  function notKept(res, id) {
    return json(res, 404, { error: `no request ${id} is kept: only the slowest requests of each route and minute are, for the retention; GET requests lists them`, parameter: null });
  }

  function status() {
    return {
      mode: state.mode,
      sampler: 'jdk',
      event: 'cpu',
      intervalMillis: 10,
      running: state.mode !== 'off',
      startedAt: new Date(state.startedAt).toISOString(),
      samples: 1234,
      droppedSamples: 0,
      nodes: 42,
      samplers: { jdk: { available: true, reason: 'pure Java' } },
      tagKeys: ['http.method', 'http.route'],
      liveStreams: streams.size,
      changes: state.changes,
    };
  }

  function tags() {
    if (state.mode === 'off') return [];
    const total = STACKS.reduce((sum, s) => sum + s.weight, 0);
    return STACKS.reduce((list, s) => {
      const key = JSON.stringify(s.tags);
      const entry = list.find((e) => JSON.stringify(e.tags) === key);
      if (entry) entry.samples += s.weight * 60;
      else list.push({ tags: s.tags, samples: s.weight * 60 });
      return list;
    }, []).map((e) => ({ ...e, percent: (e.samples * 100) / (total * 60) })).sort((a, b) => b.samples - a.samples);
  }

  /** Weight per second of each route over the last `seconds`, as /timeline answers. */
  function timeline(query, seconds) {
    const to = new Date();
    const routes = new Map();
    for (const s of STACKS.filter((one) => matches(one, query))) {
      const key = JSON.stringify(s.tags);
      if (!routes.has(key)) routes.set(key, { tags: s.tags, values: new Array(seconds).fill(0) });
      // Busier in the second half, so that a picked window is told apart.
      routes.get(key).values.forEach((v, i, values) => { values[i] = v + Math.round(s.weight * (i < seconds / 2 ? 1 : 2)); });
    }
    const series = [...routes.values()].map((r) => ({ ...r, samples: r.values.reduce((a, b) => a + b, 0) }));
    return {
      sampler: 'jdk', event: 'cpu', unit: 'samples', from: new Date(to - seconds * 1000).toISOString(), to: to.toISOString(),
      stepSeconds: 1, points: seconds, samples: series.reduce((a, r) => a + r.samples, 0), series,
    };
  }

  /** Two trees as one diff document: every node of either, with both weights and shares. */
  function diff(base, compared) {
    const percent = (part, total) => (total > 0 ? Math.round((part * 1e6) / total) / 1e4 : 0);
    const merge = (b, c) => {
      const names = new Set([...(b ? b.children : []), ...(c ? c.children : [])].map((n) => n.name));
      const node = {
        name: (c || b).name, own: c ? c.own : 0, deep: c ? c.deep : 0, baseOwn: b ? b.own : 0, baseDeep: b ? b.deep : 0,
      };
      Object.assign(node, {
        ownPercent: percent(node.own, compared.samples), deepPercent: percent(node.deep, compared.samples),
        baseOwnPercent: percent(node.baseOwn, base.samples), baseDeepPercent: percent(node.baseDeep, base.samples),
      });
      node.children = [...names].map((name) => merge(b && b.children.find((n) => n.name === name), c && c.children.find((n) => n.name === name)))
        .sort((x, y) => y.deep - x.deep || y.baseDeep - x.baseDeep);
      return node;
    };
    return {
      sampler: compared.sampler, event: compared.event, unit: compared.unit, from: compared.from, to: compared.to, samples: compared.samples,
      base: { from: base.from, to: base.to, samples: base.samples }, root: merge(base.root, compared.root),
    };
  }

  function send(res, code, type, body, headers = {}) {
    res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  }
  const json = (res, code, body) => send(res, code, 'application/json', JSON.stringify(body));

  function live(req, res, query) {
    if (streams.size >= maxStreams) {
      return json(res, 429, { error: `too many live streams: ${streams.size} are open (management.profiling.live.max-streams)`, parameter: null });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    const stream = { res };
    streams.add(stream);
    const timer = setInterval(() => {
      res.write(`event: tree\ndata: ${JSON.stringify(profile(query, query.seconds === null ? query.intervalMillis / 1000 : query.seconds))}\n\n`);
    }, query.intervalMillis);
    req.on('close', () => {
      clearInterval(timer);
      streams.delete(stream);
    });
  }

  function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    if (/^\/\d{1,4}$/.test(path)) return send(res, 200, 'text/plain', factorial(Number(path.slice(1))));
    if (!path.startsWith(basePath)) return json(res, 404, { error: 'not found' });
    const rest = path.slice(basePath.length);
    try {
      if (req.method === 'POST' && rest === '') {
        // As the endpoint answers a POST when read-only access maps no write operation.
        if (state.changes !== 'unrestricted') {
          return send(res, 405, 'application/json', JSON.stringify({
            error: 'this endpoint is read-only: changing the profiler needs management.endpoint.profiling.access=unrestricted',
            parameter: null,
          }), { Allow: 'GET' });
        }
        return post(req, res);
      }
      if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' });
      switch (rest) {
        case '':
          return json(res, 200, status());
        case '/ui':
        case '/ui/':
          return send(res, 200, 'text/html;charset=utf-8', servedPage('viewer.html'), { 'Content-Security-Policy': VIEWER_POLICY });
        case '/tree': {
          const query = parseQuery(url);
          if (query.request !== null) {
            const tree = requestTree(query);
            return tree ? json(res, 200, tree) : notKept(res, query.request);
          }
          return json(res, 200, profile(query, query.seconds));
        }
        case '/requests':
          return json(res, 200, requests(parseQuery(url)));
        case '/tags':
          return json(res, 200, tags());
        case '/live':
          return live(req, res, parseQuery(url));
        case '/timeline': {
          const query = parseQuery(url);
          return json(res, 200, timeline(query, query.seconds === null ? 300 : query.seconds));
        }
        case '/diff': {
          const query = parseQuery(url);
          if (query.seconds === null) throw new BadRequest('seconds', 'give seconds or baseTag');
          return json(res, 200, diff(profile(query, query.seconds), profile(query, query.seconds)));
        }
        case '/flamegraph': {
          const query = parseQuery(url);
          if (query.request !== null) {
            const tree = requestTree(query);
            if (!tree) return notKept(res, query.request);
            return send(res, 200, 'text/html;charset=utf-8', trees.fillFlamegraph(servedPage('flamegraph.html'), tree, `Request ${query.request}`), { 'Content-Security-Policy': FLAME_GRAPH_POLICY });
          }
          return send(res, 200, 'text/html;charset=utf-8', trees.fillFlamegraph(servedPage('flamegraph.html'), profile(query, query.seconds), 'Flame graph'), { 'Content-Security-Policy': FLAME_GRAPH_POLICY });
        }
        default:
          return json(res, 404, { error: 'not found' });
      }
    } catch (e) {
      if (e instanceof BadRequest) return json(res, 400, { error: e.message, parameter: e.parameter });
      throw e;
    }
  }

  function post(req, res) {
    if (!(req.headers['content-type'] || '').startsWith('application/json')) {
      return json(res, 415, { error: 'Content-Type must be application/json' });
    }
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch (e) {
        return json(res, 400, { error: 'body is not JSON', parameter: 'body' });
      }
      state.posts.push(parsed);
      if (parsed.mode) {
        if (!['off', 'sampling', 'tracing'].includes(parsed.mode)) return json(res, 400, { error: `unknown mode "${parsed.mode}"`, parameter: 'mode' });
        state.mode = parsed.mode;
      }
      return json(res, 200, status());
    });
  }

  const server = http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        port: server.address().port,
        base: origin + basePath,
        state,
        get liveStreams() {
          return streams.size;
        },
        close() {
          for (const s of streams) s.res.destroy();
          server.closeAllConnections();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

module.exports = { startFakeServer, STACKS, KEPT, VIEWER_POLICY, FLAME_GRAPH_POLICY };

if (require.main === module) {
  const port = Number(process.argv[2] || 8912);
  const basePath = process.argv[3] || '/actuator/profiling';
  startFakeServer({ port, basePath }).then((s) => console.log(`fake profiling endpoint: ${s.base}/ui`));
}
