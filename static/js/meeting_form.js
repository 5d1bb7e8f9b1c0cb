// The meeting form: add another blank action from the formset's empty form, and mark the
// picture cells whose level differs from where the page started.
(function () {
  "use strict";

  var button = document.getElementById("add-action");
  var template = document.getElementById("action-template");
  if (button && template) {
    var prefix = button.dataset.prefix;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      document.getElementById("action-forms").insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = document.getElementById("id_" + prefix + "-" + index + "-what");
      if (added) {
        added.focus();
      }
    });
  }

  document.querySelectorAll(".picture-grid select").forEach(function (select) {
    var start = select.value;
    select.addEventListener("change", function () {
      select.closest("td").classList.toggle("changed", select.value !== start);
    });
  });
})();
