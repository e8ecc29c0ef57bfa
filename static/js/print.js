// The 打印 button of the print pages: a file served by the app (no inline script, no internet).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
