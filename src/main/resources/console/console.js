// The System Log page: a client of GET /api/v1/logs and /api/v1/logs/aggregate. Text is rendered with
// textContent only, so an event's content can never become markup. The page's URL holds the whole query, so
// a reload, back/forward and a pasted link show the same events.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const LOGS = '/api/v1/logs';
  const TIMEOUT_MS = 8000;
  const PAGE = 100;
  const EXPORT_MAX = 10000;
  const TIMELINE_MAX = 5000;
  const LIVE_EVERY_MS = 3000;
  const RANGES = { '15m': 15 * 60e3, '1h': 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };
  const HIDABLE = { SUCCESS: 'outcome.result', FAILURE: 'outcome.result', DEBUG: 'severity', INFO: 'severity',
    WARN: 'severity', ERROR: 'severity' };
  const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';

  // ---- sign-in: a pasted token, kept in this tab, or single sign-on (GET /sso/session answers only when it is
  // configured). Signed in, the browser sends the HttpOnly session cookie itself; the page only names the tenant.
  let sso = null; // the answer of /sso/session, or null where single sign-on is not configured
  const SSO_MESSAGES = {
    'no-role': 'You signed in, but your account holds no role for scimlog. Ask your administrator for one (for example acme:logs.read).',
    'state': 'The sign-in could not be completed: it did not start from this page or took too long. Please sign in again.',
    'refused': 'The sign-in was not accepted by scimlog. Please sign in again, or ask your administrator.',
    'denied': 'The sign-in was cancelled or refused at your identity provider.',
    'provider': 'The sign-in could not be completed: your identity provider did not confirm it. Please sign in again.',
    'signed-out': 'You are signed out.',
  };

  function pastedToken() { return sessionStorage.getItem('scimlog.token') || ''; }
  function signedIn() { return !pastedToken() && sso && sso.signedIn; }
  function chosenTenant() { return sessionStorage.getItem('scimlog.sso.tenant') || ''; }

  function authHeaders() {
    if (signedIn()) {
      const headers = { Accept: 'application/json' };
      if (chosenTenant()) headers[sso.tenantHeader] = chosenTenant();
      return headers;
    }
    return { Authorization: 'Bearer ' + pastedToken(), Accept: 'application/json' };
  }

  function showSsoMessage(code) {
    const text = SSO_MESSAGES[code];
    $('sso-message').textContent = text || '';
    $('sso-message').hidden = !text;
  }

  async function loadSession() {
    let response;
    try {
      response = await fetch('/sso/session', { headers: { Accept: 'application/json' } });
    } catch (e) {
      return; // the server is unreachable: search() says so
    }
    if (!response.ok) { sso = null; $('sso').hidden = true; return; }
    sso = await response.json();
    $('sso').hidden = false;
    $('sso-signin').textContent = 'Sign in with ' + sso.provider;
    $('sso-signin').href = sso.signInUrl;
    $('sso-signin').hidden = sso.signedIn;
    $('sso-who').hidden = !sso.signedIn;
    $('signin').hidden = sso.signedIn; // a pasted token is offered again after signing out
    if (!sso.signedIn) return;
    $('sso-user').textContent = sso.username;
    if (!sso.tenants.includes(chosenTenant())) sessionStorage.setItem('scimlog.sso.tenant', sso.tenants[0]);
    $('sso-tenant').replaceChildren(...sso.tenants.map((name) => {
      const option = el('option', null, name);
      option.value = name;
      option.selected = name === chosenTenant();
      return option;
    }));
    $('sso-tenant').disabled = sso.tenants.length < 2;
  }

  // ---- the query, as the URL holds it
  function readState() {
    const p = new URLSearchParams(location.search);
    return {
      range: p.get('range') || (p.get('since') ? 'custom' : '24h'),
      since: p.get('since') || '', until: p.get('until') || '',
      utc: p.get('tz') === 'UTC',
      q: p.get('q') || '', filter: p.get('filter') || '',
      hide: p.has('hide') ? p.get('hide').split(',').filter((v) => v in HIDABLE) : ['DEBUG'],
      target: p.get('target') || '',
      event: p.get('event') || '',
    };
  }

  function writeState(state, replace) {
    const p = new URLSearchParams();
    if (state.target) p.set('target', state.target);
    if (state.range === 'custom') { p.set('since', state.since); p.set('until', state.until); } else p.set('range', state.range);
    if (state.utc) p.set('tz', 'UTC');
    if (state.q) p.set('q', state.q);
    if (state.filter) p.set('filter', state.filter);
    if (!(state.hide.length === 1 && state.hide[0] === 'DEBUG')) p.set('hide', state.hide.join(','));
    if (state.event && !state.target) p.set('event', state.event);
    const url = location.pathname + '?' + p.toString();
    if (url !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  }

  let state = readState();

  function formState() {
    const range = document.querySelector('.preset[aria-current="true"]');
    const custom = !range;
    return {
      range: custom ? 'custom' : range.dataset.range,
      since: custom ? toInstant($('since').value) : '', until: custom ? toInstant($('until').value) : '',
      utc: state.utc, q: $('q').value.trim(), filter: $('filter').value.trim(),
      hide: [...document.querySelectorAll('.toggle[aria-pressed="false"]')].map((b) => b.dataset.hide),
      target: '', event: '',
    };
  }

  function showState() {
    $('q').value = state.q;
    $('filter').value = state.filter;
    document.querySelectorAll('.preset').forEach((b) => b.setAttribute('aria-current', String(b.dataset.range === state.range)));
    document.querySelectorAll('.toggle').forEach((b) => b.setAttribute('aria-pressed', String(!state.hide.includes(b.dataset.hide))));
    const win = timeWindow(state);
    $('since').value = toLocalInput(win.since);
    $('until').value = toLocalInput(win.until);
    $('zone-name').textContent = zoneLabel();
    $('zone-toggle').textContent = state.utc ? 'Use ' + LOCAL_ZONE : 'Use UTC';
    // a browser already in UTC has no other zone to offer
    $('zone-toggle').hidden = !state.utc && /^(Etc\/)?UTC$/.test(LOCAL_ZONE);
    $('time-header').textContent = 'Time (' + zoneLabel() + ')';
  }

  // ---- time zones: the browser's own or UTC, always named
  function zoneLabel() { return state.utc ? 'UTC' : LOCAL_ZONE; }

  const formatters = {};
  function formatTime(iso, withDate) {
    const key = (state.utc ? 'u' : 'l') + withDate;
    formatters[key] = formatters[key] || new Intl.DateTimeFormat('sv-SE', {
      timeZone: state.utc ? 'UTC' : undefined, year: withDate ? 'numeric' : undefined, month: withDate ? '2-digit' : undefined,
      day: withDate ? '2-digit' : undefined, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    return formatters[key].format(new Date(iso));
  }

  /** A datetime-local value read in the chosen zone, as an ISO instant. */
  function toInstant(local) {
    if (!local) return '';
    const text = local.length === 16 ? local + ':00' : local;
    const date = new Date(state.utc ? text + 'Z' : text);
    return isNaN(date) ? '' : date.toISOString();
  }

  /** An instant as a datetime-local value in the chosen zone. */
  function toLocalInput(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    const [y, mo, da, h, mi, s] = state.utc
      ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
    return y + '-' + pad(mo) + '-' + pad(da) + 'T' + pad(h) + ':' + pad(mi) + ':' + pad(s);
  }

  function timeWindow(s) {
    if (s.range === 'custom') return { since: s.since, until: s.until };
    const until = new Date();
    return { since: new Date(until - RANGES[s.range]).toISOString(), until: until.toISOString() };
  }

  // ---- the API: filter composed of the typed filter and the toggles
  function apiFilter(s) {
    const clauses = [];
    if (s.filter) clauses.push('(' + s.filter + ')');
    for (const value of s.hide) clauses.push(HIDABLE[value] + ' ne "' + value + '"');
    return clauses.join(' and ');
  }

  function apiParams(s, win) {
    const p = new URLSearchParams();
    if (win.since) p.set('since', win.since);
    if (win.until) p.set('until', win.until);
    const filter = apiFilter(s);
    if (filter) p.set('filter', filter);
    if (s.q) p.set('q', s.q);
    return p;
  }

  class ApiError extends Error {
    constructor(kind, message, body) { super(message); this.kind = kind; this.body = body; }
  }

  async function get(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, { headers: authHeaders(), signal: controller.signal });
    } catch (e) {
      throw controller.signal.aborted
        ? new ApiError('timeout', 'The server did not answer within ' + TIMEOUT_MS / 1000 + ' seconds.')
        : new ApiError('unreachable', 'The server cannot be reached (network error).');
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let body = null;
    try { body = JSON.parse(text); } catch (ignored) { body = null; }
    if (!response.ok) {
      const summary = (body && body.errorSummary) || ('HTTP ' + response.status);
      const code = body && body.errorCode ? ' (' + body.errorCode + ')' : '';
      if (response.status === 401 && signedIn()) {
        loadSession(); // the session has ended: /sso/session forgets the cookie and the page offers the button again
        throw new ApiError('token', 'Your sign-in was not accepted' + code + ': it may have expired. Please sign in again.');
      }
      if (response.status === 401) throw new ApiError('token', 'The token was not accepted' + code + ': paste a valid token with the logs.read scope.');
      if (response.status === 403) throw new ApiError('scope', summary + code);
      if (response.status === 400 && body && /^E00000(53|31)$/.test(body.errorCode || '') ||
          (body && (body.errorCauses || []).some((c) => /^filter:/.test(c.errorSummary)))) {
        throw new ApiError('filter', summary, body);
      }
      if (response.status >= 500) throw new ApiError('unavailable', 'The server could not answer' + code + ': ' + summary);
      throw new ApiError('request', summary + code, body);
    }
    return { body, next: nextLink(response.headers.get('Link')) };
  }

  function nextLink(header) {
    if (!header) return null;
    for (const part of header.split(/,(?=\s*<)/)) {
      const match = part.match(/<([^>]+)>;\s*rel="next"/);
      if (match) { const u = new URL(match[1]); return u.pathname + u.search; }
    }
    return null;
  }

  // ---- what the page shows
  const rows = document.querySelector('#events tbody');
  let next = null;
  let generation = 0; // a newer search makes the answers of older ones void
  let lastRetry = null;
  let shown = [];

  function setStatus(text) { $('status').textContent = text; }
  /** loading | ready | problem: what the page shows now (tests and styles read it from body[data-state]). */
  function setState(name) { document.body.dataset.state = name; }

  function showProblem(error, retry) {
    rows.replaceChildren();
    shown = [];
    $('results').hidden = true;
    $('overview').hidden = true;
    $('timeline').hidden = true;
    $('pinned').hidden = true;
    $('more').hidden = true;
    stopLive();
    setStatus('');
    setState('problem');
    if (error.kind === 'filter') {
      let text = error.message;
      if (state.filter) text = text.replace(/position (\d+)/g, (m, n) => 'position ' + Math.max(0, n - 1));
      $('filter-error').textContent = text;
      $('filter-error').hidden = false;
      $('filter').setAttribute('aria-invalid', 'true');
    }
    $('problem-text').textContent = error.kind === 'filter' ? 'No events shown: the filter is not valid.' : error.message;
    $('problem').hidden = false;
    const canRetry = ['timeout', 'unreachable', 'unavailable'].includes(error.kind);
    $('retry').hidden = !canRetry;
    lastRetry = canRetry ? retry : null;
  }

  function clearProblem() {
    $('problem').hidden = true;
    $('filter-error').hidden = true;
    $('filter').removeAttribute('aria-invalid');
  }

  async function search() {
    const mine = ++generation;
    setState('loading');
    clearProblem();
    stopLive();
    if (!pastedToken() && !signedIn()) {
      showProblem(new ApiError('token', sso
        ? 'Sign in with ' + sso.provider + ', or paste a token with the logs.read scope, to see the System Log.'
        : 'Paste a token with the logs.read scope to see the System Log.'));
      return;
    }
    if (state.target) return timeline(mine);
    const win = timeWindow(state);
    if (!win.since || !win.until) {
      showProblem(new ApiError('request', 'Enter both ends of the range (' + zoneLabel() + ').'));
      return;
    }
    setStatus('Loading…');
    const params = apiParams(state, win);
    const listParams = new URLSearchParams(params);
    listParams.set('sortOrder', 'DESCENDING');
    listParams.set('limit', String(PAGE));
    try {
      const [page, aggregate] = await Promise.all([get(LOGS + '?' + listParams), get(LOGS + '/aggregate?' + params)]);
      if (mine !== generation) return;
      rows.replaceChildren();
      shown = [];
      renderEvents(page.body, false);
      next = page.next;
      renderOverview(aggregate.body);
      $('timeline').hidden = true;
      $('results').hidden = false;
      $('overview').hidden = false;
      $('more').hidden = !next || page.body.length === 0;
      updateCount(aggregate.body);
      await openLinkedEvent(mine);
      if (mine !== generation) return;
      showSsoMessage(null); // events are shown: a sign-in notice is old news
      setState('ready');
      if (!performance.getEntriesByName('scimlog:results').length) performance.mark('scimlog:results');
      if ($('live').checked) startLive(win.until);
    } catch (e) {
      if (mine === generation) showProblem(e, search);
    }
  }

  let lastTotal = 0;

  /** The count line, for the window the aggregate counted (it moves on with the live tail). */
  function updateCount(aggregate, live) {
    lastTotal = aggregate.total;
    setStatus(shown.length + ' of ' + aggregate.total + ' events shown, ' + formatTime(aggregate.since, true) + ' – '
      + formatTime(aggregate.until, true) + ' ' + zoneLabel() + (live ? ' (live)' : ''));
  }
  async function more() {
    if (!next) return;
    const mine = generation;
    try {
      const page = await get(next);
      if (mine !== generation) return;
      renderEvents(page.body, false);
      next = page.body.length ? page.next : null;
      $('more').hidden = !next;
      setStatus(shown.length + ' of ' + lastTotal + ' events shown');
    } catch (e) {
      if (mine === generation) showProblem(e, search);
    }
  }

  // ---- results
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  /** An event type that may wrap only after its dots and underscores ("user.lifecycle.<wbr>deactivate"). */
  function breakable(className, text) {
    const node = el('td', className);
    String(text || '').split(/(?<=[._])/).forEach((part, i) => {
      if (i) node.append(document.createElement('wbr'));
      node.append(document.createTextNode(part));
    });
    return node;
  }

  /** A target by its login name (userName) or display name; an actor by its display name. */
  function nameOf(thing) {
    return thing && (thing.alternateId || thing.displayName || thing.id) || '';
  }

  function actorName(actor) {
    return actor && (actor.displayName || actor.alternateId || actor.id) || '';
  }

  function renderEvents(events, prepend) {
    const fragment = document.createDocumentFragment();
    for (const event of events) {
      const tr = el('tr', 'event');
      tr.dataset.uuid = event.uuid;
      const outcome = event.outcome || {};
      const time = el('td', 'time', formatTime(event.published, true));
      time.title = event.published + ' (UTC)';
      const outcomeCell = el('td', 'outcome');
      outcomeCell.append(el('span', 'result ' + (outcome.result || ''), outcome.result || ''));
      if (outcome.reason) outcomeCell.append(el('span', 'reason', outcome.reason));
      const target = el('td', 'target');
      for (const t of event.target || []) {
        const name = el('span', 'name', nameOf(t));
        name.title = (t.type || '') + ' ' + (t.id || '');
        target.append(name);
      }
      const actor = el('td', 'actor', actorName(event.actor));
      if (event.actor) actor.title = (event.actor.type || '') + ' ' + (event.actor.id || '');
      tr.append(time, breakable('type', event.eventType), outcomeCell, actor, target, el('td', 'message', event.displayMessage));
      if (event.severity === 'DEBUG') tr.classList.add('debug');
      const detail = el('tr', 'detail');
      detail.hidden = true;
      const cell = el('td');
      cell.colSpan = 6;
      detail.append(cell);
      tr.addEventListener('click', () => {
        setOpen(tr, detail.hidden);
        state = Object.assign({}, state, { event: detail.hidden ? (state.event === event.uuid ? '' : state.event) : event.uuid });
        writeState(state, true);
      });
      rowEvents.set(tr, event);
      fragment.append(tr, detail);
      shown.push(event);
    }
    if (prepend) rows.prepend(fragment); else rows.append(fragment);
  }

  const rowEvents = new WeakMap();

  /** Opens or closes the detail under an event's row. */
  function setOpen(tr, open) {
    const detail = tr.nextElementSibling;
    const cell = detail.firstChild;
    if (open && !cell.firstChild) cell.append(renderDetail(rowEvents.get(tr)));
    detail.hidden = !open;
    tr.classList.toggle('open', open);
  }

  /**
   * The event the URL names, opened where it is among the results, else fetched by its uuid and shown above
   * them (a link to an event stays good whatever the query around it finds).
   */
  async function openLinkedEvent(mine) {
    const pinned = $('pinned');
    pinned.hidden = true;
    $('pinned-detail').replaceChildren();
    if (!state.event) return;
    const tr = [...rows.querySelectorAll('tr.event')].find((r) => r.dataset.uuid === state.event);
    if (tr) {
      setOpen(tr, true);
      tr.scrollIntoView({ block: 'start' });
      return;
    }
    const until = new Date();
    const p = new URLSearchParams({ filter: 'uuid eq "' + state.event.replace(/["\\]/g, '') + '"',
      since: new Date(until - 179 * 24 * 3600e3).toISOString(), until: until.toISOString(), limit: '1' });
    let found;
    try {
      found = (await get(LOGS + '?' + p)).body[0];
    } catch (e) {
      found = null;
    }
    if (mine !== generation) return;
    $('pinned-title').textContent = found
      ? 'Linked event, not among these results: ' + (found.eventType || '') + ' at ' + formatTime(found.published, true)
        + ' ' + zoneLabel()
      : 'The linked event ' + state.event + ' is not in the System Log (or no longer in its retention window).';
    if (found) $('pinned-detail').append(renderDetail(found));
    pinned.hidden = false;
    pinned.scrollIntoView({ block: 'start' });
  }

  // ---- event detail: structured, nulls hidden, every value a filter
  function filterBy(path, value) {
    state = Object.assign({}, state, { filter: path + ' eq "' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"',
      q: '', target: '', event: '' });
    writeState(state);
    showState();
    search();
  }

  function addFilter(path, value) {
    const clause = path + ' eq "' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
    state = Object.assign({}, state, { filter: state.filter ? '(' + state.filter + ') and ' + clause : clause, target: '',
      event: '' });
    writeState(state);
    showState();
    search();
  }

  function valueButton(text, path, value) {
    const b = el('button', 'v', text);
    b.type = 'button';
    b.title = 'Filter: ' + path + ' eq "' + value + '"';
    b.dataset.path = path;
    b.addEventListener('click', (e) => { e.stopPropagation(); filterBy(path, value); });
    return b;
  }

  function fields(section, pairs) {
    const dl = el('dl');
    for (const [label, value, path] of pairs) {
      if (value == null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0)) continue;
      dl.append(el('dt', null, label));
      const dd = el('dd');
      if (path) dd.append(valueButton(String(value), path, value));
      else dd.append(typeof value === 'object' ? el('code', null, JSON.stringify(value)) : document.createTextNode(String(value)));
      dl.append(dd);
    }
    if (dl.childElementCount) { section.append(dl); return section; }
    return null;
  }

  function box(title) {
    const s = el('section', 'box');
    s.append(el('h3', null, title));
    return s;
  }

  function renderDetail(event) {
    const root = el('div', 'event-detail');
    const debug = (event.debugContext || {}).debugData || {};
    const outcome = event.outcome || {};
    const parts = [
      fields(box('Event'), [['Type', event.eventType, 'eventType'], ['Outcome', outcome.result, 'outcome.result'],
        ['Reason', outcome.reason], ['Severity', event.severity, 'severity'], ['Published', formatTime(event.published, true)
          + ' ' + zoneLabel() + ' (' + event.published + ')'], ['Message', event.displayMessage], ['UUID', event.uuid, 'uuid']]),
      fields(box('Request'), [['Method', debug.httpMethod], ['URI', debug.requestUri], ['Status', debug.httpStatus],
        ['Transaction', (event.transaction || {}).id, 'transaction.id']]),
      fields(box('Actor'), [['Name', (event.actor || {}).displayName], ['Login', (event.actor || {}).alternateId],
        ['Type', (event.actor || {}).type], ['Id', (event.actor || {}).id, 'actor.id']]),
      fields(box('Client'), [['IP', (event.client || {}).ipAddress, 'client.ipAddress'],
        ['IP chain', ((event.request || {}).ipChain || []).map((h) => h.ip).join(' → ')],
        ['User agent', ((event.client || {}).userAgent || {}).rawUserAgent]]),
    ];
    for (const target of event.target || []) parts.push(renderTarget(target));
    const rest = Object.entries(debug).filter(([k, v]) => !['httpMethod', 'requestUri', 'httpStatus'].includes(k) && v != null);
    parts.push(fields(box('debugData'), rest.map(([k, v]) => [k, v, typeof v === 'object' ? null : 'debugContext.debugData.' + k])));
    root.append(...parts.filter(Boolean));
    const raw = el('div', 'raw');
    const show = el('button', null, 'Raw JSON');
    show.type = 'button';
    const copy = el('button', null, 'Copy JSON');
    copy.type = 'button';
    const pre = el('pre', null, JSON.stringify(event, null, 2));
    pre.hidden = true;
    show.addEventListener('click', (e) => { e.stopPropagation(); pre.hidden = !pre.hidden; });
    copy.addEventListener('click', async (e) => {
      e.stopPropagation();
      try { await navigator.clipboard.writeText(pre.textContent); copy.textContent = 'Copied'; } catch (ignored) {
        pre.hidden = false;
        getSelection().selectAllChildren(pre);
        copy.textContent = 'Selected: press Ctrl+C';
      }
    });
    raw.append(show, copy, pre);
    root.append(raw);
    root.addEventListener('click', (e) => e.stopPropagation());
    return root;
  }

  function renderTarget(target) {
    const section = box('Target: ' + (target.type || '') + ' ' + nameOf(target));
    fields(section, [['Id', target.id, 'target.id'], ['Name', target.alternateId], ['Display name', target.displayName],
      ['Type', target.type]]);
    if (target.id) {
      const b = el('button', 'timeline-link', 'Timeline of this ' + (target.type || 'resource').toLowerCase());
      b.type = 'button';
      b.addEventListener('click', (e) => { e.stopPropagation(); openTimeline(target.id); });
      section.append(b);
    }
    const changes = target.changeDetails;
    if (changes) section.append(diff(changes.from || {}, changes.to || {}));
    return section;
  }

  /** Nested attributes as dotted paths (name.familyName), so a diff names exactly what changed. */
  function flatten(value, prefix, into) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flatten(v, prefix ? prefix + '.' + k : k, into);
    } else if (prefix) {
      into[prefix] = value;
    }
    return into;
  }

  function diff(nestedFrom, nestedTo) {
    const from = flatten(nestedFrom, '', {});
    const to = flatten(nestedTo, '', {});
    const table = el('table', 'diff');
    const head = el('tr');
    head.append(el('th', null, 'Attribute'), el('th', null, 'Before'), el('th', null, 'After'));
    table.append(head);
    const show = (v) => v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    const changed = keys.filter((k) => show(from[k]) !== show(to[k]));
    for (const key of changed.length ? changed : keys) {
      const tr = el('tr');
      tr.append(el('td', null, key), el('td', 'before', show(from[key])), el('td', 'after', show(to[key])));
      table.append(tr);
    }
    return table;
  }

  // ---- chart and top lists
  const SVG = 'http://www.w3.org/2000/svg';
  const OUTCOME_ORDER = ['FAILURE', 'SUCCESS'];
  let chartBuckets = [];
  let chartInterval = 0;
  let chartWindow = null;

  function renderOverview(aggregate) {
    const svg = $('chart-svg');
    svg.replaceChildren();
    chartBuckets = aggregate.buckets;
    chartInterval = aggregate.intervalSeconds * 1000;
    const max = Math.max(1, ...aggregate.buckets.map((b) => b.total));
    const width = 1000 / Math.max(1, aggregate.buckets.length);
    // a square-root scale: one burst (a bulk import) must not flatten every other interval to nothing
    aggregate.buckets.forEach((bucket, i) => {
      let y = 140;
      const height = Math.sqrt(bucket.total / max) * 130;
      const outcomes = Object.keys(bucket.outcomes).sort((a, b) => OUTCOME_ORDER.indexOf(b) - OUTCOME_ORDER.indexOf(a));
      for (const outcome of outcomes) {
        const h = bucket.total ? bucket.outcomes[outcome] / bucket.total * height : 0;
        y -= h;
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('x', String(i * width + width * 0.1));
        rect.setAttribute('width', String(width * 0.8));
        rect.setAttribute('y', String(y));
        rect.setAttribute('height', String(h));
        rect.setAttribute('class', 'bar ' + outcome);
        const title = document.createElementNS(SVG, 'title');
        title.textContent = formatTime(bucket.start, true) + ' ' + zoneLabel() + ': ' + bucket.outcomes[outcome] + ' ' + outcome;
        rect.append(title);
        svg.append(rect);
      }
    });
    const selection = document.createElementNS(SVG, 'rect');
    selection.setAttribute('class', 'selection');
    selection.setAttribute('y', '0');
    selection.setAttribute('height', '140');
    selection.setAttribute('width', '0');
    svg.append(selection);
    chartWindow = { since: aggregate.since, until: aggregate.until };
    const axis = $('chart-axis');
    axis.replaceChildren();
    axis.append(el('span', null, formatTime(aggregate.since, true)), el('span', null, 'highest ' + max + ' per '
      + humanInterval(aggregate.intervalSeconds) + ' (square-root scale)'), el('span', null, formatTime(aggregate.until, true) + ' ' + zoneLabel()));
    topList($('top-types'), aggregate.eventTypes.map((t) => [t.eventType, t.count, 'eventType', t.eventType, t.eventType]));
    topList($('top-actors'), aggregate.actors.map((a) => [a.displayName || a.alternateId || a.id, a.count, 'actor.id', a.id, a.id]));
    // a target without an id (a refused create) filters by its name
    topList($('top-targets'), (aggregate.targets || []).map((t) => t.id
      ? [nameOf(t), t.count, 'target.id', t.id, (t.type || '') + ' ' + t.id]
      : [nameOf(t) + ' (no id)', t.count, 'target.alternateId', t.alternateId, (t.type || '') + ' ' + t.alternateId + ', named without an id']));
    const sample = aggregate.targetsCounted;
    $('targets-note').hidden = !sample;
    $('targets-note').textContent = sample ? 'Of the newest ' + sample.events.toLocaleString('en-US') + ' of '
      + aggregate.total.toLocaleString('en-US') + ' events (since ' + formatTime(sample.since, true) + ').' : '';
  }

  function humanInterval(seconds) {
    return seconds % 3600 === 0 ? seconds / 3600 + ' h' : seconds / 60 + ' min';
  }

  function topList(list, entries) {
    list.replaceChildren();
    if (!entries.length) list.append(el('li', 'none', 'none'));
    for (const [name, count, path, value, hover] of entries) {
      const li = el('li');
      const b = el('button', 'v', name);
      b.type = 'button';
      b.title = hover + ' — click to filter';
      b.dataset.path = path;
      b.addEventListener('click', () => addFilter(path, value));
      li.append(b, el('span', 'count', count));
      list.append(li);
    }
  }

  function chartDrag() {
    const svg = $('chart-svg');
    let start = null;
    const fraction = (e) => {
      const box = svg.getBoundingClientRect();
      return Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    };
    const sel = () => svg.querySelector('.selection');
    svg.addEventListener('pointerdown', (e) => {
      start = fraction(e);
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener('pointermove', (e) => {
      if (start == null || !sel()) return;
      const now = fraction(e);
      sel().setAttribute('x', String(Math.min(start, now) * 1000));
      sel().setAttribute('width', String(Math.abs(now - start) * 1000));
    });
    svg.addEventListener('pointerup', (e) => {
      if (start == null) return;
      const end = fraction(e);
      const from = Math.min(start, end);
      const to = Math.max(start, end);
      start = null;
      if (to - from < 0.01 || !chartBuckets.length) { if (sel()) sel().setAttribute('width', '0'); return; }
      const first = new Date(chartBuckets[0].start).getTime();
      const span = chartBuckets.length * chartInterval;
      const win = chartWindow || timeWindow(state);
      const since = new Date(Math.max(new Date(win.since).getTime(), first + from * span));
      const until = new Date(Math.min(new Date(win.until).getTime(), first + to * span));
      state = Object.assign({}, state, { range: 'custom', since: since.toISOString(), until: until.toISOString(), event: '' });
      writeState(state);
      showState();
      search();
    });
  }

  // ---- live tail: Okta's polling request (no until, ascending), following its next links
  let liveTimer = null;
  let liveUrl = null;

  function startLive(from) {
    stopLive();
    const p = apiParams(state, { since: from });
    p.set('limit', '1000');
    liveUrl = LOGS + '?' + p;
    const mine = generation;
    const poll = async () => {
      try {
        const page = await get(liveUrl);
        if (mine !== generation || !$('live').checked) return;
        liveUrl = page.next || liveUrl;
        if (page.body.length) {
          renderEvents(page.body.slice().reverse(), true);
          // the chart, the top lists and the count follow: the window runs on to now
          const win = { since: timeWindow(state).since, until: new Date().toISOString() };
          const aggregate = await get(LOGS + '/aggregate?' + apiParams(state, win));
          if (mine !== generation || !$('live').checked) return;
          renderOverview(aggregate.body);
          updateCount(aggregate.body, true);
        }
        liveTimer = setTimeout(poll, LIVE_EVERY_MS);
      } catch (e) {
        if (mine === generation) showProblem(e, search);
      }
    };
    liveTimer = setTimeout(poll, LIVE_EVERY_MS);
  }

  function stopLive() {
    if (liveTimer) clearTimeout(liveTimer);
    liveTimer = null;
  }

  // ---- a person's (or group's) provisioning timeline over the retention window
  const LIFECYCLE = {
    'user.lifecycle.create': 'Created', 'user.lifecycle.activate': 'Reactivated', 'user.lifecycle.deactivate': 'Deactivated',
    'user.lifecycle.delete.completed': 'Deleted', 'user.account.update_profile': 'Profile updated',
    'user.account.update_password': 'Password set', 'group.lifecycle.create': 'Group created',
    'group.lifecycle.delete': 'Group deleted', 'group.profile.update': 'Group updated',
    'group.user_membership.add': 'Added to group', 'group.user_membership.remove': 'Removed from group',
    'scimlog.scim.read': 'Looked up', 'scimlog.scim.search': 'Searched for', 'scimlog.scim.request.rejected': 'Request refused',
  };

  /** Okta's target types as words ("UserGroup" is a group). */
  function typeName(type) {
    return type === 'UserGroup' ? 'group' : String(type || '').toLowerCase();
  }

  function openTimeline(targetId) {
    state = Object.assign({}, state, { target: targetId, event: '' });
    writeState(state);
    search();
  }

  async function allPages(url, limit, mine) {
    const events = [];
    while (url && events.length < limit) {
      const page = await get(url);
      if (mine !== generation) return null;
      events.push(...page.body);
      url = page.body.length ? page.next : null;
    }
    return events;
  }

  /**
   * Everything about one resource: the events naming its id, those naming it by its name alone (a refused
   * create never got an id), and the searches that looked for its name (Okta's "does ada@example.com exist?",
   * whose answer may be why a push never came), all found through the keyword index.
   */
  async function timeline(mine) {
    setStatus('Loading the timeline…');
    const until = new Date();
    const range = { since: new Date(until - 8 * 24 * 3600e3).toISOString(), until: until.toISOString(),
      sortOrder: 'ASCENDING', limit: '1000' };
    let events;
    try {
      const byId = await allPages(LOGS + '?' + new URLSearchParams(Object.assign({
        filter: 'target.id eq "' + state.target.replace(/"/g, '\\"') + '"' }, range)), TIMELINE_MAX, mine);
      if (!byId) return;
      const named = byId.flatMap((e) => e.target || []).find((t) => t.id === state.target && t.alternateId);
      events = byId;
      if (named && !/\s/.test(named.alternateId)) {
        const byName = await allPages(LOGS + '?' + new URLSearchParams(Object.assign({ q: named.alternateId }, range)),
          TIMELINE_MAX, mine);
        if (!byName) return;
        const seen = new Set(byId.map((e) => e.uuid));
        const name = named.alternateId.toLowerCase();
        const lookedFor = (e) => (((e.debugContext || {}).debugData || {}).filterValues || [])
          .some((v) => String(v).toLowerCase() === name);
        const aboutIt = (e) => (e.target || []).some((t) => !t.id && t.alternateId === named.alternateId && t.type === named.type)
          || (e.eventType === 'scimlog.scim.search' && lookedFor(e));
        events = byId.concat(byName.filter((e) => !seen.has(e.uuid) && aboutIt(e)))
          .sort((a, b) => a.published < b.published ? -1 : a.published > b.published ? 1 : 0);
      }
    } catch (e) {
      if (mine === generation) showProblem(e, search);
      return;
    }
    $('results').hidden = true;
    $('overview').hidden = true;
    $('pinned').hidden = true;
    const self = events.flatMap((e) => e.target || []).find((t) => t.id === state.target && (t.alternateId || t.displayName));
    $('timeline-title').textContent = 'Timeline of ' + (self ? nameOf(self) + ' (' + state.target + ')' : state.target);
    const list = $('timeline-events');
    list.replaceChildren();
    for (const event of events) {
      const li = el('li', 'entry ' + (event.outcome && event.outcome.result === 'FAILURE' ? 'refused' : '')
        + (event.severity === 'DEBUG' ? ' lookup' : ''));
      li.append(el('span', 'time', formatTime(event.published, true)));
      const what = el('span', 'what', LIFECYCLE[event.eventType] || event.eventType);
      what.title = event.eventType;
      li.append(what);
      const others = (event.target || []).filter((t) => t.id !== state.target);
      if (others.length) li.append(el('span', 'other', others.map((t) => typeName(t.type) + ' ' + nameOf(t)).join(', ')));
      const debug = (event.debugContext || {}).debugData || {};
      if (debug.httpMethod) li.append(el('span', 'request', debug.httpMethod + ' ' + (debug.requestUri || '')
        + (debug.httpStatus ? ' → ' + debug.httpStatus : '')));
      if (debug.filter) li.append(el('span', 'request', 'filter=' + debug.filter));
      if (debug.totalResults != null) li.append(el('span', 'found', debug.totalResults + ' found'));
      if (event.outcome && event.outcome.reason) li.append(el('span', 'reason', event.outcome.reason));
      li.append(el('span', 'actor', 'by ' + actorName(event.actor)));
      const mineTarget = (event.target || []).find((t) => t.id === state.target);
      if (mineTarget && mineTarget.changeDetails) li.append(diff(mineTarget.changeDetails.from || {}, mineTarget.changeDetails.to || {}));
      list.append(li);
    }
    if (!events.length) list.append(el('li', 'none', 'No event about ' + state.target + ' in the retention window.'));
    $('timeline').hidden = false;
    setState('ready');
    setStatus(events.length + ' events about this ' + (self && self.type ? self.type.toLowerCase() : 'resource')
      + (events.length >= TIMELINE_MAX ? ' (the first ' + TIMELINE_MAX + ')' : '') + ', oldest first, times in ' + zoneLabel());
  }

  // ---- export: every page of the current query, fetched one after the other, up to EXPORT_MAX events
  const CSV_COLUMNS = [
    ['uuid', (e) => e.uuid], ['published', (e) => e.published], ['eventType', (e) => e.eventType],
    ['version', (e) => e.version], ['severity', (e) => e.severity], ['displayMessage', (e) => e.displayMessage],
    ['actor.id', (e) => (e.actor || {}).id], ['actor.type', (e) => (e.actor || {}).type],
    ['actor.alternateId', (e) => (e.actor || {}).alternateId], ['actor.displayName', (e) => (e.actor || {}).displayName],
    ['client.userAgent.rawUserAgent', (e) => ((e.client || {}).userAgent || {}).rawUserAgent],
    ['client.ipAddress', (e) => (e.client || {}).ipAddress],
    ['outcome.result', (e) => (e.outcome || {}).result], ['outcome.reason', (e) => (e.outcome || {}).reason],
    ['target.id', (e) => (e.target || []).map((t) => t.id).join(';')],
    ['target.type', (e) => (e.target || []).map((t) => t.type).join(';')],
    ['target.alternateId', (e) => (e.target || []).map((t) => t.alternateId || '').join(';')],
    ['target.displayName', (e) => (e.target || []).map((t) => t.displayName || '').join(';')],
    ['transaction.type', (e) => (e.transaction || {}).type], ['transaction.id', (e) => (e.transaction || {}).id],
    ['debugContext.debugData.requestUri', (e) => ((e.debugContext || {}).debugData || {}).requestUri],
    ['debugContext.debugData.httpMethod', (e) => ((e.debugContext || {}).debugData || {}).httpMethod],
    ['request.ipChain', (e) => ((e.request || {}).ipChain || []).map((h) => h.ip).join(';')],
  ];

  function csvField(value) {
    const text = value == null ? '' : String(value);
    return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? '"' + (/^[=+\-@]/.test(text) ? "'" : '') + text.replace(/"/g, '""') + '"' : text;
  }

  async function exportAll(format) {
    const win = timeWindow(state);
    const p = apiParams(state, win);
    p.set('sortOrder', 'ASCENDING');
    p.set('limit', '1000');
    const parts = format === 'csv' ? [CSV_COLUMNS.map((c) => c[0]).join(',') + '\r\n'] : [];
    let url = LOGS + '?' + p;
    let count = 0;
    let pages = 0;
    try {
      while (url && count < EXPORT_MAX) {
        const page = await get(url);
        pages++;
        for (const event of page.body.slice(0, EXPORT_MAX - count)) {
          parts.push(format === 'csv' ? CSV_COLUMNS.map((c) => csvField(c[1](event))).join(',') + '\r\n' : JSON.stringify(event) + '\n');
          count++;
        }
        setStatus('Exporting… ' + count + ' events');
        url = page.body.length ? page.next : null;
      }
    } catch (e) {
      showProblem(e, () => exportAll(format));
      return;
    }
    const blob = new Blob(parts, { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'system-log-' + new Date().toISOString().replace(/[:.]/g, '-') + '.' + (format === 'csv' ? 'csv' : 'ndjson');
    document.body.append(a);
    a.click();
    a.remove();
    setStatus('Exported ' + count + ' events (' + pages + ' pages) as ' + format.toUpperCase()
      + (url ? '; stopped at the maximum of ' + EXPORT_MAX + ' events' : '') + '.');
  }

  // ---- wiring
  function submitForm() {
    state = formState();
    writeState(state);
    showState();
    search();
  }

  $('signin').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('scimlog.token', $('token').value.trim());
    $('token').value = '';
    $('token').placeholder = 'token in use; paste another to replace it';
    search();
  });
  $('sso-signin').addEventListener('click', () => sessionStorage.removeItem('scimlog.token'));
  $('sso-tenant').addEventListener('change', () => {
    sessionStorage.setItem('scimlog.sso.tenant', $('sso-tenant').value);
    search();
  });
  $('sso-signout').addEventListener('click', async () => {
    try {
      await fetch('/sso/logout', { method: 'POST' });
    } catch (e) {
      // the cookie stays until it expires; the page still forgets the person below
    }
    sessionStorage.removeItem('scimlog.sso.tenant');
    sessionStorage.removeItem('scimlog.token');
    await loadSession();
    showSsoMessage('signed-out');
    search();
  });
  $('query').addEventListener('submit', (e) => { e.preventDefault(); submitForm(); });
  document.querySelectorAll('.preset').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('.preset').forEach((o) => o.setAttribute('aria-current', String(o === b)));
    submitForm();
  }));
  for (const id of ['since', 'until']) {
    $(id).addEventListener('change', () => document.querySelectorAll('.preset').forEach((o) => o.setAttribute('aria-current', 'false')));
  }
  document.querySelectorAll('.toggle').forEach((b) => b.addEventListener('click', () => {
    b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
    submitForm();
  }));
  $('zone-toggle').addEventListener('click', () => {
    const kept = formState();
    state = Object.assign({}, kept, { utc: !state.utc, event: state.event });
    writeState(state);
    showState();
    search();
  });
  $('more').addEventListener('click', more);
  $('retry').addEventListener('click', () => lastRetry && lastRetry());
  $('live').addEventListener('change', () => { if ($('live').checked) startLive(new Date().toISOString()); else stopLive(); });
  $('timeline-back').addEventListener('click', () => history.back());
  $('pinned-close').addEventListener('click', () => {
    state = Object.assign({}, state, { event: '' });
    writeState(state, true);
    $('pinned').hidden = true;
  });
  $('export-csv').addEventListener('click', () => exportAll('csv'));
  $('export-ndjson').addEventListener('click', () => exportAll('ndjson'));
  window.addEventListener('popstate', () => { state = readState(); showState(); search(); });
  chartDrag();

  if (sessionStorage.getItem('scimlog.token')) $('token').placeholder = 'token in use; paste another to replace it';
  showSsoMessage(new URLSearchParams(location.search).get('sso_error'));
  showState();
  writeState(state, true); // also drops sso_error from the address
  loadSession().then(search);
})();
