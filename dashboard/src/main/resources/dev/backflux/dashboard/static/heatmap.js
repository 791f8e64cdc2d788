// Heatmaps of each weight matrix syn k and of its latest update, on a diverging scale centred on 0 (red below,
// blue above, the same as the network's connections). Full steps give the matrices themselves; summary steps give
// them reduced to at most 32 x 32 blocks (each the block's mean).
import { html, fmt, full, isNumber, diverging, darkOn, maxAbs, layerName } from './format.js';

const SIDE = 220;

export class HeatmapView {
  /**
   * @param {HTMLElement} root
   * @param {(weight: {k: number, from: number, to: number}) => void} onPick
   */
  constructor(root, onPick) {
    this.root = root;
    this.onPick = onPick;
    this.key = null;
    this.figures = [];
  }

  clear(message) {
    this.key = null;
    this.figures = [];
    this.root.replaceChildren();
    if (message) {
      html('p', { className: 'placeholder-text', text: message }, this.root);
    }
  }

  render(step) {
    if (!step) {
      this.clear('waiting for the first step');
      return;
    }
    const maps = [];
    if (step.detail === 'full') {
      step.weights.forEach((w, k) => {
        maps.push({ k, kind: 'weights', rows: w, exact: true, size: [w.length, (w[0] ?? []).length] });
        maps.push({ k, kind: 'update', rows: step.updates[k], exact: true, size: [w.length, (w[0] ?? []).length] });
      });
    } else {
      step.weightSummaries.forEach((w, k) => {
        maps.push({ k, kind: 'weights', rows: w.heatmap, exact: false, size: [w.rows, w.columns] });
        maps.push({ k, kind: 'update', rows: w.updateHeatmap, exact: false, size: [w.rows, w.columns] });
      });
    }
    const key = maps.map((m) => `${m.k}:${m.kind}:${m.rows.length}x${(m.rows[0] ?? []).length}:${m.exact}`).join('|');
    if (key !== this.key) {
      this.build(maps);
      this.key = key;
    }
    maps.forEach((m, i) => this.draw(this.figures[i], m));
  }

  build(maps) {
    this.root.replaceChildren();
    this.figures = [];
    let group = null;
    for (const m of maps) {
      if (m.kind === 'weights') {
        group = html('div', { className: 'heatmap-group' }, this.root);
        html('h3', { text: `syn${m.k}: ${layerName(m.k)} → ${layerName(m.k + 1)}` }, group);
        html('div', { className: 'heatmap-pair' }, group);
      }
      const pair = group.lastElementChild;
      const figure = html('figure', {
        className: 'heatmap',
        attributes: { 'data-role': 'heatmap', 'data-matrix': m.k, 'data-kind': m.kind },
      }, pair);
      const caption = html('figcaption', {}, figure);
      html('span', {
        className: 'heatmap-name',
        text: m.kind === 'weights' ? `syn${m.k}` : `syn${m.k} update: np.dot(${layerName(m.k)}.T, ${layerName(m.k + 1)}_delta)`,
      }, caption);
      const cells = [m.rows.length, (m.rows[0] ?? []).length];
      const cell = Math.max(5, Math.min(44, Math.floor(SIDE / Math.max(cells[0], cells[1], 1))));
      const canvas = html('canvas', {
        attributes: { role: 'img', 'aria-label': `heatmap of syn${m.k}${m.kind === 'update' ? ' update' : ''}` },
      }, figure);
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(cells[1] * cell * dpr);
      canvas.height = Math.round(cells[0] * cell * dpr);
      canvas.style.width = `${cells[1] * cell}px`;
      canvas.style.height = `${cells[0] * cell}px`;
      const axes = html('p', {
        className: 'heatmap-axes muted',
        text: `rows: ${layerName(m.k)} units (${m.size[0]}), columns: ${layerName(m.k + 1)} units (${m.size[1]})`
          + (m.exact ? '' : ', block means'),
      }, figure);
      const scale = html('div', { className: 'scale' }, figure);
      const low = html('span', { className: 'scale-end' }, scale);
      html('span', { className: 'scale-bar', attributes: { 'aria-hidden': 'true' } }, scale);
      const high = html('span', { className: 'scale-end' }, scale);
      const state = { canvas, cell, cells, dpr, low, high, axes, m, scaleMax: 1 };
      canvas.addEventListener('mousemove', (event) => this.hover(state, event));
      canvas.addEventListener('click', (event) => {
        const at = this.cellAt(state, event);
        if (at && state.m.exact) {
          this.onPick({ k: state.m.k, from: at.row, to: at.column });
        }
      });
      canvas.classList.toggle('pickable', m.exact);
      this.figures.push(state);
    }
  }

  cellAt(state, event) {
    const rect = state.canvas.getBoundingClientRect();
    const column = Math.floor((event.clientX - rect.left) / state.cell);
    const row = Math.floor((event.clientY - rect.top) / state.cell);
    if (row < 0 || column < 0 || row >= state.cells[0] || column >= state.cells[1]) {
      return null;
    }
    return { row, column };
  }

  hover(state, event) {
    const at = this.cellAt(state, event);
    if (!at) {
      return;
    }
    const m = state.m;
    const v = m.rows[at.row]?.[at.column];
    const name = m.kind === 'weights' ? `syn${m.k}` : `update of syn${m.k}`;
    if (m.exact) {
      state.canvas.title = `${name}[${at.row}][${at.column}] = ${full(v)}: click for this weight's story`;
    } else {
      const r0 = Math.floor(at.row * m.size[0] / state.cells[0]);
      const r1 = Math.floor((at.row + 1) * m.size[0] / state.cells[0]) - 1;
      const c0 = Math.floor(at.column * m.size[1] / state.cells[1]);
      const c1 = Math.floor((at.column + 1) * m.size[1] / state.cells[1]) - 1;
      state.canvas.title = `${name}[${r0}..${r1}][${c0}..${c1}]: mean ${fmt(v, 6)}`;
    }
  }

  draw(state, m) {
    state.m = m;
    const { canvas, cell, dpr } = state;
    const context = canvas.getContext('2d');
    const scale = maxAbs(m.rows) || 1;
    state.scaleMax = scale;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    m.rows.forEach((row, r) => row.forEach((v, c) => {
      const t = isNumber(v) ? v / scale : null;
      context.fillStyle = diverging(t);
      context.fillRect(c * cell, r * cell, cell, cell);
      if (cell >= 34) {
        context.fillStyle = darkOn(t) ? '#ffffff' : '#0f172a';
        context.fillText(fmt(v, 2), c * cell + cell / 2, r * cell + cell / 2);
      }
    }));
    if (cell >= 10) {
      context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      context.lineWidth = 1;
      for (let r = 1; r < state.cells[0]; r++) {
        context.beginPath();
        context.moveTo(0, r * cell);
        context.lineTo(state.cells[1] * cell, r * cell);
        context.stroke();
      }
      for (let c = 1; c < state.cells[1]; c++) {
        context.beginPath();
        context.moveTo(c * cell, 0);
        context.lineTo(c * cell, state.cells[0] * cell);
        context.stroke();
      }
    }
    state.low.textContent = fmt(-scale, 3);
    state.high.textContent = `+${fmt(scale, 3)}`;
    canvas.dataset.max = full(scale);
  }
}
