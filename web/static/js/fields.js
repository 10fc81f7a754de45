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
