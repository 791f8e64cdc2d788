// The network as SVG: units coloured by their value for the chosen example, connections coloured by the
// weight's sign (blue positive, red negative) and as wide as its size. Each connection has a wide transparent
// hit path carrying data-k, data-from and data-to: clicking it asks for that weight's story.
import {
  svg, fmt, full, isNumber, diverging, darkOn, POSITIVE, NEGATIVE, maxAbs, layerName,
} from './format.js';

const WIDTH = 720;
export const HIT_WIDTH = 10;
/** Above these, the network is drawn layer by layer instead of unit by unit. */
const MAX_DRAWN_UNITS = 48;
const MAX_DRAWN_CONNECTIONS = 1200;

/** Distance from point p to the segment a-b. */
function distance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  let t = length2 === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
  t = Math.max(0, Math.min(1, t));
  const x = a.x + t * dx - p.x;
  const y = a.y + t * dy - p.y;
  return Math.sqrt(x * x + y * y);
}


/** The smallest gap between two sums a_i + b_j of two layers' spacings: how far apart the midpoints stay. */
function separation(nA, sA, nB, sB) {
  let least = Infinity;
  for (let di = -(nA - 1); di <= nA - 1; di++) {
    for (let dj = -(nB - 1); dj <= nB - 1; dj++) {
      if (di !== 0 || dj !== 0) {
        least = Math.min(least, Math.abs(di * sA + dj * sB));
      }
    }
  }
  return least;
}

/**
 * Positions of the units and the order of the hit paths, for these layer sizes. Each layer's spacing is chosen
 * so that no two connections between neighbouring layers have nearby midpoints (where a click on one lands).
 */
export function layoutOf(sizes) {
  const most = Math.max(...sizes);
  const height = Math.max(240, Math.min(640, most * 60 + 80));
  const top = 34;
  const bottom = height - 40;
  const left = 70;
  const right = WIDTH - 90;
  const columns = sizes.length;
  const usable = bottom - top;
  const spacings = [];
  sizes.forEach((n, k) => {
    const widest = usable / n;
    if (k === 0) {
      spacings.push(widest);
      return;
    }
    let best = widest;
    let bestScore = -1;
    for (let f = 1; f >= 0.45; f -= 0.01) {
      const s = widest * f;
      const score = separation(sizes[k - 1], spacings[k - 1], n, s);
      if (score > bestScore + 0.5) {
        best = s;
        bestScore = score;
      }
    }
    spacings.push(best);
  });
  const units = sizes.map((n, k) => {
    const x = columns === 1 ? WIDTH / 2 : left + (right - left) * k / (columns - 1);
    const middle = (top + bottom) / 2;
    return Array.from({ length: n }, (_, i) => ({ x, y: middle + (i - (n - 1) / 2) * spacings[k] }));
  });
  const radius = Math.max(5, Math.min(19, Math.min(...spacings) * 0.36));
  const connections = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    for (let from = 0; from < sizes[k]; from++) {
      for (let to = 0; to < sizes[k + 1]; to++) {
        const a = units[k][from];
        const b = units[k + 1][to];
        connections.push({ k, from, to, a, b, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } });
      }
    }
  }
  return { height, units, radius, connections, order: hitOrder(connections) };
}

/**
 * An order of the hit paths in which each is above every other whose hit area covers its midpoint, where a
 * click on it lands: a topological order (Kahn), cycles broken by the original order.
 */
export function hitOrder(connections) {
  const n = connections.length;
  const before = connections.map(() => []);
  const after = connections.map(() => 0);
  const reach = HIT_WIDTH / 2 + 1.5;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && connections[i].k === connections[j].k
          && distance(connections[i].mid, connections[j].a, connections[j].b) < reach) {
        before[j].push(i); // j must be drawn before i
        after[i]++;
      }
    }
  }
  const order = [];
  const done = new Array(n).fill(false);
  const ready = [];
  for (let i = 0; i < n; i++) {
    if (after[i] === 0) {
      ready.push(i);
    }
  }
  while (order.length < n) {
    if (!ready.length) {
      ready.push(done.findIndex((d) => !d));
    }
    const i = ready.shift();
    if (done[i]) {
      continue;
    }
    done[i] = true;
    order.push(i);
    for (const later of before[i]) {
      after[later]--;
      if (after[later] === 0 && !done[later]) {
        ready.push(later);
      }
    }
  }
  // Each hit path is made thin enough to miss the midpoints of those drawn before it (no thinner than 3 px).
  const ordered = order.map((i) => connections[i]);
  ordered.forEach((c, i) => {
    let half = HIT_WIDTH / 2;
    for (let j = 0; j < i; j++) {
      if (ordered[j].k === c.k) {
        half = Math.min(half, distance(ordered[j].mid, c.a, c.b) - 0.75);
      }
    }
    c.hitWidth = Math.max(3, 2 * half);
  });
  return ordered;
}

export class NetworkView {
  /**
   * @param {SVGSVGElement} root
   * @param {(weight: {k: number, from: number, to: number}) => void} onPick
   */
  constructor(root, onPick) {
    this.root = root;
    this.onPick = onPick;
    this.key = null;
    this.selected = null;
    root.addEventListener('click', (event) => {
      const hit = event.target.closest('[data-k]');
      if (hit) {
        this.onPick({ k: Number(hit.dataset.k), from: Number(hit.dataset.from), to: Number(hit.dataset.to) });
      }
    });
    root.addEventListener('keydown', (event) => {
      const hit = event.target.closest('[data-k]');
      if (hit && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.onPick({ k: Number(hit.dataset.k), from: Number(hit.dataset.from), to: Number(hit.dataset.to) });
      }
    });
    root.addEventListener('pointerover', (event) => this.hover(event, true));
    root.addEventListener('pointerout', (event) => this.hover(event, false));
  }

  hover(event, on) {
    const hit = event.target.closest ? event.target.closest('[data-k]') : null;
    if (hit && this.edges) {
      const edge = this.edges.get(`${hit.dataset.k}/${hit.dataset.from}/${hit.dataset.to}`);
      if (edge) {
        edge.line.classList.toggle('hover', on);
      }
    }
  }

  clear(message) {
    this.key = null;
    this.edges = null;
    this.root.replaceChildren();
    this.root.setAttribute('viewBox', `0 0 ${WIDTH} 120`);
    this.root.dataset.detail = 'none';
    if (message) {
      svg('text', { x: WIDTH / 2, y: 64, 'text-anchor': 'middle', class: 'placeholder' }, this.root).textContent = message;
    }
  }

  /** Draws a step; example is the example whose values colour the units. */
  render(step, example, selected, targets) {
    this.selected = selected;
    if (!step) {
      this.clear('waiting for the first step');
      return;
    }
    if (step.detail === 'full' && this.drawable(step)) {
      this.renderFull(step, example, targets);
    } else {
      this.renderSummary(step);
    }
  }

  drawable(step) {
    const sizes = step.layers.map((layer) => (layer[0] ?? []).length);
    let connections = 0;
    for (let k = 0; k + 1 < sizes.length; k++) {
      connections += sizes[k] * sizes[k + 1];
    }
    return sizes.every((n) => n <= MAX_DRAWN_UNITS) && connections <= MAX_DRAWN_CONNECTIONS;
  }

  build(sizes) {
    const layout = layoutOf(sizes);
    const root = this.root;
    root.replaceChildren();
    root.setAttribute('viewBox', `0 0 ${WIDTH} ${layout.height}`);
    root.dataset.detail = 'full';
    const labels = svg('g', { class: 'layer-labels' }, root);
    const last = sizes.length - 1;
    layout.units.forEach((layer, k) => {
      const text = svg('text', { x: layer[0].x, y: 18, 'text-anchor': 'middle', class: 'layer-label' }, labels);
      text.textContent = k === 0 ? 'l0 (input)' : k === last ? `${layerName(k)} (output)` : layerName(k);
      if (k < last) {
        const x = (layer[0].x + layout.units[k + 1][0].x) / 2;
        const syn = svg('text', { x, y: layout.height - 12, 'text-anchor': 'middle', class: 'syn-label' }, labels);
        syn.textContent = `syn${k}`;
      }
    });
    const halo = svg('g', { class: 'halo' }, root);
    const edgeGroup = svg('g', { class: 'edges' }, root);
    const hitGroup = svg('g', { class: 'hits' }, root);
    const unitGroup = svg('g', { class: 'units' }, root);
    this.haloLine = svg('line', { class: 'halo-line', visibility: 'hidden' }, halo);
    this.edges = new Map();
    for (const c of layout.connections) {
      const line = svg('line', {
        class: 'edge', x1: c.a.x, y1: c.a.y, x2: c.b.x, y2: c.b.y, 'stroke-linecap': 'round',
      }, edgeGroup);
      this.edges.set(`${c.k}/${c.from}/${c.to}`, { line, c });
    }
    for (const c of layout.order) {
      const hit = svg('path', {
        class: 'hit',
        d: `M ${c.a.x} ${c.a.y} L ${c.b.x} ${c.b.y}`,
        'stroke-width': c.hitWidth.toFixed(1),
        tabindex: 0,
        role: 'button',
        'data-k': c.k,
        'data-from': c.from,
        'data-to': c.to,
      }, hitGroup);
      const title = svg('title', {}, hit);
      this.edges.get(`${c.k}/${c.from}/${c.to}`).hit = hit;
      this.edges.get(`${c.k}/${c.from}/${c.to}`).title = title;
    }
    this.units = layout.units.map((layer, k) => layer.map((u, i) => {
      const group = svg('g', { class: 'unit', 'data-layer': k, 'data-unit': i }, unitGroup);
      const circle = svg('circle', { cx: u.x, cy: u.y, r: layout.radius }, group);
      const value = svg('text', {
        x: u.x, y: u.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', class: 'unit-value',
      }, group);
      if (layout.radius < 11) {
        value.setAttribute('visibility', 'hidden');
      }
      let target = null;
      if (k === last) {
        target = svg('text', { x: u.x + layout.radius + 8, y: u.y, 'dominant-baseline': 'central', class: 'target' },
          group);
      }
      const title = svg('title', {}, group);
      return { group, circle, value, target, title };
    }));
    this.layoutSizes = sizes;
  }

  renderFull(step, example, targets) {
    const sizes = step.layers.map((layer) => (layer[0] ?? []).length);
    const key = `full:${sizes.join(',')}`;
    if (key !== this.key) {
      this.build(sizes);
      this.key = key;
    }
    const e = Math.min(example, step.layers[0].length - 1);
    let largest = 0;
    for (const w of step.weights) {
      largest = Math.max(largest, maxAbs(w));
    }
    largest = largest || 1;
    for (const { line, hit, title, c } of this.edges.values()) {
      const w = step.weights[c.k]?.[c.from]?.[c.to];
      const width = isNumber(w) ? 0.6 + 7.4 * Math.sqrt(Math.abs(w) / largest) : 1;
      line.setAttribute('stroke', isNumber(w) ? (w >= 0 ? POSITIVE : NEGATIVE) : '#94a3b8');
      line.setAttribute('stroke-width', width.toFixed(2));
      hit.dataset.weight = full(w);
      hit.dataset.sign = isNumber(w) ? (w >= 0 ? 'positive' : 'negative') : 'none';
      title.textContent = `syn${c.k}[${c.from}][${c.to}] = ${fmt(w, 6)}: click for this weight's story`;
    }
    const last = sizes.length - 1;
    this.units.forEach((layer, k) => {
      const values = step.layers[k][e] ?? [];
      const scale = Math.max(1, ...values.filter(isNumber).map(Math.abs));
      layer.forEach((unit, i) => {
        const v = values[i];
        unit.circle.setAttribute('fill', diverging(isNumber(v) ? v / scale : null));
        unit.value.textContent = short(v);
        unit.value.classList.toggle('light', darkOn(isNumber(v) ? v / scale : null));
        unit.group.dataset.value = full(v);
        // Part 3's dropout: a unit dropped for this example in this step.
        const dropped = step.masks?.[k]?.[e]?.[i] === 0;
        unit.group.classList.toggle('dropped', dropped);
        unit.group.dataset.dropped = String(dropped);
        let text = `${layerName(k)}[${e}][${i}] = ${fmt(v, 6)}${dropped ? ', dropped by dropout in this step' : ''}`;
        if (k === last && targets && isNumber(targets[e]?.[i])) {
          unit.target.textContent = `y = ${fmt(targets[e][i], 3)}`;
          text += `, target y = ${fmt(targets[e][i], 6)}`;
        }
        unit.title.textContent = text;
      });
    });
    this.highlight();
  }

  highlight() {
    if (!this.edges) {
      return;
    }
    for (const { line, hit } of this.edges.values()) {
      line.classList.remove('selected');
      hit.removeAttribute('aria-pressed');
    }
    const s = this.selected;
    const edge = s ? this.edges.get(`${s.k}/${s.from}/${s.to}`) : null;
    if (edge) {
      edge.line.classList.add('selected');
      edge.hit.setAttribute('aria-pressed', 'true');
      for (const [name, value] of [['x1', edge.c.a.x], ['y1', edge.c.a.y], ['x2', edge.c.b.x], ['y2', edge.c.b.y]]) {
        this.haloLine.setAttribute(name, value);
      }
      this.haloLine.setAttribute('visibility', 'visible');
    } else {
      this.haloLine.setAttribute('visibility', 'hidden');
    }
  }

  /** A large network, layer by layer: each layer's units and the spread of its values; each matrix's size. */
  renderSummary(step) {
    const layers = step.detail === 'full'
      ? step.layers.map((layer, k) => ({ units: (layer[0] ?? []).length, examples: layer.length, values: stats(layer),
        k }))
      : step.layerSummaries.map((s, k) => ({ units: s.units, examples: s.examples, values: s.values, k }));
    const weights = step.detail === 'full'
      ? step.weights.map((w) => ({ rows: w.length, columns: (w[0] ?? []).length, values: stats(w) }))
      : step.weightSummaries.map((w) => ({ rows: w.rows, columns: w.columns, values: w.values }));
    const key = `summary:${layers.map((l) => l.units).join(',')}`;
    const height = 260;
    if (key !== this.key) {
      this.key = key;
      this.edges = null;
      this.root.replaceChildren();
      this.root.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
      this.root.dataset.detail = 'summary';
    }
    const root = this.root;
    root.replaceChildren();
    const left = 80;
    const right = WIDTH - 80;
    const xs = layers.map((_, k) => (layers.length === 1 ? WIDTH / 2 : left + (right - left) * k / (layers.length - 1)));
    const boxWidth = 100;
    weights.forEach((w, k) => {
      const mean = w.values?.mean;
      const spread = Math.max(Math.abs(w.values?.min ?? 0), Math.abs(w.values?.max ?? 0), 1e-300);
      const band = svg('rect', {
        x: xs[k] + boxWidth / 2, y: 100, width: Math.max(0, xs[k + 1] - xs[k] - boxWidth), height: 60,
        fill: diverging(isNumber(mean) ? mean / spread : null), 'fill-opacity': 0.5, class: 'syn-band',
      }, root);
      svg('title', {}, band).textContent = `syn${k}: ${w.rows}×${w.columns}, min ${fmt(w.values?.min, 4)},`
        + ` mean ${fmt(mean, 4)}, max ${fmt(w.values?.max, 4)}, norm ${fmt(w.values?.norm, 4)}`;
      const middle = (xs[k] + xs[k + 1]) / 2;
      svg('text', { x: middle, y: 126, 'text-anchor': 'middle', class: 'syn-label' }, root).textContent = `syn${k}`;
      svg('text', { x: middle, y: 142, 'text-anchor': 'middle', class: 'small-label' }, root)
        .textContent = `${w.rows}×${w.columns}`;
    });
    layers.forEach((layer, k) => {
      const g = svg('g', { class: 'layer-box', 'data-layer': k }, root);
      svg('rect', { x: xs[k] - boxWidth / 2, y: 40, width: boxWidth, height: 180, rx: 10 }, g);
      const title = svg('text', { x: xs[k], y: 62, 'text-anchor': 'middle', class: 'layer-label' }, g);
      title.textContent = `${layerName(k)}: ${layer.units} units`;
      const histogram = layer.values?.histogram ?? [];
      const most = Math.max(1, ...histogram);
      const barWidth = (boxWidth - 16) / Math.max(1, histogram.length);
      histogram.forEach((n, i) => {
        const h = 100 * n / most;
        svg('rect', { x: xs[k] - boxWidth / 2 + 8 + i * barWidth, y: 180 - h, width: Math.max(1, barWidth - 0.5),
          height: h, class: 'bar' }, g);
      });
      const range = svg('text', { x: xs[k], y: 204, 'text-anchor': 'middle', class: 'small-label' }, g);
      range.textContent = `${fmt(layer.values?.min, 2)} … ${fmt(layer.values?.max, 2)}`;
    });
    const note = svg('text', { x: WIDTH / 2, y: height - 14, 'text-anchor': 'middle', class: 'small-label' }, root);
    note.textContent = 'Too many units to draw one by one: each layer shows the spread of its values. Pick a weight by number in its story.';
  }
}

/** A unit's value inside its circle: two decimals (its title has every digit). */
function short(v) {
  if (!isNumber(v)) {
    return '—';
  }
  if (Number.isInteger(v) && Math.abs(v) < 1000) {
    return String(v);
  }
  if (Math.abs(v) < 10) {
    const text = v.toFixed(2);
    return text === '-0.00' ? '0.00' : text;
  }
  return fmt(v, 2);
}

/** min, max, mean, norm and a 32-bin histogram of a matrix, like the server's summaries. */
function stats(rows) {
  const values = rows.flat().filter(isNumber);
  if (!values.length) {
    return { min: null, max: null, mean: null, norm: null, histogram: [] };
  }
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    squares += v * v;
  }
  const histogram = new Array(32).fill(0);
  const width = (max - min) / 32;
  for (const v of values) {
    histogram[width > 0 ? Math.min(31, Math.floor((v - min) / width)) : 0]++;
  }
  return { min, max, mean: sum / values.length, norm: Math.sqrt(squares), histogram };
}
