// 批量颁发 progress: while the job runs, ask for its progress every two seconds and show it;
// once it has finished, load the page again to show the result.
(function () {
  var box = document.querySelector("[data-batch-progress][data-running]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-batch-progress");
  var bar = document.getElementById("batch-bar");
  var count = document.getElementById("batch-count");
  var state = document.getElementById("batch-state");
  var template = count.getAttribute("data-template");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (progress) {
        bar.value = progress.done;
        bar.max = progress.total;
        state.textContent = progress.state_label;
        count.textContent = template.replace("%(done)s", progress.done).replace("%(total)s", progress.total);
        if (progress.state === "done" || progress.state === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
