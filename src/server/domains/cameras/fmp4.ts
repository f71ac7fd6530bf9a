// Reads the fragmented MP4 that ffmpeg writes to a pipe: splits it into boxes, keeps the init segment
// (ftyp + moov), pairs each moof with its mdat, and tells whether a fragment starts with a keyframe, so a
// viewer who joins late can start at the last keyframe instead of waiting for the next one.

export interface Fragment { data: Buffer; isKeyframe: boolean }

export interface Fmp4Reader {
  push(chunk: Buffer): void;
}

export function createFmp4Reader(handlers: { onInit(init: Buffer, mime: string): void; onFragment(fragment: Fragment): void }): Fmp4Reader {
  let pending: Buffer = Buffer.alloc(0);
  const initBoxes: Buffer[] = [];
  let initDone = false;
  let trexDefaultFlags: number | null = null;
  let moof: Buffer | null = null;

  function onBox(type: string, box: Buffer): void {
    if (!initDone) {
      if (type === 'moov') {
        initBoxes.push(box);
        trexDefaultFlags = trexDefaultSampleFlags(box);
        initDone = true;
        const init = Buffer.concat(initBoxes);
        handlers.onInit(init, mimeOf(box));
        return;
      }
      if (type === 'ftyp') initBoxes.push(box);
      return;
    }
    if (type === 'moof') { moof = box; return; }
    if (type === 'mdat' && moof) {
      handlers.onFragment({ data: Buffer.concat([moof, box]), isKeyframe: startsWithKeyframe(moof, trexDefaultFlags) });
      moof = null;
    }
  }

  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let offset = 0;
      for (;;) {
        if (pending.length - offset < 8) break;
        let size = pending.readUInt32BE(offset);
        const type = pending.toString('latin1', offset + 4, offset + 8);
        if (size === 1) {
          if (pending.length - offset < 16) break;
          size = Number(pending.readBigUInt64BE(offset + 8));
        }
        if (size < 8) throw new Error(`invalid MP4 box ${JSON.stringify(type)} of size ${size}`);
        if (pending.length - offset < size) break;
        onBox(type, pending.subarray(offset, offset + size));
        offset += size;
      }
      // Keep the unread tail in a buffer of its own (boxes handed out above must not alias a reused buffer).
      pending = offset === 0 ? pending : Buffer.from(pending.subarray(offset));
    },
  };
}

/** Children of a container box's payload (from `start`), as [type, payload] pairs. */
function* childBoxes(buf: Buffer, start: number, end = buf.length): Generator<[string, Buffer]> {
  let offset = start;
  while (offset + 8 <= end) {
    const size = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (size < 8 || offset + size > end) return;
    yield [type, buf.subarray(offset + 8, offset + size)];
    offset += size;
  }
}

function findChild(payload: Buffer, type: string): Buffer | null {
  for (const [t, p] of childBoxes(payload, 0)) if (t === type) return p;
  return null;
}

const NON_SYNC = 0x0001_0000;

function trexDefaultSampleFlags(moov: Buffer): number | null {
  const mvex = findChild(moov.subarray(8), 'mvex');
  const trex = mvex && findChild(mvex, 'trex');
  return trex && trex.length >= 24 ? trex.readUInt32BE(20) : null;
}

/** Whether the first sample of the (first) track fragment is a sync sample, from trun, tfhd or trex flags. */
export function startsWithKeyframe(moof: Buffer, trexFlags: number | null): boolean {
  const traf = findChild(moof.subarray(8), 'traf');
  if (!traf) return false;
  let flags = trexFlags;
  const tfhd = findChild(traf, 'tfhd');
  if (tfhd && tfhd.length >= 8) {
    const tf = tfhd.readUInt32BE(0) & 0xff_ffff;
    let o = 8;
    if (tf & 0x01) o += 8;
    if (tf & 0x02) o += 4;
    if (tf & 0x08) o += 4;
    if (tf & 0x10) o += 4;
    if (tf & 0x20 && tfhd.length >= o + 4) flags = tfhd.readUInt32BE(o);
  }
  const trun = findChild(traf, 'trun');
  if (trun && trun.length >= 8) {
    const tf = trun.readUInt32BE(0) & 0xff_ffff;
    let o = 8;
    if (tf & 0x01) o += 4;
    if (tf & 0x04) return (trun.readUInt32BE(o) & NON_SYNC) === 0;   // first_sample_flags
    if (tf & 0x400) {                                               // per-sample flags: read the first sample's
      let s = o;
      if (tf & 0x100) s += 4;
      if (tf & 0x200) s += 4;
      if (trun.length >= s + 4) return (trun.readUInt32BE(s) & NON_SYNC) === 0;
    }
  }
  return flags !== null && (flags & NON_SYNC) === 0;
}

/** The MSE type of the init segment, e.g. video/mp4; codecs="avc1.42c01e" (H.264 only: other codecs are transcoded). */
export function mimeOf(moov: Buffer): string {
  const at = moov.indexOf('avcC', 0, 'latin1');
  if (at < 0 || moov.length < at + 8) return 'video/mp4; codecs="avc1.42e01e"';
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  return `video/mp4; codecs="avc1.${hex(moov[at + 5]!)}${hex(moov[at + 6]!)}${hex(moov[at + 7]!)}"`;
}
