// The tutorial's slope picture: the activation's curve, each output as a dot where its sum puts it on the curve
// (x = np.dot(l(k-1), syn(k-1)), y = l(k)), and its slope nonlin(l,True) as a short tangent. Outputs whose slope is
// below confidentBelow are "confident" (the curve is flat there); the others are "wishy-washy".
import { svg, fmt, full, isNumber, layerName } from './format.js';

const WIDTH = 480;
const HEIGHT = 320;
const M = { left: 50, right: 14, top: 14, bottom: 42 };
const MAX_DOTS = 400;
const TANGENT = 34;

export class SlopeView {
  /** @param {SVGSVGElement} root  @param {HTMLElement} summary the line under the picture */
  constructor(root, summary) {
    this.root = root;
    this.summary = summary;
    root.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  }

  /** Points (layer, example, unit, sum, output, slope) of a step, for a layer (or all, -1). */
  static points(step, layer) {
    const points = [];
    if (!step) {
      return points;
    }
    if (step.detail === 'full') {
      for (let k = 1; k < step.layers.length; k++) {
        if (layer >= 0 && layer !== k) {
          continue;
        }
        step.layers[k].forEach((row, e) => row.forEach((output, j) => {
          points.push({
            layer: k, example: e, unit: j, sum: step.sums[k]?.[e]?.[j], output, slope: step.slopes[k]?.[e]?.[j],
          });
        }));
      }
    } else {
      const k = step.layerSummaries.length - 1;
      for (const p of step.outputPoints ?? []) {
        points.push({ layer: k, example: p.example, unit: p.unit, sum: p.sum, output: p.output, slope: p.slope });
      }
    }
    if (points.length > MAX_DOTS) {
      const every = points.length / MAX_DOTS;
      return Array.from({ length: MAX_DOTS }, (_, i) => points[Math.floor(i * every)]);
    }
    return points;
  }

  render(activation, step, layer, example) {
    const root = this.root;
    root.replaceChildren();
    if (!activation || !step) {
      svg('text', { x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', class: 'placeholder' }, root)
        .textContent = step ? 'loading the activation curve' : 'waiting for the first step';
      this.summary.textContent = '';
      return;
    }
    const points = SlopeView.points(step, layer).filter((p) => isNumber(p.sum) && isNumber(p.output));
    const curve = activation.x.map((x, i) => ({ x, y: activation.y[i], slope: activation.slope[i] }))
      .filter((p) => isNumber(p.y));
    const confidentBelow = activation.confidentBelow;
    // The x range: the curve's, widened to the sums (up to ±30); the y range: the curve's and the outputs'.
    let x0 = Math.min(curve[0]?.x ?? -6, ...points.map((p) => p.sum));
    let x1 = Math.max(curve[curve.length - 1]?.x ?? 6, ...points.map((p) => p.sum));
    x0 = Math.max(-30, Math.floor(x0));
    x1 = Math.min(30, Math.ceil(x1));
    const ys = curve.map((p) => p.y).concat(points.map((p) => p.output));
    let y0 = Math.min(...ys);
    let y1 = Math.max(...ys);
    if (y1 - y0 < 1e-9) {
      y0 -= 1;
      y1 += 1;
    }
    const pad = (y1 - y0) * 0.06;
    y0 -= pad;
    y1 += pad;
    const sx = (x) => M.left + (x - x0) / (x1 - x0) * (WIDTH - M.left - M.right);
    const sy = (y) => HEIGHT - M.bottom - (y - y0) / (y1 - y0) * (HEIGHT - M.top - M.bottom);
    const clampX = (x) => Math.max(x0, Math.min(x1, x));

    // Where the curve is flat enough for a confident output: shaded.
    const shade = svg('g', { class: 'confident-zone' }, root);
    let start = null;
    curve.forEach((p, i) => {
      const flat = isNumber(p.slope) && Math.abs(p.slope) < confidentBelow;
      if (flat && start === null) {
        start = i === 0 ? x0 : p.x;
      }
      if ((!flat || i === curve.length - 1) && start !== null) {
        const end = flat ? x1 : p.x;
        svg('rect', { x: sx(start), y: M.top, width: Math.max(0, sx(end) - sx(start)), height: HEIGHT - M.top - M.bottom },
          shade);
        start = null;
      }
    });

    // Axes with ticks.
    const axes = svg('g', { class: 'axes' }, root);
    svg('line', { x1: M.left, y1: HEIGHT - M.bottom, x2: WIDTH - M.right, y2: HEIGHT - M.bottom }, axes);
    svg('line', { x1: M.left, y1: M.top, x2: M.left, y2: HEIGHT - M.bottom }, axes);
    const xStep = niceStep((x1 - x0) / 8);
    for (let x = Math.ceil(x0 / xStep) * xStep; x <= x1 + 1e-9; x += xStep) {
      svg('line', { x1: sx(x), y1: HEIGHT - M.bottom, x2: sx(x), y2: HEIGHT - M.bottom + 4 }, axes);
      svg('text', { x: sx(x), y: HEIGHT - M.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, axes)
        .textContent = fmt(x, 3);
    }
    const yStep = niceStep((y1 - y0) / 5);
    for (let y = Math.ceil(y0 / yStep) * yStep; y <= y1 + 1e-9; y += yStep) {
      svg('line', { x1: M.left - 4, y1: sy(y), x2: WIDTH - M.right, y2: sy(y), class: 'gridline' }, axes);
      svg('text', { x: M.left - 8, y: sy(y), 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'tick' }, axes)
        .textContent = fmt(y, 3);
    }
    svg('text', { x: (M.left + WIDTH - M.right) / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis-label' },
      axes).textContent = 'x = np.dot(l(k-1), syn(k-1))';
    svg('text', {
      x: 14, y: (M.top + HEIGHT - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-label',
      transform: `rotate(-90 14 ${(M.top + HEIGHT - M.bottom) / 2})`,
    }, axes).textContent = 'nonlin(x)';

    // The curve.
    const inRange = curve.filter((p) => p.x >= x0 && p.x <= x1);
    svg('polyline', {
      class: 'activation-curve', points: inRange.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' '),
    }, root);

    // The outputs, with their tangents; the chosen example's on top, larger.
    const dots = svg('g', { class: 'dots' }, root);
    const ordered = points.slice().sort((a, b) => (a.example === example) - (b.example === example));
    let confident = 0;
    for (const p of ordered) {
      const isConfident = isNumber(p.slope) && Math.abs(p.slope) < confidentBelow;
      confident += isConfident ? 1 : 0;
      const cx = sx(clampX(p.sum));
      const cy = sy(p.output);
      const g = svg('g', {
        class: `output ${isConfident ? 'confident' : 'wishy-washy'}${p.example === example ? ' chosen' : ''}`,
        'data-role': 'output-dot',
        'data-layer': p.layer,
        'data-example': p.example,
        'data-unit': p.unit,
        'data-confident': isConfident,
        'data-slope': full(p.slope),
      }, dots);
      if (isNumber(p.slope)) {
        // A segment of fixed length on screen along the tangent.
        const ratio = (HEIGHT - M.top - M.bottom) / (y1 - y0) / ((WIDTH - M.left - M.right) / (x1 - x0));
        const dy = -p.slope * ratio;
        const norm = Math.sqrt(1 + dy * dy);
        const hx = TANGENT / 2 / norm;
        const hy = TANGENT / 2 * dy / norm;
        svg('line', { x1: cx - hx, y1: cy - hy, x2: cx + hx, y2: cy + hy, class: 'tangent' }, g);
      }
      const outside = p.sum < x0 || p.sum > x1;
      svg('circle', { cx, cy, r: p.example === example ? 6 : 4.5, class: outside ? 'outside' : '' }, g);
      svg('title', {}, g).textContent = `${layerName(p.layer)}[${p.example}][${p.unit}]: x = ${fmt(p.sum, 4)}, `
        + `${layerName(p.layer)} = ${fmt(p.output, 4)}, nonlin(${layerName(p.layer)},True) = ${fmt(p.slope, 4)}`
        + (isConfident ? ': confident' : ': wishy-washy');
    }
    const total = points.length;
    this.summary.textContent = total
      ? `${confident} of ${total} outputs confident (slope below ${fmt(confidentBelow, 3)}), ${total - confident} wishy-washy`
      : '';
  }
}

function niceStep(raw) {
  if (!(raw > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
}
