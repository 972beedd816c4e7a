/* Material's search matches Chinese character by character (mkdocs.yml), so a word the site does not
 * hold still brings pages that share a character with it. When no page holds a word of the query
 * (nor has it as a tag: the glossary's other names and search words), say so above the results, with
 * what the site covers and links to the lists (overrides/main.html holds the words in <template id="search-none">). */
(function () {
  "use strict";
  var help = document.getElementById("search-none");
  var input = document.querySelector("input.md-search__input");
  var results = document.querySelector(".md-search-result");
  if (!help || !input || !results) return;
  var WORDS = /[\s\u3000\-、。，．？！；：（）《》“”,.?!;:()]+/;  // what separates the words a reader types
  var texts = null;  // every page's words as text (the index holds them as HTML), lower-cased, once fetched
  function load() {
    if (texts === null) {
      texts = fetch(help.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
        var html = index.docs.map(function (d) { return d.title + " " + d.text + " " + (d.tags || []).join(" "); }).join("\n");
        return new DOMParser().parseFromString(html, "text/html").documentElement.textContent.toLowerCase();
      });
    }
    return texts;
  }
  // Material marks each character the index matched (研 发 费, not 用, a word it drops); a reader looks
  // for the words typed: each result marks the whole words of the query where they stand, nothing else
  function escaped(word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function highlight(words, query) {
    if (!words.length) return;
    var pattern = new RegExp(words.slice().sort(function (a, b) { return b.length - a.length; }).map(escaped).join("|"), "gi");
    Array.prototype.forEach.call(results.querySelectorAll(".md-search-result__article"), function (article) {
      if (article.dataset.marked === query) return;
      article.dataset.marked = query;
      Array.prototype.forEach.call(article.querySelectorAll("mark"), function (mark) { mark.replaceWith(mark.textContent); });
      article.normalize();
      var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT), nodes = [], node;
      while ((node = walker.nextNode())) nodes.push(node);
      nodes.forEach(function (text) {
        var value = text.nodeValue, found, last = 0, parts = [];
        pattern.lastIndex = 0;
        while ((found = pattern.exec(value))) {
          if (!found[0]) { pattern.lastIndex++; continue; }
          parts.push(document.createTextNode(value.slice(last, found.index)));
          var mark = document.createElement("mark");
          mark.textContent = found[0];
          parts.push(mark);
          last = found.index + found[0].length;
        }
        if (!parts.length) return;
        parts.push(document.createTextNode(value.slice(last)));
        text.replaceWith.apply(text, parts);
      });
    });
  }
  function update() {
    var query = input.value;
    var words = query.split(WORDS).filter(Boolean);
    highlight(words, query);
    load().then(function (all) {
      if (input.value !== query) return;  // typed on: the next change updates
      var missing = words.filter(function (w) { return all.indexOf(w.toLowerCase()) < 0; });
      var meta = results.querySelector(".md-search-result__meta");
      var shown = results.querySelector(".search-help");
      if (!missing.length || !meta) { if (shown) shown.remove(); return; }
      var found = !/没有找到/.test(meta.textContent);
      var line = "本站没有“" + missing.join("”“") + "”" + (found ? "；下面的结果只含其中的个别字。" : "。");
      if (!shown) {
        shown = help.content.firstElementChild.cloneNode(true);
        meta.after(shown);
      }
      var missingLine = shown.querySelector(".search-help-missing");
      if (missingLine.textContent !== line) missingLine.textContent = line;
    });
  }
  // Material searches when a key goes up; text pasted from a phone's menu, dictated, or committed by an
  // input method arrives with no key: each change of the box tells Material as a key would (it searches
  // once per distinct query, so a key and this together search once)
  function changed(event) {
    if (event.isComposing) return;  // the input method is still composing: its commit comes as compositionend
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  }
  input.addEventListener("input", changed);
  input.addEventListener("compositionend", changed);
  new MutationObserver(function (records) {
    // Material rewrote the results (not this script its own box): check the query again
    if (records.some(function (r) { return !(r.target.closest && r.target.closest(".search-help")) && ![].some.call(r.addedNodes, function (n) { return n.classList && n.classList.contains("search-help"); }); })) update();
  }).observe(results, { childList: true, subtree: true, characterData: true });
})();
