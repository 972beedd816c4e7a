/* The next update's expected day, said plainly once it has passed: a page built before that day and not
   rebuilt since would otherwise still say 预计 (the build says it too, when built after the day). */
(function () {
  "use strict";
  function check() {
    var now = new Date();
    var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    document.querySelectorAll(".next-update[data-due]").forEach(function (el) {
      var due = el.getAttribute("data-due");
      if (today > due) el.textContent = "原定 " + due + " 更新，至今尚未更新。";
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
