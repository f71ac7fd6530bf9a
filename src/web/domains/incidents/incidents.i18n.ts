// Strings of incidents (sự cố) and the traffic & public-order dashboard: Vietnamese first, then English.

export const incidentsVi = {
  title: 'Sự cố',
  intro: 'Sự cố tạo từ cảnh báo, camera, phản ánh của người dân hoặc nhập tay; điều động cơ quan, theo dõi xác nhận và đóng bằng báo cáo kết thúc.',
  tabs: { label: 'Sự cố', list: 'Danh sách', dashboard: 'Giao thông & trật tự' },
  type: {
    accident: 'Tai nạn giao thông', congestion: 'Ùn tắc giao thông', violation: 'Vi phạm giao thông', fight: 'Đánh nhau, gây rối', fire: 'Cháy, nổ',
    gathering: 'Tụ tập đông người', flood: 'Ngập lụt', environment: 'Môi trường', other: 'Khác',
  },
  category: { traffic: 'Giao thông', 'public-order': 'Trật tự công cộng', other: 'Khác' },
  status: { open: 'Mới', dispatched: 'Đã điều động', in_progress: 'Đang xử lý', resolved: 'Đã xử lý xong', closed: 'Đã đóng' },
  move: { open: 'Mở lại', in_progress: 'Bắt đầu xử lý', resolved: 'Đã xử lý xong', closed: 'Đóng sự cố', dispatched: 'Điều động' },
  col: { code: 'Mã', type: 'Loại', title: 'Nội dung', place: 'Địa bàn', severity: 'Mức độ', status: 'Trạng thái', time: 'Thời điểm', agencies: 'Cơ quan xác nhận' },
  filter: { status: 'Trạng thái', unfinished: 'Chưa xong', all: 'Tất cả', type: 'Loại', anyType: 'Mọi loại', area: 'Địa bàn', anyArea: 'Toàn phạm vi' },
  caption: 'Danh sách sự cố', empty: 'Không có sự cố nào khớp bộ lọc.', total: '{{n}} sự cố',
  new: 'Tạo sự cố', create: {
    title: 'Tạo sự cố', type: 'Loại sự cố', name: 'Tiêu đề', description: 'Mô tả', severity: 'Mức độ', area: 'Địa bàn', address: 'Địa chỉ',
    lat: 'Vĩ độ', lon: 'Kinh độ', submit: 'Tạo', cancel: 'Hủy', fromReport: 'Từ phản ánh (mã nội bộ, tùy chọn)',
  },
  detail: {
    back: 'Về danh sách', source: 'Nguồn', sources: 'Nguồn sự cố', noSources: 'Nhập tay', dispatches: 'Cơ quan được điều động', noDispatch: 'Chưa điều động cơ quan nào.',
    acknowledged: 'Đã xác nhận lúc {{at}} ({{by}})', waiting: 'Chờ xác nhận', acknowledge: 'Xác nhận cho cơ quan', acknowledgeMine: 'Cơ quan tôi xác nhận',
    dispatch: 'Điều động', agency: 'Cơ quan', note: 'Ghi chú', addNote: 'Thêm ghi chú', timeline: 'Diễn biến', closure: 'Báo cáo kết thúc',
    closurePlaceholder: 'Kết quả xử lý, lực lượng tham gia, thiệt hại (nếu có)…', closureNeeded: 'Cần báo cáo kết thúc để đóng sự cố.',
    occurred: 'Xảy ra lúc {{at}}', location: 'Vị trí', done: 'Đã cập nhật.',
  },
  event: {
    created: 'Tạo sự cố', linked: 'Gắn nguồn', dispatched: 'Điều động', acknowledged: 'Cơ quan xác nhận', status: 'Chuyển trạng thái', note: 'Ghi chú',
    'closure-report': 'Báo cáo kết thúc',
  },
  dashboard: {
    title: 'Giao thông và trật tự công cộng', period: 'Khoảng thời gian', lastDays: '{{n}} ngày qua', category: 'Nhóm', all: 'Tất cả',
    byType: 'Theo loại', byUnit: 'Theo địa bàn', byHour: 'Theo giờ trong ngày', total: 'Tổng số sự cố', count: 'Số sự cố', hour: '{{h}} giờ',
    byTypeAria: 'Biểu đồ cột số sự cố theo loại', byUnitAria: 'Biểu đồ cột số sự cố theo địa bàn', byHourAria: 'Biểu đồ cột số sự cố theo giờ trong ngày',
  },
};

export const incidentsEn: typeof incidentsVi = {
  title: 'Incidents',
  intro: 'Incidents made from alarms, cameras, citizen reports or by hand: dispatch agencies, follow their acknowledgements and close with a closure report.',
  tabs: { label: 'Incidents', list: 'List', dashboard: 'Traffic & public order' },
  type: {
    accident: 'Traffic accident', congestion: 'Congestion', violation: 'Traffic violation', fight: 'Fight, disorder', fire: 'Fire, explosion',
    gathering: 'Crowd gathering', flood: 'Flooding', environment: 'Environment', other: 'Other',
  },
  category: { traffic: 'Traffic', 'public-order': 'Public order', other: 'Other' },
  status: { open: 'Open', dispatched: 'Dispatched', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' },
  move: { open: 'Reopen', in_progress: 'Start work', resolved: 'Mark resolved', closed: 'Close', dispatched: 'Dispatch' },
  col: { code: 'Code', type: 'Type', title: 'What', place: 'Area', severity: 'Severity', status: 'Status', time: 'When', agencies: 'Agencies acknowledged' },
  filter: { status: 'Status', unfinished: 'Unfinished', all: 'All', type: 'Type', anyType: 'Any type', area: 'Area', anyArea: 'Whole scope' },
  caption: 'Incidents', empty: 'No incident matches the filters.', total: '{{n}} incidents',
  new: 'New incident', create: {
    title: 'New incident', type: 'Type', name: 'Title', description: 'Description', severity: 'Severity', area: 'Area', address: 'Address',
    lat: 'Latitude', lon: 'Longitude', submit: 'Create', cancel: 'Cancel', fromReport: 'From a citizen report (internal id, optional)',
  },
  detail: {
    back: 'Back to the list', source: 'Source', sources: 'Sources', noSources: 'Entered by hand', dispatches: 'Dispatched agencies', noDispatch: 'No agency dispatched yet.',
    acknowledged: 'Acknowledged {{at}} ({{by}})', waiting: 'Waiting for acknowledgement', acknowledge: 'Record acknowledgement', acknowledgeMine: 'My agency acknowledges',
    dispatch: 'Dispatch', agency: 'Agency', note: 'Note', addNote: 'Add a note', timeline: 'Timeline', closure: 'Closure report',
    closurePlaceholder: 'Outcome, who took part, damage (if any)…', closureNeeded: 'A closure report is needed to close the incident.',
    occurred: 'Occurred {{at}}', location: 'Location', done: 'Updated.',
  },
  event: {
    created: 'Created', linked: 'Source linked', dispatched: 'Dispatched', acknowledged: 'Agency acknowledged', status: 'Status changed', note: 'Note',
    'closure-report': 'Closure report',
  },
  dashboard: {
    title: 'Traffic and public order', period: 'Period', lastDays: 'last {{n}} days', category: 'Group', all: 'All',
    byType: 'By type', byUnit: 'By area', byHour: 'By hour of day', total: 'Incidents', count: 'Incidents', hour: '{{h}}:00',
    byTypeAria: 'Bar chart of incidents by type', byUnitAria: 'Bar chart of incidents by area', byHourAria: 'Bar chart of incidents by hour of day',
  },
};
