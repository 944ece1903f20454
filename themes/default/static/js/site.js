// Every public page: move focus to the error summary when a page comes back with mistakes (so
// screen readers read it first), and make its links land on the field with its question in view.
(function () {
  "use strict";

  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var question = input.closest("fieldset") ? input.closest("fieldset").querySelector("legend") : document.querySelector("label[for='" + input.id + "']");
      (question || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();
