/* Citations and embed codes: put this page's address, other addresses of the site in full, and today's date
   into the ready-to-copy texts. */
(function () {
  "use strict";
  function fill() {
    var now = new Date();
    var zh = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    document.querySelectorAll(".cite-url").forEach(function (el) {
      el.textContent = location.href.split("#")[0];
    });
    document.querySelectorAll(".site-url[data-href]").forEach(function (el) {
      el.textContent = new URL(el.getAttribute("data-href"), location.href).href;
    });
    document.querySelectorAll(".cite-date").forEach(function (el) { el.textContent = zh; });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(fill);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
