// A region marked data-poll-while-visible refreshes itself with htmx polling
// (hx-trigger="every ..."). htmx's own trigger filters need eval, which our CSP
// forbids, so this vetoes a poll while the tab is hidden (a phone in a pocket
// should not fetch) or while someone is using a form inside the region (a
// refresh would wipe what they typed), and refreshes once on coming back.
(function () {
  function busy(region) {
    var active = document.activeElement;
    return region.querySelector('details[open]') !== null || (active !== null && active !== document.body && region.contains(active) && active.matches('input, textarea, select'));
  }
  document.addEventListener('htmx:before:request', function (event) {
    var region = event.target.closest && event.target.closest('[data-poll-while-visible]');
    if (region === event.target && (document.visibilityState !== 'visible' || busy(region))) event.preventDefault();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible' || !window.htmx) return;
    document.querySelectorAll('[data-poll-while-visible]').forEach(function (region) {
      if (!busy(region)) window.htmx.trigger(region, 'every');
    });
  });
})();
