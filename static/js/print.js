// A print button for pages with a print style (the weekly summary).
(function () {
  "use strict";
  var button = document.getElementById("print-page");
  if (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
