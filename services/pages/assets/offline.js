/*
 * The engineer's pages without a network (docs/offline.md). Every step form on these pages is queued on
 * the device (IndexedDB, via idb-keyval) with its own Idempotency-Key and the time it was done, then sent
 * in order — at once when there is a network, else when it comes back. A step the service refuses on
 * replay (409/403) is kept with the API's reason and shown; the rest of the queue goes on. Photos and
 * signatures queue too. The service worker (sw.js, Workbox) keeps copies of the pages. Plain browser JS.
 */
/* global idbKeyval */
(function () {
  'use strict';
  var QUEUE = 'aftersales-queue';
  var REFUSED = 'aftersales-refused';
  var ui = null;
  var chain = Promise.resolve();

  /** One change to the stored lists at a time (two submits, or a submit during a replay). */
  function locked(fn) {
    var next = chain.then(fn);
    chain = next.catch(function () {});
    return next;
  }
  function list(name) {
    return idbKeyval.get(name).then(function (v) {
      return v || [];
    });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return 'dev-' + crypto.randomUUID();
    return 'dev-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  async function request(method, path, body, file, headers) {
    var res = await fetch('/api/v1' + path, {
      method: method,
      credentials: 'same-origin',
      headers: Object.assign(
        { 'content-type': file ? file.type : 'application/json', 'x-aftersales-page': '1' },
        headers || {},
      ),
      body: file ? file : body === undefined ? undefined : JSON.stringify(body),
    });
    var data = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) throw Object.assign(new Error(data.error || res.statusText), { status: res.status });
    return data;
  }

  /** Sends one queued step: its signature first (stored by content, so sending it twice is the same). */
  async function send(e) {
    if (e.signature && !e.body.signatureId) {
      var up = await request('POST', '/requests/' + e.requestNo + '/signatures', { png: e.signature });
      e.body.signatureId = up.signatureId;
      await locked(async function () {
        var q = await list(QUEUE);
        await idbKeyval.set(
          QUEUE,
          q.map(function (x) {
            return x.key === e.key ? e : x;
          }),
        );
      });
    }
    return request(e.method, e.path, e.body, e.file, {
      'idempotency-key': e.key,
      'x-aftersales-done-at': e.at,
      'x-aftersales-sent-at': new Date().toISOString(),
    });
  }

  function drop(key) {
    return locked(async function () {
      var q = await list(QUEUE);
      await idbKeyval.set(
        QUEUE,
        q.filter(function (x) {
          return x.key !== key;
        }),
      );
    });
  }

  var running = null;
  /** Sends the queue in order; stops (keeping the rest) when the network or the service is not there. */
  function flush() {
    if (!running)
      running = replay().finally(function () {
        running = null;
      });
    return running;
  }
  async function replay() {
    var out = { sent: 0, refused: [], stopped: false };
    for (;;) {
      var q = await list(QUEUE);
      if (!q.length) break;
      var e = q[0];
      try {
        await send(e);
        out.sent++;
        await drop(e.key);
      } catch (err) {
        var later = !err.status || err.status >= 500 || err.status === 408 || err.status === 429;
        if (later) {
          out.stopped = true;
          break;
        }
        var refusal = { label: e.label, at: e.at, status: err.status, reason: err.message };
        await locked(async function () {
          await idbKeyval.set(REFUSED, (await list(REFUSED)).concat([refusal]));
        });
        await drop(e.key);
        out.refused.push(refusal);
      }
    }
    await show();
    return out;
  }

  function item(text, cls) {
    var li = document.createElement('li');
    li.className = cls;
    li.textContent = text;
    return li;
  }
  /** The queue's box: offline or not, the steps waiting, and the refused ones with the API's reason. */
  async function show() {
    var box = document.getElementById('queue');
    if (!box || !ui) return;
    var q = await list(QUEUE);
    var refused = await list(REFUSED);
    box.textContent = '';
    box.hidden = navigator.onLine && !q.length && !refused.length;
    if (!navigator.onLine)
      box.appendChild(
        Object.assign(document.createElement('p'), { className: 'offline', textContent: ui.words.offlineBanner }),
      );
    if (q.length) {
      box.appendChild(Object.assign(document.createElement('h2'), { textContent: ui.words.pendingSteps }));
      var pending = box.appendChild(Object.assign(document.createElement('ul'), { className: 'pending' }));
      q.forEach(function (e) {
        pending.appendChild(item(e.label + ' · ' + new Date(e.at).toLocaleTimeString(), 'pending-step'));
      });
    }
    if (refused.length) {
      box.appendChild(Object.assign(document.createElement('h2'), { textContent: ui.words.refusedSteps }));
      var bad = box.appendChild(Object.assign(document.createElement('ul'), { className: 'refused' }));
      refused.forEach(function (r) {
        bad.appendChild(item(r.label + ' — ' + ui.explain({ status: r.status, message: r.reason }), 'refused-step'));
      });
      var dismiss = box.appendChild(
        Object.assign(document.createElement('button'), { type: 'button', textContent: ui.words.dismiss }),
      );
      dismiss.addEventListener('click', function () {
        idbKeyval.set(REFUSED, []).then(show);
      });
    }
  }

  /** The queued steps of one form: the step itself, one per file, and on a trip the parts used from the van. */
  function entriesOf(form, body, pad) {
    var parts = form.dataset.call.split(' ');
    var at = new Date().toISOString();
    var no = form.dataset.request || (document.querySelector('[data-request]') || { dataset: {} }).dataset.request;
    var label = form.querySelector('button[type=submit]').textContent.trim() + (no ? ' · ' + no : '');
    if (form.dataset.upload !== undefined) {
      var files = form.querySelector('input[type=file]').files;
      var kind = form.querySelector('[name=kind]').value;
      return Array.prototype.map.call(files, function (f) {
        var q = '?kind=' + encodeURIComponent(kind) + '&name=' + encodeURIComponent(f.name.slice(0, 120));
        return { key: newKey(), at: at, method: parts[0], path: parts[1] + q, file: f, label: label + ' · ' + f.name };
      });
    }
    var step = { key: newKey(), at: at, method: parts[0], path: parts[1], body: body, label: label, requestNo: no };
    if (pad) {
      if (pad.isEmpty())
        throw Object.assign(new Error(ui.words.lang === 'zh' ? '请先签名' : 'Please sign first'), { status: 400 });
      step.signature = pad.toDataURL('image/png');
    }
    var out = [step];
    if (form.dataset.trip) {
      var old = form.querySelector('[data-old-part]');
      (body.used || []).forEach(function (l) {
        var input = form.querySelector('[data-code="' + l.code + '"][data-in-van]');
        if (!input || !(Number(input.dataset.inVan) > 0)) return;
        out.push({
          key: newKey(),
          at: at,
          method: 'POST',
          path: '/trips/' + form.dataset.trip + '/consumption',
          body: { requestNo: no, partNo: l.code, quantity: l.quantity, oldPart: old ? old.value : 'none' },
          label: label + ' · ' + l.code,
        });
      });
    }
    return out;
  }

  /**
   * A form sent: queued, then sent at once when there is a network (the page reloads to show the result);
   * without one, the page moves on to the next step's form. Returns false when the page stays as it is.
   */
  async function submit(form, body, pad) {
    var items = entriesOf(form, body, pad);
    await locked(async function () {
      await idbKeyval.set(QUEUE, (await list(QUEUE)).concat(items));
    });
    if (navigator.onLine) {
      var r = await flush();
      if (r.refused.length) {
        ui.say(ui.explain({ status: r.refused[0].status, message: r.refused[0].reason }), false);
        return false;
      }
      if (!r.stopped) {
        location.reload();
        return true;
      }
    }
    ui.say(ui.words.queued, true);
    var next = form.dataset.next;
    if (next)
      document.querySelectorAll('.step-set').forEach(function (s) {
        s.hidden = s.dataset.status !== next;
      });
    document.dispatchEvent(new Event('aftersales:shown'));
    await show();
    return false;
  }

  function start(hooks) {
    ui = hooks;
    // The pages the service worker fetches keep the language this one was shown in (the worker's own
    // requests need not carry the browser's Accept-Language).
    if (!/(^|; )lang=/.test(document.cookie))
      document.cookie = 'lang=' + ui.words.lang + '; path=/; max-age=31536000; samesite=lax';
    if ('serviceWorker' in navigator)
      navigator.serviceWorker
        .register('/sw.js', { scope: '/app/engineer' })
        .then(function () {
          return navigator.serviceWorker.ready;
        })
        .then(function () {
          // Keep a copy of every work order and trip this page links to, for a day without a network.
          // Not the other-language link: opening it would switch the reader's language.
          var links = Array.prototype.filter.call(document.querySelectorAll('a[href^="/app/engineer/"]'), function (a) {
            return a.getAttribute('href').indexOf('lang=') < 0;
          });
          links.slice(0, 40).forEach(function (a) {
            fetch(a.getAttribute('href'), { credentials: 'same-origin' }).catch(function () {});
          });
        })
        .catch(function () {});
    window.addEventListener('online', function () {
      flush().then(function (r) {
        if (r.sent && !r.refused.length && !r.stopped) location.reload();
      });
    });
    window.addEventListener('offline', show);
    show();
    if (navigator.onLine)
      list(QUEUE).then(function (q) {
        if (q.length)
          flush().then(function (r) {
            if (r.sent && !r.refused.length) location.reload();
          });
      });
  }

  window.AftersalesOffline = { start: start, submit: submit, flush: flush, queue: QUEUE, refused: REFUSED };
})();
