// After an inline check (web/rfq/form.py `check`), mark the field itself valid or not, so
// screen readers announce "invalid" on the control, not only in the message beside it.
document.addEventListener("rfq-field-checked", function (event) {
  var field = event.detail.field;
  var controls = document.querySelectorAll("#rfq-" + field + ", [name='" + field + "']");
  controls.forEach(function (control) {
    if (event.detail.invalid) {
      control.setAttribute("aria-invalid", "true");
    } else {
      control.removeAttribute("aria-invalid");
    }
  });
});

// <textarea data-limit="10000" data-counter="id">: the element `id` says how many characters
// are typed, against the limit, as the person types. Its data-within and data-over hold
// the page's wording, with {count} and {over} to fill in.
function countCharacters(field) {
  var counter = document.getElementById(field.getAttribute("data-counter"));
  if (!counter) {
    return;
  }
  var limit = Number(field.getAttribute("data-limit"));
  // Counted as the server counts what it receives: characters, not UTF-16 units, and
  // each line break twice, since the browser sends it as CR LF.
  var count = Array.from(field.value).length + (field.value.match(/\n/g) || []).length;
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var over = count > limit;
  counter.textContent = counter.getAttribute(over ? "data-over" : "data-within")
    .replace("{count}", number.format(count))
    .replace("{over}", number.format(count - limit));
  counter.classList.toggle("is-over", over);
}
document.addEventListener("input", function (event) {
  if (event.target.matches && event.target.matches("textarea[data-limit]")) {
    countCharacters(event.target);
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("textarea[data-limit]").forEach(countCharacters);
});
document.addEventListener("htmx:load", function (event) {
  event.detail.elt.querySelectorAll("textarea[data-limit]").forEach(countCharacters);
});
