// Optimises, in one Node.js process, the small wasm files that scripts/wasm-tools/wasm-opt
// queued (one path per line in the file named by the first argument), in place, as
// `wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int` would: binaryen 132's
// default optimisation pipeline at optimise level 2 and shrink level 2, without debug names.
// About 460 files take a few seconds here against several minutes as separate wasm-opt runs.
import binaryen from '../../node_modules/binaryen/index.js';
import fs from 'node:fs';

const queue = process.argv[2];
const files = fs.readFileSync(queue, 'utf8').split('\n').filter(Boolean);
const F = binaryen.Features;
binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(false);
let before = 0;
let after = 0;
const start = Date.now();
for (const file of files) {
  const bytes = fs.readFileSync(file);
  const module = binaryen.readBinary(bytes);
  module.setFeatures(module.getFeatures() | F.BulkMemory | F.NontrappingFPToInt);
  if (!module.validate()) {
    throw new Error(`${file}: binaryen finds the module invalid`);
  }
  module.optimize();
  const out = module.emitBinary();
  module.dispose();
  fs.writeFileSync(file, out);
  before += bytes.length;
  after += out.length;
}
console.log(
  `optimised ${files.length} small wasm files in one process: ${before} -> ${after} bytes in ${Date.now() - start} ms`,
);
