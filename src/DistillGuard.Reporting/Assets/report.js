/* DistillGuard findings views: draws the charts and the linkage graphs from the embedded JSON data, and makes
   the accounts table sortable and searchable. Shared by the scan report and the gateway dashboard, which calls
   DistillGuardReport.init(root) again after swapping in fresh findings. */
(function () {
  'use strict';

  var state = { charts: [], graphs: {}, ready: false };
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) { return (css.getPropertyValue(name) || '').trim() || fallback; }
  function kindColour(kind) { return colour('--dg-kind-' + kind, colour('--dg-kind-other', '#8995a5')); }

  function labels(timeline, length) {
    var start = Date.parse(timeline.start);
    var step = timeline.bucketMinutes * 60000;
    var daily = timeline.bucketMinutes >= 1440;
    var out = new Array(length);
    for (var i = 0; i < length; i++) {
      var iso = new Date(start + i * step).toISOString();
      out[i] = daily ? iso.slice(0, 10) : iso.slice(5, 10) + ' ' + iso.slice(11, 16);
    }
    return out;
  }

  function stackedTimeline(canvas, timeline, mainLabel, main) {
    var n = main.length;
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels(timeline, n),
        datasets: [
          { label: mainLabel, data: main, backgroundColor: colour('--dg-campaign', '#d1495b'), stack: 's', barPercentage: 1, categoryPercentage: 1 },
          { label: 'everything else', data: timeline.other, backgroundColor: colour('--dg-other', '#9aa7b8'), stack: 's', barPercentage: 1, categoryPercentage: 1 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'top', align: 'end', labels: { boxWidth: 12 } } },
        scales: {
          x: { stacked: true, ticks: { maxTicksLimit: 12, maxRotation: 0 }, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'exchanges' } }
        }
      }
    });
  }

  function shareBars(canvas, shares, barColour) {
    // One readable row per category: long capability lists get a taller box instead of squeezed bars.
    canvas.parentNode.style.height = Math.max(240, 26 * shares.length + 56) + 'px';
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: shares.map(function (s) { return s.label; }),
        datasets: [{ label: 'share of exchanges', data: shares.map(function (s) { return Math.round(s.share * 1000) / 10; }), backgroundColor: barColour, borderRadius: 4 }]
      },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return c.parsed.x + '%'; } } } },
        scales: { x: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + '%'; } } }, y: { grid: { display: false } } }
      }
    });
  }

  function drawGraph(container, graph, legend, note) {
    var n = graph.nodes.length;
    var elements = [];
    var radius = Math.max(120, n * 9);
    graph.nodes.forEach(function (node, i) {
      // Deterministic start positions on a circle; the force layout then pulls linked accounts together.
      var angle = 2 * Math.PI * i / Math.max(1, n);
      elements.push({ group: 'nodes', data: { id: node.id, kind: node.kind }, position: { x: radius * Math.cos(angle), y: radius * Math.sin(angle) } });
    });
    graph.edges.forEach(function (edge, i) {
      elements.push({ group: 'edges', data: { id: 'e' + i, source: edge.source, target: edge.target, kind: edge.kind, weight: edge.weight } });
    });
    var small = n <= 60;
    var cy = cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.15,
      maxZoom: 2.2, // a handful of accounts should not fill the box edge to edge
      style: [
        { selector: 'node', style: { 'background-color': function (e) { return kindColour(e.data('kind')); }, width: small ? 16 : 11, height: small ? 16 : 11, label: small ? 'data(id)' : '', 'font-size': 9, color: '#3a4757', 'text-valign': 'bottom', 'text-margin-y': 3, 'border-width': 1.5, 'border-color': '#ffffff' } },
        { selector: 'edge', style: { 'line-color': function (e) { return kindColour(e.data('kind')); }, width: function (e) { return 1 + Math.min(3, 2 * (e.data('weight') || 0)); }, opacity: 0.55, 'curve-style': 'haystack' } },
        { selector: 'node:selected', style: { 'border-color': '#15202e', 'border-width': 3 } }
      ],
      layout: { name: 'cose', randomize: false, animate: false, fit: true, padding: 30, nodeRepulsion: function () { return small ? 400000 : 60000; }, nodeOverlap: 40, idealEdgeLength: function () { return small ? 60 : 40; }, edgeElasticity: function () { return 200; }, gravity: 40, numIter: 1500 }
    });
    cy.on('tap', 'node', function (evt) {
      var row = document.getElementById('account-' + evt.target.id());
      if (row && row.scrollIntoView) { row.scrollIntoView({ block: 'center' }); }
    });
    container.setAttribute('data-node-count', String(cy.nodes().length));
    container.setAttribute('data-edge-count', String(cy.edges().length));
    var present = {};
    graph.edges.forEach(function (e) { present[e.kind] = true; });
    if (legend) {
      Array.prototype.forEach.call(legend.querySelectorAll('li[data-kind]'), function (li) {
        li.classList.toggle('dg-absent', !present[li.getAttribute('data-kind')]);
      });
    }
    if (note) {
      note.textContent = graph.total > n
        ? 'Showing the ' + n + ' most connected of ' + graph.total + ' accounts. Click an account to find it in the table.'
        : n + ' accounts, ' + graph.edges.length + ' links. Click an account to find it in the table.';
    }
    return cy;
  }

  function initCampaign(article, data) {
    var index = Number(article.getAttribute('data-campaign-index'));
    var campaign = data.campaigns[index];
    if (!campaign) { return; }
    var timeline = article.querySelector('canvas[data-chart="campaign-timeline"]');
    if (timeline && campaign.timeline) {
      state.charts.push(stackedTimeline(timeline, campaign.timeline, 'this campaign', campaign.timeline.campaign));
      timeline.setAttribute('data-rendered', 'true');
    }
    var capabilities = article.querySelector('canvas[data-chart="capabilities"]');
    if (capabilities) {
      state.charts.push(shareBars(capabilities, campaign.capabilities, colour('--dg-accent', '#2f5bd3')));
      capabilities.setAttribute('data-rendered', 'true');
    }
    var models = article.querySelector('canvas[data-chart="models"]');
    if (models) {
      state.charts.push(shareBars(models, campaign.models, colour('--dg-kind-template', '#8a4fd1')));
      models.setAttribute('data-rendered', 'true');
    }
    var graph = article.querySelector('[data-graph]');
    if (graph && campaign.graph) {
      state.graphs[campaign.id] = drawGraph(graph, campaign.graph, article.querySelector('.dg-legend'), article.querySelector('[data-graph-note]'));
    }
  }

  function cellValue(row, column, numeric) {
    var cell = row.cells[column];
    var raw = cell ? (cell.getAttribute('data-value') || cell.textContent) : '';
    return numeric ? (parseFloat(raw) || 0) : raw.toLowerCase();
  }

  function initTable(table, root) {
    var name = table.getAttribute('data-table');
    var body = table.tBodies[0];
    var search = root.querySelector('[data-table-search="' + name + '"]');
    var status = root.querySelector('[data-table-status="' + name + '"]');
    var total = body.rows.length;
    function filter() {
      var query = search ? search.value.trim().toLowerCase() : '';
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
        row.hidden = !match;
        if (match) { shown++; }
      });
      if (status) { status.textContent = query ? shown + ' of ' + total + ' accounts match' : total + ' accounts'; }
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var type = th.getAttribute('data-sort');
      if (!type) { return; }
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = type === 'number';
        rows.sort(function (a, b) {
          var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (order === 0) { order = cellValue(a, 0, false) < cellValue(b, 0, false) ? -1 : 1; }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
    if (search) { search.addEventListener('input', filter); }
    filter();
  }

  function destroy() {
    state.charts.forEach(function (c) { c.destroy(); });
    Object.keys(state.graphs).forEach(function (k) { state.graphs[k].destroy(); });
    state.charts = [];
    state.graphs = {};
  }

  function init(root) {
    root = root || document;
    destroy();
    var script = root.querySelector('script.dg-data');
    if (!script) { return; }
    var data = JSON.parse(script.textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = colour('--dg-muted', '#5d6b7d');
    var overview = root.querySelector('canvas[data-chart="overview-timeline"]');
    if (overview && data.timeline) {
      state.charts.push(stackedTimeline(overview, data.timeline, 'campaigns', data.timeline.campaigns));
      overview.setAttribute('data-rendered', 'true');
    }
    Array.prototype.forEach.call(root.querySelectorAll('article[data-campaign-index]'), function (a) { initCampaign(a, data); });
    Array.prototype.forEach.call(root.querySelectorAll('table[data-table]'), function (t) { initTable(t, root); });
    state.ready = true;
    document.documentElement.setAttribute('data-report-ready', 'true');
  }

  // Charts measure their box when drawn; paper is narrower than the screen, so redraw for print and back.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.dg-members'), function (d) { d.open = true; });
    state.charts.forEach(function (c) { c.resize(); });
  });
  window.addEventListener('afterprint', function () { state.charts.forEach(function (c) { c.resize(); }); });

  window.DistillGuardReport = { init: init, state: state };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { init(document); });
  } else if (!document.body.hasAttribute('data-manual-init')) {
    init(document);
  }
})();
