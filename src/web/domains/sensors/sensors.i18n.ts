// Strings of the sensors page (Cảm biến): Vietnamese first, then English.

export const sensorsVi = {
  title: 'Cảm biến',
  intro: 'Trạm quan trắc không khí, mực nước, đo mưa và đếm xe; giá trị cập nhật trực tiếp.',
  type: { all: 'Tất cả loại', 'air-quality': 'Quan trắc không khí', 'water-level': 'Mực nước', 'rain-gauge': 'Đo mưa', 'traffic-counter': 'Đếm lưu lượng xe' },
  status: { all: 'Mọi trạng thái', online: 'Trực tuyến', offline: 'Mất kết nối', 'never-seen': 'Chưa gửi dữ liệu' },
  metric: {
    pm25: 'PM2.5', pm10: 'PM10', no2: 'NO₂', o3: 'O₃', co: 'CO', temperature: 'Nhiệt độ', humidity: 'Độ ẩm', aqi: 'AQI',
    waterLevel: 'Mực nước', precipitation: 'Lượng mưa', intensity: 'Lưu lượng', averageVehicleSpeed: 'Tốc độ TB', occupancy: 'Chiếm dụng', congested: 'Ùn tắc',
  },
  filter: { unit: 'Địa bàn', allUnits: 'Toàn bộ phạm vi', type: 'Loại thiết bị', status: 'Trạng thái', search: 'Tìm theo mã hoặc tên' },
  col: { status: 'Trạng thái', name: 'Thiết bị', type: 'Loại', unit: 'Địa bàn', values: 'Giá trị mới nhất', lastSeen: 'Lần gửi cuối' },
  count: '{{shown}} / {{total}} thiết bị',
  live: 'Trực tiếp',
  empty: 'Không có thiết bị nào phù hợp.',
  detail: {
    title: 'Chi tiết thiết bị', metricLabel: 'Chỉ số', range: 'Khoảng thời gian', resolution: 'Độ phân giải', close: 'Đóng',
    chartLabel: 'Biểu đồ {{metric}} của {{name}}', avg: 'Trung bình', min: 'Thấp nhất', max: 'Cao nhất', noData: 'Chưa có dữ liệu trong khoảng này.',
    interval: 'Chu kỳ gửi: {{n}} giây', agency: 'Cơ quan quản lý', location: 'Vị trí', synthetic: 'Dữ liệu giả lập (demo)',
    rotate: 'Cấp lại mã thiết bị', delete: 'Xóa thiết bị', confirmDelete: 'Xóa thiết bị {{id}}? Lịch sử đo được giữ đến hết thời hạn lưu trữ.',
  },
  ranges: { '6h': '6 giờ', '24h': '24 giờ', '7d': '7 ngày', '30d': '30 ngày' },
  resolutions: { auto: 'Tự động', raw: 'Dữ liệu gốc', '1m': '1 phút', '1h': '1 giờ', '1d': '1 ngày' },
  register: {
    open: 'Đăng ký thiết bị', title: 'Đăng ký thiết bị mới', id: 'Mã thiết bị (chữ thường, số, . _ -)', name: 'Tên thiết bị', type: 'Loại',
    unit: 'Đơn vị hành chính', lon: 'Kinh độ', lat: 'Vĩ độ', interval: 'Chu kỳ gửi (giây)', submit: 'Đăng ký', cancel: 'Hủy',
    tokenTitle: 'Mã truy cập của thiết bị', tokenHint: 'Mã này chỉ hiển thị một lần. Hãy cấu hình ngay cho thiết bị (tiêu đề x-device-token hoặc trường token trong MQTT).',
    done: 'Đã lưu mã, đóng', failed: 'Không đăng ký được thiết bị',
  },
  noPermission: 'Bạn không có quyền xem cảm biến.',
};

export const sensorsEn: typeof sensorsVi = {
  title: 'Sensors',
  intro: 'Air quality stations, water level and rain gauges, traffic counters; values update live.',
  type: { all: 'All types', 'air-quality': 'Air quality', 'water-level': 'Water level', 'rain-gauge': 'Rain gauge', 'traffic-counter': 'Traffic counter' },
  status: { all: 'Any status', online: 'Online', offline: 'Offline', 'never-seen': 'Never reported' },
  metric: {
    pm25: 'PM2.5', pm10: 'PM10', no2: 'NO₂', o3: 'O₃', co: 'CO', temperature: 'Temperature', humidity: 'Humidity', aqi: 'AQI',
    waterLevel: 'Water level', precipitation: 'Rain', intensity: 'Flow', averageVehicleSpeed: 'Avg speed', occupancy: 'Occupancy', congested: 'Congested',
  },
  filter: { unit: 'Area', allUnits: 'Whole scope', type: 'Device type', status: 'Status', search: 'Search by id or name' },
  col: { status: 'Status', name: 'Device', type: 'Type', unit: 'Area', values: 'Latest values', lastSeen: 'Last report' },
  count: '{{shown}} / {{total}} devices',
  live: 'Live',
  empty: 'No device matches.',
  detail: {
    title: 'Device details', metricLabel: 'Metric', range: 'Range', resolution: 'Resolution', close: 'Close',
    chartLabel: 'Chart of {{metric}} at {{name}}', avg: 'Average', min: 'Minimum', max: 'Maximum', noData: 'No data in this range yet.',
    interval: 'Reports every {{n}} s', agency: 'Owner agency', location: 'Location', synthetic: 'Synthetic (demo) data',
    rotate: 'Issue a new device token', delete: 'Delete device', confirmDelete: 'Delete device {{id}}? Its history is kept until retention removes it.',
  },
  ranges: { '6h': '6 hours', '24h': '24 hours', '7d': '7 days', '30d': '30 days' },
  resolutions: { auto: 'Automatic', raw: 'Raw', '1m': '1 minute', '1h': '1 hour', '1d': '1 day' },
  register: {
    open: 'Register a device', title: 'Register a new device', id: 'Device id (lower case, digits, . _ -)', name: 'Name', type: 'Type',
    unit: 'Administrative unit', lon: 'Longitude', lat: 'Latitude', interval: 'Reporting interval (s)', submit: 'Register', cancel: 'Cancel',
    tokenTitle: 'Device access token', tokenHint: 'This token is shown once. Configure it on the device now (header x-device-token, or the token field over MQTT).',
    done: 'Saved it, close', failed: 'The device could not be registered',
  },
  noPermission: 'You are not allowed to see sensors.',
};
