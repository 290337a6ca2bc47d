// File: trace_html_page.h
// The page `faultline trace export --format html` writes around its data: html_page_head, the data
// as JSON (the content of <script type="application/json" id="trace-data">), html_page_tail. No
// network, no external script or font: the page draws everything itself, as SVG.
//
// The data (trace_export_html.cc): {"source", "from_ns", "until_ns" (the time range drawn),
// "nodes": ["n1", ..., "c1", ...], "types": [message type names],
// "messages": [[from, to, sent_ns, end_ns, type, id, outcome, reason]] (one per copy: outcome 0
// delivered at end_ns, 1 dropped at end_ns; from/to index "nodes", type indexes "types"),
// "events" and "faults": [[node or -1, time_ns, text]], "phases": [[time_ns, name]],
// "down": [[node, from_ns or -1, to_ns or -1]] (crash to restart; -1: beyond the range),
// "counts": {...}}.
//
// What the tests count in the rendered DOM: one <text class="node-label" data-node="nK"> per node,
// one <line class="msg msg-deliver"> per delivered copy and one <line class="msg msg-drop"> per
// dropped copy among the messages drawn (all of them in the first view, which is the whole
// range), and #summary's data-* attributes.
#pragma once

namespace faultline {

inline constexpr const char* html_page_head = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>faultline space-time diagram</title>
<style>
  body { font: 13px/1.4 sans-serif; margin: 0; color: #222; }
  header { padding: 6px 12px; border-bottom: 1px solid #ccc; background: #fafafa; }
  header div { margin: 3px 0; }
  code { font-family: monospace; }
  #controls input.time { width: 9em; font-family: monospace; }
  #legend svg { vertical-align: middle; }
  #legend span.item { margin-right: 14px; white-space: nowrap; }
  #diagram { overflow: auto; height: calc(100vh - 150px); position: relative; }
  #labels { position: sticky; top: 0; background: #fff; display: block; z-index: 1;
            border-bottom: 1px solid #ddd; }
  #plot { display: block; }
  .node-label { font-weight: bold; text-anchor: middle; font-size: 13px; }
  .lifeline { stroke: #999; stroke-width: 1; }
  .down { stroke: #aaa; stroke-width: 8; opacity: 0.55; }
  .msg { stroke-width: 1; fill: none; }
  .msg-drop { stroke: #d62728; stroke-dasharray: 4 3; }
  .drop-mark { stroke: #d62728; stroke-width: 2; fill: none; }
  .fault-mark { fill: #ff7f0e; stroke: #a04f00; stroke-width: 0.5; }
  .fault-line { stroke: #ff7f0e; stroke-width: 1.2; stroke-dasharray: 8 4; }
  .fault-label { font-size: 10px; fill: #a04f00; }
  .event { fill: #2a7f3f; }
  .phase-line { stroke: #1f5fbf; stroke-width: 1; stroke-dasharray: 2 3; }
  .phase-label { font-size: 11px; fill: #1f5fbf; }
  .axis text { font-size: 11px; fill: #444; text-anchor: end; }
  .axis line { stroke: #bbb; }
  .grid { stroke: #eee; }
</style>
</head>
<body>
<header>
  <div><b>faultline</b> space-time diagram of <code id="source"></code>: time runs down, a
    lifeline per node; hover over an arrow, a dot or a mark for its trace line.</div>
  <div id="summary"></div>
  <div id="controls">
    view from <input class="time" id="view-from"> until <input class="time" id="view-until">
    (seconds)
    <button id="show">show</button>
    <button id="zoom-in">zoom in</button> <button id="zoom-out">zoom out</button>
    <button id="earlier">earlier</button> <button id="later">later</button>
    <button id="all">whole range</button>
    <label><input type="checkbox" id="show-events" checked> protocol events</label>
    <span id="view-note"></span>
    <span style="color:#777">(ctrl + wheel over the diagram zooms)</span>
  </div>
  <div id="legend"></div>
</header>
<div id="diagram"><svg id="labels" xmlns="http://www.w3.org/2000/svg"></svg><svg id="plot"
  xmlns="http://www.w3.org/2000/svg"></svg></div>
<script type="application/json" id="trace-data">)HTML";

inline constexpr const char* html_page_tail = R"HTML(</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var nodes = data.nodes;
  var palette = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22',
                 '#393b79', '#637939', '#8c6d31', '#7b4173', '#3182bd', '#31a354', '#756bb1'];
  var fullFrom = data.from_ns;
  var fullUntil = data.until_ns;
  var view = { from: fullFrom, until: fullUntil };
  // Capped (only the first messages drawn): the first view ends with the last of them.
  if (data.counts.sends_drawn < data.counts.sends && data.messages.length > 0) {
    var lastDrawn = fullFrom + 1;
    data.messages.forEach(function (m) { lastDrawn = Math.max(lastDrawn, m[3]); });
    view.until = Math.min(fullUntil, lastDrawn);
  }
  var showEvents = true;
  var plotHeight = Math.max(600, Math.min(16000, data.messages.length * 4));
  var margin = { left: 110, top: 12, bottom: 24, right: 260 };
  var columnWidth = Math.max(70, Math.min(180, Math.floor(
      (window.innerWidth - margin.left - margin.right) / Math.max(1, nodes.length))));
  var width = margin.left + columnWidth * nodes.length + margin.right;

  function color(type) { return palette[type % palette.length]; }
  function x(node) { return node < 0 ? 85 : margin.left + columnWidth * (node + 0.5); }
  function y(t) { return margin.top + (t - view.from) * plotHeight / (view.until - view.from); }
  function element(name, attributes, parent, text) {
    var node = document.createElementNS(SVG, name);
    for (var key in attributes) { node.setAttribute(key, attributes[key]); }
    if (text !== undefined) {
      var title = document.createElementNS(SVG, 'title');
      title.textContent = text;
      node.appendChild(title);
    }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  // Simulated ns as seconds with `decimals` digits (integer arithmetic: exact below 2^53 ns).
  function seconds(ns, decimals) {
    var sign = ns < 0 ? '-' : '';
    ns = Math.abs(ns);
    var whole = Math.floor(ns / 1e9);
    var text = String(whole);
    if (decimals > 0) {
      text += '.' + String(ns - whole * 1e9).padStart(9, '0').slice(0, decimals);
    }
    return sign + text + 's';
  }
  function describeCopy(m) {
    var what = data.types[m[4]] + ' #' + m[5] + ' ' + nodes[m[0]] + ' -> ' + nodes[m[1]] +
        ', sent ' + seconds(m[2], 9);
    return what + (m[6] === 0 ? ', delivered ' + seconds(m[3], 9)
                              : ', dropped ' + seconds(m[3], 9) + ' (' + m[7] + ')');
  }
  // The part of the segment (t1, x1) - (t2, x2) inside the view, or null.
  function clip(t1, x1, t2, x2) {
    if (Math.max(t1, t2) < view.from || Math.min(t1, t2) > view.until) { return null; }
    function at(t) { return t1 === t2 ? x1 : x1 + (x2 - x1) * (t - t1) / (t2 - t1); }
    var a = Math.min(Math.max(t1, view.from), view.until);
    var b = Math.min(Math.max(t2, view.from), view.until);
    return { x1: at(a), y1: y(a), x2: at(b), y2: y(b), endInside: b === t2 };
  }

  function drawAxis(plot) {
    var group = element('g', { 'class': 'axis' }, plot);
    var span = view.until - view.from;
    var raw = span / Math.max(1, plotHeight / 80);
    var step = 1;
    while (step * 10 <= raw) { step *= 10; }
    if (step * 5 <= raw) { step *= 5; } else if (step * 2 <= raw) { step *= 2; }
    var decimals = Math.max(0, Math.min(9, 9 - Math.floor(Math.log10(step) + 1e-9)));
    for (var t = Math.ceil(view.from / step) * step; t <= view.until; t += step) {
      element('line', { x1: 66, x2: width - margin.right + 40, y1: y(t), y2: y(t),
                        'class': 'grid' }, group);
      var label = element('text', { x: 62, y: y(t) + 4 }, group);
      label.textContent = seconds(t, decimals);
    }
  }

  function drawLifelines(plot) {
    var bottom = margin.top + plotHeight;
    nodes.forEach(function (name, i) {
      element('line', { 'class': 'lifeline', 'data-node': name, x1: x(i), x2: x(i),
                        y1: margin.top, y2: bottom }, plot);
    });
    data.down.forEach(function (d) {
      var from = d[1] < 0 ? fullFrom : d[1];
      var to = d[2] < 0 ? fullUntil : d[2];
      var part = clip(from, x(d[0]), to, x(d[0]));
      if (part) {
        element('line', { 'class': 'down', x1: part.x1, x2: part.x2, y1: part.y1, y2: part.y2 },
                plot, nodes[d[0]] + ' down ' + seconds(from, 9) + ' - ' + seconds(to, 9));
      }
    });
  }

  function drawPhases(plot) {
    data.phases.forEach(function (p) {
      if (p[0] < view.from || p[0] > view.until) { return; }
      element('line', { 'class': 'phase-line', x1: 66, x2: width - margin.right + 40, y1: y(p[0]),
                        y2: y(p[0]) }, plot);
      var label = element('text', { 'class': 'phase-label', x: width - margin.right + 44,
                                    y: y(p[0]) + 12 }, plot);  // below: fault labels go above
      label.textContent = 'phase ' + p[1];
    });
  }

  function drawMessages(plot) {
    var group = element('g', { id: 'messages' }, plot);
    data.messages.forEach(function (m) {
      var part = clip(m[2], x(m[0]), m[3], x(m[1]));
      if (!part) { return; }
      if (m[6] === 0) {
        element('line', { 'class': 'msg msg-deliver', 'data-id': m[5], x1: part.x1, y1: part.y1,
                          x2: part.x2, y2: part.y2, stroke: color(m[4]),
                          'marker-end': part.endInside ? 'url(#arrow)' : '' },
                group, describeCopy(m));
        return;
      }
      // A copy dropped at its send (loss, a full queue, a partition) never left: a stub.
      var x2 = m[3] === m[2] ? part.x1 + (part.x2 - part.x1) * 0.4 : part.x2;
      element('line', { 'class': 'msg msg-drop', 'data-id': m[5], x1: part.x1, y1: part.y1,
                        x2: x2, y2: part.y2 }, group, describeCopy(m));
      if (part.endInside) {
        element('path', { 'class': 'drop-mark', d: 'M' + (x2 - 4) + ',' + (part.y2 - 4) + 'l8,8m0,-8l-8,8' },
                group, describeCopy(m));
      }
    });
  }

  function drawFaults(plot) {
    var group = element('g', { id: 'faults' }, plot);
    var labelsAt = {};  // labels already placed per node and pixel row: stack the next below
    data.faults.forEach(function (f) {
      if (f[1] < view.from || f[1] > view.until) { return; }
      var at = y(f[1]);
      var row = f[0] + ':' + Math.round(at);
      var stacked = labelsAt[row] || 0;
      labelsAt[row] = stacked + 1;
      var text = (f[0] < 0 ? '' : nodes[f[0]] + ' ') + f[2] + ' at ' + seconds(f[1], 9);
      if (f[0] < 0) {
        element('line', { 'class': 'fault-line', x1: 66, x2: width - margin.right + 40, y1: at,
                          y2: at }, group, text);
      } else {
        var cx = x(f[0]);
        element('path', { 'class': 'fault-mark', d: 'M' + cx + ',' + (at - 6) + 'l6,6l-6,6l-6,-6z' },
                group, text);
      }
      var label = element('text', { 'class': 'fault-label',
                                     x: f[0] < 0 ? width - margin.right + 44 : x(f[0]) + 8,
                                     y: at - 3 + 11 * stacked }, group);
      label.textContent = f[2].split(' ')[0];
    });
  }

  function drawEvents(plot) {
    if (!showEvents) { return; }
    var group = element('g', { id: 'events' }, plot);
    data.events.forEach(function (e) {
      if (e[1] < view.from || e[1] > view.until) { return; }
      element('circle', { 'class': 'event', cx: x(e[0]), cy: y(e[1]), r: 2.5 }, group,
              (e[0] < 0 ? '' : nodes[e[0]] + ' ') + e[2] + ' at ' + seconds(e[1], 9));
    });
  }

  function render() {
    var labels = document.getElementById('labels');
    var plot = document.getElementById('plot');
    labels.textContent = '';
    plot.textContent = '';
    labels.setAttribute('width', width);
    labels.setAttribute('height', 24);
    nodes.forEach(function (name, i) {
      var label = element('text', { 'class': 'node-label', 'data-node': name, x: x(i), y: 17 },
                          labels);
      label.textContent = name;
    });
    plot.setAttribute('width', width);
    plot.setAttribute('height', margin.top + plotHeight + margin.bottom);
    var defs = element('defs', {}, plot);
    var marker = element('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
                                     markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
                         defs);
    element('path', { d: 'M0,0L10,5L0,10z', fill: '#444' }, marker);
    drawAxis(plot);
    drawPhases(plot);
    drawLifelines(plot);
    drawMessages(plot);
    drawFaults(plot);
    drawEvents(plot);
    document.getElementById('view-from').value = seconds(view.from, 9).slice(0, -1);
    document.getElementById('view-until').value = seconds(view.until, 9).slice(0, -1);
  }

  function setView(from, until) {
    from = Math.max(fullFrom, Math.round(from));
    until = Math.min(fullUntil, Math.round(until));
    if (until - from < 1000) {  // at least 1 us
      var middle = (from + until) / 2;
      from = Math.max(fullFrom, Math.round(middle - 500));
      until = Math.min(fullUntil, from + 1000);
    }
    if (until <= from) { return; }
    view.from = from;
    view.until = until;
    render();
  }
  function zoom(factor, center) {
    var span = view.until - view.from;
    var fraction = (center - view.from) / span;
    var newSpan = span * factor;
    setView(center - newSpan * fraction, center + newSpan * (1 - fraction));
  }
  function shift(fraction) {
    var span = view.until - view.from;
    var from = Math.min(Math.max(fullFrom, view.from + span * fraction), fullUntil - span);
    setView(from, from + span);
  }

  function legend() {
    var box = document.getElementById('legend');
    function sample(draw, text) {
      var item = document.createElement('span');
      item.className = 'item';
      var svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('width', 34);
      svg.setAttribute('height', 14);
      draw(svg);
      item.appendChild(svg);
      item.appendChild(document.createTextNode(' ' + text));
      box.appendChild(item);
    }
    data.types.forEach(function (type, i) {
      sample(function (svg) {
        element('line', { x1: 2, y1: 7, x2: 32, y2: 7, stroke: color(i), 'stroke-width': 2 }, svg);
      }, type);
    });
    sample(function (svg) {
      element('line', { 'class': 'msg-drop', x1: 2, y1: 7, x2: 26, y2: 7 }, svg);
      element('path', { 'class': 'drop-mark', d: 'M24,3l8,8m0,-8l-8,8' }, svg);
    }, 'dropped (a stub: dropped at its send)');
    sample(function (svg) {
      element('line', { 'class': 'down', x1: 2, y1: 7, x2: 32, y2: 7 }, svg);
    }, 'node down (crash to restart)');
    sample(function (svg) {
      element('path', { 'class': 'fault-mark', d: 'M17,1l6,6l-6,6l-6,-6z' }, svg);
    }, 'fault on a node');
    sample(function (svg) {
      element('line', { 'class': 'fault-line', x1: 2, y1: 7, x2: 32, y2: 7 }, svg);
    }, 'fault of the cluster');
    sample(function (svg) {
      element('circle', { 'class': 'event', cx: 17, cy: 7, r: 3 }, svg);
    }, 'protocol event');
    sample(function (svg) {
      element('line', { 'class': 'phase-line', x1: 2, y1: 7, x2: 32, y2: 7 }, svg);
    }, 'phase start');
  }

  function summary() {
    var c = data.counts;
    var box = document.getElementById('summary');
    var deliveries = 0;
    var drops = 0;
    data.messages.forEach(function (m) { if (m[6] === 0) { deliveries++; } else { drops++; } });
    box.setAttribute('data-nodes', nodes.length);
    box.setAttribute('data-messages-drawn', c.sends_drawn);
    box.setAttribute('data-deliveries-drawn', deliveries);
    box.setAttribute('data-drops-drawn', drops);
    var text = nodes.length + ' nodes; ' + seconds(fullFrom, 9) + ' to ' + seconds(fullUntil, 9) +
        '; messages: ' + c.sends_drawn + ' of ' + c.sends + ' drawn';
    if (c.sends_drawn < c.sends) {
      text += ' (only the first ' + c.max_messages + ' sent, up to ' + seconds(view.until, 9) +
          ': export a narrower window with --from/--until to see the others)';
    }
    text += ', ' + deliveries + ' deliveries and ' + drops + ' drops drawn';
    if (c.in_flight_at_end > 0) { text += ', ' + c.in_flight_at_end + ' still in flight at the end'; }
    text += '; protocol events: ' + c.events_drawn + ' of ' + c.events +
        '; faults: ' + c.faults_drawn + ' of ' + c.faults;
    if (c.events_drawn < c.events || c.faults_drawn < c.faults) {
      text += ' (at most ' + c.max_events + ' of each drawn)';
    }
    box.textContent = text;
  }

  document.getElementById('source').textContent = data.source;
  document.title = 'faultline: ' + data.source;
  summary();
  legend();
  render();
  document.getElementById('show').onclick = function () {
    var from = parseFloat(document.getElementById('view-from').value) * 1e9;
    var until = parseFloat(document.getElementById('view-until').value) * 1e9;
    if (isFinite(from) && isFinite(until) && until > from) { setView(from, until); }
  };
  document.getElementById('zoom-in').onclick = function () {
    zoom(0.5, (view.from + view.until) / 2);
  };
  document.getElementById('zoom-out').onclick = function () {
    zoom(2, (view.from + view.until) / 2);
  };
  document.getElementById('earlier').onclick = function () { shift(-0.8); };
  document.getElementById('later').onclick = function () { shift(0.8); };
  document.getElementById('all').onclick = function () { setView(fullFrom, fullUntil); };
  document.getElementById('show-events').onchange = function (event) {
    showEvents = event.target.checked;
    render();
  };
  document.getElementById('plot').addEventListener('wheel', function (event) {
    if (!event.ctrlKey) { return; }
    event.preventDefault();
    var box = event.currentTarget.getBoundingClientRect();
    var t = view.from + (event.clientY - box.top - margin.top) * (view.until - view.from) /
        plotHeight;
    zoom(event.deltaY < 0 ? 0.7 : 1 / 0.7, Math.min(Math.max(t, view.from), view.until));
  }, { passive: false });
})();
</script>
</body>
</html>
)HTML";

}  // namespace faultline
