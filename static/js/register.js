// The registration page (workdays/register.html). Its settings come from the form's data attributes:
// data-lookup-url, data-count-field (the id of the people count), data-group-size, data-villages.
(function () {
  var form = document.querySelector("form.reg");
  if (!form) return;
  var lookupUrl = form.getAttribute("data-lookup-url");
  var groupSize = parseInt(form.getAttribute("data-group-size"), 10);
  var count = document.getElementById(form.getAttribute("data-count-field"));
  // Add another petitioner: reveal the next hidden row.
  var add = document.getElementById("add-petitioner");
  function hiddenRows() { return document.querySelectorAll("fieldset.petitioner[hidden]"); }
  function shownRows() { return document.querySelectorAll("fieldset.petitioner:not([hidden])").length; }
  function refreshAdd() { add.hidden = hiddenRows().length === 0; }
  add.addEventListener("click", function () {
    var next = hiddenRows()[0];
    if (!next) return;
    next.hidden = false;
    if (parseInt(count.value || "0", 10) < shownRows()) { count.value = shownRows(); count.dispatchEvent(new Event("input")); }
    var first = next.querySelector("input");
    if (first) first.focus();
    refreshAdd();
  });
  refreshAdd();
  // Feedback on a slow network; a resubmission would be harmless anyway (client_ref).
  form.addEventListener("submit", function () {
    var button = form.querySelector('button[type="submit"]');
    setTimeout(function () { button.disabled = true; }, 0);
  });
  // Group visit badge: from the group size on.
  var badge = document.getElementById("group-badge");
  count.addEventListener("input", function () { badge.hidden = !(parseInt(count.value || "0", 10) >= groupSize); });
  // Returning petitioner: look up earlier matters once an ID number is complete.
  document.querySelectorAll("input.id-number").forEach(function (input) {
    var out = document.getElementById(input.id + "_lookup");
    var last = "";
    function look() {
      var value = input.value.trim().toUpperCase();
      if (value === last) return;
      last = value;
      if (value.length !== 18) { out.innerHTML = ""; return; }
      htmx.ajax("GET", lookupUrl + "?id_number=" + encodeURIComponent(value), { target: out, swap: "innerHTML" });
    }
    input.addEventListener("input", look);
    input.addEventListener("change", look);
  });
  if (form.hasAttribute("data-villages")) {
    document.querySelectorAll('input[name$="-address"]').forEach(function (i) { i.setAttribute("list", "villages"); });
  }
})();
