// The portal's own behaviour, kept out of the pages so that the Content-Security-Policy can
// forbid inline scripts: a form with data-confirm asks before it is sent.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A form shown again with errors: move the focus to the summary at its top, so that
// keyboard and screen-reader users hear what to correct first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// The region picker follows the credit code: while the region is empty, characters 3 to 8
// of a complete code (the GB/T 2260 code of the county) choose it.
document.addEventListener("input", function (event) {
  var code = event.target;
  if (!code.matches || !code.matches("input[name=credit_code]") || !code.form) {
    return;
  }
  var region = code.form.querySelector("input[name=region][list]");
  var value = code.value.replace(/\s/g, "").toUpperCase();
  if (!region || region.value || value.length !== 18) {
    return;
  }
  var options = document.getElementById(region.getAttribute("list")).options;
  for (var i = 0; i < options.length; i++) {
    if (options[i].value.indexOf(value.substring(2, 8) + " ") === 0) {
      region.value = options[i].value;
      break;
    }
  }
});
