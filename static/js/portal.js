// The portal's own behaviour, kept out of the pages so that the Content-Security-Policy can
// forbid inline scripts: a form with data-confirm asks before it is sent.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
