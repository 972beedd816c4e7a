/* 大字模式 (large type), as Chinese government sites offer: a header button enlarges text and
 * charts; the choice is remembered across pages in localStorage. */
(function () {
  "use strict";
  var KEY = "shanghe-large-type";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function apply(on) {
    root.classList.toggle("large-type", on);
    var button = document.querySelector(".large-type-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "标准字" : "大字";
      button.title = on ? "恢复标准字号" : "大字模式：放大文字和图表";
    }
  }
  function setup() {
    if (!document.querySelector(".large-type-toggle")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "large-type-toggle md-header__button";
      button.addEventListener("click", function () {
        var on = !root.classList.contains("large-type");
        try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
        apply(on);
      });
      var header = document.querySelector(".md-header__inner");
      var search = document.querySelector(".md-header__inner .md-search");
      if (header) header.insertBefore(button, search || null);
    }
    apply(stored());
  }
  apply(stored());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
