// The runs list (polled from GET api/runs) and the form that starts a run (POST api/runs).
import { api, ApiError, runPath } from './api.js';
import { html, fmt, count, rate, duration, isNumber } from './format.js';

export function describe(run) {
  const parts = [];
  if (Array.isArray(run.layers)) {
    parts.push(run.layers.join('-'));
  }
  if (run.activation) {
    parts.push(run.activation);
  }
  if (run.data) {
    parts.push(run.data);
  }
  if (isNumber(run.learningRate)) {
    parts.push(`α ${fmt(run.learningRate, 4)}`);
  }
  if (isNumber(run.steps)) {
    parts.push(`${run.steps} steps`);
  }
  if (Array.isArray(run.plugins) && run.plugins.length) {
    parts.push(run.plugins.join(', '));
  }
  if (run.source === 'application') {
    parts.push('started by the application');
  }
  return parts.join(' · ');
}

/** The sentence saying how a run ended. */
export function ending(run) {
  const result = run.result;
  if (!result) {
    return '';
  }
  let text = result.condition || result.reason;
  if (isNumber(result.elapsedMillis)) {
    text += ` (${duration(result.elapsedMillis)})`;
  }
  if (result.error) {
    text += `: ${result.error}`;
  }
  return text;
}

export class RunsList {
  /**
   * @param {HTMLOListElement} root
   * @param {{onSelect: (id: string) => void, onCancelled: (run: object) => void, onError: (m: string) => void}} handlers
   */
  constructor(root, empty, handlers) {
    this.root = root;
    this.empty = empty;
    this.handlers = handlers;
    this.items = new Map();
    this.selected = null;
    root.addEventListener('click', (event) => {
      const cancel = event.target.closest('[data-role="cancel"]');
      const item = event.target.closest('[data-run-id]');
      if (!item) {
        return;
      }
      if (cancel) {
        event.stopPropagation();
        this.cancel(item.dataset.runId, cancel);
        return;
      }
      handlers.onSelect(item.dataset.runId);
    });
    root.addEventListener('keydown', (event) => {
      const item = event.target.closest('[data-run-id]');
      if (item && event.target === item && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        handlers.onSelect(item.dataset.runId);
      }
    });
  }

  async cancel(id, button) {
    button.disabled = true;
    button.textContent = 'Cancelling…';
    try {
      const run = await api(runPath(id, '/cancel'), { method: 'POST' });
      this.update([run], false);
      this.handlers.onCancelled(run);
    } catch (e) {
      button.disabled = false;
      button.textContent = 'Cancel';
      this.handlers.onError(e instanceof ApiError ? e.message : String(e));
    }
  }

  select(id) {
    this.selected = id;
    for (const [runId, item] of this.items) {
      if (runId === id) {
        item.root.setAttribute('aria-current', 'true');
      } else {
        item.root.removeAttribute('aria-current');
      }
    }
  }

  /** Shows the runs; when `all`, runs missing from the list are removed. Newest first. */
  update(runs, all = true) {
    if (all) {
      const ids = new Set(runs.map((run) => run.id));
      for (const [id, item] of this.items) {
        if (!ids.has(id)) {
          item.root.remove();
          this.items.delete(id);
        }
      }
    }
    for (const run of runs) {
      let item = this.items.get(run.id);
      if (!item) {
        item = this.create(run);
        this.items.set(run.id, item);
      }
      this.fill(item, run);
    }
    if (all) {
      const order = runs.slice().reverse();
      order.forEach((run, i) => {
        const element = this.items.get(run.id).root;
        if (this.root.children[i] !== element) {
          this.root.insertBefore(element, this.root.children[i] ?? null);
        }
      });
    }
    this.empty.hidden = this.items.size > 0;
    this.select(this.selected);
  }

  create(run) {
    const root = html('li', { className: 'run', attributes: { 'data-run-id': run.id, tabindex: 0 } });
    const top = html('div', { className: 'run-top' }, root);
    const name = html('span', { className: 'run-name', attributes: { 'data-role': 'name' } }, top);
    const state = html('span', { className: 'badge', attributes: { 'data-role': 'state' } }, top);
    const meta = html('div', { className: 'run-meta', attributes: { 'data-role': 'description' } }, root);
    const stats = html('dl', { className: 'run-stats' }, root);
    const stat = (label, role) => {
      const box = html('div', {}, stats);
      html('dt', { text: label }, box);
      return html('dd', { attributes: { 'data-role': role } }, box);
    };
    const step = stat('step', 'step');
    const error = stat('error', 'error');
    const speed = stat('steps/s', 'steps-per-second');
    const track = html('div', { className: 'progress', attributes: { 'aria-hidden': 'true' } }, root);
    const bar = html('span', { className: 'progress-bar' }, track);
    const condition = html('p', { className: 'condition', attributes: { 'data-role': 'condition' } }, root);
    const cancel = html('button', {
      className: 'button secondary small',
      text: 'Cancel',
      attributes: { type: 'button', 'data-role': 'cancel', 'aria-label': `cancel ${run.id}` },
    }, root);
    if (this.root.firstChild) {
      this.root.insertBefore(root, this.root.firstChild);
    } else {
      this.root.appendChild(root);
    }
    return { root, name, state, meta, step, error, speed, bar, condition, cancel };
  }

  fill(item, run) {
    item.root.dataset.state = run.state;
    item.root.dataset.source = run.source;
    item.name.textContent = run.name;
    item.name.title = run.id;
    item.state.textContent = run.state;
    item.state.dataset.state = run.state;
    item.meta.textContent = describe(run);
    item.step.textContent = count(run.step);
    item.step.dataset.value = isNumber(run.step) ? String(run.step) : '';
    item.error.textContent = fmt(run.error, 4);
    item.error.title = isNumber(run.error) ? String(run.error) : '';
    item.speed.textContent = rate(run.stepsPerSecond);
    item.speed.dataset.value = isNumber(run.stepsPerSecond) ? String(run.stepsPerSecond) : '';
    const total = isNumber(run.steps) ? run.steps : run.result?.stepsRun;
    const done = isNumber(run.step) && isNumber(total) && total > 0 ? Math.min(1, (run.step + 1) / total) : 0;
    item.bar.style.width = `${(run.state === 'completed' ? 1 : done) * 100}%`;
    item.bar.dataset.state = run.state;
    const end = ending(run);
    item.condition.textContent = end;
    item.condition.hidden = !end;
    const cancellable = run.source === 'http' && run.state === 'running';
    item.cancel.hidden = !cancellable;
    if (!cancellable) {
      item.cancel.disabled = false;
      item.cancel.textContent = 'Cancel';
    }
  }
}

/** The tutorial's networks, the defaults of the form. */
const THREE_LAYER = { layers: '3,4,1', steps: '60000' };
const TWO_LAYER = { layers: '3,1', steps: '10000' };

export class StartForm {
  /**
   * @param {HTMLFormElement} form
   * @param {(run: object) => void} onStarted
   */
  constructor(form, onStarted) {
    this.form = form;
    this.onStarted = onStarted;
    this.error = form.querySelector('#start-error');
    this.submit = form.querySelector('#start-submit');
    this.fields = {
      name: form.querySelector('#start-name'),
      layers: form.querySelector('#start-layers'),
      learningRate: form.querySelector('#start-rate'),
      seed: form.querySelector('#start-seed'),
      steps: form.querySelector('#start-steps'),
      activation: form.querySelector('#start-activation'),
      data: form.querySelector('#start-data'),
      target: form.querySelector('#start-target'),
      custom: form.querySelector('#start-custom-data'),
    };
    this.customRow = form.querySelector('#start-custom-row');
    this.targetRow = form.querySelector('#start-target-row');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    this.fields.data.addEventListener('change', () => this.dataChanged());
  }

  /** Fills the selects from GET api/plugins. */
  configure(plugins) {
    const activation = this.fields.activation;
    activation.replaceChildren();
    for (const plugin of plugins.plugins.filter((p) => p.activation && p.allowed)) {
      const option = html('option', { text: plugin.id, attributes: { value: plugin.id, title: plugin.description } },
        activation);
      option.selected = plugin.id === 'sigmoid';
    }
    const data = this.fields.data;
    data.replaceChildren();
    for (const name of plugins.datasets) {
      const option = html('option', { text: name, attributes: { value: name } }, data);
      option.selected = name === 'xor';
    }
    html('option', { text: 'your own examples (JSON)…', attributes: { value: 'custom' } }, data);
    const early = plugins.plugins.find((p) => p.id === 'early-stopping');
    this.targetRow.hidden = !(early && early.allowed);
    const limits = plugins.limits;
    if (limits) {
      this.fields.steps.title = `at most ${limits.maxSteps} steps`;
      this.fields.layers.title = `at most ${limits.maxUnits} units per layer and ${limits.maxWeights} weights`;
    }
    this.submit.disabled = false;
    this.dataChanged();
  }

  dataChanged() {
    const data = this.fields.data.value;
    this.customRow.hidden = data !== 'custom';
    const from = data === 'copy-first' ? THREE_LAYER : TWO_LAYER;
    const to = data === 'copy-first' ? TWO_LAYER : data === 'xor' ? THREE_LAYER : null;
    if (to && this.fields.layers.value.replace(/\s/g, '') === from.layers) {
      this.fields.layers.value = to.layers;
    }
    if (to && this.fields.steps.value.trim() === from.steps) {
      this.fields.steps.value = to.steps;
    }
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  /** The request's body; values that are not numbers are sent as typed, for the server to name. */
  body() {
    const f = this.fields;
    const number = (text) => {
      const t = text.trim();
      return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
    };
    const body = {};
    if (f.name.value.trim()) {
      body.name = f.name.value.trim();
    }
    if (f.layers.value.trim()) {
      body.layers = f.layers.value.split(/[\s,]+/).filter((t) => t !== '').map(number);
    }
    for (const key of ['learningRate', 'seed', 'steps']) {
      if (f[key].value.trim()) {
        body[key] = number(f[key].value);
      }
    }
    if (f.activation.value) {
      body.activation = f.activation.value;
    }
    if (f.data.value === 'custom') {
      try {
        body.data = JSON.parse(f.custom.value);
      } catch (e) {
        throw new ApiError(`data: expected JSON such as {"inputs":[[0,0,1],...],"targets":[[0],...]}, actual ${
          e.message}`, 400, 'data');
      }
    } else if (f.data.value) {
      body.data = f.data.value;
    }
    if (!this.targetRow.hidden && f.target.value.trim()) {
      body.plugins = { 'early-stopping': { target: f.target.value.trim() } };
    }
    return body;
  }

  async start() {
    this.showError('');
    this.submit.disabled = true;
    this.form.setAttribute('aria-busy', 'true');
    try {
      const run = await api('api/runs', { method: 'POST', body: this.body() });
      this.onStarted(run);
    } catch (e) {
      this.showError(e instanceof ApiError ? e.message : String(e));
    } finally {
      this.submit.disabled = false;
      this.form.removeAttribute('aria-busy');
    }
  }
}
