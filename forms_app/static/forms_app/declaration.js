// Progressive enhancement of a declaration step: conditions apply as the person answers, and
// repeating groups get "add another" and "remove" without a round trip. Without this script
// the server does both (the same buttons submit the step).
(function () {
  "use strict";

  function valuesOf(form, name) {
    var inputs = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    if (!inputs.length) return null;
    var values = [];
    inputs.forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) values.push(input.type === "checkbox" && input.value === "on" ? "yes" : input.value);
      } else {
        values.push(input.value);
      }
    });
    return values;
  }

  function isMet(element, form) {
    var itemName = element.dataset.conditionItemField;
    var values = (itemName && valuesOf(form, itemName)) || valuesOf(form, element.dataset.conditionField);
    if (values === null) return true; // answered on another step: the server decided already
    var expected = element.dataset.conditionValue.trim();
    switch (element.dataset.conditionOperator) {
      case "equals": return values.indexOf(expected) !== -1;
      case "not_equals": return values.indexOf(expected) === -1;
      case "in":
        var allowed = expected.split(",").map(function (v) { return v.trim(); });
        return values.some(function (v) { return allowed.indexOf(v) !== -1; });
      case "greater": return values.length > 0 && parseFloat(values[0]) > parseFloat(expected);
      case "less": return values.length > 0 && parseFloat(values[0]) < parseFloat(expected);
    }
    return true;
  }

  function applyConditions(form) {
    form.querySelectorAll("[data-condition-field]").forEach(function (element) {
      element.hidden = !isMet(element, form);
    });
  }

  function renumber(group) {
    var items = group.querySelectorAll(".group-items > .group-item");
    var total = group.querySelector('input[name$="-TOTAL_FORMS"]');
    var prefix = group.dataset.group;
    items.forEach(function (item, index) {
      var old = item.dataset.index;
      if (String(old) !== String(index)) {
        item.querySelectorAll("[name],[id],[for]").forEach(function (el) {
          ["name", "id", "for"].forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (value) el.setAttribute(attr, value.replace(prefix + "-" + old + "-", prefix + "-" + index + "-"));
          });
        });
        item.dataset.index = index;
      }
      var number = item.querySelector(".group-item-number");
      if (number) number.textContent = index + 1;
    });
    total.value = items.length;
    var add = group.querySelector('button[value^="add:"]');
    if (add) add.hidden = items.length >= parseInt(group.dataset.max, 10);
  }

  function enhanceGroup(group, form) {
    var template = group.querySelector("template.group-template");
    var add = group.querySelector('button[value^="add:"]');
    if (add && template) {
      add.addEventListener("click", function (event) {
        event.preventDefault();
        var list = group.querySelector(".group-items");
        var index = list.children.length;
        var html = template.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1);
        list.insertAdjacentHTML("beforeend", html);
        renumber(group);
        applyConditions(form);
        var first = list.lastElementChild.querySelector("input, select, textarea");
        if (first) first.focus();
      });
    }
    group.addEventListener("click", function (event) {
      var remove = event.target.closest(".group-item-remove");
      if (!remove) return;
      event.preventDefault();
      remove.closest(".group-item").remove();
      renumber(group);
    });
  }

  document.querySelectorAll("form.declaration-step").forEach(function (form) {
    form.querySelectorAll("fieldset.group").forEach(function (group) { enhanceGroup(group, form); });
    form.addEventListener("input", function () { applyConditions(form); });
    form.addEventListener("change", function () { applyConditions(form); });
    // A preview is never sent (no inline handler: the Content-Security-Policy forbids them).
    if (form.hasAttribute("data-preview")) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    }
    applyConditions(form);
  });
})();
