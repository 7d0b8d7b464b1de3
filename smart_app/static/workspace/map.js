// The network map: offers the map as SVG or PNG for the client's own copy, and moves the focus from a node to its
// row in the table. The map is complete without this script: every position comes from the server.
(function () {
  "use strict";

  function serialise(svg) {
    var copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    copy.removeAttribute("id");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XMLSerializer().serializeToString(copy);
  }

  function download(filename, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
  }

  function exportSvg(svg, filename) {
    download(filename + ".svg", new Blob([serialise(svg)], { type: "image/svg+xml" }));
  }

  function exportPng(svg, filename) {
    var width = parseInt(svg.getAttribute("data-width"), 10) || 640;
    var height = parseInt(svg.getAttribute("data-height"), 10) || 640;
    var scale = 2;
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { download(filename + ".png", blob); }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(serialise(svg));
  }

  function setUpExport(container) {
    var svg = document.getElementById(container.getAttribute("data-map"));
    if (!svg) { return; }
    var filename = container.getAttribute("data-filename") || "network-map";
    container.hidden = false;
    container.addEventListener("click", function (event) {
      var kind = event.target.getAttribute("data-export");
      if (kind === "svg") { exportSvg(svg, filename); }
      if (kind === "png") { exportPng(svg, filename); }
    });
  }

  function focusRow(event) {
    // Following a node's link moves the focus to the member's row in the table (keyboard and screen readers).
    var node = event.target.closest("g.node");
    if (!node) { return; }
    var row = document.getElementById("member-" + node.getAttribute("data-id"));
    if (row) {
      event.preventDefault();
      row.scrollIntoView({ block: "center" });
      row.focus();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("svg.network-map"), function (svg) {
    svg.addEventListener("click", focusRow);
    svg.setAttribute("data-ready", "true");  // the page's scripts have run (the browser tests wait for it)
  });
  Array.prototype.forEach.call(document.querySelectorAll(".map-export"), setUpExport);
}());
