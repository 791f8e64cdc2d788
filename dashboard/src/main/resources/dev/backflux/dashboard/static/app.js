// The Backflux dashboard's page: runs, the form that starts one, and the selected run's live views (error curve,
// network, numbers, slope picture, one weight's story, heatmaps), fed by its server-sent step events.
import { api, ApiError, token, stepsUrl, runPath } from './api.js';
import { fmt, count, rate, isNumber, html } from './format.js';
import { ErrorChart } from './chart.js';
import { NetworkView } from './network.js';
import { SlopeView } from './slope.js';
import { StoryView } from './story.js';
import { HeatmapView } from './heatmap.js';
import { LayerTable } from './layers.js';
import { RunsList, StartForm, describe, ending } from './runs.js';

const $ = (id) => document.getElementById(id);

const POLL_MILLIS = 1000;
const STORY_MILLIS = 500;
const RETRY_MILLIS = 5000;
const CURVE_MILLIS = 5000;

const state = {
  runs: new Map(),
  selected: null,
  selectedAt: 0,
  generation: 0,
  source: null,
  ended: false,
  step: null,
  example: 0,
  examples: -1,
  slopeLayer: -1,
  activation: null,
  activationLoading: false,
  weight: null,
  curveLoading: false,
  curveTimer: 0,
  retry: 0,
};

// ---------------------------------------------------------------------------------------------------------------
// Notices and the connection indicator.

function notice(message, kind = 'error') {
  const element = $('notice');
  $('notice-text').textContent = message ?? '';
  element.hidden = !message;
  element.dataset.kind = message ? kind : '';
}

const CONNECTION_TEXT = {
  idle: 'no run selected',
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  ended: 'ended',
  closed: 'stream refused',
};

function setConnection(name, detail) {
  const element = $('connection');
  element.dataset.state = name;
  $('connection-text').textContent = detail ? `${CONNECTION_TEXT[name]}: ${detail}` : CONNECTION_TEXT[name];
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing, at most once a frame (with a timer as well, for tabs in the background).

const dirty = new Set();
let frame = 0;
let frameTimer = 0;

function schedule(...parts) {
  for (const part of parts) {
    dirty.add(part);
  }
  if (!frame) {
    frame = window.requestAnimationFrame(draw);
    frameTimer = window.setTimeout(draw, 300);
  }
}

function draw() {
  window.cancelAnimationFrame(frame);
  window.clearTimeout(frameTimer);
  frame = 0;
  const parts = new Set(dirty);
  dirty.clear();
  if (parts.has('chart')) {
    chart.render();
  }
  if (parts.has('header')) {
    renderHeader();
  }
  if (parts.has('step')) {
    renderStep();
  } else if (parts.has('selection')) {
    network.highlight();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The views.

const chart = new ErrorChart($('error-chart'), $('error-chart-empty'));
const network = new NetworkView($('network'), pickWeight);
const slope = new SlopeView($('slope-picture'), $('slope-summary'));
const story = new StoryView($('weight-story'));
const heatmaps = new HeatmapView($('heatmaps'), pickWeight);
const layers = new LayerTable($('layer-table'));
const runsList = new RunsList($('runs'), $('runs-empty'), {
  onSelect: (id) => {
    select(id);
  },
  onCancelled: (run) => {
    state.runs.set(run.id, run);
    if (run.id === state.selected) {
      schedule('header');
    }
  },
  onError: notice,
});
const form = new StartForm($('start-form'), (run) => {
  state.runs.set(run.id, run);
  runsList.update([run], false);
  select(run.id);
  pollRuns();
});

/** The targets y of a full step: the output plus its error (l_error = y - l). */
function targets(step) {
  if (!step || step.detail !== 'full') {
    return null;
  }
  const last = step.layers.length - 1;
  return step.layers[last].map((row, e) => row.map((v, j) => {
    const error = step.errors[last]?.[e]?.[j];
    return isNumber(v) && isNumber(error) ? v + error : null;
  }));
}

function renderStep() {
  const step = state.step;
  const layerCount = step ? (step.detail === 'full' ? step.layers.length : step.layerSummaries.length) : 0;
  $('network-title').textContent = layerCount >= 2
    ? `The network: ${Array.from({ length: layerCount }, (_, k) => (k ? `syn${k - 1} → l${k}` : 'l0')).join(' → ')}`
    : 'The network';
  if (layerCount >= 2) {
    $('curve-title').textContent = `Error: np.mean(np.abs(l${layerCount - 1}_error))`;
  }
  const y = targets(step);
  network.render(step, state.example, state.weight, y);
  slope.render(state.activation, step, state.slopeLayer, state.example);
  layers.render(step, state.example, y, state.activation?.confidentBelow);
  heatmaps.render(step);
  updateExamples(step, y);
  updateSlopeLayers(step);
  renderStepFacts();
}

function renderStepFacts() {
  const step = state.step;
  const run = state.runs.get(state.selected);
  let shown = step ? step.step : run?.step;
  let error = step ? step.error : run?.error;
  if (run && isNumber(run.step) && (!isNumber(shown) || run.step > shown)) {
    shown = run.step;
    error = run.error;
  }
  $('run-step').textContent = count(shown);
  $('run-step').dataset.value = isNumber(shown) ? String(shown) : '';
  $('run-error').textContent = fmt(error, 4);
  $('run-error').title = isNumber(error) ? String(error) : '';
  const validation = step ? step.validationError : null;
  $('run-validation-box').hidden = !isNumber(validation);
  $('run-validation').textContent = fmt(validation, 4);
}

function renderHeader() {
  const run = state.runs.get(state.selected);
  $('run-header').hidden = !run;
  $('no-run').hidden = Boolean(run);
  if (!run) {
    return;
  }
  $('run-title').textContent = run.name;
  $('run-description').textContent = describe(run);
  $('run-state').textContent = run.state;
  $('run-state').dataset.state = run.state;
  $('run-speed').textContent = rate(run.stepsPerSecond);
  const end = ending(run);
  $('run-condition').textContent = end;
  $('run-condition').hidden = !end;
  renderStepFacts();
}

/** The example selector: one option per example, with its inputs and targets. */
function updateExamples(step, y) {
  const select = $('example-select');
  const drawn = step && step.detail === 'full';
  select.closest('label').hidden = Boolean(step) && !drawn;
  if (!drawn) {
    select.disabled = true;
    return;
  }
  const inputs = step.layers[0];
  if (inputs.length !== state.examples) {
    state.examples = inputs.length;
    select.replaceChildren();
    inputs.forEach((row, e) => {
      const target = y?.[e] ? ` → y = ${y[e].map((v) => fmt(v, 3)).join(', ')}` : '';
      const label = row.length <= 8 ? `example ${e}: [${row.map((v) => fmt(v, 3)).join(', ')}]${target}` : `example ${e}`;
      html('option', { text: label, attributes: { value: e } }, select);
    });
    state.example = Math.min(state.example, inputs.length - 1);
  }
  select.value = String(state.example);
  select.disabled = false;
}

function updateSlopeLayers(step) {
  const select = $('slope-layer');
  const layerCount = step ? (step.detail === 'full' ? step.layers.length : 0) : 0;
  if (Number(select.dataset.layers) === layerCount) {
    return;
  }
  select.dataset.layers = String(layerCount);
  select.replaceChildren();
  if (layerCount === 0) {
    html('option', { text: step ? 'output layer (sampled)' : 'every layer', attributes: { value: -1 } }, select);
    select.disabled = true;
    return;
  }
  html('option', { text: 'every layer', attributes: { value: -1 } }, select);
  for (let k = 1; k < layerCount; k++) {
    html('option', { text: `l${k}${k === layerCount - 1 ? ' (output)' : ''}`, attributes: { value: k } }, select);
  }
  select.disabled = false;
  if (state.slopeLayer >= layerCount) {
    state.slopeLayer = -1;
  }
  select.value = String(state.slopeLayer);
}

// ---------------------------------------------------------------------------------------------------------------
// The selected run: its curve, its steps as server-sent events, its activation curve.

function select(id) {
  if (state.selected === id) {
    return;
  }
  closeStream();
  state.generation++;
  state.selected = id;
  state.selectedAt = performance.now();
  state.step = null;
  state.ended = false;
  state.examples = -1;
  state.example = 0;
  state.activation = null;
  state.activationLoading = false;
  state.weight = null;
  resetStory();
  runsList.select(id);
  chart.reset();
  network.clear(id ? 'waiting for the first step' : '');
  heatmaps.clear(id ? 'waiting for the first step' : '');
  schedule('chart', 'header', 'step');
  if (!id) {
    setConnection('idle');
    return;
  }
  openStream(id, state.generation);
}

/**
 * The error curve since step 0, as the server keeps it: asked for with the first step, then again every few
 * seconds while the run trains (the live points between are a sample) and once more when it has ended.
 */
async function loadCurve(id, generation) {
  window.clearTimeout(state.curveTimer);
  state.curveLoading = true;
  try {
    const curve = await api(runPath(id, '/curve'));
    if (generation === state.generation) {
      chart.load(curve);
      schedule('chart');
    }
  } catch (e) {
    if (generation === state.generation) {
      chart.load({ step: [], min: [], max: [] });
      notice(`The error curve could not be loaded: ${e.message}`);
    }
  } finally {
    if (generation === state.generation) {
      state.curveLoading = false;
      if (!state.ended) {
        state.curveTimer = window.setTimeout(() => {
          if (generation === state.generation && !state.ended) {
            loadCurve(id, generation);
          }
        }, CURVE_MILLIS);
      }
    }
  }
}

async function loadActivation(id, generation) {
  state.activationLoading = true;
  try {
    const activation = await api(runPath(id, '/activation'));
    if (generation === state.generation) {
      state.activation = activation;
      schedule('step');
    }
  } catch (e) {
    if (generation === state.generation) {
      notice(`The activation curve could not be loaded: ${e.message}`);
      // Asked again with a later step, but not at once.
      window.setTimeout(() => {
        if (generation === state.generation) {
          state.activationLoading = false;
        }
      }, RETRY_MILLIS);
    }
  }
}

function closeStream() {
  if (state.source) {
    state.source.close();
    state.source = null;
  }
  window.clearTimeout(state.retry);
  window.clearTimeout(state.curveTimer);
  state.curveLoading = false;
}

function openStream(id, generation) {
  const source = new EventSource(stepsUrl(id));
  state.source = source;
  setConnection('connecting');
  source.onopen = () => {
    if (generation === state.generation) {
      setConnection('live');
    }
  };
  source.addEventListener('step', (event) => {
    if (generation !== state.generation) {
      return;
    }
    let step;
    try {
      step = JSON.parse(event.data);
    } catch {
      return;
    }
    onStep(id, generation, step);
  });
  source.addEventListener('end', (event) => {
    source.close();
    if (generation !== state.generation) {
      return;
    }
    state.source = null;
    state.ended = true;
    setConnection('ended');
    try {
      const run = JSON.parse(event.data);
      state.runs.set(run.id, run);
      runsList.update([run], false);
    } catch {
      // the runs list will say how it ended
    }
    schedule('header');
    refreshStory(true);
    if (!state.curveLoading) {
      loadCurve(id, generation);
    }
  });
  source.onerror = () => {
    if (generation !== state.generation) {
      return;
    }
    if (source.readyState === EventSource.CLOSED) {
      // Refused (too many clients, or the run is gone): try again later while the run is shown.
      state.source = null;
      setConnection('closed', `retrying in ${RETRY_MILLIS / 1000} s`);
      state.retry = window.setTimeout(() => {
        if (generation === state.generation && state.runs.has(id) && !state.ended) {
          openStream(id, generation);
        }
      }, RETRY_MILLIS);
    } else {
      setConnection('reconnecting');
    }
  };
}

function onStep(id, generation, step) {
  if (state.step && isNumber(state.step.step) && step.step < state.step.step) {
    return;
  }
  if (!state.ended && state.source && state.source.readyState === EventSource.OPEN) {
    setConnection('live');
  }
  const first = !state.step;
  state.step = step;
  chart.append(step.step, step.error, step.validationError);
  if (first && !state.curveLoading) {
    loadCurve(id, generation);
  }
  if (!state.activation && !state.activationLoading) {
    loadActivation(id, generation);
  }
  if (first && !state.weight) {
    // A first-time visitor sees a weight's story at once, the first weight's, until they click another.
    pickWeight({ k: 0, from: 0, to: 0 });
  } else {
    refreshStory(false);
  }
  schedule('chart', 'step');
}

// ---------------------------------------------------------------------------------------------------------------
// One weight's story, refreshed with new steps at most twice a second.

const storyFetch = { inFlight: false, queued: false, last: 0, timer: 0 };

function resetStory() {
  window.clearTimeout(storyFetch.timer);
  storyFetch.timer = 0;
  storyFetch.queued = false;
  story.empty();
}

function pickWeight(weight) {
  state.weight = weight;
  $('story-k').value = String(weight.k);
  $('story-from').value = String(weight.from);
  $('story-to').value = String(weight.to);
  story.loading(weight);
  schedule('selection');
  refreshStory(true, true);
}

/** Whether the story is held at its step (the "hold" box), for reading. */
function storyHeld() {
  return $('story-hold').checked;
}

function refreshStory(now, picked = false) {
  if (!state.weight || !state.step || !state.selected || (storyHeld() && !picked)) {
    return;
  }
  if (storyFetch.inFlight) {
    storyFetch.queued = true;
    return;
  }
  const wait = STORY_MILLIS - (performance.now() - storyFetch.last);
  if (!now && wait > 0) {
    if (!storyFetch.timer) {
      storyFetch.timer = window.setTimeout(() => {
        storyFetch.timer = 0;
        refreshStory(true);
      }, wait);
    }
    return;
  }
  fetchStory();
}

async function fetchStory() {
  const weight = state.weight;
  const generation = state.generation;
  const same = () => generation === state.generation && state.weight === weight;
  storyFetch.inFlight = true;
  storyFetch.last = performance.now();
  try {
    const json = await api(runPath(state.selected, `/weights/${weight.k}/${weight.from}/${weight.to}`));
    if (same()) {
      const rate = state.step?.learningRate ?? state.runs.get(state.selected)?.learningRate;
      story.render(json, rate);
    }
  } catch (e) {
    if (same()) {
      story.error(e instanceof ApiError ? e.message : String(e));
    }
  } finally {
    storyFetch.inFlight = false;
    if (storyFetch.queued) {
      storyFetch.queued = false;
      refreshStory(state.weight !== weight, state.weight !== weight);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The runs list, polled.

let pollTimer = 0;
let polling = false;

async function pollRuns() {
  window.clearTimeout(pollTimer);
  if (polling) {
    return;
  }
  polling = true;
  const asked = performance.now();
  try {
    const json = await api('api/runs');
    let runs = json.runs ?? [];
    const selected = state.runs.get(state.selected);
    if (selected && asked <= state.selectedAt && !runs.some((run) => run.id === selected.id)) {
      // Asked before the selected run was started here: keep it until the next answer.
      runs = runs.concat([selected]);
    }
    state.runs = new Map(runs.map((run) => [run.id, run]));
    runsList.update(runs);
    $('training-count').textContent = `${json.training} of ${json.maxRuns} training`;
    if (state.selected && !state.runs.has(state.selected)) {
      notice(`${state.selected} is no longer shown by the dashboard.`);
      select(null);
    }
    if (!state.selected && runs.length) {
      const running = runs.filter((run) => run.state === 'running');
      select((running.length ? running[running.length - 1] : runs[runs.length - 1]).id);
    }
    if ($('notice').dataset.kind === 'poll') {
      notice('');
    }
    schedule('header');
  } catch (e) {
    notice(e instanceof ApiError ? e.message : String(e), 'poll');
  } finally {
    polling = false;
    pollTimer = window.setTimeout(pollRuns, POLL_MILLIS);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Controls.

$('example-select').addEventListener('change', (event) => {
  state.example = Number(event.target.value);
  schedule('step');
});

$('slope-layer').addEventListener('change', (event) => {
  state.slopeLayer = Number(event.target.value);
  schedule('step');
});

$('story-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const k = Number($('story-k').value);
  const from = Number($('story-from').value);
  const to = Number($('story-to').value);
  if (![k, from, to].every((v) => Number.isInteger(v) && v >= 0)) {
    story.error('k, from and to: expected whole numbers from 0');
    return;
  }
  pickWeight({ k, from, to });
});

$('story-hold').addEventListener('change', () => {
  $('weight-story').dataset.held = String(storyHeld());
  if (!storyHeld()) {
    refreshStory(true);
  }
});

$('notice-close').addEventListener('click', () => notice(''));

async function main() {
  setConnection('idle');
  schedule('header', 'step', 'chart');
  if (!token) {
    notice('This page needs the dashboard\'s token: open the address the dashboard printed, ending in ?token=…');
    form.submit.disabled = true;
    return;
  }
  try {
    form.configure(await api('api/plugins'));
  } catch (e) {
    form.showError(e instanceof ApiError ? e.message : String(e));
  }
  pollRuns();
}

main();
