/* Charts: every chart is already drawn as SVG at build time from its Vega-Lite spec.
 * Vega (vendored, same host) is loaded only when a reader first points at, focuses
 * or taps a chart; it then draws the same spec in place of the SVG, with tooltips. */
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
    if (figure.dataset.live) return;
    figure.dataset.live = "loading";
    // the drawing this screen shows (wide or phone): Vega draws its spec in its place
    var target = Array.prototype.filter.call(figure.querySelectorAll(".chart-static[data-spec]"), function (el) {
      return el.getClientRects().length > 0;
    })[0];
    if (!target) return;
    var spec = JSON.parse(target.dataset.spec);
    vega()
      .then(function () {
        // the interpreter evaluates Vega expressions without eval, as the Content-Security-Policy requires
        return window.vegaEmbed(target, spec, {
          actions: false, renderer: "svg", tooltip: { theme: "light" },
          ast: true, expr: window.vegaInterpreter.expressionInterpreter
        });
      })
      .then(function () { figure.dataset.live = "yes"; })
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

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
