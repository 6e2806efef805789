// The dashboard's script. Every page works without it; it adds live
// updates and small conveniences. Each part is an IIFE of its own that
// does nothing on pages without its elements.

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
  // After a reconnection the page may have missed changes.
  source.addEventListener('hello', function () { if (source.seen) schedule(); source.seen = true; });
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
    fetch('/admin/leads/' + id + '/status', { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error(res.status);
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
