// The export form's "Select all": ticks or clears every field the export offers. Bound here
// rather than in an inline onchange attribute, which the content security policy blocks.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((box) => {
          box.checked = toggle.checked;
        });
    });
  });
});
