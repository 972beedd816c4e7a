/* Charts: every chart is drawn as SVG files at build time from its Vega-Lite spec, and a page
 * shows them as a <picture> (the phone's layout on a narrow screen). Vega (vendored, same host)
 * and the spec of the drawing on screen are loaded only when a reader first points at, focuses
 * or taps a chart; Vega then draws the same spec in place of the picture, with tooltips. */
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

  function activate(figure) {
    var picture = figure.querySelector("picture.chart-static");
    if (figure.dataset.live || !picture) return;
    figure.dataset.live = "loading";
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
      .then(function () { picture.replaceWith(live); figure.dataset.live = "yes"; })
      .catch(function (err) { figure.dataset.live = "failed"; console.warn(err); });
  }

  function setup() {
    var figures = document.querySelectorAll("figure.chart");
    Array.prototype.forEach.call(figures, function (figure) {
      ["pointerenter", "focus", "touchstart"].forEach(function (name) {
        figure.addEventListener(name, function () { activate(figure); }, { once: true, passive: true });
      });
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
