// counterclaim dashboard: the only script. Pages work without it; it only
// submits a filter form as soon as one of its drop-downs changes.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
