// ConflictSim wargame page: draws what the server sends and posts actions. It holds no game state of its own:
// the server computes each role's view (fog of war included) and pushes it on the WebSocket after every change.
'use strict';
const T = document.body.dataset.token;
const SVGNS = 'http://www.w3.org/2000/svg';
let MAP = null, VIEW = null, BUILT = false, SELECTED = null, TAB = 'room', REVIEW = null, SOCKET = null;
const $ = id => document.getElementById(id);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}
async function api(path, options) {
  const r = await fetch(path, Object.assign({ headers: { 'X-Token': T, 'Content-Type': 'application/json' } }, options || {}));
  return r.json();
}
async function act(action) {
  const r = await api('/api/act', { method: 'POST', body: JSON.stringify(action) });
  const out = $('result');
  if (out) { out.textContent = (r.accepted ? '✔ ' : '✘ refused: ') + r.message; out.className = r.accepted ? 'ok' : 'refused'; }
  return r;
}
const fmt = x => (x === null || x === undefined || Number.isNaN(x)) ? '—' : Math.round(x).toLocaleString('en');
const pct = x => Math.round(100 * x) + '%';
const faction = id => MAP.factions.find(f => f.id === id) || { id, name: id, colour: '#999' };
const region = id => MAP.regions.find(r => r.id === id);
const neighbours = id => MAP.links.filter(l => l.from === id || l.to === id).map(l => l.from === id ? l.to : l.from);
const options = (list, selected) => list.map(([v, label]) => el('option', { value: v, selected: v === selected }, label));

// ---- the map ----
function drawMap(picture, opts) {
  // Framed on the regions (the theatre is the coast and its hinterland), the whole outline drawn around them.
  const xs = MAP.regions.map(r => r.x), ys = MAP.regions.map(r => r.y);
  const x0 = Math.min(...xs) - 30, y0 = Math.min(...ys) - 35, w = Math.max(...xs) - x0 + 110, h = Math.max(...ys) - y0 + 45;
  const s = svg('svg', { viewBox: `${x0.toFixed(0)} ${y0.toFixed(0)} ${w.toFixed(0)} ${h.toFixed(0)}`, class: 'map', role: 'img', 'aria-label': 'map of Libya', id: opts.id });
  for (const n of MAP.neighbours) s.append(svg('path', { d: n, class: 'neighbour' }));
  s.append(svg('path', { d: MAP.libya, class: 'libya' }));
  for (const l of MAP.links) {
    const a = region(l.from), b = region(l.to);
    s.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'link ' + l.kind }));
  }
  const byRegion = {};
  for (const f of picture.forces) (byRegion[f.region] = byRegion[f.region] || []).push(f);
  const labels = [], placed = [];
  for (const r of picture.regions) {
    const m = region(r.id);
    const c = r.controller ? faction(r.controller).colour : '#ffffff';
    const share = opts.share && opts.share[r.id];
    const circle = svg('circle', {
      cx: m.x, cy: m.y, r: 6, fill: c, 'fill-opacity': share === undefined ? 0.9 : Math.max(0.15, share),
      class: 'region' + (r.observed ? '' : ' unobserved') + (SELECTED === r.id && opts.click ? ' selected' : ''), 'data-region': r.id,
    });
    circle.append(svg('title', {}, `${m.name} — ${r.controller ? faction(r.controller).name : 'nobody'}${r.observed ? '' : ' (not observed)'}`));
    if (opts.click) circle.addEventListener('click', () => opts.click(r.id));
    s.append(circle);
    placed.push({ x: m.x - 6, y: m.y - 6, w: 12, h: 12 });
    const lines = [[r.id.replace(/_/g, ' '), null]].concat((byRegion[r.id] || []).slice(0, 4).map(f =>
      [`${f.faction} ${f.exact ? fmt(f.low) : fmt(f.low) + '–' + fmt(f.high - 1)}`, faction(f.faction).colour]));
    labels.push({ m, lines });
  }
  // Labels placed greedily, west to east: beside the region if there is room, else further out with a leader line,
  // so the four Sirte districts and the oil crescent stay readable.
  const overlaps = b => b.x < x0 || b.x + b.w > x0 + w || b.y < y0 || b.y + b.h > y0 + h || placed.some(p => b.x < p.x + p.w && p.x < b.x + b.w && b.y < p.y + p.h && p.y < b.y + b.h);
  labels.sort((a, b) => a.m.x - b.m.x);
  for (const { m, lines } of labels) {
    const bw = Math.max(...lines.map(l => l[0].length)) * 4.4 + 4, bh = lines.length * 9 + 2;
    const tries = [[8, -6], [-8 - bw, -6], [8, 8], [8, -bh - 4], [-8 - bw, 8], [-8 - bw, -bh - 4]];
    for (let k = 1; k <= 6; k++) tries.push([8, 8 + k * 12], [8, -bh - 4 - k * 12], [-8 - bw, 8 + k * 12], [-8 - bw, -bh - 4 - k * 12]);
    let at = tries.find(([dx, dy]) => !overlaps({ x: m.x + dx, y: m.y + dy, w: bw, h: bh })) || tries[0];
    const box = { x: m.x + at[0], y: m.y + at[1], w: bw, h: bh };
    placed.push(box);
    if (Math.abs(at[1]) > 12) s.append(svg('line', { x1: m.x, y1: m.y, x2: box.x + (at[0] > 0 ? 0 : bw), y2: box.y + 4, class: 'leader' }));
    lines.forEach(([text, colour], i) => s.append(svg('text', { x: box.x + 1, y: box.y + 8 + i * 9, class: i ? 'force' : 'name', fill: colour || '#1b1b1b' }, text)));
  }
  return s;
}
function mapSection(title, picture, opts) {
  return el('section', {}, el('h2', {}, title), drawMap(picture, opts), el('p', { class: 'attribution' }, MAP.attribution));
}

// ---- clock ----
function drawClock(v) {
  const c = v.clock, box = $('clock');
  box.replaceChildren(`Turn ${c.turn} · ${c.phase} · ${c.date} (day ${c.day} of ${c.lastDay}) · branch ${c.branch} · `,
    ...Object.entries(c.ready).map(([cell, ready]) => el('span', { class: ready ? 'ready' : 'waiting', 'data-cell': cell }, `${cell} ${ready ? '✔' : '…'} `)));
  box.dataset.phase = c.phase; box.dataset.turn = c.turn;
}

// ---- a cell's page ----
function buildCell() {
  const v = VIEW;
  const app = $('app');
  app.replaceChildren(el('div', { class: 'grid' },
    el('div', {}, el('div', { id: 'map-box' })),
    el('div', {},
      el('section', { id: 'region-panel' }, el('h2', {}, 'Region'), el('div', { id: 'region-detail' }, 'Click a region on the map.'),
        el('div', { class: 'row' },
          el('label', {}, 'Faction ', el('select', { id: 'order-faction' }, options(v.cell.factions.map(f => [f, faction(f).name])))),
          el('label', {}, 'Order ', el('select', { id: 'order-kind' }, options([['move', 'move'], ['standing', 'standing (every day)'], ['withdraw', 'withdraw all'], ['hold', 'hold']])))),
        el('div', { class: 'row' },
          el('label', {}, 'To ', el('select', { id: 'order-to' })),
          el('label', {}, 'Fighters ', el('input', { id: 'order-fighters', type: 'number', min: 1, value: 100 })),
          el('button', { id: 'order-submit', class: 'primary', onclick: submitOrder }, 'Give order')),
        el('div', { id: 'result' })),
      el('section', {}, el('h2', {}, 'Orders this turn'), el('ul', { id: 'orders', class: 'feed' }),
        el('div', { class: 'row' }, el('button', { id: 'ready', onclick: () => act({ type: 'ready', ready: !VIEW.clock.ready[VIEW.cell.id] }) }, 'Orders ready'))),
      el('section', {}, el('h2', {}, 'Messages'), el('ul', { id: 'feed', class: 'feed' }),
        el('div', { class: 'row' }, el('input', { id: 'msg-text', type: 'text', maxlength: 2000, placeholder: 'message to White' }),
          el('button', { id: 'msg-send', onclick: async () => { const t = $('msg-text'); if ((await act({ type: 'message', text: t.value })).accepted) t.value = ''; } }, 'Send'))),
      el('section', { id: 'forecast-box' }, el('h2', {}, 'Forecast'), el('div', { id: 'forecast-body' })))));
}
function refreshCell() {
  const v = VIEW;
  $('map-box').replaceChildren(mapSection(`${v.cell.name}: what you see`, v.picture, { click: selectRegion, id: 'cell-map' }));
  $('orders').replaceChildren(...(v.orders.length ? v.orders.map(o => el('li', { 'data-order': o.id },
    `#${o.id} ${o.kind}: ${o.faction} ${o.kind === 'hold' ? 'holds ' + o.from : `${fmt(o.fighters)} ${o.from} → ${o.to}`} `,
    v.clock.phase === 'planning' ? el('button', { onclick: () => act({ type: 'cancel-order', id: o.id }) }, 'withdraw') : null)) : [el('li', {}, 'No orders yet.')]));
  $('ready').textContent = v.clock.ready[v.cell.id] ? 'Not ready after all' : 'Orders ready';
  drawFeed(v.feed);
  const fb = $('forecast-body');
  if (v.canForecast && !fb.dataset.on) {
    fb.dataset.on = '1';
    fb.replaceChildren(el('div', { class: 'row' }, el('label', {}, 'Runs ', el('input', { id: 'fc-runs', type: 'number', value: 200, min: 1 })),
      el('button', { id: 'fc-go', onclick: () => forecast() }, 'Forecast to the end')), el('div', { id: 'fc-out' }));
  } else if (!v.canForecast) { fb.dataset.on = ''; fb.replaceChildren(el('p', { class: 'small' }, 'White has not opened forecasts to your cell.')); }
  if (SELECTED) showRegion(SELECTED);
}
function selectRegion(id) { SELECTED = id; refreshView(); }
function showRegion(id) {
  const v = VIEW, m = region(id), seen = v.picture.regions.find(r => r.id === id);
  const forces = v.picture.forces.filter(f => f.region === id);
  $('region-detail').replaceChildren(el('p', {}, el('b', {}, m.name), ` (${id}) — held by ${seen.controller ? faction(seen.controller).name : 'nobody'}; ${seen.observed ? 'observed' : 'not observed: forces there are unknown'}`),
    el('ul', {}, forces.map(f => el('li', {}, el('span', { class: 'chip', style: `background:${faction(f.faction).colour}` }),
      `${faction(f.faction).name}: ${f.exact ? fmt(f.low) + ' fighters (morale ' + (f.morale ?? 0).toFixed(2) + ')' : fmt(f.low) + '–' + fmt(f.high - 1) + ' (estimate)'}`))));
  const to = $('order-to'), keep = to.value;
  to.replaceChildren(...options(neighbours(id).map(n => [n, region(n).name]), keep));
}
async function submitOrder() {
  if (!SELECTED) { $('result').textContent = 'Click the region the fighters are in first.'; return; }
  const kind = $('order-kind').value;
  await act({ type: 'order', faction: $('order-faction').value, kind, from: SELECTED, to: kind === 'hold' ? null : $('order-to').value, fighters: Number($('order-fighters').value) });
}
function drawFeed(feed) {
  $('feed').replaceChildren(...(feed.length ? feed.slice().reverse().map(f => el('li', {}, el('b', {}, `T${f.turn} ${f.from} → ${f.to.join(', ')}: `), f.text)) : [el('li', {}, 'No messages.')]));
}

// ---- forecast (White, or a cell White allows) ----
async function forecast() {
  const runs = Number(($('fc-runs') || {}).value || 1000), toDayBox = $('fc-day');
  const body = { type: 'forecast', runs };
  if (toDayBox && toDayBox.value) body.toDay = Number(toDayBox.value);
  const r = await act(body);
  if (!r.accepted || !r.value) return;
  const f = r.value, out = $('fc-out');
  out.replaceChildren(el('div', { id: 'fc-chart', class: 'chart' }), el('div', { id: 'fc-map' }), el('table', { id: 'fc-outcomes' },
    el('tr', {}, el('th', {}, 'outcome'), el('th', {}, 'mean'), el('th', {}, 'P5–P95'), el('th', {}, 'P(yes)')),
    f.outcomes.map(o => el('tr', {}, el('td', {}, o.id), el('td', {}, Number.isFinite(o.mean) ? o.mean.toFixed(2) : '—'),
      el('td', {}, Number.isFinite(o.p5) ? `${o.p5.toFixed(1)}–${o.p95.toFixed(1)}` : '—'), el('td', {}, o.yes === null || o.yes === undefined ? '' : pct(o.yes))))));
  const days = [...Array(f.toDay - f.fromDay + 1).keys()].map(d => d + f.fromDay);
  const traces = [];
  for (const fan of f.fans) {
    const c = faction(fan.faction).colour;
    traces.push({ x: days.concat(days.slice().reverse()), y: fan.p95.concat(fan.p5.slice().reverse()), fill: 'toself', fillcolor: c + '22', line: { width: 0 }, name: fan.faction + ' P5–P95', hoverinfo: 'skip', showlegend: false });
    traces.push({ x: days.concat(days.slice().reverse()), y: fan.p75.concat(fan.p25.slice().reverse()), fill: 'toself', fillcolor: c + '55', line: { width: 0 }, name: fan.faction + ' P25–P75', hoverinfo: 'skip', showlegend: false });
    traces.push({ x: days, y: fan.p50, line: { color: c }, name: fan.faction });
  }
  Plotly.newPlot('fc-chart', traces, { margin: { t: 30, l: 50, r: 10, b: 40 }, title: { text: `Fighters, ${f.runs} runs from day ${f.fromDay}` }, xaxis: { title: { text: 'day' } }, yaxis: { title: { text: 'fighters' } } }, { displayModeBar: false, responsive: true });
  // Probability of control at the end: each region in the colour of its likeliest holder, as opaque as that chance.
  const share = {}, regions = [];
  for (const r of MAP.regions) {
    const c = f.control[r.id] || {};
    const best = Object.entries(c).sort((a, b) => b[1] - a[1])[0];
    share[r.id] = best ? best[1] : 0;
    regions.push({ id: r.id, controller: best ? best[0] : null, observed: true });
  }
  $('fc-map').replaceChildren(mapSection(`Likeliest holder at day ${f.toDay} (opacity = probability)`, { regions, forces: [] }, { share, id: 'fc-svg' }));
}

// ---- White's control room ----
function buildWhite() {
  const v = VIEW;
  const cellBoxes = name => el('span', { class: 'row' }, v.cells.map(c => el('label', {}, el('input', { type: 'checkbox', name, value: c.id }), c.id)));
  const checked = name => [...document.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value);
  const regionOptions = () => options(MAP.regions.map(r => [r.id, r.name]));
  const factionOptions = extra => options((extra || []).concat(MAP.factions.map(f => [f.id, f.name])));
  const num = id => { const x = $(id).value; return x === '' ? null : Number(x); };
  $('app').replaceChildren(
    el('nav', { class: 'tabs' }, el('button', { id: 'tab-room', onclick: () => { TAB = 'room'; showTab(); } }, 'Control room'),
      el('button', { id: 'tab-review', onclick: () => { TAB = 'review'; showTab(); } }, 'After-action review'),
      el('span', { class: 'small' }, ' Exports: ', ['orders.csv', 'turns.csv', 'states.csv', 'adjudications.csv', 'log.csv', 'orders.parquet', 'turns.parquet', 'states.parquet', 'adjudications.parquet', 'scenario.yaml'].map(n =>
        el('a', { href: `/api/export/${n}?t=${T}`, download: n, style: 'margin-right:.6em' }, n)))),
    el('div', { id: 'room', class: 'grid' },
      el('div', {}, el('div', { id: 'map-box' }), el('section', {}, el('h2', {}, 'Forecast from here'),
        el('div', { class: 'row' }, el('label', {}, 'Runs ', el('input', { id: 'fc-runs', type: 'number', value: 1000, min: 1 })),
          el('label', {}, 'to day ', el('input', { id: 'fc-day', type: 'number', placeholder: 'end' })), el('button', { id: 'fc-go', onclick: () => forecast() }, 'Forecast')),
        el('div', { class: 'row' }, 'Cells allowed to forecast: ', v.cells.map(c => el('label', {}, el('input', { type: 'checkbox', id: 'allow-' + c.id,
          onchange: e => act({ type: 'allow-forecast', cell: c.id, allowed: e.target.checked }) }), c.id))),
        el('div', { id: 'fc-out' }))),
      el('div', {},
        el('section', {}, el('h2', {}, 'Turn'), el('div', { class: 'row' },
          el('button', { id: 'lock', class: 'primary', onclick: async () => { if ((await act({ type: 'lock' })).accepted) await act({ type: 'adjudicate' }); } }, 'Lock & adjudicate'),
          el('button', { id: 'unlock', onclick: () => act({ type: 'unlock' }) }, 'Unlock'),
          el('button', { id: 'open-turn', onclick: () => act({ type: 'open' }) }, 'Open next turn')),
          el('div', { id: 'result' }), el('div', { id: 'all-orders' })),
        el('section', {}, el('h2', {}, 'Published turns'), el('table', { id: 'turns' })),
        el('section', { id: 'bands' }, el('h2', {}, 'Adjudication'), el('div', { id: 'bands-body' }, 'Lock the turn to run the replicates.'), el('div', { id: 'bands-chart', class: 'chart' })),
        el('section', {}, el('h2', {}, 'Publish'),
          el('div', { class: 'row' }, el('label', {}, el('input', { type: 'radio', name: 'choice', value: 'canonical', checked: true }), 'canonical run'),
            el('label', {}, el('input', { type: 'radio', name: 'choice', value: 'median' }), 'nearest the median'),
            el('label', {}, el('input', { type: 'radio', name: 'choice', value: 'manual' }), 'manual (turn start)')),
          el('div', { id: 'edits' }),
          el('div', { class: 'row' }, el('select', { id: 'edit-faction' }, factionOptions([['', '(nobody: control)']])), el('select', { id: 'edit-region' }, regionOptions()),
            el('label', {}, el('input', { type: 'checkbox', id: 'edit-control' }), 'hand over control'),
            el('input', { id: 'edit-fighters', type: 'number', placeholder: 'fighters' })),
          el('input', { id: 'edit-why', type: 'text', placeholder: 'rationale (required)' }),
          el('div', { class: 'row' }, el('button', { id: 'edit-add', onclick: () => {
            const e = { faction: $('edit-faction').value || null, region: $('edit-region').value, fighters: $('edit-control').checked ? null : num('edit-fighters'), rationale: $('edit-why').value };
            PENDING_EDITS.push(e); drawEdits(); } }, 'Add edit'),
            el('input', { id: 'publish-note', type: 'text', placeholder: 'note for the debrief' }),
            el('button', { id: 'publish', class: 'primary', onclick: async () => {
              const choice = document.querySelector('input[name=choice]:checked').value;
              const r = await act({ type: 'publish', choice, edits: PENDING_EDITS, note: $('publish-note').value || null });
              if (r.accepted) { PENDING_EDITS = []; drawEdits(); } } }, 'Publish'))),
        el('section', {}, el('h2', {}, 'Injects'),
          el('div', { class: 'row' }, 'Event ', el('select', { id: 'ev-id' }, options(MAP.events.map(e => [e, e]))),
            el('select', { id: 'ev-when' }, options([['early', 'early'], ['late', 'late'], ['never', 'never']])), el('input', { id: 'ev-day', type: 'number', placeholder: 'day' })),
          el('div', { class: 'row' }, 'Ad hoc ', el('select', { id: 'in-kind' }, options([['reinforce', 'reinforcement'], ['trust', 'trust shift'], ['patron', 'patron support']])),
            el('select', { id: 'in-faction' }, factionOptions()), el('select', { id: 'in-other' }, factionOptions()), el('select', { id: 'in-patron' }, options(MAP.patrons.map(p => [p, p]))),
            el('select', { id: 'in-region' }, regionOptions()), el('input', { id: 'in-amount', type: 'number', placeholder: 'amount', step: 'any' }),
            el('input', { id: 'in-amount2', type: 'number', placeholder: 'artillery', step: 'any' }), el('input', { id: 'in-day', type: 'number', placeholder: 'day' })),
          el('div', { class: 'row' }, 'Tell: ', cellBoxes('in-notify'), el('input', { id: 'in-note', type: 'text', placeholder: 'what the cells told read' })),
          el('div', { class: 'row' }, el('button', { id: 'ev-go', onclick: () => act({ type: 'event', event: $('ev-id').value, when: $('ev-when').value, day: num('ev-day'), notify: checked('in-notify'), note: $('in-note').value || null }) }, 'Change event'),
            el('button', { id: 'in-go', onclick: () => { const k = $('in-kind').value; act({ type: 'inject', kind: k, faction: k === 'patron' ? null : $('in-faction').value, other: k === 'trust' ? $('in-other').value : null,
              patron: k === 'patron' ? $('in-patron').value : null, region: k === 'reinforce' ? $('in-region').value : null, amount: num('in-amount'), amount2: k === 'patron' ? num('in-amount2') : null,
              day: num('in-day'), notify: checked('in-notify'), note: $('in-note').value || null }); } }, 'Apply inject'))),
        el('section', {}, el('h2', {}, 'Messages'), el('ul', { id: 'feed', class: 'feed' }),
          el('div', { class: 'row' }, 'To: ', cellBoxes('msg-to'), el('input', { id: 'msg-text', type: 'text', maxlength: 2000 }),
            el('button', { id: 'msg-send', onclick: async () => { if ((await act({ type: 'message', to: checked('msg-to'), text: $('msg-text').value })).accepted) $('msg-text').value = ''; } }, 'Send'))),
        el('section', {}, el('h2', {}, 'What a cell sees'),
          el('div', { class: 'row' }, el('select', { id: 'ov-cell' }, options(v.cells.map(c => [c.id, c.name]))), el('select', { id: 'ov-region' }, regionOptions()),
            el('select', { id: 'ov-visible' }, options([['', 'visibility: rule'], ['true', 'show forces'], ['false', 'hide forces']])),
            el('select', { id: 'ov-owner' }, factionOptions([['', 'owner: true'], ['none', 'owner: nobody']])),
            el('select', { id: 'ov-faction' }, factionOptions([['', 'no strength change']])), el('input', { id: 'ov-low', type: 'number', placeholder: 'low' }), el('input', { id: 'ov-high', type: 'number', placeholder: 'high' })),
          el('div', { class: 'row' }, el('button', { id: 'ov-go', onclick: () => act({ type: 'override', cell: $('ov-cell').value, region: $('ov-region').value,
            visible: $('ov-visible').value === '' ? null : $('ov-visible').value === 'true', owner: $('ov-owner').value || null, faction: $('ov-faction').value || null, low: num('ov-low'), high: num('ov-high') }) }, 'Override'),
            el('button', { id: 'ov-clear', onclick: () => act({ type: 'clear-override', cell: $('ov-cell').value, region: $('ov-region').value }) }, 'Clear')),
          el('div', { id: 'overrides', class: 'small' })),
        el('section', {}, el('h2', {}, 'Branches'), el('ul', { id: 'branches', class: 'feed' }),
          el('div', { class: 'row' }, 'Rewind to the start of turn ', el('input', { id: 'rw-turn', type: 'number', min: 1, value: 1 }), ' as ', el('input', { id: 'rw-name', type: 'text', style: 'width:9em', placeholder: 'branch name' }),
            el('button', { id: 'rw-go', onclick: () => act({ type: 'rewind', turn: Number($('rw-turn').value) - 1, branch: $('rw-name').value }) }, 'Rewind'))))),
    el('div', { id: 'review' }));
  showTab();
}
let PENDING_EDITS = [];
function drawEdits() {
  $('edits').replaceChildren(...PENDING_EDITS.map((e, i) => el('div', { class: 'small' }, `${e.fighters === null ? 'control of ' + e.region + ' → ' + (e.faction || 'nobody') : e.faction + ' in ' + e.region + ' = ' + fmt(e.fighters)} — ${e.rationale} `,
    el('button', { onclick: () => { PENDING_EDITS.splice(i, 1); drawEdits(); } }, '×'))));
}
function refreshWhite() {
  const v = VIEW;
  $('map-box').replaceChildren(mapSection('The truth (White only)', v.truth, { id: 'white-map' }));
  $('all-orders').replaceChildren(el('table', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'cell'), el('th', {}, 'order')),
    v.orders.map(o => el('tr', {}, el('td', {}, o.id), el('td', {}, o.cell), el('td', {}, `${o.kind} ${o.faction} ${o.kind === 'hold' ? o.from : fmt(o.fighters) + ' ' + o.from + ' → ' + o.to}`)))));
  drawFeed(v.feed);
  for (const c of v.cells) { const box = $('allow-' + c.id); if (box) box.checked = v.forecasters.includes(c.id); }
  $('overrides').replaceChildren(...Object.entries(v.overrides).flatMap(([cell, m]) => Object.entries(m).map(([r, o]) => el('div', {}, `${cell} / ${r}: ${JSON.stringify(o)}`))));
  $('branches').replaceChildren(...v.branches.map(b => el('li', {}, `${b.name}${b.parent ? ` (from ${b.parent} at turn ${b.forkTurn + 1})` : ''}: ${b.turns} turns, day ${b.day}, ${b.phase} `,
    b.name === v.clock.branch ? el('b', {}, '← playing') : el('button', { onclick: () => act({ type: 'switch-branch', branch: b.name }) }, 'play this branch'))));
  $('turns').replaceChildren(el('tr', {}, ['turn', 'days', 'published', 'seed', 'edits', 'note'].map(h => el('th', {}, h))),
    ...v.turns.map(t => el('tr', { 'data-turn': t.turn }, el('td', {}, t.turn), el('td', {}, `${t.startDay}–${t.endDay}`), el('td', {}, t.choice), el('td', { class: 'small' }, t.seedText),
      el('td', {}, t.edits.map(e => el('div', { class: e.outOfBand ? 'out' : '' }, `${e.edit.fighters === null ? 'control ' + e.edit.region + ' → ' + (e.edit.faction || 'nobody') : e.edit.faction + ' ' + e.edit.region + ' = ' + fmt(e.edit.fighters)}${e.outOfBand ? ' (out of band)' : ''}: ${e.edit.rationale}`))),
      el('td', {}, t.note || ''))));
  drawBands(v.adjudication);
}
function drawBands(a) {
  const body = $('bands-body'), chart = $('bands-chart');
  if (!a) { body.textContent = 'Lock the turn to run the replicates.'; Plotly.purge(chart); chart.style.display = 'none'; return; }
  if (a.failure) { body.replaceChildren(el('p', { class: 'out' }, a.failure), el('p', {}, 'Publish a manual adjudication: the turn start with your edits.')); chart.style.display = 'none'; return; }
  const rows = Object.entries(a.fighters);
  const contested = Object.entries(a.control).filter(([, c]) => Object.values(c.share).every(x => x < 0.999));
  body.replaceChildren(el('p', { class: 'small' }, `${a.replicates} replicates of ${a.days} days, seed ${a.seed}; nearest the median: #${a.nearestMedian} (seed ${a.nearestMedianSeed}).`),
    el('table', { id: 'bands-table' }, el('tr', {}, ['faction', 'P10', 'P50', 'P90', 'canonical', 'median run'].map(h => el('th', {}, h))),
      rows.map(([f, b]) => el('tr', { 'data-faction': f }, el('td', {}, el('span', { class: 'chip', style: `background:${faction(f).colour}` }), f),
        el('td', {}, fmt(b.p10)), el('td', {}, fmt(b.p50)), el('td', {}, fmt(b.p90)), el('td', {}, fmt(b.canonical)), el('td', {}, fmt(b.median))))),
    el('h2', {}, 'Contested regions (share of replicates)'),
    el('table', { id: 'control-table' }, contested.length ? contested.map(([r, c]) => el('tr', {}, el('td', {}, r),
      el('td', {}, Object.entries(c.share).sort((x, y) => y[1] - x[1]).map(([f, s]) => `${f} ${pct(s)}`).join(', ')), el('td', {}, 'canonical: ' + (c.canonical || 'nobody'))))
      : [el('tr', {}, el('td', {}, 'No region changes hands in any replicate.'))]));
  chart.style.display = '';
  // Drawn as the change over the turn, so a band of a few dozen fighters on a force of thousands stays visible.
  const start = f => VIEW.truth.totals[MAP.factions.findIndex(x => x.id === f)] || 0;
  let moving = rows.filter(([f, b]) => b.p10 !== start(f) || b.p90 !== start(f) || b.canonical !== start(f));
  if (!moving.length) moving = rows;
  const names = moving.map(([f]) => f);
  Plotly.react(chart, [
    { type: 'bar', orientation: 'h', y: names, base: moving.map(([f, b]) => b.p10 - start(f)), x: moving.map(([, b]) => Math.max(0.5, b.p90 - b.p10)),
      marker: { color: names.map(f => faction(f).colour + '99') }, name: 'P10–P90', hoverinfo: 'skip' },
    { type: 'scatter', mode: 'markers', y: names, x: moving.map(([f, b]) => b.p50 - start(f)), marker: { symbol: 'line-ns-open', size: 16, color: '#000' }, name: 'P50' },
    { type: 'scatter', mode: 'markers', y: names, x: moving.map(([f, b]) => b.canonical - start(f)), marker: { symbol: 'diamond', size: 8, color: '#d00' }, name: 'canonical' },
  ], { margin: { t: 30, l: 120, r: 10, b: 40 }, title: { text: 'Change in fighters over the turn' }, xaxis: { title: { text: 'fighters gained (+) or lost (−) by the turn\u2019s end' }, zeroline: true },
    barmode: 'overlay', height: 120 + 22 * names.length }, { displayModeBar: false, responsive: true });
}
function showTab() {
  $('room').style.display = TAB === 'room' ? '' : 'none';
  $('review').style.display = TAB === 'review' ? '' : 'none';
  $('tab-room').className = TAB === 'room' ? 'on' : ''; $('tab-review').className = TAB === 'review' ? 'on' : '';
  if (TAB === 'review') loadReview(REVIEW ? REVIEW.review.turn : VIEW.turns.length);
}

// ---- after-action review ----
async function loadReview(turn) {
  REVIEW = await api(`/api/review?turn=${turn}`);
  const r = REVIEW.review, v = VIEW, box = $('review');
  const logCell = (box.querySelector('#log-cell') || {}).value || '', logTurn = (box.querySelector('#log-turn') || {}).value || '';
  box.replaceChildren(
    el('section', {}, el('h2', {}, 'After-action review'), el('div', { class: 'row' }, 'Start of turn ',
      el('input', { id: 'aar-turn', type: 'range', min: 0, max: v.turns.length, value: r.turn, oninput: e => loadReview(Number(e.target.value)) }),
      el('b', { id: 'aar-label' }, `turn ${r.turn + 1}, ${r.date} (day ${r.day})`))),
    ...v.cells.map(c => el('section', { class: 'believed' }, el('h2', {}, `${c.name}: what it believed vs what was true`),
      el('div', { class: 'pair' }, drawMap(r.believed[c.id], { id: 'aar-believed-' + c.id }), drawMap(r.truth, { id: 'aar-truth-' + c.id })),
      el('p', { class: 'attribution' }, 'Left: the cell\u2019s picture. Right: the truth. ' + MAP.attribution))),
    el('section', {}, el('h2', {}, 'Strength and outcomes over the turns'), el('div', { id: 'aar-strength', class: 'chart' }), el('div', { id: 'aar-outcomes', class: 'chart' })),
    el('section', {}, el('h2', {}, 'Log'), el('div', { class: 'row' }, 'cell ', el('select', { id: 'log-cell', onchange: drawLog }, options([['', 'all'], ['white', 'white']].concat(v.cells.map(c => [c.id, c.id])), logCell)),
      ' turn ', el('select', { id: 'log-turn', onchange: drawLog }, options([['', 'all']].concat([...Array(v.clock.turn).keys()].map(k => [String(k + 1), String(k + 1)])), logTurn))),
      el('table', { id: 'log' })));
  const turns = r.totals.map((_, k) => k + 1);
  const factions = Object.keys(r.totals[0] || {}).filter(f => r.totals.some(t => t[f] > 0));
  Plotly.newPlot('aar-strength', factions.map(f => ({ x: turns, y: r.totals.map(t => t[f] || 0), name: f, line: { color: faction(f).colour } })),
    { margin: { t: 30, l: 50, r: 10, b: 40 }, title: { text: 'Fighters at the start of each turn' }, xaxis: { title: { text: 'turn' }, dtick: 1 } }, { displayModeBar: false, responsive: true });
  const outcomeIds = Object.keys(r.outcomes[0] || {}).filter(o => r.outcomes.some(x => x[o] !== null && x[o] !== undefined)).slice(0, 8);
  Plotly.newPlot('aar-outcomes', outcomeIds.map(o => ({ x: turns, y: r.outcomes.map(x => x[o]), name: o })),
    { margin: { t: 30, l: 50, r: 10, b: 40 }, title: { text: 'Outcomes at the start of each turn' }, xaxis: { title: { text: 'turn' }, dtick: 1 } }, { displayModeBar: false, responsive: true });
  drawLog();
}
function drawLog() {
  const cell = $('log-cell').value, turn = $('log-turn').value;
  const rows = REVIEW.log.filter(l => (!cell || l.actor === cell) && (!turn || String(l.turn) === turn));
  $('log').replaceChildren(el('tr', {}, ['#', 'turn', 'day', 'branch', 'who', 'action', 'answer'].map(h => el('th', {}, h))),
    ...rows.slice(-300).map(l => el('tr', { 'data-actor': l.actor }, el('td', {}, l.seq), el('td', {}, l.turn), el('td', {}, l.day), el('td', {}, l.branch), el('td', {}, l.actor), el('td', {}, l.action),
      el('td', { class: l.accepted ? '' : 'refused' }, l.message))));
}

// ---- wiring ----
function refreshView() {
  if (!VIEW || !MAP) return;
  if (!BUILT) { if (VIEW.role === 'white') buildWhite(); else buildCell(); BUILT = true; }
  drawClock(VIEW);
  if (VIEW.role === 'white') refreshWhite(); else refreshCell();
  document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
}
function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?t=${encodeURIComponent(T)}`);
  SOCKET = ws;
  ws.onopen = () => { $('status').textContent = 'connected'; };
  ws.onmessage = e => { const m = JSON.parse(e.data); if (m.kind === 'view') { VIEW = m.view; refreshView(); } };
  // A dropped connection (a laptop's Wi-Fi, a server restart) comes back by itself with the cell's picture and orders.
  ws.onclose = () => { $('status').textContent = 'reconnecting…'; setTimeout(connect, 1000); };
}
(async function main() {
  MAP = await api('/api/map');
  $('title').textContent = `${MAP.title}`;
  connect();
})();
