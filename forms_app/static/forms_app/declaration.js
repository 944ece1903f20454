// Progressive enhancement of a declaration step: conditions apply as the person answers,
// repeating groups add and remove items without a round trip (removing asks first, as it does
// without this script), and a warning comes before an idle application closes. Without this
// script the server does all of it (the same buttons submit the step).
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

  // Repeating groups ---------------------------------------------------------------------------

  var ATTRIBUTES = ["name", "id", "for", "aria-describedby", "aria-labelledby", "value"];

  function renumber(group) {
    var items = group.querySelectorAll(".group-items > .group-item");
    var total = group.querySelector('input[name$="-TOTAL_FORMS"]');
    var prefix = group.dataset.group;
    items.forEach(function (item, index) {
      var old = item.dataset.index;
      if (String(old) !== String(index)) {
        var pairs = [[prefix + "-" + old + "-", prefix + "-" + index + "-"],
                     [prefix + "-item-" + old, prefix + "-item-" + index],
                     [":" + prefix + ":" + old, ":" + prefix + ":" + index]];
        [item].concat(Array.prototype.slice.call(item.querySelectorAll("*"))).forEach(function (el) {
          ATTRIBUTES.forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (!value || (attr === "value" && el.tagName !== "BUTTON")) return;
            pairs.forEach(function (pair) { value = value.split(pair[0]).join(pair[1]); });
            el.setAttribute(attr, value);
          });
        });
        item.dataset.index = index;
      }
      item.querySelectorAll(".group-item-number").forEach(function (number) { number.textContent = index + 1; });
    });
    total.value = items.length;
    var add = group.querySelector(".group-add");
    if (add) add.hidden = items.length >= parseInt(group.dataset.max, 10);
    var empty = group.querySelector(".group-empty");
    if (empty) empty.hidden = items.length > 0;
  }

  function confirmation(item, removeButton) {
    // The same question the server asks without this script, asked in the page.
    var template = document.getElementById("remove-confirmation-template");
    var box = template.content.firstElementChild.cloneNode(true);
    var group = item.closest("fieldset.group");
    var question = box.querySelector(".remove-question");
    question.textContent = question.textContent
      .replace("__item__", group.dataset.itemLabel)
      .replace("__number__", parseInt(item.dataset.index, 10) + 1);
    box.querySelector(".remove-yes").addEventListener("click", function (event) {
      event.preventDefault();
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      renumber(group);
      var focusTarget = next ? next.querySelector(".group-item-title") : group.querySelector(".group-add");
      if (focusTarget) {
        if (!focusTarget.matches("button")) focusTarget.setAttribute("tabindex", "-1");
        focusTarget.focus();
      }
    });
    box.querySelector(".remove-no").addEventListener("click", function (event) {
      event.preventDefault();
      box.remove();
      removeButton.hidden = false;
      removeButton.focus();
    });
    return box;
  }

  function enhanceGroup(group, form) {
    var template = group.querySelector("template.group-template");
    var add = group.querySelector(".group-add");
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
      if (!remove || !document.getElementById("remove-confirmation-template")) return;
      event.preventDefault();
      var item = remove.closest(".group-item");
      remove.hidden = true;
      var box = confirmation(item, remove);
      remove.parentNode.appendChild(box);
      box.focus();
    });
  }

  // The idle timeout ---------------------------------------------------------------------------

  function warnBeforeTimeout(form) {
    var dialog = document.getElementById("timeout-dialog");
    var total = parseInt(form.dataset.timeoutSeconds, 10) * 1000;
    var warning = parseInt(form.dataset.timeoutWarningSeconds, 10) * 1000;
    if (!dialog || !total || typeof dialog.showModal !== "function") return;
    var warnTimer, endTimer;
    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(function () { dialog.showModal(); }, Math.max(total - warning, 0));
      endTimer = setTimeout(function () { window.location.reload(); }, total);
    }
    dialog.querySelector(".timeout-continue").addEventListener("click", function () {
      var token = form.querySelector('input[name="csrfmiddlewaretoken"]');
      fetch(form.dataset.keepaliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" }
      }).then(function (response) {
        if (response.status === 410) window.location.reload();
      });
      dialog.close();
      schedule();
    });
    schedule();
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
    if (form.classList.contains("preview-form")) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    } else {
      warnBeforeTimeout(form);
    }
  });

  var pending = document.getElementById("remove-confirmation");
  if (pending) pending.focus();
})();
