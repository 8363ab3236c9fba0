// Checks the annual statistics form as you type: the form's values go to the same rules the
// server applies on saving (POST data-check-url; nothing is stored), and each field's message
// appears beside it. Without JavaScript the form is checked when it is sent, with the same messages.
(function () {
  'use strict';
  var form = document.querySelector('form[data-check-url]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var status = document.getElementById('stats-check-status');
  var timer = null;
  var serial = 0;

  function describedBy(input, id, on) {
    var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== id; });
    if (on) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  function show(input, text) {
    var wrapper = input.closest('.field');
    if (!wrapper) return;
    var id = input.id + '-error';
    var p = document.getElementById(id);
    if (text) {
      if (!p) {
        p = document.createElement('p');
        p.className = 'error-message';
        p.id = id;
        wrapper.insertBefore(p, input);
      }
      p.textContent = text;
      wrapper.classList.add('field-error');
      input.setAttribute('aria-invalid', 'true');
      describedBy(input, id, true);
    } else if (p) {
      p.parentNode.removeChild(p);
      wrapper.classList.remove('field-error');
      input.removeAttribute('aria-invalid');
      describedBy(input, id, false);
    }
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
        var messages = {};
        answer.errors.concat(answer.jumps).forEach(function (e) { if (!messages[e.field]) messages[e.field] = e.message; });
        Array.prototype.forEach.call(form.querySelectorAll('input[type="text"][name]'), function (input) {
          show(input, messages[input.name]);
        });
        if (status) status.textContent = answer.summary;
      })
      .catch(function () { /* offline: the form is still checked when sent */ });
  }

  form.addEventListener('input', function (event) {
    if (!event.target || event.target.type !== 'text') return;
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
})();
