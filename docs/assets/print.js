/* The briefing's 打印简报 button: the page is laid out for A4 paper (site.css, @media print); the
 * button is added here, so a browser without scripts shows no button that does nothing. */
(function () {
  "use strict";
  function setup() {
    var briefing = document.querySelector(".briefing");
    if (!briefing || briefing.querySelector(".print-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "print-button";
    button.textContent = "打印简报";
    button.addEventListener("click", function () { window.print(); });
    briefing.insertBefore(button, briefing.firstChild);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
