// The System Log page: a thin client of GET /api/v1/logs. It renders text with textContent only, so an
// event's content can never become markup.
(function () {
  const form = document.getElementById('query');
  const rows = document.querySelector('#events tbody');
  const status = document.getElementById('status');
  const more = document.getElementById('more');
  const tokenInput = document.getElementById('token');
  let next = null;

  tokenInput.value = sessionStorage.getItem('scimlog.token') || '';

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    return td;
  }

  function isoOrEmpty(localValue) {
    return localValue ? new Date(localValue + 'Z').toISOString() : '';
  }

  function firstUrl() {
    const params = new URLSearchParams();
    for (const id of ['q', 'filter']) {
      const value = document.getElementById(id).value.trim();
      if (value) params.set(id, value);
    }
    const since = isoOrEmpty(document.getElementById('since').value);
    let until = isoOrEmpty(document.getElementById('until').value);
    const order = document.getElementById('sortOrder').value;
    if (order === 'DESCENDING' && !until) until = new Date().toISOString();
    if (since) params.set('since', since);
    if (until) params.set('until', until);
    params.set('sortOrder', order);
    params.set('limit', '100');
    return '/api/v1/logs?' + params.toString();
  }

  function nextLink(header) {
    if (!header) return null;
    for (const part of header.split(',')) {
      const match = part.match(/<([^>]+)>;\s*rel="next"/);
      if (match) return new URL(match[1]).pathname + new URL(match[1]).search;
    }
    return null;
  }

  function render(events) {
    for (const event of events) {
      const tr = document.createElement('tr');
      tr.className = 'event';
      const target = (event.target || [])[0] || {};
      tr.append(
        cell(event.published),
        cell(event.eventType),
        cell(event.outcome && event.outcome.result + (event.outcome.reason ? ' — ' + event.outcome.reason : ''),
             event.outcome && event.outcome.result),
        cell([target.type, target.alternateId || target.id].filter(Boolean).join(': ')),
        cell(event.actor && (event.actor.displayName || event.actor.alternateId)),
        cell(event.transaction && event.transaction.id));
      const detail = document.createElement('tr');
      detail.hidden = true;
      const td = document.createElement('td');
      td.colSpan = 6;
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(event, null, 2);
      td.append(pre);
      detail.append(td);
      tr.addEventListener('click', () => { detail.hidden = !detail.hidden; });
      rows.append(tr, detail);
    }
  }

  async function load(url, append) {
    status.className = '';
    status.textContent = 'Loading…';
    const token = tokenInput.value.trim();
    sessionStorage.setItem('scimlog.token', token);
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      status.className = 'error';
      status.textContent = (body && (body.errorSummary || body.detail)) || ('HTTP ' + response.status);
      return;
    }
    if (!append) rows.replaceChildren();
    render(body);
    next = body.length ? nextLink(response.headers.get('Link')) : null;
    more.hidden = !next;
    status.textContent = rows.querySelectorAll('tr.event').length + ' events';
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); load(firstUrl(), false); });
  more.addEventListener('click', () => { if (next) load(next, true); });
})();
