/* Repairs to stock Material for the keyboard and assistive technology. Without this script the
   site works as before for the pointer (the labels still toggle their checkboxes).
   1. The search dialog (role="dialog") has no name: it takes its field's label, which Material
      already writes in the page's language.
   2. Below 76.25em the menu (drawer) button, and below 60em the search button, are <label>s for
      hidden checkboxes: keyboard focus never reaches them and they have no name or state. They
      become buttons (tabindex, role, name from the panel Material names, aria-controls,
      aria-expanded kept in sync) that Enter and Space toggle. An opened panel takes focus, Escape
      or Tab out of the drawer closes it, and a closed panel gives focus back to its button.
      site.css takes the closed panels out of the Tab order. */
(function () {
  "use strict";
  function init() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var query = document.querySelector("input.md-search__input");
    var named = query && (query.getAttribute("aria-label") || query.getAttribute("placeholder"));
    if (dialog && named && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", named);
    var sidebar = document.querySelector(".md-sidebar--primary");
    var nav = sidebar && sidebar.querySelector("nav[aria-label]");
    var drawer = button("__drawer", sidebar, nav && nav.getAttribute("aria-label"), function () {
      return sidebar.querySelector("a[href]");
    });
    button("__search", dialog, named, function () { return query; });
    if (!drawer) return;
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer.box.checked) drawer.label.click();
    });
    document.addEventListener("focusin", function (e) {
      var t = e.target;
      if (drawer.box.checked && !sidebar.contains(t) && t !== drawer.label) drawer.box.click();
    });
  }
  /* The header label for the checkbox `id`, made a button for `panel`; `first` gives the element
     that takes focus when the panel opens. */
  function button(id, panel, name, first) {
    var box = document.getElementById(id);
    var label = document.querySelector('label.md-header__button[for="' + id + '"]');
    if (!box || !label || !panel || !name) return null;
    panel.id = panel.id || id + "_panel";
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-controls", panel.id);
    label.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      label.click();
    });
    label.setAttribute("aria-expanded", String(box.checked));
    box.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(box.checked));
      if (!label.getClientRects().length) return;  // a wide layout: the button is not drawn
      var active = document.activeElement;
      if (box.checked && active === label) { var el = first(); if (el) el.focus(); }
      if (!box.checked && (panel.contains(active) || active === document.body)) label.focus();
    });
    return { box: box, label: label };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
