/* Stock Material, repaired for the keyboard (without this script the pointer works as before).
   The search dialog takes its field's name. Material's <label>s for hidden checkboxes (menu,
   search, the drawer's contents toggle and back title), which focus never reaches and which may
   not take role=button, become <button>s with the same classes and `for` (Material's CSS selects
   by it): aria-expanded in sync, an opened panel takes focus, a closed one returns it; Escape or
   leaving the drawer closes it. site.css hides closed panels from the Tab order. */
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
    if (toc) button($('label.md-nav__title[for="__toc"]', toc));
    var drawer = button($('label.md-header__button[for="__drawer"]'), sidebar, nav && nav.getAttribute("aria-label"), function () {
      return contents && contents.box.checked && contents.el.getClientRects().length ? $("a[href]", toc) : $("a[href]", sidebar);
    });
    button($('label.md-header__button[for="__search"]'), dialog, named, function () { return query; });
    if (!drawer) return;
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer.box.checked) drawer.box.click();
    });
    document.addEventListener("focusin", function (e) {
      if (drawer.box.checked && !sidebar.contains(e.target) && e.target !== drawer.el) drawer.box.click();
    });
  }
  /* The label's button. With a `panel` it is that panel's button: `first` gives what takes focus
     when the panel opens (its first link by default). */
  function button(label, panel, name, first) {
    var box = label && document.getElementById(label.htmlFor);
    if (!box) return null;
    var el = document.createElement("button");
    el.type = "button";
    el.className = label.className;
    el.setAttribute("for", box.id);
    while (label.firstChild) el.append(label.firstChild);
    label.replaceWith(el);
    el.addEventListener("click", function () { box.click(); });
    if (name) el.setAttribute("aria-label", name);
    if (!panel) return null;
    panel.id = panel.id || box.id + "_panel";
    el.setAttribute("aria-controls", panel.id);
    el.setAttribute("aria-expanded", String(box.checked));
    box.addEventListener("change", function () {
      el.setAttribute("aria-expanded", String(box.checked));
      if (!el.getClientRects().length) return;  // not drawn in this layout
      var active = document.activeElement, to = first ? first() : $("a[href]", panel);
      if (box.checked && active === el && to) to.focus();
      if (!box.checked && (panel.contains(active) || active === document.body)) el.focus();
    });
    return { box: box, el: el };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
