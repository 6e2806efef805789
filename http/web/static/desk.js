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
  source.addEventListener('change', onChange);
  // After a reconnection the page may have missed changes.
  source.addEventListener('hello', function () { if (source.seen) schedule(); source.seen = true; });
  document.addEventListener('visibilitychange', function () { if (!document.hidden && pending) schedule(); });
})();
