/* The eligibility self-check and the budget planner: progressive enhancement, no dependencies.
 * The rules come from the JSON each block embeds at build time (from call.yaml); the logic
 * follows src/callguide/selfcheck.py step by step, and amounts are written as format.py
 * writes them (億/万 in Japanese, "JPY 285 million" in English), from the page language's format
 * that the build puts in the planner's settings (format.script_format): its Intl locale, its groups
 * of 億/万, its word gap. No code here knows a language. Nothing is fetched. */
(function () {
  "use strict";

  var SEVERITY = { not_eligible: 4, ask_jst: 3, not_as_asked: 2, eligible_with_consequence: 1, tell_jst: 1 };
  var VERDICT_AT = { 4: "not_eligible", 3: "ask_jst", 2: "not_as_asked" };
  var CURRENCY_NAMES = {};  /* the page language's, from the planner's settings (call.yaml names.currencies) */

  /* --- formatting (mirrors callguide/format.py; ``format`` is format.script_format of the page's language) --- */

  function grouped(n, format) {
    return new Intl.NumberFormat(format.locale, { maximumFractionDigits: 0 }).format(n);
  }

  /* An amount by 億 and 万 (format.groups, largest first): 2億8,500万. */
  function inGroups(amount, format) {
    var out = "";
    format.groups.forEach(function (g) {
      var value = Math.floor(amount / g[0]);
      amount -= value * g[0];
      if (value) out += grouped(value, format) + g[1];
    });
    if (amount) out += grouped(amount, format);
    return out || "0";
  }

  /* CLDR's compact long form (285 million) when it is exact to the unit, else null: the same amount
     written with up to three decimals and with every digit must read the same. */
  function compact(amount, format) {
    if (amount < format.compact_from) return null;
    var options = { notation: "compact", compactDisplay: "long" };
    var short = new Intl.NumberFormat(format.locale, Object.assign({ maximumFractionDigits: 3 }, options)).format(amount);
    var exact = new Intl.NumberFormat(format.locale, Object.assign({ maximumSignificantDigits: 21 }, options)).format(amount);
    return short === exact ? short : null;
  }

  /* names: the call's currency names in the format's language (the planner's settings); the settings' own by default. */
  function money(amount, currency, format, names) {
    var name = (names || CURRENCY_NAMES)[currency] || currency;
    if (format.groups.length) return inGroups(amount, format) + name;
    return name + " " + (compact(amount, format) || grouped(amount, format));
  }

  function percent(part, whole, format) {
    return new Intl.NumberFormat(format.locale, { style: "percent", maximumFractionDigits: 1 }).format(whole ? part / whole : 0);
  }

  /* --- eligibility (mirrors selfcheck.evaluate) --- */

  function evaluate(program, answers) {
    var findings = [], missing = [];
    program.questions.forEach(function (q) {
      var chosen = answers[q.id];
      if (!Object.prototype.hasOwnProperty.call(q.options, chosen)) { missing.push(q.id); return; }
      q.options[chosen].forEach(function (rule) {
        findings.push({ question: q.id, option: chosen, rule: rule, outcome: program.rules[rule] });
      });
    });
    var worst = findings.reduce(function (m, f) { return Math.max(m, SEVERITY[f.outcome]); }, 0);
    var verdict = VERDICT_AT[worst] || (missing.length ? "incomplete" : worst === 1 ? "eligible_with_consequence" : "eligible");
    return { verdict: verdict, findings: findings, missing: missing };
  }

  /* --- planner (mirrors selfcheck.plan_japan / plan_partner) --- */

  function times(amount, frac) { return Math.floor(amount * frac[0] / frac[1]); }
  function atLeast(amount, frac) { return Math.ceil(amount * frac[0] / frac[1]); }

  function planJapan(s, network, other) {
    var net = 0, direct = 0;
    s.categories.forEach(function (c) {
      var n = Math.max(0, network[c] || 0), o = Math.max(0, other[c] || 0);
      net += n; direct += n + o;
    });
    var indirect = times(direct, s.indirect_rate);
    var plan = { direct: direct, network: net, indirect: indirect, total: direct + indirect, warnings: [] };
    if (direct > s.direct_cap) plan.warnings.push({ code: "over_direct_cap", rule: "budget.japan.direct_cap", amount: direct - s.direct_cap });
    if (plan.total > s.total_cap) plan.warnings.push({ code: "over_total_cap", rule: "budget.japan.total_cap", amount: plan.total - s.total_cap });
    else if (plan.total > s.stated_total_cap) plan.warnings.push({ code: "total_above_published", rule: "budget.japan.total_cap", amount: plan.total - s.stated_total_cap });
    if (direct > 0) {
      if (net < atLeast(direct, s.low)) plan.warnings.push({ code: "network_below_band", rule: "budget.network_share", amount: atLeast(direct, s.share) - net });
      else if (net > times(direct, s.high)) plan.warnings.push({ code: "network_above_band", rule: "budget.network_share", amount: net - times(direct, s.share) });
    }
    return plan;
  }

  /* p: one partner's settings (settings.partners[id]); basis: its cost basis (the UK: the FEC) */
  function planPartner(p, basis) {
    basis = Math.max(0, basis);
    var paid = times(basis, p.paid);
    var plan = { basis: basis, paid: paid, basis_jpy: times(basis, p.exchange_rate), paid_jpy: times(paid, p.exchange_rate), warnings: [] };
    if (p.cap !== null && paid > p.cap) plan.warnings.push({ code: "over_partner_cap", rule: p.rule, amount: paid - p.cap });
    return plan;
  }

  /* --- the pages --- */

  function settingsOf(root, selector) {
    return JSON.parse(root.querySelector(selector).textContent);
  }

  function factText(path) {
    var el = document.querySelector('[data-fact="' + path + '"]');
    return el ? el.textContent.trim() : "";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : "{" + k + "}"; });
  }

  function setupCheck(root) {
    var program = settingsOf(root, ".cg-program");
    var form = root.querySelector(".cg-selfcheck-form");
    var region = root.querySelector(".cg-result");
    form.hidden = false;

    function answers() {
      var out = {};
      program.questions.forEach(function (q) {
        var checked = form.querySelector('input[name="q-' + q.id + '"]:checked');
        if (checked) out[q.id] = checked.value;
      });
      return out;
    }

    function clone(selector) {
      return root.querySelector("template" + selector).content.cloneNode(true);
    }

    var shown = null;

    /* A new verdict (not "answer the rest") is brought into view where the reader is answering:
       the live region announces it, and the page scrolls to it if it is off screen. */
    function bringIntoView() {
      var r = region.getBoundingClientRect();
      if (r.top >= 0 && r.top < window.innerHeight - 48) return;
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      region.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
    }

    function show() {
      var given = answers();
      region.textContent = "";
      if (!Object.keys(given).length) { shown = null; return; }
      var result = evaluate(program, given);
      region.setAttribute("data-verdict", result.verdict);
      region.appendChild(clone('[data-verdict="' + result.verdict + '"]'));
      if (result.missing.length) {
        var rest = clone("[data-remaining]");
        var p = rest.querySelector("p");
        p.textContent = fill(p.textContent, { n: result.missing.length });
        region.appendChild(rest);
      }
      if (result.findings.length) {
        var list = document.createElement("ul");
        list.className = "cg-findings";
        var seen = {};
        result.findings.forEach(function (f) {
          if (seen[f.rule]) return;
          seen[f.rule] = true;
          list.appendChild(clone('[data-rule="' + f.rule + '"]'));
        });
        region.appendChild(list);
      }
      var next = root.querySelector("template[data-next]");
      if (next && (result.verdict === "eligible" || result.verdict === "eligible_with_consequence")) {
        region.appendChild(next.content.cloneNode(true));
      }
      if (result.verdict !== "incomplete" && result.verdict !== shown) bringIntoView();
      shown = result.verdict;
    }

    form.addEventListener("change", show);
    form.addEventListener("reset", function () { setTimeout(show, 0); });
    show();
  }

  function numberIn(input) {
    var v = Math.floor(Number(input.value));
    return isFinite(v) && v > 0 ? v : 0;
  }

  /* The text nodes of a cloned guide note, placeholders filled ({amount}); its label and facts stay. */
  function fillNode(node, values) {
    if (node.nodeType === 3) node.nodeValue = fill(node.nodeValue, values);
    else Array.prototype.forEach.call(node.childNodes, function (child) { fillNode(child, values); });
    return node;
  }

  function warningList(form, plan, s, values) {
    var ui = s.ui, lang = s.format;
    var list = document.createElement("ul");
    list.className = "cg-warning-list";
    plan.warnings.forEach(function (w) {
      var li = document.createElement("li");
      var note = s.notes.indexOf(w.code) >= 0;
      li.className = "cg-warning " + (note ? "cg-warning--note" : "cg-warning--warning");
      li.setAttribute("data-warning", w.code);
      li.setAttribute("data-amount", String(w.amount));
      var label = document.createElement("strong");
      label.textContent = fill(ui.warning_head, { kind: note ? ui.note : ui.warning, rule_label: ui.rule_label, rule: ui["rule_" + w.code] });
      var text = document.createElement("p");
      var v = Object.assign({}, values, { amount: money(w.amount, values.currency, lang) });
      if (values.caps && values.caps[w.code]) v.cap = values.caps[w.code];
      text.textContent = fill(ui[w.code], v);
      /* The guide's own part of the message (its band, its reading, its advice), rendered with its label at build time. */
      var own = form.querySelector('template[data-own-note="' + w.code + '"]');
      if (own) {
        text.appendChild(document.createTextNode(lang.word_gap));
        text.appendChild(fillNode(own.content.cloneNode(true), v));
      }
      li.appendChild(label);
      li.appendChild(text);
      list.appendChild(li);
    });
    if (!plan.warnings.length) {
      var ok = document.createElement("li");
      ok.className = "cg-warning cg-warning--ok";
      ok.setAttribute("data-warning", "none");
      ok.textContent = ui.within;
      list.appendChild(ok);
    }
    return list;
  }

  function setupPlanner(form) {
    var s = settingsOf(form, ".cg-settings");
    var ui = s.ui, lang = s.format;
    CURRENCY_NAMES = s.currency_names[s.lang];
    var sums = form.querySelector(".cg-sums");
    var region = form.querySelector(".cg-warnings");
    var side = form.getAttribute("data-planner");
    var inputs = Array.prototype.slice.call(form.querySelectorAll('input[type="number"]'));
    /* the planner's amounts are in the currencies of the caps it checks, whatever the call's data gives */
    var partner = side === "japan" ? null : s.partners[side];
    var homeCurrency = s.home_currency;
    var sideCurrency = partner ? partner.currency : homeCurrency;
    var base = partner ? "partners." + side + ".budget." : "";

    function out(name, text) { form.querySelector('[data-out="' + name + '"]').textContent = text; }

    function echo() {
      inputs.forEach(function (i) {
        var o = i.parentNode.querySelector(".cg-echo");
        if (o) o.textContent = i.value === "" ? "" : money(numberIn(i), sideCurrency, lang);
      });
    }

    function update() {
      echo();
      var any = inputs.some(function (i) { return i.value !== ""; });
      sums.hidden = !any;
      region.textContent = "";
      if (!any) return;
      var plan, values;
      if (side === "japan") {
        var network = {}, other = {};
        inputs.forEach(function (i) {
          var target = i.getAttribute("data-part") === "network" ? network : other;
          target[i.getAttribute("data-category")] = numberIn(i);
        });
        plan = planJapan(s, network, other);
        out("direct", money(plan.direct, homeCurrency, lang));
        out("network", money(plan.network, homeCurrency, lang));
        out("indirect", money(plan.indirect, homeCurrency, lang));
        out("total", money(plan.total, homeCurrency, lang));
        out("share", percent(plan.network, plan.direct, lang));
        values = {
          currency: homeCurrency,
          share: percent(plan.network, plan.direct, lang),
          guide: factText("budget.network_share.share"),
          total: money(plan.total, homeCurrency, lang),
          caps: { over_direct_cap: factText("budget.japan.direct_cap"), over_total_cap: factText("budget.japan.total_cap") }
        };
      } else {
        plan = planPartner(partner, numberIn(inputs[0]));
        out("basis", money(plan.basis, sideCurrency, lang));
        out("paid", money(plan.paid, sideCurrency, lang));
        out("basis_jpy", money(plan.basis_jpy, homeCurrency, lang));
        out("paid_jpy", money(plan.paid_jpy, homeCurrency, lang));
        values = { currency: sideCurrency, rate: factText(base + "basis.share"), paid: money(plan.paid, sideCurrency, lang), cap: factText(base + "cap"), max_basis: factText(base + "max_basis") };
      }
      region.appendChild(warningList(form, plan, s, values));
    }

    form.addEventListener("input", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-selfcheck]"), function (root) {
      if (!root.hasAttribute("data-ready")) { root.setAttribute("data-ready", ""); setupCheck(root); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("form[data-planner]"), function (form) {
      if (!form.hasAttribute("data-ready")) { form.setAttribute("data-ready", ""); setupPlanner(form); }
    });
  }

  window.callguideSelfcheck = { money: money, percent: percent, evaluate: evaluate, planJapan: planJapan, planPartner: planPartner };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
