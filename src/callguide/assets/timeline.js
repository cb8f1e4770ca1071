/* The timeline, refreshed in the browser: the call's status and the "today" marker as of now
   (the page was built on another day), the time left to the next deadline, and each deadline
   in the reader's own time zone. Everything it changes is also in the page as built. */
(function () {
  "use strict";

  function isoDay(now, zone) {
    /* en-CA writes dates as YYYY-MM-DD. */
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  /* Like fill, into an element, with {name} filled by copies of nodes' children: a milestone's name keeps
     the lang of its parts (an English name on a Japanese page) as the build marked them. */
  function fillNodes(el, template, values, nodes) {
    el.textContent = "";
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = /^\{(\w+)\}$/.exec(part);
      if (key && nodes[key[1]]) {
        Array.prototype.forEach.call(nodes[key[1]].childNodes, function (n) { el.appendChild(n.cloneNode(true)); });
      } else if (part) {
        el.appendChild(document.createTextNode(key && values[key[1]] !== undefined ? values[key[1]] : part));
      }
    });
  }

  function unit(lang, value, name) {
    var text = new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
    return lang === "ja" ? text.replace(/\s+/g, "") : text;
  }

  function refresh(root) {
    var lang = root.getAttribute("data-locale") || "en-GB";
    var text = JSON.parse(root.getAttribute("data-text"));
    var now = new Date();
    var today = isoDay(now, root.getAttribute("data-zone"));
    var opens = new Date(root.getAttribute("data-opens"));
    var closes = new Date(root.getAttribute("data-closes"));
    var phase = now < opens ? "upcoming" : now <= closes ? "open" : "closed";

    var status = root.querySelector(".cg-status");
    var builtPhase = status.getAttribute("data-phase");
    status.setAttribute("data-phase", phase);
    root.className = root.className.replace(/cg-timeline--\w+/, "cg-timeline--" + phase);
    /* Rewrite the texts only when the day differs from the build's: the build's wording is the reference. */
    var sameDay = today === root.getAttribute("data-today");
    var today_text = dayText(lang === "ja" ? "ja" : "en-GB", root.getAttribute("data-zone"), now);
    if (!sameDay || phase !== builtPhase) {
      status.querySelector(".cg-status__text").textContent = fill(text[phase], { date: root.getAttribute("data-opens-text") });
      status.querySelector(".cg-status__asof").textContent = fill(text.as_of, { date: today_text });
    }

    var list = root.querySelector(".cg-timeline__list");
    var items = Array.prototype.slice.call(list.querySelectorAll(".cg-milestone"));
    var marker = list.querySelector(".cg-today");
    var firstFuture = null;
    var next = null;
    items.forEach(function (li) {
      var instant = li.getAttribute("data-instant");
      var state;
      if (instant) {
        var at = new Date(instant);
        state = at < now ? "past" : li.getAttribute("data-start") === today ? "current" : "future";
        if (at >= now && (!next || at < next.at)) next = { at: at, name: li.querySelector(".cg-milestone__name") };
      } else {
        state = li.getAttribute("data-end") < today ? "past" : li.getAttribute("data-start") <= today ? "current" : "future";
      }
      li.className = li.className.replace(/cg-milestone--(past|current|future)/, "cg-milestone--" + state);
      var badge = li.querySelector(".cg-state");
      if (badge) {
        badge.setAttribute("data-state", state);
        badge.textContent = state === "past" ? text.past : state === "current" ? text.current : "";
      }
      if (state === "future" && !firstFuture) firstFuture = li;
    });
    if (marker) {
      /* "Today" is the reader's own date; Japan's date (the call's, which the states above use)
         goes beside it when the two differ. */
      var short = lang === "ja" ? "ja" : "en-GB";
      var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var readerDay = isoDay(now, readerZone);
      var time = marker.querySelector("time");
      var japan = marker.querySelector(".cg-today__japan");
      if (readerDay !== root.getAttribute("data-today") || readerDay !== today || !sameDay) {
        time.setAttribute("datetime", readerDay);
        time.textContent = dayText(short, readerZone, now);
      }
      if (japan) japan.textContent = readerDay === today ? "" : fill(text.in_japan, { date: today_text });
      /* Before the first milestone still to come (timeline.today_position). */
      if (firstFuture) list.insertBefore(marker, firstFuture); else list.appendChild(marker);
    }

    var countdown = root.querySelector(".cg-countdown");
    if (phase === "open" && next) {
      var ms = next.at - now;
      var days = Math.floor(ms / 86400000);
      var hours = Math.floor((ms % 86400000) / 3600000);
      var time = days >= 1 ? unit(lang, days, "day") + (hours ? (lang === "ja" ? "" : " ") + unit(lang, hours, "hour") : "")
        : hours >= 1 ? unit(lang, hours, "hour") : text.less_than_day;
      fillNodes(countdown, text.left, { time: time }, { title: next.name });
      countdown.hidden = false;
    } else {
      countdown.hidden = true;
    }
  }

  /* Dates written as the build writes them (format.py): 2025年5月9日（金） / Friday 9 May 2025. */
  function dayText(lang, zone, at) {
    var parts = {};
    new Intl.DateTimeFormat(lang, { timeZone: zone, year: "numeric", month: "numeric", day: "numeric", weekday: lang === "ja" ? "short" : "long" })
      .formatToParts(at).forEach(function (p) { parts[p.type] = p.value; });
    if (lang === "ja") return parts.year + "年" + parts.month + "月" + parts.day + "日（" + parts.weekday + "）";
    var month = new Intl.DateTimeFormat(lang, { timeZone: zone, month: "long" }).format(at);
    var day = new Intl.DateTimeFormat(lang, { timeZone: zone, day: "numeric" }).format(at);
    return parts.weekday + " " + day + " " + month + " " + parts.year;
  }

  function clockText(lang, zone, at) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at).forEach(function (p) { parts[p.type] = p.value; });
    var hour = lang === "ja" ? String(Number(parts.hour)) : parts.hour;
    return hour + ":" + parts.minute;
  }

  function localTimes(root) {
    var lang = root.getAttribute("data-locale") || "en-GB";
    var text = JSON.parse(root.getAttribute("data-text"));
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var known = (root.getAttribute("data-zones") || "").split(" ");
    if (!zone || known.indexOf(zone) >= 0) return;
    root.querySelectorAll(".cg-milestone[data-instant]").forEach(function (li) {
      if (li.querySelector(".cg-local")) return;
      var at = new Date(li.getAttribute("data-instant"));
      var short = lang === "ja" ? "ja" : "en-GB";
      var shown = dayText(short, zone, at) + (short === "ja" ? "" : ", ") + clockText(short, zone, at);
      var p = document.createElement("p");
      p.className = "cg-local";
      p.textContent = fill(text.local, { zone: zone, time: shown });
      li.querySelector(".cg-milestone__when").insertAdjacentElement("afterend", p);
    });
  }

  function init() {
    document.querySelectorAll(".cg-timeline[data-text]").forEach(function (root) {
      try {
        refresh(root);
        localTimes(root);
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
