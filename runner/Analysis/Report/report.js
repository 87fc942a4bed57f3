// Draws a ConflictSim report from the JSON in #report-data with the plotly.js inlined above it. No network: every
// asset is in this file. Each chart sits in a div.chart; body[data-rendered] is set once every chart has drawn.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const main = document.getElementById('main');
  const pending = [];
  let counter = 0;
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
  const config = {
    displaylogo: false,
    toImageButtonOptions: { format: 'png', scale: 2 },
    modeBarButtonsToAdd: [{
      name: 'Download plot as SVG',
      icon: Plotly.Icons.camera,
      click: gd => Plotly.downloadImage(gd, { format: 'svg', filename: gd.id }),
    }],
  };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function section(title, intro) {
    const s = el('section');
    s.appendChild(el('h2', {}, title));
    if (intro) s.appendChild(el('p', { class: 'note' }, intro));
    main.appendChild(s);
    return s;
  }
  function grid(parent) { const g = el('div', { class: 'grid' }); parent.appendChild(g); return g; }
  function chart(parent, traces, layout, wide) {
    const div = el('div', { class: wide ? 'chart wide' : 'chart', id: 'chart-' + (++counter) });
    parent.appendChild(div);
    const base = { margin: { l: 60, r: 20, t: 40, b: 50 }, height: 320, font: { size: 11 }, showlegend: traces.length > 1 };
    const merged = Object.assign(base, layout);
    if (layout.title && typeof layout.title === 'string') merged.title = { text: layout.title, font: { size: 13 }, x: 0.01, xanchor: 'left' };
    // plotly.js 3 and later take an axis title only as {text}; a bare string is dropped.
    for (const key of Object.keys(merged)) {
      if (/^[xy]axis\d*$/.test(key) && typeof merged[key].title === 'string') merged[key] = Object.assign({}, merged[key], { title: { text: merged[key].title } });
    }
    pending.push(Plotly.newPlot(div, traces, merged, config));
    return div;
  }
  function table(parent, header, rows) {
    const t = el('table');
    const tr = el('tr');
    header.forEach(h => tr.appendChild(el('th', {}, h)));
    t.appendChild(tr);
    rows.forEach(r => {
      const row = el('tr');
      r.forEach(c => row.appendChild(el('td', {}, c === null || c === undefined ? '' : String(c))));
      t.appendChild(row);
    });
    parent.appendChild(t);
    return t;
  }
  const fmt = v => (v === null || v === undefined || !isFinite(v)) ? '—'
    : Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
  const pct = v => (v === null || v === undefined || !isFinite(v)) ? 'n/a' : (100 * v).toFixed(1) + '%';
  const pointLabel = p => 'point ' + p;
  const pval = v => v === null || v === undefined ? '' : v === 0 ? '< 1e-300' : v < 1e-4 ? v.toExponential(1) : v.toFixed(4);
  const percentiles = Array.from({ length: 101 }, (_, i) => i / 100);
  const errorBars = (rows, key) => ({
    type: 'data', symmetric: false,
    array: rows.map(r => (r.hi ?? r[key]) - (r[key] ?? 0)),
    arrayminus: rows.map(r => (r[key] ?? 0) - (r.lo ?? r[key])),
  });

  function manifest(rows) {
    const s = section('Manifest');
    table(s, ['', ''], rows);
  }

  function outcomes() {
    const s = section('Outcomes',
      'Each outcome\'s distribution over all runs (ECDF from the sweep\'s quantile sketches; a yes/no outcome as its probability with the Wilson 95% interval), and its mean with its 95% interval at each parameter point.');
    const params = data.parameters;
    data.outcomes.forEach(o => {
      const card = el('div', { class: 'outcome' });
      s.appendChild(card);
      card.appendChild(el('h3', {}, o.id));
      const p = o.pooled;
      let line = o.yes_no
        ? `P(yes) = ${fmt(p.mean)} (Wilson 95% ${fmt(p.lo)}–${fmt(p.hi)}) over ${p.n} runs`
        : `mean ${fmt(p.mean)} (95% CI ${fmt(p.lo)}–${fmt(p.hi)}) over ${p.n} runs`;
      if (o.nullable) line += `; happened in ${pct(p.happened)} of ${p.runs} runs (Wilson ${pct(p.happened_lo)}–${pct(p.happened_hi)}); the statistics are over the runs where it did`;
      if (!p.exact) line += '; quantiles within 0.5% relative error (DDSketch)';
      card.appendChild(el('p', {}, line));
      const g = grid(card);
      const per = o.per_point;
      const few = per.length <= 6;
      if (o.yes_no) {
        const rows = few && per.length > 1 ? per.concat([p]) : [p];
        const labels = few && per.length > 1 ? per.map((_, i) => pointLabel(i)).concat(['all']) : ['all runs'];
        chart(g, [{ type: 'bar', x: labels, y: rows.map(r => r.mean), error_y: errorBars(rows, 'mean'), marker: { color: palette[0] },
          hovertemplate: '%{x}: %{y:.3f}<extra></extra>' }],
          { title: 'P(yes), Wilson 95%', yaxis: { range: [0, 1], title: 'probability' } });
      } else if (p.percentiles) {
        const curves = few && per.length > 1 && per.every(r => r.percentiles) ? per.map((r, i) => [pointLabel(i), r.percentiles]) : [['all runs', p.percentiles]];
        chart(g, curves.map(([name, x], i) => ({ type: 'scatter', mode: 'lines', line: { shape: 'hv', color: palette[i % palette.length] },
          name, x, y: percentiles, hovertemplate: 'value %{x}<br>F = %{y:.2f}<extra>' + name + '</extra>' })),
          { title: 'ECDF', xaxis: { title: o.id }, yaxis: { title: 'share of runs ≤ value', range: [0, 1.02] } });
      }
      if (per.length > 1 && params.length > 0) {
        const xs = params.map((_, j) => data.points.map(pt => pt[j]));
        const trace = { type: 'scatter', mode: per.length <= 50 && params.length === 1 ? 'lines+markers' : 'markers', x: xs[0],
          y: per.map(r => r.mean), error_y: Object.assign(errorBars(per, 'mean'), { thickness: 1, width: 2 }),
          text: per.map((_, i) => pointLabel(i)), marker: { size: 6, color: palette[1] },
          hovertemplate: '%{text}<br>x = %{x}<br>mean = %{y:.3f}<extra></extra>' };
        const layout = { title: (o.yes_no ? 'P(yes)' : 'Mean') + ' by parameter point, 95% intervals', xaxis: { title: params[0] },
          yaxis: { title: o.yes_no ? 'probability' : 'mean' } };
        if (params.length > 1) {
          layout.updatemenus = [{ x: 1, y: 1.18, xanchor: 'right', buttons: params.map((name, j) => ({
            method: 'update', label: name.split('.').slice(-2).join('.'), args: [{ x: [xs[j]] }, { 'xaxis.title.text': name }] })) }];
        }
        chart(g, [trace], layout);
      }
    });
  }

  function fans() {
    const f = data.fans;
    if (!f.kept) {
      section('Fan charts over days', 'This sweep kept no per-day metrics (a sensitivity design keeps none: thousands of points would each hold them).');
      return;
    }
    const s = section('Fan charts over days',
      `Per faction, fighters (on the map and in transit) and regions held: the median, the p25–p75 band and the p5–p95 band across runs, per parameter point` +
      (f.of > f.shown ? ` (points 0–${f.shown - 1} of ${f.of} shown; timeseries.csv has every point).` : '.'));
    const g = grid(s);
    f.series.forEach(series => {
      const traces = [];
      series.points.forEach((q, p) => {
        const c = palette[p % palette.length];
        const name = pointLabel(p);
        const band = (lo, hi, alpha, label) => {
          traces.push({ type: 'scatter', mode: 'lines', x: f.dates, y: lo, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, legendgroup: name });
          traces.push({ type: 'scatter', mode: 'lines', x: f.dates, y: hi, line: { width: 0 }, fill: 'tonexty', fillcolor: c + alpha,
            name: name + ' ' + label, legendgroup: name, showlegend: false, hovertemplate: label + ' %{y}<extra>' + name + '</extra>' });
        };
        band(q[0], q[4], '22', 'p5–p95');
        band(q[1], q[3], '55', 'p25–p75');
        traces.push({ type: 'scatter', mode: 'lines', x: f.dates, y: q[2], line: { color: c, width: 2 }, name, legendgroup: name,
          hovertemplate: 'median %{y}<extra>' + name + '</extra>' });
      });
      chart(g, traces, { title: `${series.faction}: ${series.metric}`, showlegend: series.points.length > 1, yaxis: { rangemode: 'tozero' } });
    });
  }

  function map() {
    const m = data.map;
    const s = section('Control at the end',
      `Each region's probability of being held by each faction when the runs end` + (m.points > 1 ? `, over all ${m.points} parameter points together` : '') +
      '. Regions are placed by their scenario coordinates.');
    const g = grid(s);
    const shapes = m.neighbours.map(path => ({ type: 'path', path, xref: 'x', yref: 'y', fillcolor: '#eeeeee', line: { color: '#bbbbbb', width: 0.5 }, layer: 'below' }))
      .concat([{ type: 'path', path: m.country, xref: 'x', yref: 'y', fillcolor: '#fbf8ef', line: { color: '#666666', width: 1 }, layer: 'below' }]);
    m.panels.forEach((panel, i) => {
      chart(g, [{
        type: 'scatter', mode: 'markers', x: m.regions.map(r => r.x), y: m.regions.map(r => r.y),
        text: m.regions.map((r, k) => `${r.name}: ${(100 * panel.probability[k]).toFixed(1)}%`),
        hovertemplate: '%{text}<extra>' + panel.faction + '</extra>',
        marker: { size: 9, color: panel.probability, cmin: 0, cmax: 1, colorscale: 'YlOrRd', reversescale: true, line: { color: '#333', width: 0.5 },
          showscale: i === 0, colorbar: { title: { text: 'P' }, thickness: 10, len: 0.8 } },
      }], {
        title: panel.faction, height: 300, margin: { l: 10, r: 10, t: 36, b: 10 }, shapes, showlegend: false,
        xaxis: { range: [0, m.width], visible: false, constrain: 'domain' },
        yaxis: { range: [m.height, 0], visible: false, scaleanchor: 'x', scaleratio: 1 },
      });
    });
    s.appendChild(el('p', { class: 'note' }, m.attribution));
  }

  function sensitivity() {
    const d = data.sensitivity;
    if (!d) return;
    const morris = d.method === 'morris';
    const s = section(morris ? 'Sensitivity: Morris elementary effects' : 'Sensitivity: Sobol indices',
      (morris
        ? `${d.design}. μ* is the mean absolute elementary effect per unit of each parameter's range (Campolongo et al. 2007), with a bootstrap 95% interval over trajectories; σ large against μ* marks non-linearity or interaction.`
        : `${d.design}. First-order S1 (Saltelli 2010) and total ST (Jansen) indices with bootstrap 95% intervals; the N/2 estimates check convergence. Negative indices and intervals that include zero are flagged.`) +
      ` Each point's value is the mean of ${d.runs} runs with the same seeds at every point.`);
    if (d.problem) { s.appendChild(el('p', { class: 'flag' }, d.problem)); return; }
    // d.outcomes is sensitivity.json's own object, keyed by outcome id (SweepSensitivity.WriteOutcomes).
    Object.entries(d.outcomes).forEach(([id, o]) => {
      const rows = morris ? o.morris : o.sobol;
      if (!rows || (!morris && !(o.variance > 0)) || (morris && !rows.some(r => r.mu_star > 0))) return;
      const card = el('div', { class: 'outcome' });
      s.appendChild(card);
      card.appendChild(el('h3', {}, id));
      card.appendChild(el('p', {}, `Seed noise: ${pct(o.seed_noise.share_of_run_variance)} of one run's variance; ${pct(o.seed_noise.share_of_mean_variance)} of the variance of the ${d.runs}-run means the indices are computed from.`));
      const g = grid(card);
      const names = rows.map(r => r.parameter);
      if (morris) {
        const sorted = rows.slice().sort((a, b) => (a.mu_star ?? 0) - (b.mu_star ?? 0));
        chart(g, [{ type: 'bar', orientation: 'h', y: sorted.map(r => r.parameter), x: sorted.map(r => r.mu_star),
          error_x: { type: 'data', symmetric: false, array: sorted.map(r => r.mu_star_ci95[1] - r.mu_star), arrayminus: sorted.map(r => r.mu_star - r.mu_star_ci95[0]) },
          marker: { color: palette[0] }, hovertemplate: '%{y}<br>μ* = %{x:.3f}<extra></extra>' }],
          { title: 'μ* with bootstrap 95% CI', margin: { l: 260, r: 20, t: 40, b: 50 }, xaxis: { title: 'μ*', rangemode: 'tozero' } });
        chart(g, [{ type: 'scatter', mode: 'markers+text', x: rows.map(r => r.mu_star), y: rows.map(r => r.sigma), text: names.map(n => n.split('.').pop()),
          textposition: 'top center', marker: { size: 9, color: palette[1] }, hovertemplate: '%{text}<br>μ* %{x:.3f}, σ %{y:.3f}<extra></extra>' }],
          { title: 'μ* against σ', xaxis: { title: 'μ*', rangemode: 'tozero' }, yaxis: { title: 'σ', rangemode: 'tozero' } });
      } else {
        const bar = (key, name, color) => ({ type: 'bar', name, x: names, y: rows.map(r => r[key]), marker: { color },
          error_y: { type: 'data', symmetric: false, array: rows.map(r => r[key + '_ci95'][1] - r[key]), arrayminus: rows.map(r => r[key] - r[key + '_ci95'][0]) } });
        chart(g, [bar('s1', 'S1 (first order)', palette[0]), bar('st', 'ST (total)', palette[1])],
          { title: 'Sobol indices, bootstrap 95% CI', barmode: 'group', xaxis: { tickangle: -20, automargin: true } });
        const conv = [];
        rows.forEach((r, i) => {
          conv.push({ type: 'scatter', mode: 'lines+markers', name: r.parameter.split('.').pop() + ' S1', x: ['N/2', 'N'], y: [r.s1_half_n, r.s1], line: { color: palette[i % palette.length] } });
          conv.push({ type: 'scatter', mode: 'lines+markers', name: r.parameter.split('.').pop() + ' ST', x: ['N/2', 'N'], y: [r.st_half_n, r.st], line: { color: palette[i % palette.length], dash: 'dot' } });
        });
        chart(g, conv, { title: `Convergence: N/2 = ${Math.floor(d.size / 2)} and N = ${d.size}` });
        const flagged = rows.filter(r => r.flags.length > 0);
        if (flagged.length > 0) {
          const ul = el('ul', { class: 'flag' });
          flagged.forEach(r => ul.appendChild(el('li', {}, `${r.parameter}: ${r.flags.join('; ')}`)));
          card.appendChild(ul);
        }
      }
    });
  }

  function discovery() {
    (data.discovery || []).forEach(d => {
      const s = section(`Scenario discovery: PRIM on ${d.outcome}`,
        `Cases of interest: runs with ${d.outcome} ${d.rule}. ${d.cases} of ${d.runs} runs (${pct(d.cases / d.runs)}) at ${d.points} parameter points. ` +
        `Peeling α = ${d.peel_alpha}, pasting α = ${d.paste_alpha}, minimum mass ${d.mass_min}. The chosen box (${d.chosen}) is the star; hover shows each box.`);
      const g = grid(s);
      const t = d.trajectory;
      chart(g, [{ type: 'scatter', mode: 'lines+markers', x: t.map(b => b.coverage), y: t.map(b => b.density),
        text: t.map((b, i) => `box ${i}: mass ${fmt(b.mass)}, ${b.restricted} restricted`), marker: { color: t.map(b => b.restricted), colorscale: 'Viridis', size: 7,
          showscale: true, colorbar: { title: { text: 'dims' }, thickness: 10 } },
        hovertemplate: '%{text}<br>coverage %{x:.3f}, density %{y:.3f}<extra></extra>' },
        { type: 'scatter', mode: 'markers', x: [t[d.chosen].coverage], y: [t[d.chosen].density], marker: { symbol: 'star', size: 16, color: palette[1] }, name: 'chosen box' }],
        { title: 'Peeling trajectory', xaxis: { title: 'coverage', range: [0, 1.02] }, yaxis: { title: 'density', range: [0, 1.02] }, showlegend: false });
      table(s, ['parameter', 'box low', 'box high', 'range low', 'range high', 'quasi-p (low)', 'quasi-p (high)'],
        d.box.map(b => [b.parameter, fmt(b.lo), fmt(b.hi), fmt(b.range_lo), fmt(b.range_hi), pval(b.p_lo), pval(b.p_hi)]));
      s.appendChild(el('p', { class: 'note' }, `Chosen box: coverage ${fmt(d.chosen_coverage)}, density ${fmt(d.chosen_density)}, mass ${fmt(d.chosen_mass)}. ` +
        `Quasi-p-value of a limit: the one-sided binomial probability of the box's cases if the limit were dropped (EMA Workbench). ` + (d.sampled ? `The scatter shows ${d.scatter.length} of ${d.points} points, every k-th.` : '')));
      const dims = d.box.map(b => b.index);
      const pairs = [];
      for (let i = 0; i < dims.length; i++) for (let j = i + 1; j < dims.length; j++) pairs.push([i, j]);
      if (pairs.length === 0 && dims.length === 1) pairs.push([0, -1]);
      const pg = grid(s);
      pairs.slice(0, 6).forEach(([i, j]) => {
        const bi = d.box[i], bj = j >= 0 ? d.box[j] : null;
        const x = d.scatter.map(r => r.x[bi.index]);
        const y = bj ? d.scatter.map(r => r.x[bj.index]) : d.scatter.map(r => r.share);
        const shape = { type: 'rect', xref: 'x', yref: 'y', x0: bi.lo, x1: bi.hi, y0: bj ? bj.lo : 0, y1: bj ? bj.hi : 1, line: { color: palette[1], width: 2 } };
        chart(pg, [{ type: 'scatter', mode: 'markers', x, y, marker: { size: 5, color: d.scatter.map(r => r.share), cmin: 0, cmax: 1, colorscale: 'RdBu',
          showscale: true, colorbar: { title: { text: 'share' }, thickness: 10 } }, hovertemplate: 'x %{x}<br>y %{y}<extra></extra>' }],
          { title: 'Points by share of cases', shapes: [shape], xaxis: { title: bi.parameter }, yaxis: { title: bj ? bj.parameter : 'share of cases' }, showlegend: false });
      });
    });
  }

  // check.json (conflictsim check --out): each target against the runs' predictive distribution. The chart puts
  // every target on one axis by measuring in units of its own 90% interval (0 = its lower end, 1 = its upper end),
  // so a count of fighters and a date fit side by side; hover gives the values in the target's units.
  function validation(c, scenario) {
    const never = (c.days ?? Infinity) + 1;
    const startMs = c.start ? Date.parse(c.start + 'T00:00:00Z') : NaN;
    const num = v => Number.isInteger(v) ? String(v) : fmt(v);
    const show = (t, v) => v === null || v === undefined ? '—'
      : t.is_day && isFinite(startMs) ? (v >= never ? 'never' : new Date(startMs + Math.round(v) * 86400000).toISOString().slice(0, 10)) : num(v);
    const range = (t, lo, hi) => lo === hi ? show(t, lo) : `${show(t, lo)} – ${show(t, hi)}`;
    const pi = (t, p) => t.n === 0 ? '' : range(t, p[0], p[1]);
    const counted = c.targets.filter(t => t.counted);
    const inside = counted.filter(t => t.inside90).length;
    const validate = counted.filter(t => t.use === 'validate');
    const s = section('Validation against history',
      `The scenario's historical targets (what happened, with the source that says so) against ${c.runs} seeded runs of ${c.file} ` +
      `(master seed ${c.seed}, information ${c.information}), from check.json. A target is inside when its observation (a range: when it overlaps) ` +
      `meets the model's 90% predictive interval. PIT is where the observation falls in the model's distribution (near 0 or 1 is a miss; ` +
      `over many targets a calibrated model's PITs are uniform); CRPS is in the target's units, lower is better. A fitted target is met by ` +
      `construction (a number in the file is fitted_from it) and is left out of coverage and scores.`);
    s.id = 'validation';
    if (scenario && c.scenario && scenario !== c.scenario)
      s.appendChild(el('p', { class: 'flag' }, `check.json is of scenario ${c.scenario}, this report of ${scenario}: the section does not describe these runs.`));
    s.appendChild(el('p', { class: 'coverage', id: 'validation-coverage' },
      `Coverage: ${inside}/${counted.length} targets inside their 90% predictive interval (${pct(c.coverage)}); ` +
      `validation-only targets: ${validate.filter(t => t.inside90).length}/${validate.length} (${pct(c.validation_coverage)}); ` +
      `mean scaled interval score ${fmt(c.mean_scaled_interval_score)}.`));

    const t = el('table', { id: 'validation-targets' });
    const head = el('tr');
    ['target', 'use', 'observes', 'observed', 'median', '50% PI', '90% PI', 'in 50%', 'in 90%', 'PIT', 'CRPS', 'provenance']
      .forEach(h => head.appendChild(el('th', {}, h)));
    t.appendChild(head);
    c.targets.forEach(x => {
      const row = el('tr', { 'data-target': x.id });
      if (!x.counted) row.setAttribute('class', 'fitted');
      const fitted = x.fitted_by.length > 0;
      const verdict = fitted ? 'fitted (excluded)' : x.n === 0 ? 'no runs' : x.inside90 ? 'inside' : 'OUTSIDE';
      const cells = [x.id, x.use, x.observes, range(x, x.low, x.high), x.n === 0 ? '' : show(x, x.median), pi(x, x.pi50), pi(x, x.pi90),
        x.n === 0 ? '' : x.inside50 ? 'yes' : 'no', verdict, fmt(x.pit), fmt(x.crps),
        x.citation + (fitted ? ` — fitted_from it: ${x.fitted_by.join(', ')}` : '')];
      cells.forEach((v, i) => {
        const td = el('td', {}, v);
        if (i === 8 && verdict === 'OUTSIDE') td.setAttribute('class', 'outside');
        if (i === 11) td.setAttribute('class', 'cite');
        row.appendChild(td);
      });
      t.appendChild(row);
    });
    s.appendChild(t);

    s.appendChild(el('h3', {}, 'Warnings'));
    if (c.warnings.length === 0)
      s.appendChild(el('p', { class: 'note' }, 'None: no outcome is constant over the runs, no two are equal in every run, and no target is fitted_from.'));
    else {
      const ul = el('ul', { class: 'flag', id: 'validation-warnings' });
      c.warnings.forEach(w => ul.appendChild(el('li', {}, `${w.kind === 'fitted' ? 'fitted_from' : w.kind}: ${w.message}`)));
      s.appendChild(ul);
    }

    const drawn = c.targets.filter(x => x.n > 0 && x.pi90[0] !== null && x.pi90[1] !== null).reverse(); // first target on top
    if (drawn.length > 0) {
      const LO = -1.5, HI = 2.5;
      const clamp = v => Math.min(HI, Math.max(LO, v));
      // A degenerate interval (every run the same) is measured against the observation's distance instead.
      const scale = x => {
        const w = x.pi90[1] - x.pi90[0];
        if (w > 0) return w;
        const d = Math.max(Math.abs(x.low - x.pi90[0]), Math.abs(x.high - x.pi90[0]));
        return d > 0 ? d : 1;
      };
      const pos = (x, v) => clamp((v - x.pi90[0]) / scale(x));
      const labels = drawn.map(x => `${x.id} (${x.use}${x.counted ? '' : ', fitted'})`);
      const bar = (key, name, width, color) => {
        const lo = drawn.map(x => pos(x, x[key][0])), hi = drawn.map(x => pos(x, x[key][1]));
        // A zero-width interval still shows, as a sliver at its value.
        const len = lo.map((l, i) => Math.max(hi[i] - l, 0.02));
        return { type: 'bar', orientation: 'h', name, y: labels, base: lo.map((l, i) => hi[i] - l < 0.02 ? l - 0.01 : l), x: len, width,
          marker: { color }, text: drawn.map(x => `${x.id}<br>${name}: ${pi(x, x[key])}`), textposition: 'none', hovertemplate: '%{text}<extra></extra>' };
      };
      const median = { type: 'scatter', mode: 'markers', name: 'median', y: labels, x: drawn.map(x => pos(x, x.median)),
        marker: { symbol: 'line-ns', size: 22, line: { width: 3, color: '#08306b' } },
        text: drawn.map(x => `${x.id}<br>median ${show(x, x.median)}`), hovertemplate: '%{text}<extra></extra>' };
      const mid = drawn.map(x => (x.low + x.high) / 2);
      const raw = drawn.map((x, i) => (mid[i] - x.pi90[0]) / scale(x));
      // Observations off the axis (far outside the interval) sit at its edge as arrows, in a trace of their own so
      // the legend shows both markers.
      const observed = (keep, name, symbol) => {
        const at = drawn.map((_, i) => i).filter(i => keep(raw[i]));
        const ts = at.map(i => drawn[i]);
        return { type: 'scatter', mode: 'markers', name, y: at.map(i => labels[i]), x: at.map(i => pos(drawn[i], mid[i])),
          marker: { size: 12, symbol, line: { width: 1, color: '#222' }, color: ts.map(x => !x.counted ? '#999999' : x.inside90 ? '#2ca02c' : '#d62728') },
          error_x: { type: 'data', symmetric: false, color: '#222', thickness: 1.5, width: 4,
            array: at.map(i => pos(drawn[i], drawn[i].high) - pos(drawn[i], mid[i])), arrayminus: at.map(i => pos(drawn[i], mid[i]) - pos(drawn[i], drawn[i].low)) },
          text: at.map(i => `${drawn[i].id}<br>observed ${range(drawn[i], drawn[i].low, drawn[i].high)}` +
            `<br>${drawn[i].counted ? (drawn[i].inside90 ? 'inside' : 'outside') + ' the 90% PI' : 'fitted: left out'}`),
          hovertemplate: '%{text}<extra></extra>' };
      };
      const traces = [bar('pi90', '90% PI', 0.7, '#c6dbef'), bar('pi50', '50% PI', 0.4, '#6baed6'), median,
        observed(r => r >= LO && r <= HI, 'observed (midpoint; bar: its range)', 'diamond')];
      if (raw.some(r => r > HI)) traces.push(observed(r => r > HI, `observed beyond ${HI}`, 'triangle-right'));
      if (raw.some(r => r < LO)) traces.push(observed(r => r < LO, `observed below ${LO}`, 'triangle-left'));
      const edge = v => ({ type: 'line', xref: 'x', yref: 'paper', x0: v, x1: v, y0: 0, y1: 1, line: { color: '#888', width: 1, dash: 'dot' } });
      chart(s, traces, {
        title: 'Each target against its predictive intervals (observation: green inside the 90% PI, red outside, grey fitted)',
        barmode: 'overlay', showlegend: true, legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom' },
        height: 190 + 30 * drawn.length, margin: { l: 300, r: 30, t: 70, b: 60 }, shapes: [edge(0), edge(1)],
        xaxis: { title: 'position in units of the target\'s 90% interval (0 = lower end, 1 = upper end)', range: [LO - 0.1, HI + 0.1], zeroline: false,
          tickvals: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5] },
        yaxis: { automargin: true },
      }, true);
    }
    const pits = counted.map(x => x.pit).filter(v => v !== null && v !== undefined);
    if (pits.length > 0) {
      const size = pits.length < 20 ? 0.2 : 0.1;
      const g = grid(s);
      chart(g, [{ type: 'histogram', x: pits, autobinx: false, xbins: { start: 0, end: 1 + 1e-9, size }, marker: { color: palette[0], line: { color: '#fff', width: 1 } },
        hovertemplate: 'PIT %{x}: %{y} targets<extra></extra>', name: 'targets' }], {
        title: `PIT of the ${pits.length} counted targets`, showlegend: false, bargap: 0.05,
        shapes: [{ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: pits.length * size, y1: pits.length * size, line: { color: palette[1], dash: 'dash', width: 1.5 } }],
        xaxis: { title: 'PIT (dashed: the count a calibrated model expects per bin)', range: [0, 1] }, yaxis: { title: 'targets', rangemode: 'tozero' } });
    }
  }

  function compare() {
    const c = data.compare;
    manifest(data.manifest);
    if (data.check) validation(data.check, c.scenario);
    const ids = Object.keys(c.outcomes);
    const s = section('Paired differences (B − A)',
      `A = ${c.a}; B = ${c.b}. ${c.runs} paired runs with the same seeds in both arms (common random numbers); difference = B − A per run. ` +
      'Forest plot: the standardised mean difference (mean / sd of the paired differences) with its 95% interval, so outcomes on different scales share one axis; the table gives them in their own units.');
    const rows = ids.map(id => [id, c.outcomes[id]]).filter(([, o]) => o.mean_difference !== null && (o.sd_difference > 0 || o.mean_difference !== 0));
    const std = rows.map(([id, o]) => {
      const sd = o.sd_difference > 0 ? o.sd_difference : 1;
      return { id, d: o.mean_difference / sd, lo: (o.ci95[0] ?? o.mean_difference) / sd, hi: (o.ci95[1] ?? o.mean_difference) / sd };
    }).reverse();
    chart(s, [{ type: 'scatter', mode: 'markers', y: std.map(r => r.id), x: std.map(r => r.d), marker: { size: 9, symbol: 'square', color: palette[0] },
      error_x: { type: 'data', symmetric: false, array: std.map(r => r.hi - r.d), arrayminus: std.map(r => r.d - r.lo) },
      hovertemplate: '%{y}<br>d = %{x:.3f}<extra></extra>' }],
      { title: 'Forest plot: standardised B − A, 95% CI', height: 120 + 26 * Math.max(1, std.length), margin: { l: 220, r: 30, t: 40, b: 50 },
        xaxis: { title: 'mean difference / sd of differences', zeroline: true, zerolinecolor: '#333' }, showlegend: false }, true);
    const p = v => v === null || v === undefined ? '' : v < 0.0001 ? '<0.0001' : v.toFixed(4);
    table(s, ['outcome', 'pairs', 'mean A', 'mean B', 'B − A', '95% CI', 'paired t p', 'Wilcoxon p', 'McNemar p'],
      ids.map(id => { const o = c.outcomes[id]; return [id, o.pairs, fmt(o.mean_a), fmt(o.mean_b), fmt(o.mean_difference),
        o.ci95.length ? `${fmt(o.ci95[0])} … ${fmt(o.ci95[1])}` : '', p(o.paired_t.p), p(o.wilcoxon_signed_rank.p), o.mcnemar ? `${p(o.mcnemar.p)} (${o.mcnemar.of})` : '']; }));
    const d = section('Distributions in each arm', 'Yes/no outcomes as probabilities with Wilson 95% intervals; others as ECDFs of the runs where the outcome has a value.');
    const g = grid(d);
    ids.forEach(id => {
      const o = c.outcomes[id];
      if (!o.arms) return;
      const a = o.arms.a, b = o.arms.b;
      if (o.yes_no) {
        const arms = [a, b];
        chart(g, [{ type: 'bar', x: ['A', 'B'], y: arms.map(r => r.probability), marker: { color: [palette[0], palette[1]] },
          error_y: { type: 'data', symmetric: false, array: arms.map(r => r.wilson95[1] - r.probability), arrayminus: arms.map(r => r.probability - r.wilson95[0]) } }],
          { title: id, yaxis: { range: [0, 1], title: 'P(yes)' }, showlegend: false });
      } else if (a.percentiles.length && b.percentiles.length) {
        chart(g, [['A', a, 0], ['B', b, 1]].map(([name, arm, i]) => ({ type: 'scatter', mode: 'lines', name, x: arm.percentiles, y: percentiles,
          line: { shape: 'hv', color: palette[i] } })), { title: id, yaxis: { title: 'share of runs ≤ value', range: [0, 1.02] } });
      }
    });
  }

  try {
    document.title = data.title;
    if (data.kind === 'compare') compare();
    else if (data.kind === 'check') {
      manifest(data.manifest);
      validation(data.check);
    } else {
      manifest(data.manifest);
      if (data.check) validation(data.check, data.scenario);
      outcomes();
      fans();
      map();
      sensitivity();
      discovery();
    }
  } catch (e) {
    console.error('report: ' + e);
  }
  Promise.all(pending).then(() => { document.body.dataset.rendered = String(counter); }, e => console.error('report: ' + e));
})();
