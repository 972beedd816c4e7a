/* Charts: every chart is drawn as SVG files at build time from its Vega-Lite spec, and a page
 * shows them as a <picture> (the phone's layout on a narrow screen); the table under it gives every
 * value. Vega (vendored, same host, about 810 KB) and the spec of the drawing on screen are loaded
 * only when a reader asks for them with the chart's "交互图表" button: a tap or a pointer passing
 * over a chart costs nothing. Vega then draws the same spec in place of the picture, with tooltips. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var vendor = here.replace(/charts\.js(\?.*)?$/, "vendor/");
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = vendor + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("failed to load " + src)); };
      document.head.appendChild(s);
    });
  }

  function vega() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = load("vega.min.js")
        .then(function () { return load("vega-lite.min.js"); })
        .then(function () { return load("vega-interpreter.js"); })
        .then(function () { return load("vega-embed.min.js"); });
    }
    return loading;
  }

  function activate(figure, button) {
    var picture = figure.querySelector("picture.chart-static");
    if (figure.dataset.live === "loading" || figure.dataset.live === "yes" || !picture) return;
    figure.dataset.live = "loading";
    button.disabled = true;
    button.textContent = "正在载入交互图表…";
    // the drawing this screen shows: the first <source> whose media matches, else the <img>
    var shown = Array.prototype.filter.call(picture.querySelectorAll("source"), function (source) {
      return window.matchMedia(source.media).matches;
    })[0] || picture.querySelector("img");
    var spec = fetch(shown.dataset.spec).then(function (response) {
      if (!response.ok) throw new Error("failed to load " + shown.dataset.spec);
      return response.json();
    });
    var live = document.createElement("div");
    live.className = "chart-live";
    Promise.all([vega(), spec])
      .then(function (loaded) {
        // the interpreter evaluates Vega expressions without eval, as the Content-Security-Policy requires
        return window.vegaEmbed(live, loaded[1], {
          actions: false, renderer: "svg", tooltip: { theme: "light" },
          ast: true, expr: window.vegaInterpreter.expressionInterpreter
        });
      })
      .then(function () { picture.replaceWith(live); figure.dataset.live = "yes"; button.remove(); })
      .catch(function (err) {
        figure.dataset.live = "failed";
        button.disabled = false;
        button.textContent = "交互图表没有载入，再试一次";
        console.warn(err);
      });
  }

  function setup() {
    var figures = document.querySelectorAll("figure.chart");
    Array.prototype.forEach.call(figures, function (figure) {
      if (figure.querySelector(".chart-live-button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chart-live-button";
      button.textContent = "交互图表";
      button.title = "载入图表程序（约 810 KB），指向柱子可看数值；每个数值也在下面的数据表中";
      button.addEventListener("click", function () { activate(figure, button); });
      figure.appendChild(button);
    });
  }

  // printing shows every chart: pictures not loaded yet (lazy, below the first screen) are loaded now
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("figure.chart img[loading=lazy]"), function (img) {
      img.loading = "eager";
    });
  });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
