/* The head's hreflang links are for search engines. Material's JavaScript fetches sitemap.xml next
   to every link[rel=alternate] when the page is ready (404 for inner pages) and then reroutes the
   language switch. Take the links out until its DOMContentLoaded listener has run, then put them
   back where they were. (This file loads after Material's bundle, before DOMContentLoaded.) */
(function () {
  "use strict";
  if (document.readyState !== "loading") return;
  var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  var marks = links.map(function (link) {
    var mark = document.createComment("hreflang");
    link.replaceWith(mark);
    return mark;
  });
  document.addEventListener("DOMContentLoaded", function () {
    marks.forEach(function (mark, i) { mark.replaceWith(links[i]); });
  }, { once: true });
})();
