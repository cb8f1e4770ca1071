/* The call's status on the home page, as of now: the page may be read days after it was built.
   Each phase's wording and each deadline are in the page already (guide_status.html); this only
   shows the ones that hold, by the rule of status.call_status: upcoming before the call opens,
   open until its last deadline, the next deadline the first one still ahead. */
(function () {
  "use strict";

  function refresh(root) {
    var now = new Date();
    var phase = now < new Date(root.getAttribute("data-opens")) ? "upcoming"
      : now <= new Date(root.getAttribute("data-closes")) ? "open" : "closed";
    root.setAttribute("data-status", phase);
    root.className = root.className.replace(/cg-callstatus--\w+/, "cg-callstatus--" + phase);
    root.querySelectorAll(".cg-callstatus__phase").forEach(function (el) {
      el.hidden = el.getAttribute("data-phase") !== phase;
    });
    var shown = false;
    root.querySelectorAll(".cg-callstatus__next").forEach(function (el) {
      var ahead = new Date(el.getAttribute("data-until")) > now;
      el.hidden = shown || !ahead;
      if (ahead) shown = true;
    });
  }

  function init() {
    document.querySelectorAll(".cg-callstatus[data-opens]").forEach(function (root) {
      try {
        refresh(root);
      } catch (e) {
        /* Keep the page as built if this browser lacks something. */
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
