// The dashboard's script. Every page works without it; it adds live
// updates and small conveniences. Each part is an IIFE of its own that
// does nothing on pages without its elements.

// saved tells whether a form the script posted was taken: the server
// answers a taken form with a redirect, which the script does not follow
// (the page it leads to would be rendered for nothing), and a refused one
// with an error status.
function saved(res) { return res.type === 'opaqueredirect' || res.ok; }

// Live updates: a page whose <body> names a stream (data-live-stream)
// listens to the showroom's changes and, after each, fetches itself again
// and swaps in the regions marked [data-live] (by id) and the title, which
// carries the number of conversations waiting for a reply. Regions holding
// the focus are left alone, so nobody loses what they are typing.
(function () {
  'use strict';
  var url = document.body.getAttribute('data-live-stream');
  if (!url || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var timer = 0, busy = false, pending = false;

  function schedule() {
    if (document.hidden) { pending = true; return; }
    pending = false;
    clearTimeout(timer);
    timer = setTimeout(refresh, 100);
  }

  function refresh() {
    if (busy) { pending = true; return; }
    busy = true;
    fetch(location.href, { credentials: 'same-origin' })
      .then(function (res) {
        // A session that ended is sent to sign in: show that page.
        if (res.redirected) { location.reload(); return null; }
        return res.ok ? res.text() : null;
      })
      .then(function (html) { if (html) swap(new DOMParser().parseFromString(html, 'text/html')); })
      .catch(function () { pending = true; })
      .then(function () { busy = false; if (pending) schedule(); });
  }

  function swap(doc) {
    document.title = doc.title;
    var fresh = doc.querySelectorAll('[data-live][id]');
    for (var i = 0; i < fresh.length; i++) {
      var old = document.getElementById(fresh[i].id);
      if (old && !old.contains(document.activeElement)) old.replaceWith(document.importNode(fresh[i], true));
    }
    document.dispatchEvent(new CustomEvent('desk:refreshed'));
  }

  // A session's sign-in or last use shows on no page.
  function onChange(e) {
    var tables = [];
    try { tables = JSON.parse(e.data).tables || []; } catch (err) { tables = []; }
    if (tables.length === 1 && tables[0] === 'sessions') return;
    schedule();
  }

  var source = new EventSource(url);
  // The body says whether the page is following the showroom's changes.
  source.addEventListener('open', function () { document.body.setAttribute('data-live-state', 'open'); });
  source.addEventListener('error', function () { document.body.setAttribute('data-live-state', 'closed'); });
  source.addEventListener('change', onChange);
  // A page misses the changes made while it loaded (when the stream's
  // version is not the page's) and while its stream reconnected.
  var version = document.body.getAttribute('data-live-version');
  source.addEventListener('hello', function (e) {
    var opened = '';
    try { opened = JSON.parse(e.data).version; } catch (err) { opened = ''; }
    if (source.seen || opened !== version) schedule();
    source.seen = true;
  });
  document.addEventListener('visibilitychange', function () { if (!document.hidden && pending) schedule(); });
})();

// Lead page: a tap on a quick reply puts its text, already filled for this
// customer, in the reply box (without JavaScript its link reloads the page
// with the box filled); the status form shows the lost reason only for lost.
(function () {
  'use strict';
  // The lost reason is asked only while lost is chosen.
  var status = document.getElementById('status-select');
  var reason = document.getElementById('lost-reason-field');
  if (status && reason) {
    var toggle = function () { reason.hidden = status.value !== 'lost'; };
    status.addEventListener('change', toggle);
    toggle();
  }
  // The conversation opens at its latest message, and stays there when a
  // live update brings a new one, unless the user scrolled up to read.
  var atEnd = true, top = 0;
  function toEnd() {
    var thread = document.getElementById('thread');
    if (!thread) return;
    thread.scrollTop = atEnd ? thread.scrollHeight : top;
    thread.addEventListener('scroll', function () {
      top = thread.scrollTop;
      atEnd = top + thread.clientHeight >= thread.scrollHeight - 40;
    });
  }
  toEnd();
  document.addEventListener('desk:refreshed', toEnd);
  var box = document.getElementById('message');
  if (!box) return;
  document.addEventListener('click', function (e) {
    var chip = e.target.closest && e.target.closest('a[data-fill]');
    if (!chip || box.disabled) return;
    e.preventDefault();
    box.value = chip.getAttribute('data-fill');
    box.focus();
  });
})();

// Board: a card is dragged to another column and moved with the same form
// post as its own select and button. A move to lost first asks why, in a
// dialog; so does the card's button when lost is chosen (without
// JavaScript, that post lands on the lead page's status form instead).
(function () {
  'use strict';
  var dialog = document.getElementById('lost-dialog');
  var status = document.getElementById('board-status');
  if (!dialog || !status || !window.fetch || !window.URLSearchParams) return;
  var form = dialog.querySelector('form');
  var dragged = null;

  function askWhy(id) {
    form.action = '/admin/leads/' + id + '/status';
    if (dialog.showModal) dialog.showModal(); else form.submit();
  }

  function move(id, to) {
    if (to === 'lost') { askWhy(id); return; }
    // Encoded as the card's own form is, for the same endpoint.
    var body = new URLSearchParams({ status: to, back: 'board' });
    fetch('/admin/leads/' + id + '/status', { method: 'POST', body: body, credentials: 'same-origin', redirect: 'manual' })
      .then(function (res) {
        if (!saved(res)) throw new Error(res.status);
        status.textContent = '';
        var card = document.getElementById('lead-' + id);
        var list = document.querySelector('#col-' + to + ' .cards');
        if (card && list) list.insertBefore(card, list.firstChild);
      })
      .catch(function () { status.textContent = status.getAttribute('data-failed'); });
  }

  dialog.addEventListener('click', function (e) {
    if (e.target.hasAttribute('data-close')) dialog.close();
  });
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (!f.classList.contains('move')) return;
    var to = f.elements.status.value;
    if (to !== 'lost') return;
    e.preventDefault();
    askWhy(f.closest('[data-lead]').getAttribute('data-lead'));
  });
  document.addEventListener('dragstart', function (e) {
    var card = e.target.closest && e.target.closest('[data-lead]');
    if (!card) return;
    dragged = card;
    card.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.getAttribute('data-lead'));
  });
  document.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
  });
  document.addEventListener('dragover', function (e) {
    var col = dragged && e.target.closest && e.target.closest('[data-status]');
    if (!col) return;
    e.preventDefault();
    col.classList.add('over');
  });
  document.addEventListener('dragleave', function (e) {
    var col = e.target.closest && e.target.closest('[data-status]');
    if (col && !col.contains(e.relatedTarget)) col.classList.remove('over');
  });
  document.addEventListener('drop', function (e) {
    var col = dragged && e.target.closest && e.target.closest('[data-status]');
    if (!col) return;
    e.preventDefault();
    col.classList.remove('over');
    if (!col.contains(dragged)) move(dragged.getAttribute('data-lead'), col.getAttribute('data-status'));
  });
})();

// Settings page: a copy button beside a read-only field (the webhook URL),
// shown only where the clipboard can be written; it says so when done.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('button[data-copy]');
  if (!buttons.length || !navigator.clipboard) return;
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.getAttribute('data-copied');
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () { field.select(); });
    });
  });
})();

// Car photos: the chosen photos upload on a request each, with a bar per
// photo (without JavaScript the form sends them all at once), then the
// page shows the list again. A photo dragged onto another's place moves
// there with the post of its up and down buttons. A delete asks first.
(function () {
  'use strict';
  var list = document.getElementById('photo-list');
  if (!list || !window.fetch || !window.DOMParser || !window.FormData) return;
  var form = document.querySelector('form[data-photo-upload]');

  // The photos section as the server now has it (after a move, or when
  // some uploads were refused and their reasons stay on screen).
  function reloadPhotos() {
    return fetch(location.pathname, { credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('photos');
        var old = document.getElementById('photos');
        if (fresh && old) old.replaceWith(document.importNode(fresh, true));
      });
  }

  function progressRow(file, box) {
    var row = document.createElement('li');
    var name = document.createElement('span');
    name.className = 'upload-name';
    name.textContent = file.name;
    var state = document.createElement('span');
    state.className = 'upload-state';
    state.textContent = form.getAttribute('data-uploading');
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    row.append(name, state, bar);
    box.appendChild(row);
    return { bar: bar, state: state };
  }

  // send posts one file as the form would and resolves to whether it was
  // added; a refusal's reason is read from the page the server answers.
  function send(file, row) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      var data = new FormData();
      data.append('photo', file, file.name);
      xhr.open('POST', form.action);
      xhr.responseType = 'document';
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) row.bar.value = Math.round(e.loaded * 100 / e.total);
      });
      function finish(reason) {
        row.state.className = 'upload-state ' + (reason ? 'failed' : 'done');
        row.state.textContent = reason || form.getAttribute('data-done');
        if (!reason) row.bar.value = 100;
        resolve(!reason);
      }
      xhr.addEventListener('load', function () {
        var refused = xhr.response && xhr.response.querySelector('#photo-files-error li');
        if (refused) finish(refused.lastChild.textContent.replace(/^:\s*/, ''));
        else finish(xhr.status < 400 ? '' : form.getAttribute('data-failed'));
      });
      xhr.addEventListener('error', function () { finish(form.getAttribute('data-failed')); });
      xhr.send(data);
    });
  }

  if (form && window.Promise) {
    form.addEventListener('submit', function (e) {
      var input = form.elements.photo;
      if (!input.files || !input.files.length) return;
      e.preventDefault();
      var box = document.getElementById('upload-progress');
      var button = form.querySelector('button[type=submit]');
      var files = Array.prototype.slice.call(input.files);
      var rows = files.map(function (f) { return progressRow(f, box); });
      var added = 0, refused = 0;
      box.hidden = false;
      button.disabled = true;
      // One at a time: the server admits one phone photo's worth of
      // pixels into processing at once (its photo budget) anyway.
      files.reduce(function (done, file, i) {
        return done.then(function () {
          return send(file, rows[i]).then(function (ok) { if (ok) added++; else refused++; });
        });
      }, Promise.resolve()).then(function () {
        input.value = '';
        button.disabled = false;
        if (!refused) { location.assign(location.pathname + '?added=' + added + '#photos'); return; }
        reloadPhotos();
      });
    });
  }

  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });

  var dragged = null;
  function photoOf(e) { return e.target.closest && e.target.closest('#photo-list .photo[draggable=true]'); }
  document.addEventListener('dragstart', function (e) {
    var photo = photoOf(e);
    if (!photo) return;
    dragged = photo;
    photo.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', photo.getAttribute('data-index'));
  });
  document.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
  });
  document.addEventListener('dragover', function (e) {
    var photo = photoOf(e);
    if (!dragged || !photo) return;
    e.preventDefault();
    var marked = document.querySelectorAll('.photo.drop-target');
    for (var i = 0; i < marked.length; i++) if (marked[i] !== photo) marked[i].classList.remove('drop-target');
    if (photo !== dragged) photo.classList.add('drop-target');
  });
  document.addEventListener('drop', function (e) {
    var photo = photoOf(e);
    if (!dragged || !photo) return;
    e.preventDefault();
    photo.classList.remove('drop-target');
    var from = dragged.getAttribute('data-index'), to = photo.getAttribute('data-index');
    var status = document.getElementById('photo-move-status');
    var move = document.getElementById('photo-list').getAttribute('data-move');
    if (from === to || !move) return;
    fetch(move, { method: 'POST', body: new URLSearchParams({ index: from, to: to }), credentials: 'same-origin', redirect: 'manual' })
      .then(function (res) {
        if (!saved(res)) throw new Error(res.status);
        return reloadPhotos();
      })
      .catch(function () { if (status) status.textContent = status.getAttribute('data-failed'); });
  });
})();
