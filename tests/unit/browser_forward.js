// Runs forward.js under Node for tests/unit/test_browser_decoder.py:
//   node browser_forward.js <forward.js> <packed decoders> <packed judge> <codes.json: {kind: [[k numbers], ...]}>
//   <out.json>
// writes {kind: [[784 pixels], ...], "judge": {kind: [[digit, confidence, realism], ...]},
// "nearest": {kind: [[index, distance], ...]}}.
const fs = require("fs");
const [forwardPath, decodersPath, judgePath, codesPath, outPath] = process.argv.slice(2);
const api = new Function(fs.readFileSync(forwardPath, "utf8") +
  "\nreturn {unpackArrays, makeDecoder, makeJudge, nearestCode};")();
const read = (path) => {
  const file = fs.readFileSync(path);
  return api.unpackArrays(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
};
const arrays = read(decodersPath), judge = api.makeJudge(read(judgePath)).judge;
const out = {judge: {}, nearest: {}};
for (const [kind, codes] of Object.entries(JSON.parse(fs.readFileSync(codesPath, "utf8")))) {
  const decoder = api.makeDecoder(arrays, kind + "/"), real = arrays[kind + "/codes"].data;
  out.nearest[kind] = codes.map((code) => {
    const found = api.nearestCode(real, code.length, code);
    return [found.index, found.distance];
  });
  out[kind] = codes.map((code) => Array.from(decoder.decode(Float32Array.from(code), new Float32Array(784))));
  out.judge[kind] = out[kind].map((image) => {
    const verdict = judge(Float32Array.from(image));
    return [verdict.digit, verdict.confidence, verdict.realism];
  });
}
fs.writeFileSync(outPath, JSON.stringify(out));
