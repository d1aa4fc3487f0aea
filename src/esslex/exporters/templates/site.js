// esslex offline page: filters the entries written in the page as one types.
// No network, no framework; the page reads fully without this script.
(function () {
  "use strict";

  // The folding of esslex's normalize.fold: compatibility decomposition, lower case,
  // ligatures spelt out, marks dropped, punctuation, symbols and spaces as one space.
  var LIGATURES = { "\u0153": "oe", "\u00e6": "ae", "\u00df": "ss", "\u0131": "i" };
  var DROPPED = /[\p{Mn}\p{Me}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
  var SEPARATORS = /[\p{P}\p{Z}\p{S}\p{C}]/gu;

  function fold(text) {
    var folded = String(text).normalize("NFKD").toLowerCase().normalize("NFKD");
    folded = folded.replace(/[\u0153\u00e6\u00df\u0131]/g, function (c) { return LIGATURES[c]; });
    folded = folded.replace(DROPPED, "").replace(SEPARATORS, " ");
    return folded.replace(/\s+/g, " ").trim();
  }
  window.esslexFold = fold;

  var index = JSON.parse(document.getElementById("esslex-index").textContent);
  var input = document.getElementById("esslex-q");
  var themeSelect = document.getElementById("esslex-theme");
  var status = document.getElementById("esslex-status");
  var results = document.getElementById("esslex-results");
  var none = document.getElementById("esslex-none");
  var letters = document.getElementById("esslex-letters");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.letter"));
  // No prototype: "#constructor" or "#__proto__" in the address names no entry.
  var entries = Object.create(null);
  var order = [];
  index.forEach(function (row) {
    var node = document.getElementById(row.id);
    if (node) {
      entries[row.id] = { row: row, node: node, home: node.parentNode };
      order.push(row.id);
    }
  });
  var total = order.length;

  // Rank of an entry for the folded query: 0 a label is the query, 1 a label starts with
  // it, 2 a label holds it, 3 every word is in a label or the text; -1 no match.
  function rank(row, query, words) {
    var best = -1;
    row.labels.forEach(function (label) {
      var r = label === query ? 0 : label.indexOf(query) === 0 ? 1 : label.indexOf(query) >= 0 ? 2 : -1;
      if (r >= 0 && (best < 0 || r < best)) best = r;
    });
    if (best >= 0) return best;
    var haystack = row.labels.join(" \u0000 ") + " \u0000 " + row.text;
    for (var i = 0; i < words.length; i++) {
      if (haystack.indexOf(words[i]) < 0) return -1;
    }
    return 3;
  }

  function plural(count) {
    return count + (count > 1 ? " entrées" : " entrée");
  }

  function restore() {
    order.forEach(function (id) { entries[id].home.appendChild(entries[id].node); });
  }

  function apply() {
    var query = fold(input.value);
    var theme = themeSelect.value;
    var words = query ? query.split(" ") : [];
    var shown = [];
    order.forEach(function (id, position) {
      var entry = entries[id];
      var inTheme = !theme || (" " + entry.node.getAttribute("data-themes") + " ").indexOf(" " + theme + " ") >= 0;
      var r = query ? rank(entry.row, query, words) : 0;
      var visible = inTheme && r >= 0;
      entry.node.hidden = !visible;
      if (visible) shown.push({ id: id, rank: r, position: position });
    });
    restore();
    if (query) {
      // Matches by label first, then by text; the A–Z order within each rank.
      shown.sort(function (a, b) { return a.rank - b.rank || a.position - b.position; });
      shown.forEach(function (item) { results.appendChild(entries[item.id].node); });
    }
    results.hidden = !query;
    letters.hidden = !!query;
    sections.forEach(function (section) {
      var empty = !section.querySelector("article.entry:not([hidden])");
      section.hidden = !!query || empty;
      // The A–Z list links only to the letters that have entries in view.
      var link = letters.querySelector('a[href="#' + section.id + '"]');
      if (link) link.hidden = empty;
    });
    none.hidden = shown.length > 0;
    status.textContent = shown.length === total ? plural(total) : plural(shown.length) + " sur " + total;
    document.documentElement.classList.toggle("searching", !!query);
  }

  function remember() {
    var params = new URLSearchParams(window.location.search);
    if (input.value) params.set("q", input.value); else params.delete("q");
    if (themeSelect.value) params.set("theme", themeSelect.value); else params.delete("theme");
    var search = params.toString();
    try {
      history.replaceState(null, "", (search ? "?" + search : window.location.pathname) + window.location.hash);
    } catch (error) {
      // Some browsers refuse to change the address of a file:// page: the filter still works.
    }
  }

  // #<id>: show that entry, even when the current filter hides it.
  function showTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    var entry = entries[id];
    if (!entry) return;
    if (entry.node.hidden) {
      input.value = "";
      themeSelect.value = "";
      apply();
      remember();
    }
    entry.node.scrollIntoView();
    entry.node.focus({ preventScroll: true });
  }

  document.getElementById("esslex-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("article.entry:not([hidden])");
    if (first) first.focus();
  });
  input.addEventListener("input", function () { apply(); remember(); });
  themeSelect.addEventListener("change", function () { apply(); remember(); });
  window.addEventListener("hashchange", showTarget);

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  var wanted = params.get("theme") || "";
  if (Array.prototype.some.call(themeSelect.options, function (o) { return o.value === wanted; })) {
    themeSelect.value = wanted;
  }
  apply();
  document.documentElement.classList.add("scripted");
  if (window.location.hash) showTarget();
})();
