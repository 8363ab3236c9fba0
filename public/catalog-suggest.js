// Search-as-you-type for the catalog's search box: an island that turns the plain search input
// (input[data-suggest]) into an ARIA 1.2 combobox with a listbox of suggestions from
// GET /api/catalog/suggest?q=. Keyboard: Down/Up move, Enter takes the highlighted suggestion and
// searches, Escape closes (a second Escape clears the box). Without JavaScript the form simply submits.
(function () {
  'use strict';
  var minLength = 2;
  var delayMs = 200;

  Array.prototype.forEach.call(document.querySelectorAll('input[data-suggest]'), function (input) {
    var endpoint = input.getAttribute('data-suggest');
    var form = input.form;
    var host = input.parentNode;
    var listId = input.id + '-suggestions';
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', input.getAttribute('data-suggest-label') || '');
    list.hidden = true;
    host.appendChild(list);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var asked = '';

    function open() {
      if (items.length === 0) return close();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      highlight(-1);
    }

    function isOpen() {
      return !list.hidden;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      if (index >= 0 && list.children[index]) {
        input.setAttribute('aria-activedescendant', list.children[index].id);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(suggestions) {
      items = suggestions;
      list.textContent = '';
      suggestions.forEach(function (text, i) {
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = text;
        list.appendChild(li);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (suggestions.length > 0 && document.activeElement === input) open();
      else close();
    }

    function choose(index) {
      if (index < 0 || index >= items.length) return;
      input.value = items[index];
      close();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }

    function ask() {
      var q = input.value.trim();
      if (q.length < minLength) {
        asked = '';
        show([]);
        return;
      }
      if (q === asked) return;
      asked = q;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + '?q=' + encodeURIComponent(q), {
        headers: { accept: 'application/json' },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { q: q, suggestions: [] };
        })
        .then(function (body) {
          // A slower answer to an older question must not replace a newer one.
          if (input.value.trim() === q) show(body.suggestions || []);
        })
        .catch(function () {
          /* aborted or offline: the plain form still works */
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, delayMs);
    });

    input.addEventListener('keydown', function (event) {
      var key = event.key;
      if (key === 'ArrowDown' || key === 'Down') {
        if (items.length === 0) return;
        event.preventDefault();
        if (!isOpen()) {
          open();
          if (!event.altKey) highlight(0);
        } else {
          highlight(active + 1 >= items.length ? 0 : active + 1);
        }
      } else if (key === 'ArrowUp' || key === 'Up') {
        if (items.length === 0) return;
        event.preventDefault();
        if (!isOpen()) open();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (key === 'Enter') {
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (key === 'Escape' || key === 'Esc') {
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value !== '') {
          event.preventDefault();
          input.value = '';
          show([]);
          asked = '';
        }
      }
    });

    input.addEventListener('blur', function () {
      close();
    });

    // mousedown, not click: it comes before the input's blur, which would close the list first.
    list.addEventListener('mousedown', function (event) {
      event.preventDefault();
      var li = event.target.closest ? event.target.closest('li[role="option"]') : null;
      if (li) choose(Array.prototype.indexOf.call(list.children, li));
    });
  });
})();
