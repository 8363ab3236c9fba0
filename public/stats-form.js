// The annual statistics form as you type: each total is filled from its parts (while it is empty
// or was filled here), and the form's values go to the same rules the server applies on saving
// (POST data-check-url; nothing is stored), each field's error or warning appearing beside it.
// Without JavaScript the server fills an empty total on saving and checks the form when it is sent.
(function () {
  'use strict';
  var form = document.querySelector('form[data-check-url]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var status = document.getElementById('stats-check-status');
  var comma = form.getAttribute('data-locale') === 'sl';
  var timer = null;
  var serial = 0;

  function byName(name) {
    return form.querySelector('input[name="' + name.replace(/"/g, '\\"') + '"]');
  }

  // Numbers as people type them: 12,5 or 12.5, thousands grouped by spaces (or points before a decimal comma).
  function read(raw) {
    var s = String(raw || '').replace(/[\s\u00a0\u202f]/g, '');
    if (s === '') return undefined;
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (/^-?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
    if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
    if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) return Number(s.replace(/\./g, ''));
    return null;
  }

  function write(n) {
    var s = String(Math.round(n * 100) / 100);
    return comma ? s.replace('.', ',') : s;
  }

  // Each total with its parts; a total typed by hand is left alone until it is emptied again.
  var totals = Array.prototype.map.call(form.querySelectorAll('input[data-sum-of]'), function (input) {
    return { input: input, parts: input.getAttribute('data-sum-of').split(' ').map(byName).filter(Boolean) };
  });
  totals.forEach(function (total) {
    total.auto = total.input.value.trim() === '';
  });

  function fillTotals(changed) {
    totals.forEach(function (total) {
      if (changed === total.input) {
        total.auto = total.input.value.trim() === '';
        return;
      }
      if (!total.auto || total.parts.indexOf(changed) < 0) return;
      var sum = 0;
      var complete = total.parts.every(function (part) {
        var n = read(part.value);
        if (typeof n !== 'number') return false;
        sum += n;
        return true;
      });
      total.input.value = complete ? write(sum) : '';
    });
  }

  function describedBy(input, id, on) {
    var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== id; });
    if (on) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  // One message beside a field: kind 'error' or 'warning' (or none).
  function show(input, text, kind) {
    var wrapper = input.closest('.field');
    if (!wrapper) return;
    ['error', 'warning'].forEach(function (k) {
      var id = input.id + '-' + k;
      var p = document.getElementById(id);
      if (text && k === kind) {
        if (!p) {
          p = document.createElement('p');
          p.className = k + '-message';
          p.id = id;
          wrapper.insertBefore(p, input);
        }
        p.textContent = text;
        describedBy(input, id, true);
      } else if (p) {
        p.parentNode.removeChild(p);
        describedBy(input, id, false);
      }
      wrapper.classList.toggle('field-' + k, Boolean(text) && k === kind);
    });
    if (text && kind === 'error') input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function check() {
    var data = new URLSearchParams(new FormData(form));
    data.delete('action');
    var mine = ++serial;
    fetch(form.getAttribute('data-check-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: data.toString(),
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer || mine !== serial) return;
        var errors = {};
        var warnings = {};
        answer.errors.forEach(function (e) { if (!errors[e.field]) errors[e.field] = e.message; });
        (answer.warnings || []).concat(answer.jumps).forEach(function (e) { if (!warnings[e.field]) warnings[e.field] = e.message; });
        Array.prototype.forEach.call(form.querySelectorAll('input[type="text"][name]'), function (input) {
          if (errors[input.name]) show(input, errors[input.name], 'error');
          else show(input, warnings[input.name], 'warning');
        });
        if (status) status.textContent = answer.summary;
      })
      .catch(function () { /* offline: the form is still checked when sent */ });
  }

  form.addEventListener('input', function (event) {
    if (!event.target || event.target.type !== 'text') return;
    fillTotals(event.target);
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
})();
