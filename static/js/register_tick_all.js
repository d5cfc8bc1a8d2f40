// The register's "Tick all": ticks or clears every teacher's box at once. Bound here rather
// than in an inline onchange attribute, which the content security policy blocks.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.register-tick-all").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document.querySelectorAll("input.register-tick:not(:disabled)").forEach((box) => {
        box.checked = toggle.checked;
      });
    });
  });
});
