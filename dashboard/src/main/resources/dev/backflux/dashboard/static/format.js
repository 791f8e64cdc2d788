// Numbers and colours shared by the panels.

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svg(name, attributes = {}, parent = null) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (parent) {
    parent.appendChild(element);
  }
  return element;
}

/** An HTML element with a class, text and attributes. */
export function html(name, { className, text, attributes } = {}, parent = null) {
  const element = document.createElement(name);
  if (className) {
    element.className = className;
  }
  if (text !== undefined && text !== null) {
    element.textContent = text;
  }
  if (attributes) {
    for (const [key, value] of Object.entries(attributes)) {
      element.setAttribute(key, String(value));
    }
  }
  if (parent) {
    parent.appendChild(element);
  }
  return element;
}

export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A number to a few significant digits, for reading; non-finite (null) as a dash. */
export function fmt(value, digits = 4) {
  if (!isNumber(value)) {
    return '—';
  }
  if (value === 0) {
    return '0';
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    return String(Number(value.toPrecision(digits)));
  }
  return value.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** Every digit of a double, as JavaScript prints it (round-trips to the same double). */
export function full(value) {
  return isNumber(value) ? String(value) : 'NaN';
}

/** An integer count; null as a dash. */
export function count(value) {
  return isNumber(value) ? String(Math.round(value)) : '—';
}

/** A rate such as steps per second, grouped for reading. */
export function rate(value) {
  if (!isNumber(value)) {
    return '—';
  }
  return Math.round(value).toLocaleString('en-US');
}

/** A duration in milliseconds, for reading. */
export function duration(millis) {
  if (!isNumber(millis)) {
    return '—';
  }
  if (millis < 1000) {
    return `${Math.round(millis)} ms`;
  }
  const seconds = millis / 1000;
  if (seconds < 120) {
    return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  }
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

// A diverging scale centred on 0: red below, white at 0, blue above (ColorBrewer RdBu).
const STOPS = [
  [178, 24, 43], [214, 96, 77], [244, 165, 130], [247, 247, 247], [146, 197, 222], [67, 147, 195], [33, 102, 172],
];

/** The colour of t in [-1, 1] on the diverging scale (null: grey). */
export function diverging(t) {
  if (!isNumber(t)) {
    return 'rgb(203, 213, 225)';
  }
  const x = (Math.max(-1, Math.min(1, t)) + 1) / 2 * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  const c = a.map((v, j) => Math.round(v + (b[j] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Whether text on the diverging colour of t should be white. */
export function darkOn(t) {
  return isNumber(t) && Math.abs(t) > 0.55;
}

export const POSITIVE = '#2166ac';
export const NEGATIVE = '#b2182b';

/** The largest absolute finite value of a matrix (rows of numbers), at least `floor`. */
export function maxAbs(rows, floor = 0) {
  let max = floor;
  for (const row of rows ?? []) {
    for (const v of row ?? []) {
      if (isNumber(v) && Math.abs(v) > max) {
        max = Math.abs(v);
      }
    }
  }
  return max;
}

/** The layer's name as the tutorial writes it: l0, l1, ... */
export function layerName(k) {
  return `l${k}`;
}
