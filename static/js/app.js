// Small behaviours of every page, bound here because the Content-Security-Policy allows no inline
// script and no inline event handler (onclick=, onchange=, ...).
//   <select data-autosubmit>   submits its form when changed (the language menu, the year picker)
//   <form data-confirm="...">  asks before it is submitted
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
});
