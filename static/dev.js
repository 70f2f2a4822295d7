// Development mode only: reload the page when the content changes.
// The server sends a "reload" event after each new version, or after a
// change that failed to load, whose report is then shown instead.
(function () {
  "use strict";
  var source = new EventSource("/_dev/events");
  source.addEventListener("reload", function () {
    window.location.reload();
  });
})();
