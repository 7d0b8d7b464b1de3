// The client copy's Print button (shown only when scripts run).
(function () {
  "use strict";
  var button = document.querySelector(".print-button");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
}());
