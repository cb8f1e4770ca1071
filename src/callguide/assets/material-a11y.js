/* Stock Material, repaired for the keyboard (without this script the pointer works as before).
   The search dialog takes its field's name. Material's <label>s for hidden checkboxes (menu,
   search, the drawer's contents toggle and back title), which focus never reaches, become buttons:
   Enter/Space toggle, aria-expanded in sync, an opened panel takes focus, a closed one returns it;
   Escape or leaving the drawer closes it. site.css hides closed panels from the Tab order. */
(function () {
  "use strict";
  function $(s, root) { return (root || document).querySelector(s); }
  function init() {
    var dialog = $('.md-search[role="dialog"]'), query = $("input.md-search__input");
    var named = query && (query.getAttribute("aria-label") || query.getAttribute("placeholder"));
    if (dialog && named && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", named);
    var sidebar = $(".md-sidebar--primary"), nav = sidebar && $("nav[aria-label]", sidebar);
    var toc = $(".md-nav--primary .md-nav--secondary");
    var contents = button($('.md-nav--primary label.md-nav__link[for="__toc"]'), toc);
    if (toc) keyable($('label.md-nav__title[for="__toc"]', toc));
    var drawer = button($('label.md-header__button[for="__drawer"]'), sidebar, nav && nav.getAttribute("aria-label"), function () {
      return contents && contents.box.checked && contents.label.getClientRects().length ? $("a[href]", toc) : $("a[href]", sidebar);
    });
    button($('label.md-header__button[for="__search"]'), dialog, named, function () { return query; });
    if (!drawer) return;
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer.box.checked) drawer.label.click();
    });
    document.addEventListener("focusin", function (e) {
      if (drawer.box.checked && !sidebar.contains(e.target) && e.target !== drawer.label) drawer.box.click();
    });
  }
  /* Clicks once: Material's Enter handler would click the label focused after this click. */
  function keyable(label) {
    if (!label) return;
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    label.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      e.stopPropagation();
      label.click();
    });
  }
  /* `first`: what takes focus when the panel opens (its first link by default). */
  function button(label, panel, name, first) {
    var box = label && document.getElementById(label.htmlFor);
    if (!box || !panel) return null;
    keyable(label);
    if (name) label.setAttribute("aria-label", name);
    panel.id = panel.id || box.id + "_panel";
    label.setAttribute("aria-controls", panel.id);
    label.setAttribute("aria-expanded", String(box.checked));
    box.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(box.checked));
      if (!label.getClientRects().length) return;  // not drawn in this layout
      var active = document.activeElement, el = first ? first() : $("a[href]", panel);
      if (box.checked && active === label && el) el.focus();
      if (!box.checked && (panel.contains(active) || active === document.body)) label.focus();
    });
    return { box: box, label: label };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
