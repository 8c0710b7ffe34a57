'use strict';
// Serves the working copy of viewer.html at <base>/ui, assembled as the server does
// (lib/pages.js), and passes every other request through
// to a running app, so the page can be tried against a real endpoint without rebuilding the
// jar (or before the endpoint serves /ui itself). Streams pass through as they come.
//
//   node viewer-proxy.js http://127.0.0.1:18080/actuator/profiling [port]

const http = require('node:http');
const { servedPage } = require('./lib/pages');
const { assertLoopback } = require('./lib/load');

/** Resolves to {base, origin, close()}: base is the endpoint's URL through the proxy. */
function startViewerProxy(targetBase, { port = 0 } = {}) {
  assertLoopback(targetBase);
  const target = new URL(targetBase);
  const basePath = target.pathname.replace(/\/+$/, '');
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && (path === basePath + '/ui' || path === basePath + '/ui/')) {
      res.writeHead(200, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(servedPage('viewer.html'));
      return;
    }
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      // The app is down: drop the connection, as the app itself would look to the browser.
      res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        base: origin + basePath,
        close() {
          server.closeAllConnections();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

module.exports = { startViewerProxy };

if (require.main === module) {
  const [targetBase, port] = process.argv.slice(2);
  if (!targetBase) {
    console.error('usage: node viewer-proxy.js <endpoint base URL> [port]');
    process.exit(2);
  }
  startViewerProxy(targetBase, { port: Number(port || 0) }).then((p) => console.log(`viewer: ${p.base}/ui`));
}
