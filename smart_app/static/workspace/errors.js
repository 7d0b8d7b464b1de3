// Moves focus to the error summary when a form comes back with errors (autofocus does it without JavaScript,
// but browsers ignore autofocus in a cross-origin frame such as the EHR's), and makes each of its links focus
// the field it names.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var details = field.closest("details");
    if (details) { details.open = true; }
    field.focus();
  });
}());
