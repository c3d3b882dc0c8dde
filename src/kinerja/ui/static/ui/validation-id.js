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
})();
