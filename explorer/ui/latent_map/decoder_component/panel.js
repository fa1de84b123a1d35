// The Latent map's live decode: while the pointer moves over either exact map (or the arrow keys move the cursor),
// both models decode the code under it here in the browser (forward.js, above this file in the module), with the
// code's place, its distance to the nearest real code and the digit judge's verdict. Nothing goes to the server:
// a click still goes to the map's own Plotly selection, which pins a point or walks as before.

const loaded = new Map();  // address -> promise of its arrays: fetched once per page load, then the browser's cache
const SIZE = 28, SCALE = 3, KEY_STEPS = 40;  // a picture drawn at 3x; the arrow keys cross a map in 40 steps

function arraysAt(address) {
  if (!loaded.has(address)) {
    loaded.set(address, fetch(address, {cache: "force-cache"}).then((response) => {
      if (!response.ok) throw new Error(`the weights file answered ${response.status}`);
      return response.arrayBuffer();
    }).then(unpackArrays));
  }
  return loaded.get(address);
}

function plotOf(chartClass) {
  return document.querySelector(`.${chartClass} .js-plotly-plot`);
}

// The map's data coordinates under a page pixel, or null outside its plotting area.
function mapPoint(plot, clientX, clientY) {
  const layout = plot && plot._fullLayout;
  if (!layout || !layout.xaxis || !layout.xaxis.p2l) return null;
  const box = plot.getBoundingClientRect();
  const px = clientX - box.left - layout.xaxis._offset, py = clientY - box.top - layout.yaxis._offset;
  if (px < 0 || py < 0 || px > layout.xaxis._length || py > layout.yaxis._length) return null;
  return [layout.xaxis.p2l(px), layout.yaxis.p2l(py)];
}

function codeAt(map, [x, y]) {
  return Float32Array.from(map.origin, (o, i) => o + x * map.axes[0][i] + y * map.axes[1][i]);
}

function placeOf(map, code) {  // a code's place on a map's plane (its projection, exact for the map's own codes)
  return [0, 1].map((a) => map.axes[a].reduce((sum, w, i) => sum + w * (code[i] - map.origin[i]), 0));
}

function drawPicture(canvas, pixels) {
  const context = canvas.getContext("2d"), picture = context.createImageData(SIZE, SIZE);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const grey = Math.round(255 * pixels[i]);  // white ink on black, as the click panel draws its digits
    picture.data.set([grey, grey, grey, 255], 4 * i);
  }
  context.putImageData(picture, 0, 0);
}

function showCursor(plot, point, owner) {  // a ring on a map where the code under the cursor sits
  if (!plot) return;
  let ring = plot.querySelector(":scope > .live-decode-cursor");
  if (!ring) {
    ring = document.createElement("div");
    ring.className = "live-decode-cursor";
    ring.style.cssText = "position:absolute;width:14px;height:14px;margin:-9px 0 0 -9px;border-radius:50%;" +
      "pointer-events:none;z-index:10;border:2px solid #1f2430;box-shadow:0 0 0 2px #fff";
    if (getComputedStyle(plot).position === "static") plot.style.position = "relative";
    plot.appendChild(ring);
  }
  const layout = plot._fullLayout, px = layout.xaxis.l2p(point[0]), py = layout.yaxis.l2p(point[1]);
  const inside = px >= 0 && py >= 0 && px <= layout.xaxis._length && py <= layout.yaxis._length;
  ring.style.display = inside ? "block" : "none";  // a code beyond the other map's axes: no ring on its frame
  ring.style.left = `${layout.xaxis._offset + px}px`;
  ring.style.top = `${layout.yaxis._offset + py}px`;
  ring.style.borderStyle = owner ? "solid" : "dashed";
}

function withArticle(digit) {
  return `${Number(digit) === 8 ? "an" : "a"} ${digit}`;
}

function number(value) {
  return value.toFixed(2).replace("-", "\u2212");
}

export default function (component) {
  const {data, parentElement} = component;
  const root = parentElement.querySelector(".live-decode");
  const field = (name) => root.querySelector(`[data-field=${name}]`);
  const kinds = ["ae", "vae"], images = {ae: new Float32Array(SIZE * SIZE), vae: new Float32Array(SIZE * SIZE)};
  let models = null, pending = null, active = "ae", last = null, frame = 0;
  // What the browser test and the benchmark read: renders (both decodes, judge and readout) and their times, and
  // each single decode's time.
  const stats = window.explorerLiveDecode = {decodes: 0, milliseconds: [], decodeMilliseconds: [], ready: false,
                                             decodeAt: null};

  function render(owner, point) {
    const started = performance.now(), code = codeAt(data.maps[owner], point);
    for (const kind of kinds) {
      const decodeStarted = performance.now();
      models.decoders[kind].decode(code, images[kind]);
      stats.decodeMilliseconds.push(performance.now() - decodeStarted);
      drawPicture(field(`picture-${kind}`), images[kind]);
      const found = nearestCode(models.codes[kind], code.length, code);
      const verdict = models.judge(images[kind]), label = models.labels[found.index];
      const real = verdict.realism >= data.real_enough ? "judged real" : "not judged real";
      field(`line-${kind}`).innerHTML = `<b>${kind.toUpperCase()}</b>: <b>${real}</b> (realism ` +
        `${verdict.realism.toFixed(2)}), the classifier reads ${withArticle(verdict.digit)} ` +
        `(${verdict.confidence.toFixed(2)} sure); ` +
        `${(found.distance / data.maps[kind].spacing).toFixed(1)}\u00d7 its usual gap to the nearest real code ` +
        `(#${found.index}, ${withArticle(label)})`;
      field(`picture-${kind}`).setAttribute("aria-label", `The ${kind.toUpperCase()}'s decode: ${real}, ` +
        `read as a ${verdict.digit}`);
    }
    const milliseconds = performance.now() - started;
    stats.decodes += 1;
    stats.milliseconds.push(milliseconds);
    field("where").innerHTML = `Under the cursor on the <b>${owner.toUpperCase()}'s map</b>: ` +
      data.place.replace("{x}", number(point[0])).replace("{y}", number(point[1])) +
      (data.k > 2 ? `, PCA 3–${data.k} at the codes' average` : "");
    for (const kind of kinds) {
      showCursor(plotOf(data.charts[kind]), kind === owner ? point : placeOf(data.maps[kind], code), kind === owner);
    }
    last = {owner, point};
    return milliseconds;
  }

  function schedule(owner, point) {
    pending = {owner, point};
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      if (pending && models) render(pending.owner, pending.point);
      pending = null;
    });
  }

  function onMove(event) {
    for (const kind of kinds) {
      const point = mapPoint(plotOf(data.charts[kind]), event.clientX, event.clientY);
      if (point) { active = kind; schedule(kind, point); return; }
    }
  }

  function onKey(event) {
    const moves = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]};
    if (!(event.key in moves) || !models) return;
    event.preventDefault();
    const [xMin, xMax, yMin, yMax] = data.maps[active].extent;
    const start = last && last.owner === active ? last.point : [(xMin + xMax) / 2, (yMin + yMax) / 2];
    const [dx, dy] = moves[event.key];
    const point = [Math.min(xMax, Math.max(xMin, start[0] + dx * (xMax - xMin) / KEY_STEPS)),
                   Math.min(yMax, Math.max(yMin, start[1] + dy * (yMax - yMin) / KEY_STEPS))];
    render(active, point);
    // Read out on a key press, not on every move: the place, then what each model makes of it.
    field("spoken").textContent = [field("where"), field("line-ae"), field("line-vae")]
      .map((element) => element.textContent).join(". ");
  }

  field("keys").textContent = "Tab here for the arrow keys. A dashed ring marks it on the other map; a click pins " +
    (data.k > 2 ? "it; a click on a dot decodes its whole code." : "it.");
  // Started inside the chain, so that any failure, a fetch's too, ends in the notice below.
  Promise.resolve().then(() => Promise.all([arraysAt(data.decoders), arraysAt(data.judge)])).then(([decoders, judge]) => {
    models = {
      decoders: {ae: makeDecoder(decoders, "ae/"), vae: makeDecoder(decoders, "vae/")},
      codes: {ae: decoders["ae/codes"].data, vae: decoders["vae/codes"].data},
      labels: decoders.labels.data, judge: makeJudge(judge).judge,
    };
    stats.decodeAt = (owner, x, y) => render(owner, [x, y]);
    stats.ready = true;
    root.classList.add("ready");
    const [xMin, xMax, yMin, yMax] = data.maps.ae.extent;
    render("ae", last ? last.point : [(xMin + xMax) / 2, (yMin + yMax) / 2]);
  }).catch((error) => {
    root.classList.add("failed");
    field("where").textContent = `\u26a0\ufe0f Live decoding could not start in this browser (${error.message}). ` +
      "Click either map instead: the server decodes the spot you click, below.";
    field("spoken").textContent = field("where").textContent;
  });

  document.addEventListener("mousemove", onMove, {passive: true});
  root.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("mousemove", onMove);
    root.removeEventListener("keydown", onKey);
    if (frame) cancelAnimationFrame(frame);
  };
}
