/* Reading modes, as Chinese government sites offer (适老化): 大字 (large type) and 高对比度 (high
 * contrast), each a switch in the header, remembered across pages in localStorage. This file is loaded
 * in <head> without defer, so a remembered mode is on <html> before the page is first painted: the page
 * never shows in the standard mode first and then jumps. */
(function () {
  "use strict";
  var root = document.documentElement;
  var MODES = [
    { key: "shanghe-large-type", cls: "large-type", on: "标准字", off: "大字", title: ["大字模式：放大文字和图表", "恢复标准字号"] },
    { key: "shanghe-high-contrast", cls: "high-contrast", on: "标准色", off: "高对比度", title: ["高对比度：黑白分明的文字和图表", "恢复标准颜色"] }
  ];
  function stored(mode) { try { return localStorage.getItem(mode.key) === "1"; } catch (e) { return false; } }
  function apply(mode, on) {
    root.classList.toggle(mode.cls, on);
    var button = document.querySelector("." + mode.cls + "-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? mode.on : mode.off;
      button.title = mode.title[on ? 1 : 0];
    }
  }
  MODES.forEach(function (mode) { apply(mode, stored(mode)); });

  function setup() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".mode-switches")) return;
    var box = document.createElement("div");
    box.className = "mode-switches";
    MODES.forEach(function (mode) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mode-toggle " + mode.cls + "-toggle";
      button.addEventListener("click", function () {
        var on = !root.classList.contains(mode.cls);
        try { localStorage.setItem(mode.key, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
        apply(mode, on);
      });
      box.appendChild(button);
    });
    header.appendChild(box);  // after the search: Tab goes menu, search, switches, as a phone shows them
    MODES.forEach(function (mode) { apply(mode, stored(mode)); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
