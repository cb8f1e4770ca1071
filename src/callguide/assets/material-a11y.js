/* Stock Material's search dialog (role="dialog") has no accessible name: name it after its own
   search field's label, which Material already writes in the page's language. */
(function () {
  "use strict";
  function name() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (!dialog || dialog.hasAttribute("aria-label")) return;
    var input = dialog.querySelector("input.md-search__input");
    var label = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
    if (label) dialog.setAttribute("aria-label", label);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name); else name();
})();
