/* Checklist ticks kept in this browser (localStorage), under "<call id>.<item id>", so they
   survive reloads and a switch of language. Progress summary and reset. Without JavaScript the
   checklist stays a plain list. No third-party code. */
(function () {
  "use strict";
  var PREFIX = "callguide.checklist.";

  function key(callId, itemId) { return PREFIX + callId + "." + itemId; }

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; /* private mode or storage disabled: ticks simply do not persist */
    }
  }

  function init() {
    var lists = document.querySelectorAll(".cg-checklist[data-call-id]");
    if (!lists.length) return;
    var store = storage();
    var boxes = [];
    lists.forEach(function (list) {
      var callId = list.getAttribute("data-call-id");
      list.querySelectorAll("input.cg-checklist__box[data-item]").forEach(function (box) {
        var k = key(callId, box.getAttribute("data-item"));
        box.checked = !!(store && store.getItem(k) === "1");
        box.addEventListener("change", function () {
          if (store) {
            if (box.checked) store.setItem(k, "1"); else store.removeItem(k);
          }
          update();
        });
        boxes.push({ box: box, key: k });
      });
    });
    var progress = document.querySelector(".cg-progress");
    function update() {
      if (!progress) return;
      var done = boxes.filter(function (b) { return b.box.checked; }).length;
      var total = boxes.length;
      var text = progress.getAttribute("data-text").replace("{done}", String(done)).replace("{total}", String(total));
      var live = progress.querySelector(".cg-progress__text");
      if (live.textContent !== text) live.textContent = text;
      var bar = progress.querySelector(".cg-progress__bar");
      bar.max = total;
      bar.value = done;
    }
    if (progress) {
      progress.hidden = false;
      progress.querySelector(".cg-progress__reset").addEventListener("click", function () {
        boxes.forEach(function (b) {
          b.box.checked = false;
          if (store) store.removeItem(b.key);
        });
        update();
      });
    }
    update();
    current = function () {
      boxes.forEach(function (b) { b.box.checked = !!(store && store.getItem(b.key) === "1"); });
      update();
    };
  }

  /* Ticks made in the other language's tab show up here too. */
  var current = null;
  window.addEventListener("storage", function (event) {
    if (current && event.key && event.key.indexOf(PREFIX) === 0) current();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
