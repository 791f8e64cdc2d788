// The error curve: the run's error since step 0 (GET api/runs/{id}/curve, decimated in buckets keeping each
// bucket's lowest and highest error), then live points from the step events; log-scale y axis.
import uPlot from './uplot/uPlot.esm.js';
import { fmt, isNumber } from './format.js';

const MAX_POINTS = 4000;
const HEIGHT = 260;

/** On a log axis, only the powers of ten get a line and a label, when at least two are in view. */
function decades(u, splits) {
  const power = (v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
  return splits.filter(power).length >= 2 ? splits.map((v) => (power(v) ? v : null)) : splits;
}

/** A step count for an axis: 500, 20k, 1.5M. */
function steps(v) {
  if (v === null || v === undefined) {
    return '';
  }
  const a = Math.abs(v);
  if (a >= 1e6) {
    return `${Number((v / 1e6).toPrecision(3))}M`;
  }
  if (a >= 1e4) {
    return `${Number((v / 1e3).toPrecision(3))}k`;
  }
  return String(v);
}

function positive(value) {
  return isNumber(value) && value > 0 ? value : null;
}

export class ErrorChart {
  /** @param {HTMLElement} container  @param {HTMLElement} empty the text shown while there is no point */
  constructor(container, empty) {
    this.container = container;
    this.empty = empty;
    this.plot = null;
    this.plotHasValidation = false;
    this.reset();
    this.lastWidth = 0;
    new ResizeObserver(() => {
      window.requestAnimationFrame(() => this.resize());
    }).observe(container);
  }

  reset() {
    this.step = [];
    this.min = [];
    this.max = [];
    this.vmin = [];
    this.vmax = [];
    this.validation = false;
    this.loaded = false;
    this.pending = [];
  }

  /**
   * The curve of a run as the server keeps it (fetched again from time to time); points appended meanwhile are
   * kept when they are newer than its last step.
   */
  load(curve) {
    const old = { step: this.step, min: this.min, max: this.max, vmin: this.vmin, vmax: this.vmax };
    const steps = curve.step ?? [];
    this.step = steps.slice();
    this.min = (curve.min ?? []).map(positive);
    this.max = (curve.max ?? []).map(positive);
    this.validation = Array.isArray(curve.validationMin) || (this.loaded && this.validation);
    this.vmin = Array.isArray(curve.validationMin) ? curve.validationMin.map(positive) : steps.map(() => null);
    this.vmax = Array.isArray(curve.validationMax) ? curve.validationMax.map(positive) : steps.map(() => null);
    const last = steps.length ? steps[steps.length - 1] : -1;
    for (let i = 0; i < old.step.length; i++) {
      if (old.step[i] > last) {
        this.step.push(old.step[i]);
        this.min.push(old.min[i]);
        this.max.push(old.max[i]);
        this.vmin.push(old.vmin[i]);
        this.vmax.push(old.vmax[i]);
      }
    }
    this.loaded = true;
    const pending = this.pending;
    this.pending = [];
    for (const point of pending) {
      this.append(point.step, point.error, point.validationError);
    }
  }

  /** One live step. */
  append(step, error, validationError) {
    if (!this.loaded) {
      this.pending.push({ step, error, validationError });
      return;
    }
    const last = this.step.length ? this.step[this.step.length - 1] : -1;
    if (!isNumber(step) || step <= last) {
      return;
    }
    if (validationError !== null && validationError !== undefined && !this.validation) {
      this.validation = true;
    }
    this.step.push(step);
    this.min.push(positive(error));
    this.max.push(positive(error));
    this.vmin.push(positive(validationError));
    this.vmax.push(positive(validationError));
    if (this.step.length > MAX_POINTS) {
      this.halve();
    }
  }

  /** Merges neighbouring points in pairs, keeping the lowest and highest error of each pair. */
  halve() {
    const pick = (a, b, f) => (a === null ? b : b === null ? a : f(a, b));
    const merge = (values, f) => {
      const out = [];
      for (let i = 0; i < values.length; i += 2) {
        out.push(i + 1 < values.length ? pick(values[i], values[i + 1], f) : values[i]);
      }
      return out;
    };
    const steps = [];
    for (let i = 0; i < this.step.length; i += 2) {
      steps.push(this.step[Math.min(i + 1, this.step.length - 1)]);
    }
    this.step = steps;
    this.min = merge(this.min, Math.min);
    this.max = merge(this.max, Math.max);
    this.vmin = merge(this.vmin, Math.min);
    this.vmax = merge(this.vmax, Math.max);
  }

  hasPoints() {
    return this.min.some((v) => v !== null);
  }

  render() {
    const visible = this.hasPoints();
    this.empty.hidden = visible;
    // How many points the chart draws: for tests, and for anyone inspecting the page.
    this.container.dataset.points = visible ? String(this.step.length) : '0';
    if (!visible) {
      if (this.plot) {
        this.plot.destroy();
        this.plot = null;
      }
      return;
    }
    const data = [this.step, this.min, this.max];
    if (this.validation) {
      data.push(this.vmin, this.vmax);
    }
    if (!this.plot || this.plotHasValidation !== this.validation) {
      this.create(data);
    } else {
      this.plot.setData(data);
    }
  }

  create(data) {
    if (this.plot) {
      this.plot.destroy();
    }
    const value = (u, v) => (v === null || v === undefined ? '—' : fmt(v, 4));
    const series = [
      { label: 'step', value: (u, v) => (v === null || v === undefined ? '—' : String(v)) },
      { label: 'training min', stroke: '#2166ac', width: 1.5, value, points: { show: false } },
      { label: 'training max', stroke: '#6ea8d6', width: 1, value, points: { show: false } },
    ];
    const bands = [{ series: [2, 1], fill: 'rgba(33, 102, 172, 0.14)' }];
    if (this.validation) {
      series.push({ label: 'validation min', stroke: '#d35400', width: 1.5, value, points: { show: false } });
      series.push({ label: 'validation max', stroke: '#f0a060', width: 1, value, points: { show: false } });
      bands.push({ series: [4, 3], fill: 'rgba(211, 84, 0, 0.12)' });
    }
    const axis = {
      stroke: '#475569',
      font: '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      labelFont: '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      grid: { stroke: '#e2e8f0', width: 1 },
      ticks: { stroke: '#cbd5e1', width: 1 },
    };
    const options = {
      width: Math.max(200, this.container.clientWidth),
      height: HEIGHT,
      series,
      bands,
      scales: {
        x: { time: false },
        y: { distr: 3 },
      },
      axes: [
        { ...axis, label: 'step', labelSize: 20, size: 36, values: (u, splits) => splits.map(steps) },
        {
          ...axis,
          label: 'mean(abs(error))',
          labelSize: 20,
          size: 64,
          filter: decades,
          values: (u, splits) => splits.map((v) => (v === null ? '' : fmt(v, 2))),
        },
      ],
      // The series' names only: values under the cursor would read as dashes when it is elsewhere.
      legend: { live: false },
      padding: [8, 28, 0, 0],
      cursor: { drag: { x: true, y: false } },
    };
    this.plot = new uPlot(options, data, this.container);
    this.plotHasValidation = this.validation;
    this.lastWidth = this.container.clientWidth;
  }

  resize() {
    if (!this.plot) {
      return;
    }
    const width = this.container.clientWidth;
    if (width > 0 && width !== this.lastWidth) {
      this.lastWidth = width;
      this.plot.setSize({ width: Math.max(200, width), height: HEIGHT });
    }
  }
}
