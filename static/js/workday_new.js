// The plan page (workdays/workday_new.html); its data comes in two json_script blocks.
// Propose the district leaders linked to the chosen host unit, and its leadership as participants (R3).
(function () {
  var links = JSON.parse(document.getElementById("leader-units").textContent);
  var proposals = JSON.parse(document.getElementById("proposed-participants").textContent);
  var host = document.getElementById("id_host_unit_id");
  var participants = document.getElementById("id_participants");
  if (!host) return;
  var proposed = participants ? participants.value : "";
  host.addEventListener("change", function () {
    var unit = parseInt(host.value, 10);
    document.querySelectorAll('input[name="invited_leader_ids"]').forEach(function (box) {
      box.checked = (links[box.value] || []).indexOf(unit) !== -1;
    });
    // Only a list the clerk has not edited follows the host unit.
    if (participants && proposals[unit] && (participants.value.trim() === "" || participants.value === proposed)) {
      participants.value = proposed = proposals[unit].join("\n");
    }
  });
})();
