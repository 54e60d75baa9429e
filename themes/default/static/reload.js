// wijzer serve: reloads the page when the site has been rebuilt, and shows
// the errors of a failed build over the page (the last good build stays).
// Only `wijzer serve` adds this script; built sites never contain it.
(function () {
  "use strict";
  var version = null;
  var overlay = null;

  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "wijzer-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:9999;overflow:auto;padding:1.5rem;" +
        "background:rgba(20,20,24,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = text;
  }

  function wait() {
    fetch("/__wijzer/wait?v=" + (version === null ? 0 : version), { cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (status) {
        var first = version === null;
        var changed = !first && status.version !== version;
        version = status.version;
        if (status.error) showError(status.error);
        else if (changed) window.location.reload();
        wait();
      })
      .catch(function () {
        setTimeout(wait, 1000);
      });
  }

  wait();
})();
