// The numbers of one example, layer by layer, with the tutorial's names: l1, l1_error, nonlin(l1,True), l1_delta.
import { html, fmt, full, isNumber, layerName } from './format.js';

const MAX_ROWS = 16;

export class LayerTable {
  constructor(root) {
    this.root = root;
  }

  render(step, example, targets, confidentBelow) {
    const root = this.root;
    root.replaceChildren();
    if (!step) {
      html('p', { className: 'placeholder-text', text: 'waiting for the first step' }, root);
      return;
    }
    if (step.detail !== 'full') {
      this.summary(step);
      return;
    }
    const e = Math.min(example, step.layers[0].length - 1);
    const inputs = step.layers[0][e] ?? [];
    const last = step.layers.length - 1;
    const intro = html('p', { className: 'example-line' }, root);
    html('span', { className: 'label', text: `example ${e}: l0 = ` }, intro);
    html('span', { className: 'mono', text: `[${inputs.map((v) => fmt(v, 3)).join(', ')}]` }, intro);
    if (targets && targets[e]) {
      html('span', { className: 'label', text: ' · y = ' }, intro);
      html('span', { className: 'mono', text: `[${targets[e].map((v) => fmt(v, 3)).join(', ')}]` }, intro);
    }
    for (let k = 1; k <= last; k++) {
      const l = layerName(k);
      const block = html('div', { className: 'layer-block', attributes: { 'data-layer': k } }, root);
      html('h3', {
        text: k === 1 ? `${l} = nonlin(np.dot(l0, syn0))` : `${l} = nonlin(np.dot(${layerName(k - 1)}, syn${k - 1}))`,
      }, block);
      html('p', {
        className: 'formula muted',
        text: k === last
          ? `${l}_error = y - ${l} · ${l}_delta = ${l}_error * nonlin(${l},True)`
          : `${l}_error = ${layerName(k + 1)}_delta.dot(syn${k}.T) · ${l}_delta = ${l}_error * nonlin(${l},True)`,
      }, block);
      const scroll = html('div', { className: 'table-scroll' }, block);
      const table = html('table', { className: 'numbers' }, scroll);
      const head = html('tr', {}, html('thead', {}, table));
      for (const [title, sub] of [['unit', ''], [l, ''], [`${l}_error`, ''], [`nonlin(${l},True)`, 'the slope'],
        [`${l}_delta`, ''], ['', '']]) {
        const th = html('th', { attributes: { scope: 'col' } }, head);
        html('span', { text: title }, th);
        if (sub) {
          html('span', { className: 'sub', text: sub }, th);
        }
      }
      const body = html('tbody', {}, table);
      const values = step.layers[k][e] ?? [];
      const shown = Math.min(values.length, MAX_ROWS);
      for (let j = 0; j < shown; j++) {
        const slope = step.slopes[k]?.[e]?.[j];
        const row = html('tr', { attributes: { 'data-unit': j } }, body);
        html('th', { text: String(j), attributes: { scope: 'row' } }, row);
        for (const v of [values[j], step.errors[k]?.[e]?.[j], slope, step.deltas[k]?.[e]?.[j]]) {
          html('td', { text: fmt(v, 4), attributes: { title: full(v) } }, row);
        }
        const confident = isNumber(slope) && isNumber(confidentBelow) && Math.abs(slope) < confidentBelow;
        html('td', {
          className: `verdict ${confident ? 'confident' : 'wishy-washy'}`,
          text: !isNumber(confidentBelow) ? '' : confident ? 'confident' : 'wishy-washy',
        }, row);
      }
      if (values.length > shown) {
        html('p', { className: 'muted', text: `… and ${values.length - shown} more units` }, block);
      }
    }
  }

  summary(step) {
    const root = this.root;
    html('p', {
      className: 'muted',
      text: 'A large network: each layer summarised over every example and unit.',
    }, root);
    const table = html('table', { className: 'numbers' }, html('div', { className: 'table-scroll' }, root));
    const head = html('tr', {}, html('thead', {}, table));
    for (const title of ['layer', 'examples × units', 'min', 'mean', 'max', 'mean delta']) {
      html('th', { text: title, attributes: { scope: 'col' } }, head);
    }
    const body = html('tbody', {}, table);
    step.layerSummaries.forEach((s, k) => {
      const row = html('tr', {}, body);
      html('th', { text: layerName(k), attributes: { scope: 'row' } }, row);
      html('td', { text: `${s.examples} × ${s.units}` }, row);
      for (const v of [s.values?.min, s.values?.mean, s.values?.max, s.deltas?.mean]) {
        html('td', { text: fmt(v, 4), attributes: { title: full(v) } }, row);
      }
    });
  }
}
