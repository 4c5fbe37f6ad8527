/*
 * The pages' script: sends each form.api to the API as JSON (the customer's link token, or the staff
 * cookie with the pages' header), uploads a drawn signature first, shows the API's refusal in the
 * reader's language, shows times in local time and ticks the SLA countdowns. Plain browser JavaScript.
 */
/* global SignaturePad, clearTimeout */
(function () {
  'use strict';
  var words = JSON.parse(document.getElementById('words').textContent);
  var token = new URLSearchParams(location.search).get('token');
  var locale = words.lang === 'zh' ? 'zh-CN' : 'en-GB';

  function withToken(path) {
    return token ? path + (path.indexOf('?') >= 0 ? '&' : '?') + 'token=' + encodeURIComponent(token) : path;
  }

  /** An API call: a JSON body, or a file sent as itself (its own Content-Type). */
  async function call(method, path, body, file) {
    var res = await fetch(withToken('/api/v1' + path), {
      method: method,
      credentials: 'same-origin',
      headers: { 'content-type': file ? file.type : 'application/json', 'x-aftersales-page': '1' },
      body: file ? file : body === undefined ? undefined : JSON.stringify(body),
    });
    // A body that is not JSON (a proxy's error page) still becomes a message below.
    var data = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) {
      var err = new Error(data.error || res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  /** The API's reason in the reader's language: a known sentence translated, else as the API wrote it. */
  function explain(err) {
    var heading =
      err.status === 409
        ? words.errorNotAllowed
        : err.status === 403 || err.status === 401
          ? words.errorForbidden
          : err.status === 400
            ? words.errorInput
            : words.errorOther;
    var reason = err.message || '';
    // The first pattern that matches gives the whole sentence, its $1… filled from the API's words.
    for (var i = 0; i < words.reasons.length; i++) {
      var found = reason.match(new RegExp(words.reasons[i][0]));
      if (found) {
        reason = words.reasons[i][1].replace(/\$(\d)/g, function (_, n) {
          return found[n];
        });
        break;
      }
    }
    return heading + (reason ? (words.lang === 'zh' ? '：' : ': ') + reason : '');
  }

  function say(text, ok) {
    var box = document.getElementById('message');
    box.hidden = false;
    box.className = ok ? 'ok' : 'error';
    box.textContent = text;
    box.scrollIntoView({ block: 'nearest' });
  }

  // A form's fields as the API's JSON body (form.js).
  var bodyOf = window.AftersalesForm.bodyOf;

  var offline = document.body.hasAttribute('data-offline') ? window.AftersalesOffline : null;
  var pads = new Map();
  // Draw at the screen's pixel density, so a signature on a phone stays sharp in the PDF.
  function fit(canvas) {
    if (!canvas.offsetWidth) return; // hidden: keeps its own size until shown
    canvas.dataset.fitted = '1';
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
  }
  // A step's form shown later (the next step offline) gets its pad fitted then: hidden, it had no size.
  document.addEventListener('aftersales:shown', function () {
    pads.forEach(function (pad, form) {
      var canvas = form.querySelector('.signature canvas');
      if (!canvas.dataset.fitted && canvas.offsetWidth > 0) {
        fit(canvas);
        pad.clear();
      }
    });
  });
  document.querySelectorAll('.signature canvas').forEach(function (canvas) {
    fit(canvas);
    var pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)' });
    pads.set(canvas.closest('form'), pad);
    canvas.parentElement.querySelector('.clear-signature').addEventListener('click', function () {
      pad.clear();
    });
  });

  /** After a change the board waits until its list shows the request's new version (the read side follows). */
  async function waitForBoard(requestNo, version) {
    for (var i = 0; i < 50; i++) {
      var page = await fetch(location.href, { credentials: 'same-origin' }).then((r) => r.text());
      var doc = new DOMParser().parseFromString(page, 'text/html');
      var row = doc.querySelector('[data-request="' + requestNo + '"]');
      if (!row || Number(row.dataset.version) > version) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  document.querySelectorAll('form.api').forEach(function (form) {
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        var parts = window.AftersalesForm.callOf(form);
        if (offline && form.dataset.upload !== undefined) {
          if (!(await offline.submit(form, {}, null))) button.disabled = false;
          return;
        }
        // Photos and documents: each chosen file is sent as itself, one call each, then the page shows them.
        if (form.dataset.upload !== undefined) {
          var chosen = form.querySelector('input[type=file]').files;
          var kind = form.querySelector('[name=kind]').value;
          for (var f = 0; f < chosen.length; f++) {
            var q = '?kind=' + encodeURIComponent(kind) + '&name=' + encodeURIComponent(chosen[f].name.slice(0, 120));
            await call(parts[0], parts[1] + q, undefined, chosen[f]);
          }
          location.reload();
          return;
        }
        // The engineer's pages: every step goes through the device's queue (offline.js), online or not.
        if (offline && !form.dataset.goto && !form.dataset.show) {
          if (!(await offline.submit(form, bodyOf(form), pads.get(form)))) button.disabled = false;
          return;
        }
        var body = bodyOf(form);
        var pad = pads.get(form);
        if (pad) {
          if (pad.isEmpty())
            throw Object.assign(new Error(''), {
              status: 400,
              message: words.lang === 'zh' ? '请先签名' : 'Please sign first',
            });
          var up = await call('POST', '/requests/' + form.dataset.request + '/signatures', {
            png: pad.toDataURL('image/png'),
          });
          body.signatureId = up.signatureId;
        }
        var answer = await call(parts[0], parts[1], body);
        say(words.done, true);
        // A secret the API shows once (a token, a signing secret) stays on screen until the person leaves.
        if (form.dataset.show) {
          var box = document.getElementById('message');
          box.textContent = words.done + ': ' + answer[form.dataset.show];
          box.dataset.secret = answer[form.dataset.show];
          return;
        }
        // A form that creates something opens it (its number from the answer).
        if (form.dataset.goto) {
          var made = form.dataset.gotoField ? answer[form.dataset.gotoField] : answer.complaintNo || answer.requestNo;
          location.href = form.dataset.goto + encodeURIComponent(made || '');
          return;
        }
        if (form.dataset.waitRequest) await waitForBoard(form.dataset.waitRequest, Number(form.dataset.waitVersion));
        location.reload();
      } catch (err) {
        say(explain(err), false);
        button.disabled = false;
      }
    });
  });

  // The agent's lookup finds customers and units as they type: the desk itself, read again with ?q=.
  var lookup = document.querySelector('form.lookup input[name=q]');
  var typed;
  if (lookup)
    lookup.addEventListener('input', function () {
      clearTimeout(typed);
      typed = setTimeout(async function () {
        var q = lookup.value.trim();
        if (q.length < 2) return;
        var page = await fetch(location.pathname + '?q=' + encodeURIComponent(q), { credentials: 'same-origin' });
        var doc = new DOMParser().parseFromString(await page.text(), 'text/html');
        var found = doc.getElementById('matches');
        if (found && lookup.value.trim() === q) document.getElementById('matches').innerHTML = found.innerHTML;
      }, 250);
    });

  if (offline) offline.start({ words: words, say: say, explain: explain });

  document.querySelectorAll('img[data-token-src]').forEach(function (img) {
    img.src = withToken(img.dataset.tokenSrc);
  });
  document.querySelectorAll('a[data-token-link]').forEach(function (a) {
    a.href = withToken(a.getAttribute('href'));
  });
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    el.textContent = new Date(el.dateTime).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  });

  var WARN_MS = 30 * 60 * 1000;
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (h ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
  }
  function tick() {
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Date.parse(el.dataset.deadline) - Date.now();
      var state =
        el.dataset.state === 'paused'
          ? 'paused'
          : left <= 0 || el.dataset.state === 'breached'
            ? 'breached'
            : left < WARN_MS
              ? 'warning'
              : 'running';
      el.className = 'countdown ' + state;
      el.textContent =
        state === 'paused'
          ? el.dataset.pausedLabel
          : state === 'breached'
            ? el.dataset.breachedLabel + ' +' + span(left)
            : span(left);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
