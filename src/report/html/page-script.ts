/**
 * The page's only script, inline and allowed by its hash in the Content-Security-Policy. It sorts and filters the
 * matrix, opens a cell's evidence in a dialog (a copy of the evidence in the page), and, in a page whose modules'
 * sections are stored compressed, shows each section when it is scrolled to, linked to or printed. The only markup it
 * builds from text is those sections: the page's own, written with every string from the input escaped.
 */
export const pageScript = `(() => {
  'use strict';
  const table = document.getElementById('matrix');
  const controls = document.getElementById('controls');
  if (!table || !controls) return;
  controls.hidden = false;
  const body = table.tBodies[0];
  const headRow = table.tHead.rows[0];
  const states = ['live', 'conditional', 'off', 'dead'];
  const value = (id) => document.getElementById(id).value.trim().toLowerCase();
  const checked = (id) => document.getElementById(id).checked;
  const columns = () => Array.from(headRow.cells).slice(1);

  function applyFilters() {
    const name = value('f-module');
    const port = value('f-port');
    const hideEmpty = checked('f-empty');
    const shown = states.filter((state) => checked('f-' + state));
    for (const state of states) table.classList.toggle('hide-' + state, !shown.includes(state));
    const visible = shown.map((state) => 'a.e.' + state).join(',');
    const heads = columns();
    const keep = heads.map((th) => !port || th.textContent.toLowerCase().includes(port));
    const used = heads.map(() => false);
    for (const row of body.rows) {
      let any = false;
      heads.forEach((th, i) => {
        const hit = keep[i] && visible !== '' && row.cells[i + 1].querySelector(visible) !== null;
        if (hit) any = true;
      });
      row.hidden = (name !== '' && !row.dataset.name.toLowerCase().includes(name)) || (hideEmpty && !any);
      if (row.hidden) continue;
      heads.forEach((th, i) => {
        if (visible !== '' && row.cells[i + 1].querySelector(visible) !== null) used[i] = true;
      });
    }
    heads.forEach((th, i) => {
      const hidden = !keep[i] || (hideEmpty && !used[i]);
      th.hidden = hidden;
      for (const row of body.rows) row.cells[i + 1].hidden = hidden;
    });
    const count = Array.from(body.rows).filter((row) => !row.hidden).length;
    document.getElementById('f-count').textContent = count + ' of ' + body.rows.length + ' modules shown';
  }

  function clearSort() {
    for (const th of headRow.cells) th.removeAttribute('aria-sort');
  }

  function sortRows(key) {
    const rows = Array.from(body.rows);
    const by = {
      name: (a, b) => a.dataset.name.localeCompare(b.dataset.name),
      live: (a, b) => Number(b.dataset.live) - Number(a.dataset.live) || a.dataset.name.localeCompare(b.dataset.name),
      findings: (a, b) => Number(b.dataset.findings) - Number(a.dataset.findings) || a.dataset.name.localeCompare(b.dataset.name),
      run: (a, b) => Number(a.dataset.order) - Number(b.dataset.order),
    }[key];
    rows.sort(by);
    for (const row of rows) body.appendChild(row);
  }

  function rank(cell) {
    const found = (cell.dataset.s || '').split(' ');
    const best = states.findIndex((state) => found.includes(state));
    return best === -1 ? states.length : best;
  }

  function sortByColumn(th) {
    const i = Array.from(headRow.cells).indexOf(th);
    const rows = Array.from(body.rows);
    rows.sort((a, b) => rank(a.cells[i]) - rank(b.cells[i]) || a.dataset.name.localeCompare(b.dataset.name));
    for (const row of rows) body.appendChild(row);
    clearSort();
    th.setAttribute('aria-sort', 'descending');
    document.getElementById('s-rows').value = 'run';
  }

  function sortColumns(key) {
    const heads = columns();
    const order = heads.map((th, i) => i);
    const port = (i) => Number(heads[i].dataset.port);
    if (key === 'live') order.sort((a, b) => Number(heads[b].dataset.live) - Number(heads[a].dataset.live) || port(a) - port(b));
    else order.sort((a, b) => port(a) - port(b) || heads[a].dataset.key.localeCompare(heads[b].dataset.key));
    for (const row of [headRow, ...body.rows]) {
      const cells = Array.from(row.cells).slice(1);
      for (const i of order) row.appendChild(cells[i]);
    }
  }

  Array.from(body.rows).forEach((row, i) => { row.dataset.order = String(i); });
  for (const th of columns()) {
    const button = document.createElement('button');
    button.type = 'button';
    while (th.firstChild) button.appendChild(th.firstChild);
    button.title = 'sort the modules by this port: live first';
    th.appendChild(button);
    button.addEventListener('click', () => sortByColumn(th));
  }
  for (const id of ['f-module', 'f-port']) document.getElementById(id).addEventListener('input', applyFilters);
  for (const id of ['f-empty', ...states.map((s) => 'f-' + s)]) document.getElementById(id).addEventListener('change', applyFilters);
  document.getElementById('s-rows').addEventListener('change', (event) => { clearSort(); sortRows(event.target.value); });
  document.getElementById('s-cols').addEventListener('change', (event) => sortColumns(event.target.value));

  const packed = document.getElementById('module-sections');
  const chunks = packed ? packed.textContent.split(' ') : [];
  const perChunk = packed ? Number(packed.dataset.modules) : 1;
  const unpacking = new Map();
  const sections = [];
  // Unpacks a chunk of sections once: base64, then gzip, then a JSON array of their HTML.
  function unpack(chunk) {
    if (!unpacking.has(chunk)) {
      const binary = atob(chunks[chunk]);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      unpacking.set(chunk, new Response(stream).text().then((text) => {
        JSON.parse(text).forEach((section, i) => { sections[chunk * perChunk + i] = section; });
      }));
    }
    return unpacking.get(chunk);
  }
  const moduleOf = (id) => {
    const found = /^m(\\d+)(?:-|$)/.exec(id);
    return found ? Number(found[1]) : -1;
  };
  // Puts the section of the module an id belongs to in place of its placeholder; false while it is still packed.
  function show(id) {
    const index = moduleOf(id);
    const placeholder = index === -1 ? null : document.getElementById('m' + index);
    if (!placeholder || !placeholder.classList.contains('packed')) return true;
    if (sections[index] === undefined) return false;
    const template = document.createElement('template');
    template.innerHTML = sections[index];
    placeholder.replaceWith(template.content);
    return true;
  }
  // Goes on once the section of an id is shown: at once when it can (a link then follows itself).
  function follow(id, then) {
    if (show(id)) return then();
    unpack(Math.floor(moduleOf(id) / perChunk)).then(() => {
      show(id);
      then();
    });
  }
  const jump = (id) => () => location.replace('#' + id);
  const showPlaceholders = (placeholders) => { for (const placeholder of placeholders) show(placeholder.id); };
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#m"]:not(.e)');
    if (!link) return;
    const id = link.getAttribute('href').slice(1);
    if (!show(id)) {
      event.preventDefault();
      follow(id, jump(id));
    }
  });
  if (packed) {
    // The browser has looked for the element already: once it is shown, the page goes to it again.
    const reveal = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      const placeholder = document.getElementById('m' + moduleOf(id));
      if (placeholder && placeholder.classList.contains('packed')) follow(id, jump(id));
    };
    window.addEventListener('hashchange', reveal);
    reveal();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) follow(entry.target.id, () => {});
    }, { rootMargin: '800px 0px' });
    for (const placeholder of document.querySelectorAll('.module.packed')) observer.observe(placeholder);
    // Printing cannot wait: every chunk is unpacked after the page has loaded, one after the other.
    const unpackAll = () => chunks.reduce((done, _, chunk) => done.then(() => unpack(chunk)), Promise.resolve());
    window.addEventListener('load', unpackAll);
    window.addEventListener('beforeprint', () => showPlaceholders(document.querySelectorAll('.module.packed')));
    const count = document.getElementById('packed-count');
    document.getElementById('packed-all').hidden = false;
    document.getElementById('show-all').addEventListener('click', () => {
      const waiting = Array.from(document.querySelectorAll('.module.packed'));
      const total = document.querySelectorAll('.module').length;
      const step = () => {
        showPlaceholders(waiting.splice(0, 20));
        count.textContent = (total - waiting.length) + ' of ' + total + ' modules shown';
        if (waiting.length > 0) setTimeout(step);
      };
      unpackAll().then(step);
    });
  }

  const dialog = document.getElementById('evidence');
  const dialogBody = document.getElementById('evidence-body');
  document.getElementById('evidence-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => { if (event.target.closest('a[href^="#"]')) dialog.close(); });
  function openEvidence(id) {
    const source = document.getElementById(id);
    if (!source) return jump(id)();
    const copy = source.cloneNode(true);
    for (const element of [copy, ...copy.querySelectorAll('[id]')]) element.removeAttribute('id');
    dialogBody.replaceChildren(copy);
    dialog.showModal();
  }
  table.addEventListener('click', (event) => {
    const link = event.target.closest('a.e');
    if (!link) return;
    event.preventDefault();
    const id = link.getAttribute('href').slice(1);
    follow(id, () => openEvidence(id));
  });

  table.addEventListener('keydown', (event) => {
    const link = event.target.closest('a.e');
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    if (!link || !(event.key in moves)) return;
    const [dr, dc] = moves[event.key];
    const cell = link.closest('td');
    const rows = Array.from(body.rows).filter((row) => !row.hidden);
    let r = rows.indexOf(cell.parentElement);
    let c = cell.cellIndex;
    for (;;) {
      r += dr;
      c += dc;
      const row = rows[r];
      if (!row || c < 1 || c >= row.cells.length) return;
      if (row.cells[c].hidden) continue;
      const target = Array.from(row.cells[c].querySelectorAll('a.e')).find((a) => a.offsetParent !== null);
      if (target) {
        event.preventDefault();
        target.focus();
        return;
      }
    }
  });
})();`;
