// The shipped networks' forward passes in plain JavaScript, for the Latent map's live decode. No DOM here: the
// same file runs under Node in tests/unit/test_browser_decoder.py, against PyTorch.
// The decoders are explorer/models/conv_blocks.py's ConvDecoder: Linear(k, 64*7*7) + ReLU, ConvTranspose2d(64, 32,
// 4, stride 2, padding 1) + ReLU, ConvTranspose2d(32, 1, 4, 2, 1) + sigmoid. The classifier is
// explorer/models/digit_classifier.py: two 3x3 convolutions with ReLU and 2x2 max pooling, Linear(1568, 128) + ReLU
// (the digit judge's features), Linear(128, 10).

// One IEEE half-precision number (as its 16 bits) to a float.
function halfToFloat(bits) {
  const sign = bits & 0x8000 ? -1 : 1, exponent = (bits >> 10) & 0x1f, fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// explorer/core/packed_arrays.py's format: a 4-byte little-endian header length, the JSON header
// ({name: [shape, byte offset, "f2" or "f4"]}), then the arrays' numbers, little-endian.
function unpackArrays(buffer) {
  const view = new DataView(buffer), headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  const start = 4 + headerLength, arrays = {};
  for (const [name, [shape, offset, kind]] of Object.entries(header)) {
    const size = shape.reduce((a, b) => a * b, 1), data = new Float32Array(size), at = start + offset;
    for (let i = 0; i < size; i++) {
      data[i] = kind === "f4" ? view.getFloat32(at + 4 * i, true) : halfToFloat(view.getUint16(at + 2 * i, true));
    }
    arrays[name] = {shape, data};
  }
  return arrays;
}

// out[co][oy][ox] += in[ci][iy][ix] * w[ci][co][ky][kx] where oy = 2 iy - 1 + ky (PyTorch's ConvTranspose2d,
// kernel 4, stride 2, padding 1: the output is twice the input's size).
function transposedConv(input, channelsIn, size, weight, bias, channelsOut, output) {
  const outSize = 2 * size, plane = outSize * outSize;
  for (let co = 0; co < channelsOut; co++) output.fill(bias[co], co * plane, (co + 1) * plane);
  for (let ci = 0; ci < channelsIn; ci++) {
    for (let iy = 0; iy < size; iy++) {
      for (let ix = 0; ix < size; ix++) {
        const value = input[(ci * size + iy) * size + ix];
        if (value === 0) continue;  // after a ReLU, about half the inputs add nothing
        for (let co = 0; co < channelsOut; co++) {
          const w = (ci * channelsOut + co) * 16, o = co * plane;
          for (let ky = 0; ky < 4; ky++) {
            const oy = 2 * iy - 1 + ky;
            if (oy < 0 || oy >= outSize) continue;
            for (let kx = 0; kx < 4; kx++) {
              const ox = 2 * ix - 1 + kx;
              if (ox >= 0 && ox < outSize) output[o + oy * outSize + ox] += value * weight[w + ky * 4 + kx];
            }
          }
        }
      }
    }
  }
}

function relu(values) {
  for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] = 0;
}

// The decoder stored under `prefix` ("ae/" or "vae/"): decode(code, image) writes 28 x 28 pixels in [0, 1].
function makeDecoder(arrays, prefix) {
  const get = (name) => arrays[prefix + name].data;
  const dense = get("decoder.net.0.weight"), denseBias = get("decoder.net.0.bias");
  const [hidden, k] = arrays[prefix + "decoder.net.0.weight"].shape;
  const [c2, c1] = arrays[prefix + "decoder.net.3.weight"].shape;
  const w1 = get("decoder.net.3.weight"), b1 = get("decoder.net.3.bias");
  const w2 = get("decoder.net.5.weight"), b2 = get("decoder.net.5.bias");
  const side = Math.round(Math.sqrt(hidden / c2));
  const features = new Float32Array(hidden), middle = new Float32Array(c1 * 4 * side * side);
  function decode(code, image) {
    for (let j = 0; j < hidden; j++) {
      let sum = denseBias[j];
      for (let i = 0; i < k; i++) sum += dense[j * k + i] * code[i];
      features[j] = sum > 0 ? sum : 0;
    }
    transposedConv(features, c2, side, w1, b1, c1, middle);
    relu(middle);
    transposedConv(middle, c1, 2 * side, w2, b2, 1, image);
    for (let i = 0; i < image.length; i++) image[i] = 1 / (1 + Math.exp(-image[i]));
    return image;
  }
  return {k, decode};
}

// A 3 x 3 convolution, padding 1, then ReLU and 2 x 2 max pooling: size x size in, size/2 x size/2 out. Each weight
// is added over a whole row at once (the inner loop has no branch), which is what makes it fast enough.
function convReluPool(input, channelsIn, size, weight, bias, channelsOut, scratch, output) {
  const plane = size * size, half = size / 2;
  for (let co = 0; co < channelsOut; co++) {
    const out = co * plane;
    scratch.fill(bias[co], out, out + plane);
    for (let ci = 0; ci < channelsIn; ci++) {
      for (let ky = 0; ky < 3; ky++) {
        for (let kx = 0; kx < 3; kx++) {
          const w = weight[((co * channelsIn + ci) * 3 + ky) * 3 + kx], shift = kx - 1;
          const xFrom = Math.max(0, -shift), xTo = Math.min(size, size - shift);
          for (let y = Math.max(0, 1 - ky); y < Math.min(size, size + 1 - ky); y++) {
            const row = out + y * size, from = ci * plane + (y + ky - 1) * size + shift;
            for (let x = xFrom; x < xTo; x++) scratch[row + x] += w * input[from + x];
          }
        }
      }
    }
    for (let y = 0; y < half; y++) {
      for (let x = 0; x < half; x++) {
        const at = out + 2 * y * size + 2 * x;
        output[(co * half + y) * half + x] = Math.max(0, scratch[at], scratch[at + 1], scratch[at + size],
                                                      scratch[at + size + 1]);  // ReLU, then the pool's max
      }
    }
  }
}

function denseLayer(input, weight, bias, outputs, output, withRelu) {
  const inputs = input.length;
  for (let j = 0; j < outputs; j++) {
    let sum = bias[j];
    for (let i = 0; i < inputs; i++) sum += weight[j * inputs + i] * input[i];
    output[j] = withRelu && sum < 0 ? 0 : sum;
  }
}

// The digit classifier under "classifier/" and the judge's reference under "judge/": judge(image) gives the
// classifier's digit and confidence, and the judge's realism (explorer/core/realism.py: the largest ratio of a
// real digit's neighbourhood radius to the distance from it, over the reference digits kept).
function makeJudge(arrays) {
  const get = (name) => arrays[name].data;
  const [c1] = arrays["classifier/net.0.weight"].shape, [c2] = arrays["classifier/net.3.weight"].shape;
  const [width] = arrays["classifier/net.8.weight"].shape, [classes] = arrays["classifier/net.10.weight"].shape;
  const reference = get("judge/reference"), radii = get("judge/radii");
  const scratch1 = new Float32Array(c1 * 784), pooled1 = new Float32Array(c1 * 196);
  const scratch2 = new Float32Array(c2 * 196), pooled2 = new Float32Array(c2 * 49);
  const features = new Float32Array(width), logits = new Float32Array(classes);
  function judge(image) {
    convReluPool(image, 1, 28, get("classifier/net.0.weight"), get("classifier/net.0.bias"), c1, scratch1, pooled1);
    convReluPool(pooled1, c1, 14, get("classifier/net.3.weight"), get("classifier/net.3.bias"), c2, scratch2,
                 pooled2);
    denseLayer(pooled2, get("classifier/net.8.weight"), get("classifier/net.8.bias"), width, features, true);
    denseLayer(features, get("classifier/net.10.weight"), get("classifier/net.10.bias"), classes, logits, false);
    let digit = 0;
    for (let c = 1; c < classes; c++) if (logits[c] > logits[digit]) digit = c;
    let total = 0;
    for (let c = 0; c < classes; c++) total += Math.exp(logits[c] - logits[digit]);
    let realism = 0;
    for (let r = 0; r < radii.length; r++) {
      let squared = 0;
      for (let i = 0; i < width; i++) {
        const gap = features[i] - reference[r * width + i];
        squared += gap * gap;
      }
      realism = Math.max(realism, radii[r] / Math.max(Math.sqrt(squared), 1e-12));
    }
    return {digit, confidence: 1 / total, realism};
  }
  return {judge};
}

// The real code nearest to `code` among `count` codes of k numbers: its index and its distance.
function nearestCode(codes, k, code) {
  let best = 0, bestSquared = Infinity;
  for (let n = 0; n < codes.length / k; n++) {
    let squared = 0;
    for (let i = 0; i < k; i++) {
      const gap = codes[n * k + i] - code[i];
      squared += gap * gap;
    }
    if (squared < bestSquared) { bestSquared = squared; best = n; }
  }
  return {index: best, distance: Math.sqrt(bestSquared)};
}
