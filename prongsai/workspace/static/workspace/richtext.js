// Prongsai rich-text fields: turn each <textarea data-richtext> into an editable area with a small
// toolbar. Without JavaScript the textarea (which accepts the same limited HTML) stays as it is.
// The server sanitises whatever arrives, so this is a convenience, not a safeguard.
(function () {
  "use strict";
  var labels = {
    th: { bold: "ตัวหนา", italic: "ตัวเอียง", heading: "หัวข้อ", paragraph: "ย่อหน้า", bullets: "รายการแบบจุด",
          numbers: "รายการแบบตัวเลข", link: "ลิงก์", unlink: "ยกเลิกลิงก์", clear: "ล้างรูปแบบ",
          ask: "ที่อยู่ของลิงก์ (https://…)", toolbar: "เครื่องมือจัดรูปแบบ" },
    en: { bold: "Bold", italic: "Italic", heading: "Heading", paragraph: "Paragraph", bullets: "Bulleted list",
          numbers: "Numbered list", link: "Link", unlink: "Remove link", clear: "Clear formatting",
          ask: "Link address (https://…)", toolbar: "Formatting tools" }
  };
  var language = document.documentElement.lang === "en" ? "en" : "th";
  var text = labels[language];
  var buttons = [
    ["bold", "B", function () { document.execCommand("bold"); }],
    ["italic", "I", function () { document.execCommand("italic"); }],
    ["heading", "H", function () { document.execCommand("formatBlock", false, "h3"); }],
    ["paragraph", "¶", function () { document.execCommand("formatBlock", false, "p"); }],
    ["bullets", "•", function () { document.execCommand("insertUnorderedList"); }],
    ["numbers", "1.", function () { document.execCommand("insertOrderedList"); }],
    ["link", "🔗", function () {
      var address = window.prompt(text.ask, "https://");
      if (address && /^(https?:|mailto:|tel:)/i.test(address)) { document.execCommand("createLink", false, address); }
    }],
    ["unlink", "⨯🔗", function () { document.execCommand("unlink"); }],
    ["clear", "⌫", function () { document.execCommand("removeFormat"); }]
  ];

  function enhance(area) {
    var editor = document.createElement("div");
    editor.className = "richtext-editor richtext";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("lang", area.getAttribute("lang") || language);
    editor.id = area.id + "_editor";
    var label = document.querySelector("label[for='" + area.id + "']");
    if (label) { label.setAttribute("for", editor.id); editor.setAttribute("aria-labelledby", label.id || (label.id = area.id + "_label")); }
    editor.innerHTML = area.value;

    var toolbar = document.createElement("div");
    toolbar.className = "richtext-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", text.toolbar);
    buttons.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[1];
      button.title = text[spec[0]];
      button.setAttribute("aria-label", text[spec[0]]);
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () { editor.focus(); spec[2](); sync(); });
      toolbar.appendChild(button);
    });

    function sync() { area.value = editor.innerHTML.trim() === "<br>" ? "" : editor.innerHTML; }
    editor.addEventListener("input", sync);
    if (area.form) { area.form.addEventListener("submit", sync); }
    area.hidden = true;
    area.parentNode.insertBefore(toolbar, area);
    area.parentNode.insertBefore(editor, area);
  }

  document.querySelectorAll("textarea[data-richtext]").forEach(enhance);
})();
