// Follow a running website check: poll its progress feed and update the page; reload once it ends,
// so the finished page (score, link to the findings) comes from the server.
(function () {
  "use strict";
  var box = document.getElementById("check-progress");
  if (!box || box.dataset.finished === "true") {
    return;
  }
  var bar = document.getElementById("check-bar");
  var every = 1500;

  function show(name, value) {
    var field = box.querySelector('[data-field="' + name + '"]');
    if (field && value !== undefined && value !== null && value !== "") {
      field.textContent = String(value);
    }
  }

  function poll() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        show("state_label", progress.state_label);
        show("pages", progress.pages);
        show("url", progress.url);
        if (bar) {
          bar.value = Math.min(progress.pages, progress.max_pages);
          bar.textContent = String(progress.pages);
        }
        if (progress.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () {
        window.setTimeout(poll, every * 4);
      });
  }

  window.setTimeout(poll, every);
})();
