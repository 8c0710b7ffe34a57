/*
 * Flame graph library of both pages, flamegraph.html and viewer.html. Each names this file
 * in an empty script element with a src; the server puts the file inline in its place
 * (io.github.profiling.export.Pages), so that a served page is one self-contained document.
 *
 * An icicle graph on a canvas: root on top, one row per stack depth, width = DEEP.
 * A canvas keeps trees of tens of thousands of nodes fast: only frames at least half a
 * pixel wide are visited, and hit testing walks down from the zoomed frame.
 */
'use strict';

/** Number formatting shared by the pages. */
const ProfileFormat = {
  count(n) {
    return Math.round(n).toLocaleString('en-US');
  },
  nanos(ns) {
    const scaled = (v, suffix) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + suffix;
    if (ns >= 1e9) return scaled(ns / 1e9, 's');
    if (ns >= 1e6) return scaled(ns / 1e6, 'ms');
    if (ns >= 1e3) return scaled(ns / 1e3, 'µs');
    return Math.round(ns) + ' ns';
  },
  bytes(b) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return (i === 0 ? Math.round(b) : b.toFixed(1)) + ' ' + units[i];
  },
  /** A weight in the tree's unit ("samples", "nanoseconds" or "bytes"). */
  value(v, unit) {
    if (unit === 'nanoseconds') return ProfileFormat.nanos(v);
    if (unit === 'bytes') return ProfileFormat.bytes(v);
    return ProfileFormat.count(v);
  },
  percent(part, total) {
    return (total > 0 ? (part * 100) / total : 0).toFixed(1) + ' %';
  },
  /** Tracing trees carry exact call counts and nanosecond times on every node. */
  isTracing(profile) {
    const root = profile && profile.root;
    if (!root) return false;
    if (root.calls !== undefined) return true;
    return (root.children || []).some((c) => c.calls !== undefined);
  },
  /** A comparison of two profiles (the diff view) carries its base's weights. */
  isDiff(profile) {
    return !!(profile && profile.base && profile.root && profile.root.baseDeep !== undefined);
  },
  /** A change of share in percentage points, signed: "+12.5 pp". */
  points(delta) {
    return (delta > 0 ? '+' : delta < 0 ? '−' : '±') + Math.abs(delta).toFixed(1) + ' pp';
  },
  /** The package-less tail of a frame name: "a.b.Foo.bar" -> "Foo.bar". */
  shortName(name) {
    const paren = name.indexOf('(');
    const head = paren >= 0 ? name.slice(0, paren) : name;
    const dots = head.split('.');
    return dots.length > 2 ? dots.slice(-2).join('.') + name.slice(head.length) : name;
  },
};

class FlameGraph {
  /**
   * @param host element the graph fills (it scrolls vertically when the tree is deep)
   * @param options.onZoom called with the zoomed frame (null for the whole tree)
   */
  constructor(host, options = {}) {
    this.host = host;
    this.onZoom = options.onZoom || (() => {});
    this.rowHeight = 18;
    this.minWidth = 0.5; // frames narrower than this (CSS px) are not drawn
    this.root = null;
    this.zoomed = null;
    this.hovered = null;
    this.query = '';
    this.colors = new Map();

    FlameGraph.installStyle();
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'fg-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Flame graph');
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'fg-tooltip';
    this.tooltip.dataset.testid = 'flame-tooltip';
    this.tooltip.hidden = true;
    host.append(this.canvas);
    document.body.append(this.tooltip);

    this.pointer = null; // the last mouse position over the canvas, to keep hovering across updates
    this.canvas.addEventListener('mousemove', (e) => this.handleMove(e));
    this.canvas.addEventListener('mouseleave', () => {
      this.pointer = null;
      this.setHovered(null);
    });
    this.canvas.addEventListener('click', (e) => this.handleClick(e));
    // Redraw on resize, and when a hidden host becomes visible again.
    new ResizeObserver(() => this.draw()).observe(host);
  }

  static installStyle() {
    if (document.getElementById('fg-style')) return;
    const style = document.createElement('style');
    style.id = 'fg-style';
    style.textContent =
      '.fg-canvas{display:block;cursor:pointer}' +
      '.fg-tooltip{position:fixed;z-index:10;pointer-events:none;max-width:60em;padding:6px 8px;' +
      'background:#fffbe8;border:1px solid #c9b46a;border-radius:3px;font:12px/1.45 system-ui,sans-serif;' +
      'color:#222;box-shadow:0 2px 6px rgba(0,0,0,.2)}' +
      '.fg-tooltip b{display:block;font-family:ui-monospace,monospace;word-break:break-all;margin-bottom:2px}' +
      '.fg-tooltip table{border-collapse:collapse}.fg-tooltip td{padding:0 10px 0 0}' +
      '.fg-tooltip td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}';
    document.head.append(style);
  }

  /**
   * Shows a tree document ({unit, samples, root}). The zoomed frame and the search
   * survive, matched by their path of names, so live updates do not lose the view.
   */
  setProfile(profile) {
    const zoomPath = this.zoomed ? this.pathOf(this.zoomed) : null;
    this.profile = profile;
    this.tracing = ProfileFormat.isTracing(profile);
    this.diff = ProfileFormat.isDiff(profile);
    this.root = profile && profile.root ? this.build(profile.root) : null;
    this.zoomed = null;
    this.hovered = null;
    this.tooltip.hidden = true;
    if (zoomPath && this.root) this.zoomed = this.deepestFrameOn(zoomPath);
    if (this.zoomed === this.root) this.zoomed = null;
    const matches = this.applySearch();
    this.draw();
    this.onZoom(this.zoomed);
    if (this.pointer) this.handleMove(this.pointer); // the tooltip follows the new data
    return matches;
  }

  /**
   * Copies the JSON tree into frames that know their parent, depth and horizontal
   * offset (in weight units from the root's left edge). Children are ordered by name,
   * so a frame keeps its place from one live update to the next. Iterative: Java
   * stacks can be thousands of frames deep.
   */
  build(json) {
    const make = (node, parent, depth, start) => ({
      name: String(node.name),
      own: node.own || 0,
      deep: node.deep || 0,
      calls: node.calls,
      ownNanos: node.ownNanos,
      deepNanos: node.deepNanos,
      baseOwn: node.baseOwn,
      baseDeep: node.baseDeep,
      // Change of the frame's share of its profile's total, in percentage points.
      delta: node.baseDeep !== undefined ? (node.deepPercent || 0) - (node.baseDeepPercent || 0) : 0,
      parent,
      depth,
      start,
      maxDepth: depth,
      children: [],
      match: false,
    });
    const root = make(json, null, 0, 0);
    const pending = [[root, json]];
    const order = [];
    while (pending.length) {
      const [frame, node] = pending.pop();
      order.push(frame);
      const kids = (node.children || []).slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      let start = frame.start;
      for (const kid of kids) {
        const child = make(kid, frame, frame.depth + 1, start);
        start += child.deep;
        frame.children.push(child);
        pending.push([child, kid]);
      }
    }
    // Parents come before children in `order`: walk it backwards to lift maxDepth.
    for (let i = order.length - 1; i > 0; i--) {
      const f = order[i];
      if (f.maxDepth > f.parent.maxDepth) f.parent.maxDepth = f.maxDepth;
    }
    this.frames = order;
    // A differential graph's colours scale to its largest change, as flamegraph.pl's do.
    this.maxDelta = 0;
    for (let i = 1; i < order.length; i++) this.maxDelta = Math.max(this.maxDelta, Math.abs(order[i].delta));
    return root;
  }

  pathOf(frame) {
    const names = [];
    for (let f = frame; f; f = f.parent) names.push(f.name);
    return names.reverse();
  }

  /** The frame at a path of names (root first), or the deepest one that still exists. */
  deepestFrameOn(names) {
    let frame = this.root;
    if (!frame || names[0] !== frame.name) return frame;
    for (let i = 1; i < names.length; i++) {
      const next = frame.children.find((c) => c.name === names[i]);
      if (!next) break;
      frame = next;
    }
    return frame;
  }

  /** The frame at exactly this path of names, or null. */
  frameAtPath(names) {
    const frame = this.deepestFrameOn(names);
    return frame && frame.depth === names.length - 1 ? frame : null;
  }

  zoomTo(frame) {
    this.zoomed = frame && frame !== this.root ? frame : null;
    this.draw();
    this.onZoom(this.zoomed);
  }

  reset() {
    this.zoomTo(null);
  }

  /**
   * Highlights frames whose name contains the query (case-insensitive) and returns
   * {frames, weight, percent}: the weight counts nested matches once.
   */
  search(query) {
    this.query = (query || '').trim().toLowerCase();
    const result = this.applySearch();
    this.draw();
    return result;
  }

  applySearch() {
    const total = this.root ? this.root.deep : 0;
    let frames = 0;
    let weight = 0;
    for (const f of this.frames || []) {
      f.match = this.query !== '' && f.name.toLowerCase().includes(this.query);
      if (!f.match) continue;
      frames++;
      let counted = false;
      for (let a = f.parent; a && !counted; a = a.parent) counted = a.match;
      if (!counted) weight += f.deep;
    }
    return { frames, weight, percent: total > 0 ? (weight * 100) / total : 0 };
  }

  /** The frame whose descendants are drawn across the full width. */
  get base() {
    return this.zoomed || this.root;
  }

  /** Horizontal geometry in CSS pixels for the current zoom. */
  geometry() {
    const width = this.host.clientWidth;
    const base = this.base;
    return { width, scale: base && base.deep > 0 ? width / base.deep : 0, origin: base ? base.start : 0 };
  }

  /** {x, y, width, height} of a frame in canvas CSS pixels, or null when it is not drawn. */
  box(frame) {
    if (!frame || !this.root) return null;
    const { width, scale, origin } = this.geometry();
    const y = frame.depth * this.rowHeight;
    const base = this.base;
    if (frame.depth < base.depth) {
      // An ancestor of the zoomed frame: drawn across the full width.
      let a = base;
      while (a.depth > frame.depth) a = a.parent;
      return a === frame ? { x: 0, y, width, height: this.rowHeight } : null;
    }
    let a = frame;
    while (a.depth > base.depth) a = a.parent;
    if (a !== base) return null;
    const w = frame.deep * scale;
    if (w < this.minWidth) return null;
    return { x: (frame.start - origin) * scale, y, width: w, height: this.rowHeight };
  }

  /** The frame under a point in canvas CSS pixels, or null. */
  frameAt(x, y) {
    if (!this.root) return null;
    const depth = Math.floor(y / this.rowHeight);
    const base = this.base;
    if (depth < 0) return null;
    if (depth < base.depth) {
      let a = base;
      while (a.depth > depth) a = a.parent;
      return a;
    }
    const { scale, origin } = this.geometry();
    if (scale === 0) return null;
    const at = origin + x / scale;
    let frame = base;
    if (at < frame.start || at >= frame.start + frame.deep) return null;
    while (frame.depth < depth) {
      const next = frame.children.find((c) => at >= c.start && at < c.start + c.deep);
      if (!next) return null;
      frame = next;
    }
    return frame;
  }

  draw() {
    const canvas = this.canvas;
    const width = this.host.clientWidth;
    if (width === 0) return; // hidden; the ResizeObserver redraws when shown
    const rows = this.root ? this.base.maxDepth + 1 : 0;
    const height = Math.max(rows * this.rowHeight, 1);
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.drawn = 0;
    if (!this.root || this.root.deep <= 0) return;
    ctx.font = '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    ctx.textBaseline = 'middle';
    this.charWidth = ctx.measureText('m').width;

    const base = this.base;
    for (let a = base.parent; a; a = a.parent) this.drawFrame(ctx, a, 0, width, true);
    const { scale, origin } = this.geometry();
    const pending = [base];
    while (pending.length) {
      const f = pending.pop();
      const w = f.deep * scale;
      if (w < this.minWidth) continue; // its children are narrower still
      this.drawFrame(ctx, f, (f.start - origin) * scale, w, false);
      for (const c of f.children) pending.push(c);
    }
    if (this.hovered) {
      const b = this.box(this.hovered);
      if (b) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 1;
        ctx.strokeRect(b.x + 0.5, b.y + 0.5, Math.max(b.width - 1, 1), b.height - 2);
      }
    }
  }

  drawFrame(ctx, f, x, w, ancestor) {
    const y = f.depth * this.rowHeight;
    const h = this.rowHeight - 1;
    ctx.fillStyle = this.fillOf(f);
    ctx.globalAlpha = ancestor ? 0.55 : 1;
    ctx.fillRect(x, y, Math.max(w - (w > 2 ? 1 : 0), this.minWidth), h);
    ctx.globalAlpha = 1;
    this.drawn++;
    if (w < 3 * this.charWidth + 6) return;
    const label = this.fitLabel(f.name, Math.floor((w - 6) / this.charWidth));
    ctx.fillStyle = '#000';
    ctx.fillText(label, x + 3, y + h / 2 + 1);
  }

  /** The whole name if it fits, else without its package, else cut with an ellipsis. */
  fitLabel(name, chars) {
    if (name.length <= chars) return name;
    const short = ProfileFormat.shortName(name);
    if (short.length <= chars) return short;
    return short.slice(0, Math.max(chars - 1, 1)) + '…';
  }

  /**
   * The fill of a frame: search matches stand out; in a differential graph red where its
   * share grew, blue where it shrank, paler the smaller the change; else its name's colour.
   */
  fillOf(f) {
    if (f.match) return '#d34ad0';
    if (!f.parent) return '#d8d4cc';
    if (!this.diff) return this.colorOf(f.name);
    const strength = this.maxDelta > 0 ? Math.min(1, Math.abs(f.delta) / this.maxDelta) : 0;
    if (strength < 0.01) return 'hsl(0, 0%, 88%)';
    const lightness = Math.round(92 - strength * 42);
    return f.delta > 0 ? `hsl(0, 85%, ${lightness}%)` : `hsl(220, 85%, ${lightness}%)`;
  }

  /** A stable warm colour per name; native, kernel and folded frames stand apart. */
  colorOf(name) {
    let color = this.colors.get(name);
    if (color) return color;
    let hash = 0;
    for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
    const jitter = (hash >>> 0) % 1000 / 1000;
    if (name === '[truncated]') color = '#c8c8c8';
    else if (name.endsWith('_[k]')) color = `hsl(${200 + jitter * 20}, 45%, ${62 + jitter * 10}%)`; // kernel
    else if (!name.includes('.') || name.startsWith('[')) color = `hsl(${80 + jitter * 30}, 45%, ${55 + jitter * 10}%)`; // native
    else color = `hsl(${10 + jitter * 40}, ${75 + jitter * 15}%, ${58 + jitter * 10}%)`;
    this.colors.set(name, color);
    return color;
  }

  handleMove(e) {
    this.pointer = { clientX: e.clientX, clientY: e.clientY };
    const r = this.canvas.getBoundingClientRect();
    const frame = this.frameAt(e.clientX - r.left, e.clientY - r.top);
    this.setHovered(frame, e.clientX, e.clientY);
  }

  handleClick(e) {
    const r = this.canvas.getBoundingClientRect();
    const frame = this.frameAt(e.clientX - r.left, e.clientY - r.top);
    if (frame) this.zoomTo(frame);
  }

  setHovered(frame, clientX, clientY) {
    const changed = frame !== this.hovered;
    this.hovered = frame;
    if (!frame) {
      this.tooltip.hidden = true;
    } else {
      if (changed) this.tooltip.innerHTML = this.describe(frame);
      this.tooltip.hidden = false;
      const pad = 14;
      const tw = this.tooltip.offsetWidth;
      const th = this.tooltip.offsetHeight;
      const left = clientX + pad + tw > window.innerWidth ? Math.max(clientX - pad - tw, 0) : clientX + pad;
      const top = clientY + pad + th > window.innerHeight ? Math.max(clientY - pad - th, 0) : clientY + pad;
      this.tooltip.style.left = left + 'px';
      this.tooltip.style.top = top + 'px';
    }
    if (changed) this.draw();
  }

  /** Tooltip HTML: name, OWN, DEEP and share of the total; tracing adds calls and times. */
  describe(f) {
    const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
    const unit = this.profile.unit;
    const total = this.root.deep;
    const rows = [];
    if (this.tracing) {
      const calls = f.calls || 0;
      const ownNs = f.ownNanos !== undefined ? f.ownNanos : f.own;
      const deepNs = f.deepNanos !== undefined ? f.deepNanos : f.deep;
      const perCall = (ns) => (calls > 0 ? ProfileFormat.nanos(ns / calls) + ' / call' : '');
      rows.push(['CALLS', ProfileFormat.count(calls), '']);
      rows.push(['OWN', ProfileFormat.nanos(ownNs), perCall(ownNs)]);
      rows.push(['DEEP', ProfileFormat.nanos(deepNs), perCall(deepNs)]);
    } else if (this.diff) {
      const baseTotal = this.root.baseDeep;
      rows.push(['', 'now', 'base']);
      rows.push(['OWN', ProfileFormat.value(f.own, unit), ProfileFormat.value(f.baseOwn || 0, unit)]);
      rows.push(['DEEP', ProfileFormat.value(f.deep, unit), ProfileFormat.value(f.baseDeep || 0, unit)]);
      rows.push(['% of total', ProfileFormat.percent(f.deep, total), ProfileFormat.percent(f.baseDeep || 0, baseTotal)]);
      rows.push(['change', ProfileFormat.points(f.delta), '']);
      return '<b>' + esc(f.name) + '</b><table>' +
        rows.map((r) => '<tr><td>' + r.map(esc).join('</td><td>') + '</td></tr>').join('') + '</table>';
    } else {
      rows.push(['OWN', ProfileFormat.value(f.own, unit), ProfileFormat.percent(f.own, total)]);
      rows.push(['DEEP', ProfileFormat.value(f.deep, unit), ProfileFormat.percent(f.deep, total)]);
    }
    rows.push(['% of total', ProfileFormat.percent(f.deep, total), '']);
    return '<b>' + esc(f.name) + '</b><table>' +
      rows.map((r) => '<tr><td>' + r.map(esc).join('</td><td>') + '</td></tr>').join('') + '</table>';
  }
}
