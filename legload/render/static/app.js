// Progressive enhancement of the upload form: drag and drop, one request per file with its
// progress and outcome. Without JavaScript the form posts all files at once.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = document.getElementById("files");
  var list = document.getElementById("progress");
  var token = form.querySelector("input[name=csrf]").value;
  function send(file) {
    var item = document.createElement("li");
    item.textContent = file.name + ": waiting";
    list.appendChild(item);
    var data = new FormData();
    data.append("csrf", token);
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { item.textContent = file.name + ": " + Math.round(100 * e.loaded / e.total) + " % sent"; }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
      if (xhr.status === 200 && body.files) {
        var o = body.files[0];
        item.className = "outcome-" + o.outcome;
        item.textContent = o.name + ": " + o.outcome + " (" + o.detail + ")";
      } else {
        item.className = "outcome-failed";
        item.textContent = file.name + ": failed (" + (body.detail || xhr.status) + ")";
      }
    };
    xhr.onerror = function () { item.className = "outcome-failed"; item.textContent = file.name + ": failed (no connection)"; };
    xhr.send(data);
  }
  function sendAll(files) { for (var i = 0; i < files.length; i++) { send(files[i]); } }
  form.addEventListener("submit", function (e) {
    if (input.files.length) { e.preventDefault(); sendAll(input.files); input.value = ""; }
  });
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    form.addEventListener(name, function (e) { e.preventDefault(); form.classList.remove("over"); });
  });
  form.addEventListener("drop", function (e) { sendAll(e.dataTransfer.files); });
}());
