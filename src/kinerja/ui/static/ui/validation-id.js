// Browser form checks speak Bahasa Indonesia whatever the browser's own language: each
// "invalid" event gets an Indonesian message for the check that failed; typing clears it.
(function () {
  "use strict";
  function message(field) {
    var v = field.validity;
    if (v.valueMissing) {
      if (field.type === "file") return "Pilih berkasnya.";
      if (field.type === "checkbox") return "Centang kotak ini untuk melanjutkan.";
      if (field.tagName === "SELECT") return "Pilih salah satu.";
      return "Isian ini wajib diisi.";
    }
    if (v.typeMismatch) {
      return field.type === "email" ? "Tulis alamat surel yang benar, misalnya nama@kpu.go.id." : "Isian ini tidak sesuai bentuknya.";
    }
    if (v.tooLong) return "Terlalu panjang: paling banyak " + field.maxLength + " karakter.";
    if (v.tooShort) return "Terlalu pendek: paling sedikit " + field.minLength + " karakter.";
    if (v.badInput) return "Tulis angka.";
    if (v.rangeUnderflow) return "Paling kecil " + field.min + ".";
    if (v.rangeOverflow) return "Paling besar " + field.max + ".";
    if (v.stepMismatch) return "Tulis bilangan bulat.";
    if (v.patternMismatch) return field.title || "Isian ini tidak sesuai bentuknya.";
    return "Isian ini belum benar.";
  }
  document.addEventListener("invalid", function (event) {
    var field = event.target;
    if (field && field.setCustomValidity) {
      field.setCustomValidity("");
      if (!field.validity.valid) field.setCustomValidity(message(field));
    }
  }, true);
  function clear(event) {
    var field = event.target;
    if (field && field.setCustomValidity) field.setCustomValidity("");
  }
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);
  // File inputs in Indonesian: the browser's own button ("Choose File", "No file chosen")
  // follows the browser's language, so each file input gets an Indonesian button and the name
  // of the chosen file beside it; the native control stays in the form, visually hidden.
  function dressFileInputs(root) {
    var inputs = (root || document).querySelectorAll('input[type="file"]:not([data-file-id])');
    Array.prototype.forEach.call(inputs, function (input) {
      input.setAttribute("data-file-id", "");
      input.classList.add("file-native");
      var box = document.createElement("span");
      box.className = "file-id";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn secondary file-pick";
      button.textContent = "Pilih berkas";
      var name = document.createElement("span");
      name.className = "file-name muted";
      name.textContent = "Belum ada berkas dipilih";
      button.addEventListener("click", function () { input.click(); });
      input.addEventListener("change", function () {
        var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
        name.textContent = files.length ? files.join(", ") : "Belum ada berkas dipilih";
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(name);
      input.insertAdjacentElement("afterend", box);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { dressFileInputs(document); });
  } else {
    dressFileInputs(document);
  }
  document.addEventListener("htmx:load", function (event) { dressFileInputs(event.target); });
})();
