// The network map: eases overlapping members apart with d3-force (each stays in its closeness ring and in its
// sector's slice of the circle), and offers the map as SVG or PNG for the client's own copy.
// The map is complete without this script: positions come from the server.
(function () {
  "use strict";

  function toDegrees(x, y) {
    var degrees = Math.atan2(y, x) * 180 / Math.PI + 90;
    return degrees < 0 ? degrees + 360 : degrees;
  }

  function circularDistance(a, b) {
    var d = Math.abs(a - b) % 360;
    return d > 180 ? 360 - d : d;
  }

  function keepInSlice(node) {
    var degrees = toDegrees(node.x, node.y);
    if (degrees >= node.angleMin && degrees <= node.angleMax) { return; }
    var nearest = circularDistance(degrees, node.angleMin) <= circularDistance(degrees, node.angleMax)
      ? node.angleMin : node.angleMax;
    var radius = Math.hypot(node.x, node.y);
    var radians = (nearest - 90) * Math.PI / 180;
    node.x = radius * Math.cos(radians);
    node.y = radius * Math.sin(radians);
  }

  function readNodes(svg) {
    return Array.prototype.map.call(svg.querySelectorAll("g.node"), function (element) {
      return {
        element: element,
        id: element.getAttribute("data-id"),
        x: parseFloat(element.getAttribute("data-x")),
        y: parseFloat(element.getAttribute("data-y")),
        r: parseFloat(element.getAttribute("data-r")),
        ring: parseFloat(element.getAttribute("data-ring-radius")),
        angleMin: parseFloat(element.getAttribute("data-angle-min")),
        angleMax: parseFloat(element.getAttribute("data-angle-max"))
      };
    });
  }

  function place(svg, node) {
    var x = Math.round(node.x * 10) / 10;
    var y = Math.round(node.y * 10) / 10;
    node.element.setAttribute("transform", "translate(" + x + "," + y + ")");
    var line = svg.querySelector("g.ties line[data-id=\"" + node.id + "\"]");
    if (!line) { return; }
    var distance = Math.hypot(x, y) || 1;
    var ux = x / distance;
    var uy = y / distance;
    var start = 31;
    var end = Math.max(distance - node.r - 3, start + 1);
    line.setAttribute("x1", (ux * start).toFixed(1));
    line.setAttribute("y1", (uy * start).toFixed(1));
    line.setAttribute("x2", (ux * end).toFixed(1));
    line.setAttribute("y2", (uy * end).toFixed(1));
  }

  function relax(svg) {
    var d3 = window.d3;
    var nodes = readNodes(svg);
    if (!nodes.length || !d3 || !d3.forceSimulation) { return; }
    var simulation = d3.forceSimulation(nodes)
      .force("collide", d3.forceCollide(function (node) { return node.r + 10; }).iterations(2))
      .force("ring", d3.forceRadial(function (node) { return node.ring; }, 0, 0).strength(0.8))
      .stop();
    for (var tick = 0; tick < 160; tick += 1) {
      simulation.tick();
      nodes.forEach(keepInSlice);
    }
    nodes.forEach(function (node) { place(svg, node); });
    svg.setAttribute("data-relaxed", "true");
  }

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
    var size = parseInt(svg.getAttribute("data-size"), 10) || 640;
    var scale = 2;
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = size * scale;
      canvas.height = size * scale;
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
    relax(svg);
    svg.addEventListener("click", focusRow);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".map-export"), setUpExport);
}());
