// The catalog's filters apply as soon as one is changed: ticking a facet or changing a year submits
// the search form (after a hint above the filters says so), and the control changed gets the focus
// back on the new page. Without JavaScript nothing changes: the "Apply" button submits them.
(function () {
  'use strict';
  var facets = document.querySelector('.facets[data-auto-apply]');
  var form = document.getElementById('catalog-search');
  if (!facets || !form || typeof form.requestSubmit !== 'function') return;
  var focusKey = 'mreza-catalog-filter';

  var hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = facets.getAttribute('data-auto-apply');
  var heading = facets.querySelector('h2');
  if (heading) heading.parentNode.insertBefore(hint, heading.nextSibling);
  var apply = facets.querySelector('.facets-apply');
  if (apply) apply.hidden = true;

  // Back on the control changed (ids of facet values change with their counts, so by name and value).
  try {
    var last = sessionStorage.getItem(focusKey);
    sessionStorage.removeItem(focusKey);
    if (last) {
      var wanted = JSON.parse(last);
      Array.prototype.forEach.call(facets.querySelectorAll('input'), function (input) {
        if (input.name === wanted.name && (input.type !== 'checkbox' || input.value === wanted.value)) {
          var details = input.closest('details');
          if (details) details.open = true;
          input.focus();
        }
      });
    }
  } catch {
    // No session storage: the focus starts at the top, as without JavaScript.
  }

  facets.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.form !== form) return;
    try {
      sessionStorage.setItem(focusKey, JSON.stringify({ name: input.name, value: input.value }));
    } catch {
      // Applying works without it.
    }
    form.requestSubmit();
  });
})();
