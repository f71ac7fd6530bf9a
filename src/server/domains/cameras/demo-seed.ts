// Demo cameras at real places of Đồng Xoài and Biên Hòa (Đồng Nai). SYNTHETIC: the places are real, the cameras
// are not. Their RTSP addresses point nowhere (the reserved .invalid domain), so they show "no signal" — except
// the Đồng Xoài intersection, which points at a local test source: run
// `/usr/bin/python3 test/support/rtsp-source.py 8554 /camera` and it plays live (docs/cameras.md).
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { unitsByCodes } from '../units/units.service.js';
import { countCamerasInDemo, insertCamera } from './cameras.queries.js';

interface DemoCamera { code: string; name: string; unitCode: string; lon: number; lat: number; ptz: boolean; tags: string[]; rtspUrl: string }

const nowhere = (path: string) => `rtsp://demo:demo@${path}.camera.invalid:554/Streaming/Channels/101`;

export const demoCameras: DemoCamera[] = [
  { code: 'dx-nga-tu-dong-xoai', name: 'Ngã tư Đồng Xoài (QL14 × ĐT741)', unitCode: 'DN-new-p-dong-xoai', lon: 106.8897, lat: 11.5353, ptz: true, tags: ['giao thông', 'nút giao'], rtspUrl: 'rtsp://127.0.0.1:8554/camera' },
  { code: 'dx-quang-truong', name: 'Quảng trường tỉnh, đường Trần Hưng Đạo', unitCode: 'DN-new-p-dong-xoai', lon: 106.8995, lat: 11.5402, ptz: true, tags: ['trật tự', 'tụ tập đông người'], rtspUrl: nowhere('dx-quang-truong') },
  { code: 'dx-cho-dong-xoai', name: 'Chợ Đồng Xoài, đường Lê Quý Đôn', unitCode: 'DN-new-p-dong-xoai', lon: 106.8868, lat: 11.5330, ptz: false, tags: ['trật tự', 'chợ'], rtspUrl: nowhere('dx-cho') },
  { code: 'dx-phu-rieng-do-hung-vuong', name: 'Giao lộ Phú Riềng Đỏ × Hùng Vương', unitCode: 'DN-new-p-binh-phuoc', lon: 106.8935, lat: 11.5450, ptz: false, tags: ['giao thông', 'nút giao'], rtspUrl: nowhere('dx-prd-hv') },
  { code: 'dx-kcn-dong-xoai-1', name: 'QL14, cổng KCN Đồng Xoài I', unitCode: 'DN-new-p-dong-xoai', lon: 106.8725, lat: 11.5005, ptz: false, tags: ['giao thông', 'khu công nghiệp'], rtspUrl: nowhere('dx-kcn1') },
  { code: 'bh-vong-xoay-tam-hiep', name: 'Vòng xoay Tam Hiệp, Biên Hòa', unitCode: '75', lon: 106.8608, lat: 10.9467, ptz: true, tags: ['giao thông', 'nút giao'], rtspUrl: nowhere('bh-tam-hiep') },
  { code: 'bh-nga-tu-vung-tau', name: 'Ngã tư Vũng Tàu, Biên Hòa (QL1A × QL51)', unitCode: '75', lon: 106.8524, lat: 10.9268, ptz: true, tags: ['giao thông', 'nút giao'], rtspUrl: nowhere('bh-nga-tu-vung-tau') },
  { code: 'bh-cau-hoa-an', name: 'Cầu Hóa An, Biên Hòa', unitCode: '75', lon: 106.8067, lat: 10.9385, ptz: false, tags: ['giao thông', 'cầu'], rtspUrl: nowhere('bh-cau-hoa-an') },
];

export async function hasDemoCameras(db: DbOrTx): Promise<boolean> {
  return (await countCamerasInDemo(db)) > 0;
}

export async function seedDemoCameras(db: DbOrTx): Promise<number> {
  const units = new Map((await unitsByCodes(db, [...new Set(demoCameras.map((c) => c.unitCode))])).map((u) => [u.code, u]));
  let seeded = 0;
  for (const c of demoCameras) {
    const unit = units.get(c.unitCode);
    if (!unit) continue;
    await insertCamera(db, {
      id: uuidv7(), code: c.code, name: c.name, rtspUrl: c.rtspUrl, unitId: unit.id, unitPath: unit.path, lon: c.lon, lat: c.lat,
      ptz: c.ptz, tags: c.tags, enabled: true, isSynthetic: true, status: 'offline',
    });
    seeded += 1;
  }
  return seeded;
}
