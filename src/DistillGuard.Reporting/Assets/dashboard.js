/* DistillGuard gateway dashboard: live verdict counts (server-sent events), the findings views refreshed by
   polling with ETags, and override buttons that call the gateway. The page is server-rendered; this only keeps
   it current. Requests carry X-DistillGuard-Dashboard so a cross-site form can never trigger an override. */
(function () {
  'use strict';

  var root = document.querySelector('[data-dashboard]');
  if (!root) { return; }
  var base = root.getAttribute('data-base');
  var refreshMs = Number(root.getAttribute('data-refresh-seconds') || '5') * 1000;
  var live = document.querySelector('[data-live-state]');
  var content = document.getElementById('dg-live-findings');
  var etag = content.getAttribute('data-etag') || '';
  var chart = null;
  var css = getComputedStyle(document.documentElement);
  function colour(name) { return css.getPropertyValue(name).trim(); }

  function toast(text, kind) {
    var el = document.querySelector('.dg-toast');
    el.textContent = text;
    el.setAttribute('data-kind', kind || 'info');
    el.setAttribute('data-visible', 'true');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.setAttribute('data-visible', 'false'); }, 3000);
  }

  function setCounts(sample) {
    ['review', 'throttle', 'block', 'overridden'].forEach(function (k) {
      var el = document.querySelector('[data-live-count="' + k + '"]');
      if (el) { el.textContent = String(sample[k]); }
    });
  }

  function ensureChart() {
    if (chart) { return chart; }
    var canvas = document.querySelector('canvas[data-chart="verdicts"]');
    function series(label, name, key) {
      return { label: label, data: [], borderColor: colour(name), backgroundColor: colour(name), pointRadius: 0, borderWidth: 2, tension: 0.2, key: key };
    }
    chart = new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: [series('block', '--dg-danger', 'block'), series('throttle', '--dg-warn', 'throttle'), series('review', '--dg-info', 'review')] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'top', align: 'end', labels: { boxWidth: 12 } } },
        scales: { x: { ticks: { maxTicksLimit: 8, maxRotation: 0 }, grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'accounts' } } }
      }
    });
    canvas.setAttribute('data-rendered', 'true');
    return chart;
  }

  function addSamples(samples, replace) {
    var c = ensureChart();
    if (replace) {
      c.data.labels = [];
      c.data.datasets.forEach(function (d) { d.data = []; });
    }
    samples.forEach(function (s) {
      c.data.labels.push(s.at.slice(11, 19));
      c.data.datasets.forEach(function (d) { d.data.push(s[d.key]); });
    });
    var max = Number(root.getAttribute('data-history') || '720');
    while (c.data.labels.length > max) {
      c.data.labels.shift();
      c.data.datasets.forEach(function (d) { d.data.shift(); });
    }
    c.update('none');
    if (samples.length) { setCounts(samples[samples.length - 1]); }
    document.querySelector('canvas[data-chart="verdicts"]').setAttribute('data-samples', String(c.data.labels.length));
  }

  function connect() {
    var source = new EventSource(base + '/events');
    source.addEventListener('history', function (e) { addSamples(JSON.parse(e.data), true); live.setAttribute('data-state', 'live'); live.textContent = 'live'; });
    source.addEventListener('sample', function (e) {
      var sample = JSON.parse(e.data);
      addSamples([sample], false);
      if (sample.version !== root.getAttribute('data-version')) { root.setAttribute('data-version', sample.version); refresh(false); }
    });
    source.onerror = function () { live.setAttribute('data-state', 'offline'); live.textContent = 'reconnecting…'; };
  }

  function refresh(force) {
    var headers = { 'X-DistillGuard-Dashboard': '1' };
    if (!force && etag) { headers['If-None-Match'] = etag; }
    return fetch(base + '/findings', { headers: headers, credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (response.status === 304) { return; }
      if (response.status === 401) { window.location.href = base + '/login'; return; }
      if (!response.ok) { throw new Error('findings: HTTP ' + response.status); }
      etag = response.headers.get('ETag') || '';
      return response.text().then(function (html) { swap(html); });
    }).catch(function (err) { live.setAttribute('data-state', 'offline'); live.textContent = 'offline'; console.warn(err); });
  }

  function swap(html) {
    var search = content.querySelector('input[data-table-search]');
    var query = search ? search.value : '';
    var scroll = content.querySelector('.dg-table-scroll');
    var top = scroll ? scroll.scrollTop : 0;
    content.innerHTML = html;
    DistillGuardReport.init(content);
    search = content.querySelector('input[data-table-search]');
    if (search && query) { search.value = query; search.dispatchEvent(new Event('input')); }
    scroll = content.querySelector('.dg-table-scroll');
    if (scroll) { scroll.scrollTop = top; }
    content.setAttribute('data-etag', etag);
    content.setAttribute('data-refreshed', String(Number(content.getAttribute('data-refreshed') || '0') + 1));
  }

  function postOverride(path, verdict) {
    return fetch(base + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-DistillGuard-Dashboard': '1' },
      body: JSON.stringify({ verdict: verdict })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) { throw new Error(answer.error || 'HTTP ' + response.status); }
        return answer;
      });
    });
  }

  // A campaign's buttons act on every member: the operator confirms, with the number of accounts in the question.
  function campaignAction(button, verdict) {
    var campaign = button.getAttribute('data-campaign');
    var members = button.getAttribute('data-members');
    var question = verdict === 'clear'
      ? 'Remove the overrides of campaign ' + campaign + '\'s accounts? The engine decides for them again.'
      : verdict.charAt(0).toUpperCase() + verdict.slice(1) + ' all ' + members + ' accounts of campaign ' + campaign + '? This overrides the engine for each of them.';
    if (!window.confirm(question)) { return null; }
    return {
      path: '/campaigns/' + encodeURIComponent(campaign) + '/override',
      done: function (answer) {
        return verdict === 'clear'
          ? 'Overrides removed from ' + answer.accounts + ' accounts of ' + campaign
          : answer.accounts + ' accounts of ' + campaign + ' are now ' + verdict;
      }
    };
  }

  function accountAction(button, verdict) {
    var account = button.getAttribute('data-account');
    return {
      path: '/accounts/' + encodeURIComponent(account) + '/override',
      done: function () { return verdict === 'clear' ? 'Override removed for ' + account : account + ' is now ' + verdict; }
    };
  }

  // The account lookup: any account, flagged or not, shown with the same override buttons as the queue.
  var panel = document.querySelector('[data-account-panel]');
  function lookUp(account) {
    return fetch(base + '/accounts/' + encodeURIComponent(account), {
      headers: { 'X-DistillGuard-Dashboard': '1' }, credentials: 'same-origin', cache: 'no-store'
    }).then(function (response) {
      if (response.status === 401) { window.location.href = base + '/login'; return; }
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.text().then(function (html) {
        panel.innerHTML = html;
        panel.setAttribute('data-account', account);
      });
    }).catch(function (err) { toast('Lookup failed: ' + err.message, 'error'); });
  }

  document.querySelector('form[data-account-lookup]').addEventListener('submit', function (e) {
    e.preventDefault();
    var account = e.target.elements.account.value.trim();
    if (account) { lookUp(account); }
  });

  // On the whole page: the queue and campaigns are swapped in by refresh, the lookup panel by lookUp.
  root.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-override], button[data-campaign-override]');
    if (!button) { return; }
    var campaign = button.hasAttribute('data-campaign-override');
    var verdict = button.getAttribute(campaign ? 'data-campaign-override' : 'data-override');
    var action = campaign ? campaignAction(button, verdict) : accountAction(button, verdict);
    if (!action) { return; }
    button.disabled = true;
    postOverride(action.path, verdict).then(function (answer) {
      toast(action.done(answer));
      var shown = panel.getAttribute('data-account');
      return Promise.all([refresh(true), shown ? lookUp(shown) : null]);
    }).catch(function (err) {
      button.disabled = false;
      toast('Override failed: ' + err.message, 'error');
    });
  });

  connect();
  setInterval(function () { refresh(false); }, refreshMs);
})();
