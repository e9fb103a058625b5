/**
 * The GCM worker's code, as plain CommonJS run with `new Worker(source, { eval: true })`: no file
 * has to be found next to the bundle (inside an asar, under tsx or under vitest), so Electron, the
 * harness and the tests run these exact lines. They mirror runGcmJob in gcmJob.ts step for step;
 * tests/unit/services/vault/gcmLane.test.ts checks both give the same bytes.
 */
export const GCM_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const { createCipheriv, createDecipheriv } = require('node:crypto');
const SLICE = 64 * 1024;
const TAG = 16;
function runGcmJob(job) {
  const key = Buffer.from(job.key, 0, 32);
  const region = Buffer.from(job.data, job.offset, job.length);
  const tag = Buffer.from(job.tags, job.tagOffset, TAG);
  let ok = false;
  try {
    const opts = { authTagLength: TAG };
    const c = job.op === 'seal'
      ? createCipheriv('aes-256-gcm', key, job.nonce, opts)
      : createDecipheriv('aes-256-gcm', key, job.nonce, opts);
    c.setAAD(job.aad);
    if (job.op === 'open') c.setAuthTag(tag);
    for (let o = 0; o < region.length; o += SLICE) {
      const slice = region.subarray(o, o + SLICE);
      const out = c.update(slice);
      if (out.length !== slice.length) throw new Error('short cipher update');
      out.copy(slice);
      if (job.op === 'open') out.fill(0);
    }
    c.final();
    if (job.op === 'seal') c.getAuthTag().copy(tag);
    ok = true;
  } catch {}
  if (!ok && job.op === 'open') region.fill(0);
  return ok;
}
parentPort.on('message', (message) => {
  parentPort.postMessage({ id: message.id, ok: runGcmJob(message.job) });
});
`;
