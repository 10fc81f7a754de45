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

// <a data-keeps-place href="/language/es?next=…">: when htmx changes the address (the
// catalog's filters push theirs), the link's `next` follows, so switching language keeps
// the page as it is now. Without JavaScript the server wrote the right `next` already.
function followCurrentAddress() {
  var here = window.location.pathname + window.location.search;
  document.querySelectorAll("a[data-keeps-place]").forEach(function (link) {
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("next", here);
    link.href = url.pathname + url.search;
  });
}
["htmx:pushedIntoHistory", "htmx:replacedInHistory", "htmx:historyRestore"].forEach(
  function (name) { document.addEventListener(name, followCurrentAddress); });
window.addEventListener("popstate", followCurrentAddress);
