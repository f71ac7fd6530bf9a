// Stable error codes shared by server and web. Each code has one HTTP status and messages in English
// (problem `title`) and Vietnamese (problem `detail`); see docs/architecture.md "Errors".
export const errorTable = {
  'bad-request': { status: 400, en: 'The request is not valid.', vi: 'Yêu cầu không hợp lệ.' },
  'validation-failed': { status: 400, en: 'Some fields are missing or invalid.', vi: 'Một số trường bị thiếu hoặc không hợp lệ.' },
  'invalid-json': { status: 400, en: 'The request body is not valid JSON.', vi: 'Nội dung yêu cầu không phải JSON hợp lệ.' },
  'unauthenticated': { status: 401, en: 'Sign in first.', vi: 'Vui lòng đăng nhập.' },
  'invalid-credentials': { status: 401, en: 'Wrong username or password.', vi: 'Sai tên đăng nhập hoặc mật khẩu.' },
  'account-locked': { status: 429, en: 'Too many failed sign-ins; try again later.', vi: 'Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.' },
  'csrf-failed': { status: 403, en: 'Missing or wrong CSRF token.', vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).' },
  'forbidden': { status: 403, en: 'You do not have permission to do this.', vi: 'Bạn không có quyền thực hiện thao tác này.' },
  'out-of-scope': { status: 403, en: 'That unit is outside your scope.', vi: 'Đơn vị này nằm ngoài phạm vi của bạn.' },
  'not-found': { status: 404, en: 'Not found.', vi: 'Không tìm thấy.' },
  'conflict': { status: 409, en: 'The record was changed by someone else.', vi: 'Bản ghi đã bị người khác thay đổi.' },
  'duplicate-code': { status: 409, en: 'That code is already used.', vi: 'Mã này đã được sử dụng.' },
  'duplicate-username': { status: 409, en: 'That username is already taken.', vi: 'Tên đăng nhập đã tồn tại.' },
  'unit-ended': { status: 409, en: 'The unit has already ended.', vi: 'Đơn vị đã chấm dứt hoạt động.' },
  'unit-has-active-children': { status: 409, en: 'End or move the unit’s children first.', vi: 'Cần chấm dứt hoặc chuyển các đơn vị trực thuộc trước.' },
  'invalid-successors': { status: 400, en: 'Successors must be valid units whose shares add up to 1.', vi: 'Đơn vị kế thừa phải hợp lệ và tổng tỷ lệ bằng 1.' },
  'invalid-parent': { status: 400, en: 'The parent unit is not valid for this date.', vi: 'Đơn vị cấp trên không hợp lệ tại thời điểm này.' },
  'import-failed': { status: 422, en: 'The file has invalid rows; nothing was imported.', vi: 'Tệp có dòng không hợp lệ; chưa nhập dữ liệu nào.' },
  'ingest-rejected': { status: 422, en: 'Some dossiers are invalid; nothing was saved.', vi: 'Một số hồ sơ không hợp lệ; chưa lưu hồ sơ nào.' },
  'upstream-failed': { status: 502, en: 'The other system could not be reached or answered with an error.', vi: 'Không kết nối được với hệ thống bên ngoài hoặc hệ thống đó trả về lỗi.' },
  'invalid-period': { status: 400, en: 'That period does not exist for this form.', vi: 'Kỳ báo cáo không hợp lệ đối với biểu mẫu này.' },
  'not-assigned': { status: 403, en: 'This unit does not report this form.', vi: 'Đơn vị không thuộc danh sách báo cáo biểu mẫu này.' },
  'value-invalid': { status: 400, en: 'Some values are of the wrong type or out of range; nothing was saved.', vi: 'Một số giá trị sai kiểu hoặc ngoài phạm vi; chưa lưu giá trị nào.' },
  'stale-value': { status: 409, en: 'Someone else changed these cells since you loaded them; nothing was saved.', vi: 'Ô dữ liệu đã bị người khác sửa sau khi bạn mở; chưa lưu giá trị nào.' },
  'report-not-editable': { status: 409, en: 'The report is submitted, approved or locked and cannot be edited.', vi: 'Báo cáo đã gửi, đã duyệt hoặc đã khóa nên không thể sửa.' },
  'invalid-transition': { status: 409, en: 'The report is not in a state that allows this action.', vi: 'Trạng thái báo cáo không cho phép thao tác này.' },
  'validation-blocked': { status: 422, en: 'Blocking validation rules fail; fix the values before submitting.', vi: 'Dữ liệu vi phạm quy tắc kiểm tra bắt buộc; cần sửa trước khi gửi.' },
  'formula-invalid': { status: 400, en: 'The formula is not valid.', vi: 'Công thức không hợp lệ.' },
  'formula-cycle': { status: 400, en: 'The formula would make indicators depend on themselves.', vi: 'Công thức tạo vòng lặp phụ thuộc giữa các chỉ tiêu.' },
  'idempotency-mismatch': { status: 422, en: 'This idempotency key was used with a different request.', vi: 'Khóa chống trùng lặp đã được dùng cho một yêu cầu khác.' },
  'payload-too-large': { status: 413, en: 'The request body is too large.', vi: 'Dung lượng yêu cầu vượt quá giới hạn.' },
  'unsupported-media-type': { status: 415, en: 'Unsupported content type.', vi: 'Kiểu nội dung không được hỗ trợ.' },
  'rate-limited': { status: 429, en: 'Too many requests; slow down.', vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau.' },
  'not-ready': { status: 503, en: 'The service is not ready.', vi: 'Hệ thống chưa sẵn sàng.' },
  'internal': { status: 500, en: 'Something went wrong on our side.', vi: 'Đã xảy ra lỗi hệ thống.' },
} as const satisfies Record<string, { status: number; en: string; vi: string }>;

export type ErrorCode = keyof typeof errorTable;

export function problemType(code: ErrorCode): string {
  return `urn:ioc:problem:${code}`;
}
