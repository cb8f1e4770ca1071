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

  /* A number with its unit, as Intl writes it; a language that sets words without a gap (the page's
     format, from the languages table) loses the space Intl puts between them. */
  function unit(format, value, name) {
    var text = new Intl.NumberFormat(format.locale, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
    return format.word_gap ? text : text.replace(/\s+/g, "");
  }

  function refresh(root) {
    var format = JSON.parse(root.getAttribute("data-format"));
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
    var today_text = dayText(format, root.getAttribute("data-zone"), now);
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
      var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var readerDay = isoDay(now, readerZone);
      var time = marker.querySelector("time");
      var japan = marker.querySelector(".cg-today__japan");
      if (readerDay !== root.getAttribute("data-today") || readerDay !== today || !sameDay) {
        time.setAttribute("datetime", readerDay);
        time.textContent = dayText(format, readerZone, now);
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
      var time = days >= 1 ? unit(format, days, "day") + (hours ? format.word_gap + unit(format, hours, "hour") : "")
        : hours >= 1 ? unit(format, hours, "hour") : text.less_than_day;
      fillNodes(countdown, text.left, { time: time }, { title: next.name });
      countdown.hidden = false;
    } else {
      countdown.hidden = true;
    }
  }

  /* A CLDR date pattern of the languages table (format.py writes dates with the same ones), filled with
     Intl's fields in the page's locale: a number padded to its field's width (H 9, HH 09), a name as Intl
     writes it (E Fri, EEEE Friday, MMMM May), 'quoted' text as it is. */
  var NUMBERS = { y: "year", M: "month", d: "day", H: "hour", m: "minute" };
  var NAMES = { E: "weekday", M: "month" };
  var WIDTHS = { 1: "short", 2: "short", 3: "short", 4: "long", 5: "narrow" };

  function field(letter, width, locale, zone, at) {
    var options = { timeZone: zone };
    if (NAMES[letter] && (!NUMBERS[letter] || width >= 3)) {
      options[NAMES[letter]] = WIDTHS[width];
      return new Intl.DateTimeFormat(locale, options).format(at);
    }
    var name = NUMBERS[letter], value = "";
    options[name] = "numeric";
    options.hourCycle = "h23";
    new Intl.DateTimeFormat(locale, options).formatToParts(at).forEach(function (p) { if (p.type === name) value = p.value; });
    return new Intl.NumberFormat(locale, { minimumIntegerDigits: width, useGrouping: false }).format(Number(value));
  }

  function pattern(cldr, locale, zone, at) {
    return cldr.replace(/'([^']*)'|([A-Za-z])\2*/g, function (m, quoted, letter) {
      if (quoted !== undefined) return quoted || "'";
      return NUMBERS[letter] || NAMES[letter] ? field(letter, m.length, locale, zone, at) : m;
    });
  }

  /* Dates and times written as the build writes them (format.py): 2025年5月9日（金） / Friday 9 May 2025, 14:00. */
  function dayText(format, zone, at) {
    return pattern(format.day_pattern, format.locale, zone, at);
  }

  function clockText(format, zone, at) {
    return pattern(format.clock_pattern, format.locale, zone, at);
  }

  function localTimes(root) {
    var format = JSON.parse(root.getAttribute("data-format"));
    var text = JSON.parse(root.getAttribute("data-text"));
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var known = (root.getAttribute("data-zones") || "").split(" ");
    if (!zone || known.indexOf(zone) >= 0) return;
    root.querySelectorAll(".cg-milestone[data-instant]").forEach(function (li) {
      if (li.querySelector(".cg-local")) return;
      var at = new Date(li.getAttribute("data-instant"));
      var shown = dayText(format, zone, at) + format.day_clock_joiner + clockText(format, zone, at);
      var p = document.createElement("p");
      p.className = "cg-local";
      p.textContent = fill(text.local, { zone: zone, time: shown });
      li.querySelector(".cg-milestone__when").insertAdjacentElement("afterend", p);
    });
  }

  function init() {
    document.querySelectorAll(".cg-timeline[data-text][data-format]").forEach(function (root) {
      try {
        refresh(root);
        localTimes(root);
      } catch (e) {
        /* Keep the page as built if this browser lacks something. */
      }
    });
  }

  window.callguideTimeline = { dayText: dayText, clockText: clockText };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
