// One weight's story (GET api/runs/{id}/weights/{k}/{from}/{to}), in the tutorial's words: each example's push
// "weight_update = input_value * l1_delta" (times the learning rate), their sum, the weight before and after,
// and whether the examples agree. Refreshed in place, so that its elements stay the same while the run trains.
import { html, fmt, full, isNumber, layerName } from './format.js';

const EMPTY = 'Click a connection in the network, or a cell of a weight heatmap, to see how the latest step moved'
  + ' that weight, example by example.';

export class StoryView {
  /** @param {HTMLElement} root the #weight-story element */
  constructor(root) {
    this.root = root;
    this.key = null;
    this.empty();
  }

  empty(message = EMPTY) {
    this.key = null;
    this.root.replaceChildren();
    this.root.dataset.state = 'empty';
    for (const name of ['k', 'from', 'to', 'step']) {
      delete this.root.dataset[name];
    }
    html('p', { className: 'placeholder-text', text: message }, this.root);
  }

  /** A new weight was picked: its old numbers must not be read as the new one's. */
  loading(weight) {
    const root = this.root;
    if (root.dataset.state === 'shown' && Number(root.dataset.k) === weight.k
        && Number(root.dataset.from) === weight.from && Number(root.dataset.to) === weight.to) {
      return;
    }
    this.empty(`Loading the story of syn${weight.k}[${weight.from}][${weight.to}]…`);
    root.dataset.state = 'loading';
  }

  error(message) {
    this.empty(message);
    this.root.dataset.state = 'error';
    this.root.firstElementChild.className = 'error-text';
    this.root.firstElementChild.setAttribute('role', 'alert');
  }

  build(story, alpha) {
    const root = this.root;
    const k = story.matrix;
    const input = layerName(k);
    const fed = layerName(k + 1);
    root.replaceChildren();
    const e = {};
    const head = html('div', { className: 'story-head' }, root);
    e.title = html('h3', { className: 'story-title', attributes: { 'data-role': 'story-title' } }, head);
    e.where = html('p', { className: 'muted' }, head);

    const scroll = html('div', { className: 'table-scroll' }, root);
    const table = html('table', { className: 'numbers story-table' }, scroll);
    const header = html('tr', {}, html('thead', {}, table));
    const headings = [
      ['example', ''],
      ['input_value', `${input}[e][${story.from}]`],
      [`${fed}_error`, `[e][${story.to}]`],
      [`nonlin(${fed},True)`, 'the slope'],
      [`${fed}_delta`, 'error weighted derivative'],
      [`weight_update${alpha}`, `input_value * ${fed}_delta${alpha}`],
      ['push', ''],
    ];
    for (const [title, sub] of headings) {
      const th = html('th', { attributes: { scope: 'col' } }, header);
      html('span', { text: title }, th);
      if (sub) {
        html('span', { className: 'sub', text: sub }, th);
      }
    }
    const tbody = html('tbody', {}, table);
    e.rows = story.examples.map((x) => {
      const row = html('tr', { attributes: { 'data-example': x.example } }, tbody);
      html('th', { text: String(x.example), attributes: { scope: 'row' } }, row);
      const cells = ['input', 'error', 'slope', 'delta'].map(() => html('td', {}, row));
      const push = html('td', { className: 'push', attributes: { 'data-role': 'push', 'data-example': x.example } }, row);
      const barCell = html('td', { className: 'bar-cell' }, row);
      const track = html('span', { className: 'push-track' }, barCell);
      const bar = html('span', { className: 'push-bar' }, track);
      const direction = html('span', { className: 'direction' }, barCell);
      return { cells, push, bar, direction };
    });
    const sumRow = html('tr', {}, html('tfoot', {}, table));
    html('th', {
      text: `sum, what full batch applies: syn${k} += np.dot(${input}.T, ${fed}_delta)${alpha}`,
      attributes: { scope: 'row', colspan: 5 },
    }, sumRow);
    e.sum = html('td', { className: 'push sum', attributes: { 'data-role': 'sum' } }, sumRow);
    html('td', {}, sumRow);

    const facts = html('div', { className: 'story-facts' }, root);
    const move = html('p', { className: 'before-after' }, facts);
    html('span', { className: 'label', text: `syn${k}[${story.from}][${story.to}] before` }, move);
    e.before = html('span', { className: 'mono', attributes: { 'data-role': 'before' } }, move);
    html('span', { className: 'arrow', text: '→', attributes: { 'aria-hidden': 'true' } }, move);
    html('span', { className: 'label', text: 'after' }, move);
    e.after = html('span', { className: 'mono', attributes: { 'data-role': 'after' } }, move);
    e.agreement = html('p', {
      className: 'agreement',
      attributes: { 'data-role': 'agreement', title: 'agreement = |sum of the updates| / sum of |updates|' },
    }, facts);
    this.elements = e;
  }

  render(story, learningRate) {
    const alpha = isNumber(learningRate) && learningRate !== 1 ? ' × α' : '';
    const key = `${story.matrix}/${story.from}/${story.to}/${story.examples.length}/${alpha}`;
    if (key !== this.key) {
      this.build(story, alpha);
      this.key = key;
    }
    const root = this.root;
    const e = this.elements;
    const k = story.matrix;
    e.title.textContent = `syn${k}[${story.from}][${story.to}]`;
    e.where.textContent = `connects ${layerName(k)} unit ${story.from} to ${layerName(k + 1)} unit ${story.to}`
      + ` · step ${story.step}` + (isNumber(learningRate) ? ` · learning rate α = ${fmt(learningRate, 6)}` : '');
    const largest = Math.max(...story.examples.map((x) => (isNumber(x.update) ? Math.abs(x.update) : 0)));
    story.examples.forEach((x, i) => {
      const row = e.rows[i];
      [x.input, x.error, x.slope, x.delta].forEach((v, j) => {
        row.cells[j].textContent = fmt(v, 6);
        row.cells[j].title = full(v);
      });
      row.push.textContent = full(x.update);
      row.push.dataset.value = full(x.update);
      const direction = !isNumber(x.update) || x.update === 0 ? 'none' : x.update > 0 ? 'up' : 'down';
      row.bar.className = `push-bar ${direction}`;
      row.bar.style.width = `${largest > 0 && isNumber(x.update) ? (100 * Math.abs(x.update) / largest).toFixed(1) : 0}%`;
      row.direction.className = `direction ${direction}`;
      row.direction.textContent = direction === 'none' ? 'no push' : direction;
    });
    e.sum.textContent = full(story.update);
    e.sum.dataset.value = full(story.update);
    e.before.textContent = full(story.before);
    e.before.dataset.value = full(story.before);
    e.after.textContent = full(story.after);
    e.after.dataset.value = full(story.after);
    const agree = story.examplesAgree === true;
    const agreement = isNumber(story.agreement) ? story.agreement.toFixed(2) : '—';
    e.agreement.textContent = agree
      ? 'every example pushes the same way'
      : `pushed both ways, ${isNumber(story.agreement) && story.agreement >= 0.95 ? 'hardly ' : ''}cancelling out`
        + ` (agreement ${agreement})`;
    e.agreement.className = `agreement ${agree ? 'agree' : 'disagree'}`;
    e.agreement.dataset.value = full(story.agreement);
    e.agreement.dataset.agree = String(agree);
    root.dataset.k = story.matrix;
    root.dataset.from = story.from;
    root.dataset.to = story.to;
    root.dataset.step = story.step;
    root.dataset.state = 'shown';
  }
}
