// wijzer: small enhancements on top of plain HTML. Nothing here sends data
// anywhere; what is stored stays in this browser's localStorage.
(function () {
  "use strict";

  /**
   * An element with attributes and children; strings become text nodes, so
   * nothing passed here is ever parsed as HTML. Shared with search.js and
   * assessment.js, which load after this file.
   */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  window.Wijzer = { el: el };

  function readJson(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      var value = raw === null ? fallback : JSON.parse(raw);
      return value && typeof value === "object" ? value : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function writeJson(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  // Leerroute progress: a checkbox per step, remembered in this browser.
  function initRoute(route) {
    // The key is written by the generator, which lists it on the privacy page.
    var key = route.getAttribute("data-route");
    var done = readJson(key, {});
    var boxes = route.querySelectorAll("[data-route-step]");
    var counter = route.querySelector("[data-route-count]");
    var progress = route.querySelector(".route-progress");

    function update() {
      var count = 0;
      boxes.forEach(function (box) {
        var step = box.closest(".route-step");
        if (box.checked) count += 1;
        if (step) step.classList.toggle("is-done", box.checked);
      });
      if (counter) counter.textContent = String(count);
    }

    boxes.forEach(function (box) {
      box.checked = done[box.getAttribute("data-route-step")] === true;
      box.closest("label").hidden = false;
      box.addEventListener("change", function () {
        done[box.getAttribute("data-route-step")] = box.checked;
        writeJson(key, done);
        update();
      });
    });
    if (progress) progress.hidden = false;
    update();
  }

  document.querySelectorAll("[data-route]").forEach(initRoute);

  // Offline use over HTTP: the service worker keeps a copy of the site's own
  // files (never what a reader fills in), so the site also works without a
  // network and can be installed. The page names the worker only when the
  // site has offline use on. From disk a worker cannot run, and the site
  // works offline there anyway.
  function registerServiceWorker() {
    var worker = document.documentElement.getAttribute("data-service-worker");
    var overHttp = location.protocol === "http:" || location.protocol === "https:";
    if (!worker || !overHttp || !("serviceWorker" in navigator)) return;
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(worker).catch(function () {
        // Without the worker the site still works online; nothing to report.
      });
    });
  }

  registerServiceWorker();
})();
