'use strict';
// Builds tree documents in the shape of GET /actuator/profiling/tree, and fills the
// flame graph template the way the server does.

const { assertValidTree } = require('./schema');

/**
 * A call tree from weighted stacks (root first). Children are sorted by DEEP, descending,
 * and every node satisfies deep == own + sum(children.deep).
 * With `tracing`, nodes also carry calls, ownNanos and deepNanos (stacks then give `calls`
 * and `nanos` per leaf instead of a sample weight).
 */
function treeFromStacks(stacks, { tracing = false } = {}) {
  const root = { name: 'all', own: 0, deep: 0, children: new Map() };
  if (tracing) Object.assign(root, { calls: 0, ownNanos: 0, deepNanos: 0 });
  for (const stack of stacks) {
    const weight = tracing ? stack.nanos : stack.weight;
    if (!(weight > 0)) continue;
    let node = root;
    node.deep += weight;
    if (tracing) node.deepNanos += weight;
    for (const name of stack.frames) {
      let child = node.children.get(name);
      if (!child) {
        child = { name, own: 0, deep: 0, children: new Map() };
        if (tracing) Object.assign(child, { calls: 0, ownNanos: 0, deepNanos: 0 });
        node.children.set(name, child);
      }
      child.deep += weight;
      if (tracing) {
        child.deepNanos += weight;
        child.calls += stack.calls;
      }
      node = child;
    }
    node.own += weight;
    if (tracing) node.ownNanos += weight;
  }
  return finish(root);
}

function finish(node) {
  const children = [...node.children.values()].map(finish).sort((a, b) => b.deep - a.deep);
  return { ...node, children };
}

/** Wraps a root node into a tree document. */
function treeDocument(root, fields = {}) {
  return {
    sampler: 'jdk',
    event: 'cpu',
    unit: root.calls !== undefined ? 'nanoseconds' : 'samples',
    from: '2026-11-30T09:00:00Z',
    to: '2026-11-30T09:00:10Z',
    samples: root.deep,
    root,
    ...fields,
  };
}

/** Checks the invariants every view must keep; returns the number of nodes. */
function checkInvariants(node) {
  let count = 1;
  let sum = 0;
  for (const c of node.children) {
    count += checkInvariants(c);
    sum += c.deep;
  }
  if (node.deep !== node.own + sum || node.own < 0) {
    throw new Error(`invariant broken at ${node.name}: deep ${node.deep}, own ${node.own}, children ${sum}`);
  }
  return count;
}

/**
 * A deterministic tree of at least `count` nodes (a small linear congruential generator,
 * so every run draws the same tree), for the performance of the flame graph.
 */
function bigTree(count) {
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const packages = ['com.example.shop', 'org.springframework.web', 'java.util', 'java.math', 'io.netty.channel'];
  const stacks = [];
  const prefixes = new Set(); // one per distinct node
  while (prefixes.size < count) {
    const depth = 5 + Math.floor(random() * 40);
    const frames = [];
    let prefix = '';
    for (let d = 0; d < depth; d++) {
      const pkg = packages[Math.floor(random() * packages.length)];
      const frame = `${pkg}.Class${Math.floor(random() * 30)}.method${Math.floor(random() * (d < 4 ? 3 : 12))}`;
      frames.push(frame);
      prefix += '\n' + frame;
      prefixes.add(prefix);
    }
    stacks.push({ frames, weight: 1 + Math.floor(random() * 50) });
  }
  return treeDocument(treeFromStacks(stacks));
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * Fills the flame graph template (pages.servedPage('flamegraph.html')) as the server does: the
 * JSON placeholder gets the tree (with '<' escaped, so no frame name can close the script
 * element) and the title placeholder the HTML-escaped title. The tree must be valid by the
 * schema: the page is never given one the server could not write.
 */
function fillFlamegraph(template, profile, title) {
  assertValidTree(profile, `the tree of the page "${title}"`);
  const json = JSON.stringify(profile).replace(/</g, '\\u003c');
  return template.replace('/*PROFILE_JSON*/null', () => json).replace('<!--TITLE-->', () => escapeHtml(title));
}

module.exports = {
  treeFromStacks,
  treeDocument,
  checkInvariants,
  bigTree,
  fillFlamegraph,
  escapeHtml,
};
