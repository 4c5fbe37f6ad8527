/*
 * A form's fields as the API's JSON body, by each field's data-type (hours → ms, lists, lines, service
 * hours, dated lines), and the call it makes: "PUT /calendars/{key}" takes {key} from the form's field.
 * Plain browser JavaScript, shared by the pages' script and the offline queue.
 */
(function () {
  'use strict';
  /** Sets obj at a path like "items[0].note" or "faultBack.symptoms". */
  function put(obj, path, value) {
    var keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    var at = obj;
    for (var i = 0; i < keys.length - 1; i++) {
      if (at[keys[i]] === undefined) at[keys[i]] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      at = at[keys[i]];
    }
    at[keys[keys.length - 1]] = value;
  }

  function valueOf(el) {
    var type = el.dataset.type;
    if (el.type === 'checkbox') return el.checked;
    if (type === 'multi') return Array.prototype.filter.call(el.options, (o) => o.selected).map((o) => o.value);
    var v = el.value.trim();
    // An empty number or duration stays empty, so an optional one is left out (not sent as 0).
    if ((type === 'number' || type === 'hours') && v === '') return v;
    if (type === 'number') return Number(v);
    if (type === 'bool') return v === 'true';
    if (type === 'datetime') return v ? new Date(v).toISOString() : v;
    // A duration typed in hours is sent in ms, as the API takes it.
    if (type === 'hours') return Math.round(Number(v) * 3600000);
    if (type === 'list') return v.split(/[\s,]+/).filter(Boolean);
    if (type === 'textlines')
      return v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    if (type === 'json') return v ? JSON.parse(v) : undefined;
    if (type === 'hourspans') return hourSpans(v);
    // "ups@2027-06-30, solar" → [{productLine: 'ups', validUntil: '2027-06-30'}, 'solar'] (certifications).
    if (type === 'dated-list')
      return v
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((w) => (w.indexOf('@') > 0 ? { productLine: w.split('@')[0], validUntil: w.split('@')[1] } : w));
    if (type === 'datelines') return dateLines(v);
    // "inspection: check the yaw brake" → {kind: 'inspection', item: 'check the yaw brake'}; no known kind: other.
    if (type === 'checklist')
      return v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          var m = l.match(/^(inspection|cleaning|calibration|other)\s*[:：]\s*(.+)$/);
          return m ? { kind: m[1], item: m[2] } : { kind: 'other', item: l };
        });
    if (type === 'lines')
      return v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => ({ code: l.split(/\s+/)[0], quantity: Number(l.split(/\s+/)[1] || 1) }));
    return v;
  }

  function bodyOf(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      // A picked quantity becomes a line of the field it is for (a quotation's lines, the work's parts used).
      if (el.dataset.type === 'pick') {
        var n = Number(el.value);
        if (n > 0) {
          // The code goes in the field the API names it by (`code` of a quotation line, `partNo` of a trip's).
          var line = { quantity: n };
          line[el.dataset.key || 'code'] = el.dataset.code;
          if (el.dataset.request) line.requestNo = el.dataset.request;
          (body[el.dataset.into] = body[el.dataset.into] || []).push(line);
        }
        return;
      }
      if (!el.name || el.hasAttribute('data-path')) return; // a path parameter (callOf), not the body's
      var v = valueOf(el);
      if (el.hasAttribute('data-optional') && (v === '' || (Array.isArray(v) && !v.length))) return;
      put(body, el.name, v);
    });
    return body;
  }

  var WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  /** "09:00-12:00, 13:00-18:00" → [{from, to}] (a closed day is left empty). */
  function hourSpans(v) {
    return v
      .split(/[,;，]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        var p = s.split(/\s*[-–~]\s*/);
        return { from: p[0], to: p[1] || '' };
      });
  }
  /** One day per line, "2026-10-01 国庆节" (a make-up working day may end with the weekday whose hours it keeps). */
  function dateLines(v) {
    return v
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        var words = l.split(/\s+/);
        var line = { date: words.shift() };
        if (words.length && WEEKDAYS.indexOf(words[words.length - 1]) >= 0) line.hoursOf = words.pop();
        if (words.length) line.name = words.join(' ');
        return line;
      });
  }

  /** [method, path]: a {name} in the path is the value of the form's field of that name (not sent in the body). */
  function callOf(form) {
    var parts = form.dataset.call.split(' ');
    var path = parts[1].replace(/\{(\w+)\}/g, function (_, name) {
      return encodeURIComponent(form.elements[name].value.trim());
    });
    return [parts[0], path];
  }

  window.AftersalesForm = { bodyOf: bodyOf, callOf: callOf };
})();
