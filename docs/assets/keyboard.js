/* Keyboard first (WCAG 2.1.1, 2.4.3, 2.4.7): Material's menu and phone search buttons are <label>s that
 * no key reaches; here they become buttons (Tab, Enter, Space). What nobody can see is inert, so Tab never
 * lands on it: the closed drawer's links while the drawer is off the screen, the search results while the
 * search is closed, and on a phone the closed search box itself. */
(function () {
  "use strict";
  function buttonise(label, name) {
    if (!label || label.hasAttribute("tabindex")) return;
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {  // Enter: Material already toggles a focused label's checkbox
        event.preventDefault();
        label.click();
      }
    });
  }
  function setup() {
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector('.md-header__inner > label[for="__drawer"]');
    var sidebar = document.querySelector(".md-sidebar--primary");
    buttonise(menu, "打开导航菜单");
    buttonise(document.querySelector('.md-header__inner > label[for="__search"]'), "搜索");
    var searching = document.getElementById("__search");
    var search = document.querySelector(".md-search");
    var output = document.querySelector(".md-search__output");
    var phone = window.matchMedia("(max-width: 59.984375em)");  // where Material's search is an overlay
    function updateSearch() {
      if (!searching || !search) return;
      var closed = !searching.checked;
      search.inert = closed && phone.matches;
      if (output) output.inert = closed;
      var input = search.querySelector("input");
      if (!closed && phone.matches && input && document.activeElement !== input) input.focus();
    }
    if (searching) searching.addEventListener("change", updateSearch);
    phone.addEventListener("change", updateSearch);
    updateSearch();
    if (!drawer || !sidebar) return;
    function update() {
      var box = sidebar.getBoundingClientRect();
      var hidden = getComputedStyle(sidebar).display === "none" || box.right <= 0 || box.left >= window.innerWidth;
      sidebar.inert = !drawer.checked && hidden;
      if (menu) menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    }
    drawer.addEventListener("change", function () {
      update();
      var first = drawer.checked && sidebar.querySelector("a[href], label[tabindex], input");
      if (first) setTimeout(function () { first.focus(); }, 250);  // after the drawer slides in
    });
    window.addEventListener("resize", update);
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
