// Behaviour the templates ask for with data- attributes, so no page needs inline script
// (the Content-Security-Policy allows scripts from our own files only; web/security.py).

// <button data-print>: print the page (a receipt).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});

// <div data-swap-statuses="409 422">: htmx swaps in these refusals too, not only 2xx, since
// the refused form comes back holding its message and what was typed.
document.addEventListener("htmx:beforeSwap", function (event) {
  var holder = event.target.closest && event.target.closest("[data-swap-statuses]");
  if (!holder) {
    return;
  }
  var statuses = holder.getAttribute("data-swap-statuses").split(/\s+/);
  if (statuses.indexOf(String(event.detail.xhr.status)) !== -1) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
