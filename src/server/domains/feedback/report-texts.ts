// SYNTHETIC Vietnamese report texts for the demo and for training/testing the classifier: templates with
// slots (real unit, street and landmark names of the demo area — the former Bình Phước, part of Đồng Nai
// since 2025-07-01 —, times, objects), varied phrasing, and the habits of citizens who write in a hurry:
// no diacritics, no capitals, a slipped key. Deterministic for a given random generator. The events
// described are made up.
import { demoCategories } from './categories.data.js';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Real streets and landmarks near each demo unit of 2025 (by unit code); units not listed get hamlets/quarters only. */
export const demoLandmarks: Readonly<Record<string, readonly string[]>> = {
  'DN-new-p-dong-xoai': ['đường Phú Riềng Đỏ', 'đường Hùng Vương', 'đường Trần Hưng Đạo', 'đường Lê Duẩn', 'đường Nguyễn Huệ', 'Quốc lộ 14', 'chợ Đồng Xoài', 'hồ Suối Cam', 'ngã tư Đồng Xoài', 'Quảng trường tỉnh'],
  'DN-new-p-binh-phuoc': ['đường Phú Riềng Đỏ', 'Quốc lộ 14', 'đường Trường Chinh', 'khu công nghiệp Đồng Xoài', 'Bệnh viện Đa khoa tỉnh'],
  'DN-new-p-chon-thanh': ['Quốc lộ 13', 'Quốc lộ 14', 'chợ Chơn Thành', 'khu công nghiệp Becamex Bình Phước'],
  'DN-new-p-minh-hung': ['Quốc lộ 13', 'khu công nghiệp Minh Hưng'],
  'DN-new-p-binh-long': ['Quốc lộ 13', 'chợ Bình Long', 'đường Nguyễn Huệ'],
  'DN-new-p-an-loc': ['Quốc lộ 13', 'chợ An Lộc', 'đường Trần Hưng Đạo'],
  'DN-new-p-phuoc-binh': ['đường ĐT741', 'chợ Phước Bình', 'núi Bà Rá'],
  'DN-new-p-phuoc-long': ['đường ĐT741', 'đường ĐT759', 'hồ Thác Mơ', 'chợ Phước Long', 'núi Bà Rá'],
  'DN-new-x-tan-khai': ['Quốc lộ 13', 'chợ Tân Khai'],
  'DN-new-x-loc-ninh': ['Quốc lộ 13', 'chợ Lộc Ninh'],
  'DN-new-x-bu-dang': ['Quốc lộ 14', 'chợ Bù Đăng'],
  'DN-new-x-dong-phu': ['đường ĐT741', 'hồ Suối Giai'],
  'DN-new-x-phu-rieng': ['đường ĐT741', 'chợ Phú Riềng'],
  'DN-new-x-bu-gia-map': ['đường ĐT759', 'Vườn quốc gia Bù Gia Mập'],
  'DN-new-x-nha-bich': ['Quốc lộ 13', 'Quốc lộ 14'],
  'DN-new-x-dong-tam': ['Quốc lộ 14'],
  'DN-new-x-minh-duc': ['Quốc lộ 13'],
};

export interface TextPlace {
  /** The unit's official name, e.g. "Phường Đồng Xoài". */
  unitName: string;
  /** The unit's code, to find its landmarks (optional). */
  unitCode?: string | undefined;
}

export interface ReportText { description: string; address: string }

const times = ['sáng nay', 'tối qua', 'đêm qua', 'chiều nay', 'khoảng 22h tối qua', 'lúc 6h sáng nay', 'khoảng 9 giờ sáng', 'từ 2 giờ chiều', 'trưa nay', 'tối hôm kia', 'lúc nửa đêm'];
const sinces = ['mấy ngày nay', 'cả tuần nay', 'hơn 1 tháng nay', 'từ đầu tuần', '3 ngày nay', 'lâu rồi', 'nhiều tháng nay', 'từ tết tới giờ', 'hai tuần nay'];
const openers = ['', '', '', 'Kính gửi tổng đài 1022. ', 'Alo 1022, ', 'Cho em phản ánh: ', 'Tôi xin phản ánh ', 'Xin chào, ', 'Chào anh chị, ', 'Kính gửi cơ quan chức năng, ', 'Dân ở đây phản ánh '];
const closers = ['', '', 'Đề nghị cơ quan chức năng xử lý sớm.', 'Mong được giải quyết.', 'Xin cảm ơn!', 'Đề nghị kiểm tra xử lý.', 'Rất mong chính quyền quan tâm.', 'Bà con rất bức xúc.', 'Nhờ 1022 chuyển giúp.', 'Mong sớm khắc phục giúp dân.', 'Cảm ơn tổng đài.'];

// Vague reports that say little about what is wrong: they keep the classifier honest (a few per category).
const vagueTemplates = [
  'Phản ánh tình trạng ở {where} {since} chưa được xử lý.',
  'Đề nghị kiểm tra khu vực {where}, {place}, bà con bức xúc {since}.',
  'Tôi đã báo {since} mà chưa thấy ai xuống {where}.',
  'Ở {where} lại xảy ra như lần trước, đề nghị xử lý dứt điểm.',
];

// Each category: templates with {where}, {place}, {time}, {since} and its own slots.
interface CategoryTemplates { templates: readonly string[]; slots: Readonly<Record<string, readonly string[]>> }

const byCategory: Readonly<Record<string, CategoryTemplates>> = {
  'public-order': {
    templates: [
      'Nhóm thanh niên tụ tập {act} tại {where}, {time} gây mất an ninh trật tự.',
      'Tình trạng {act} diễn ra {since} ở {where} thuộc {place}, người dân không dám ra đường.',
      'Có đối tượng {act} gần {where}, {time} còn xảy ra xô xát.',
      'Quán karaoke ở {where} {noise} đến khuya, {since} không ai ngủ được.',
      'Phản ánh nhà ở {where} tổ chức {gamble} {since}, nhiều người lạ ra vào.',
      'Trộm cắp {stolen} xảy ra liên tục ở {where}, {place}; {time} lại mất.',
      'Đề nghị công an kiểm tra {where}, có {act}.',
    ],
    slots: {
      act: ['đánh nhau', 'gây rối', 'uống rượu la hét', 'đua xe trái phép', 'nẹt pô', 'cho vay nặng lãi đòi nợ', 'cờ bạc', 'hút chích', 'chửi bới'],
      noise: ['hát karaoke ồn ào', 'mở nhạc rất to', 'mở loa kẹo kéo ầm ĩ', 'hát hò ồn ào'],
      gamble: ['đánh bài ăn tiền', 'đá gà ăn tiền', 'đánh bạc', 'ghi lô đề'],
      stolen: ['xe máy', 'điện thoại', 'mủ cao su', 'gà vịt', 'đồ trong nhà', 'điều'],
    },
  },
  'fire': {
    templates: [
      'Cháy {fireObj} ở {where}, {time}, khói bốc lên rất nhiều.',
      'Đang cháy {fireObj} tại {where} thuộc {place}, đề nghị lực lượng chữa cháy tới gấp!',
      '{time} có vụ cháy {fireObj} gần {where}, lửa lan nhanh.',
      'Phát hiện mùi khét và khói từ {fireObj} ở {where}, nghi chập điện gây cháy.',
      'Nổ {boom} tại {where}, {time}, có nguy cơ cháy lan sang nhà bên cạnh.',
      'Có người đốt {burn} gần {where} gây cháy lan, khói mù mịt.',
    ],
    slots: {
      fireObj: ['nhà dân', 'kho hàng', 'xưởng gỗ', 'vườn cao su', 'rẫy điều', 'bãi rác', 'tiệm tạp hóa', 'cửa hàng điện máy', 'xe tải', 'trụ điện', 'nhà trọ'],
      boom: ['bình gas', 'trạm biến áp', 'nồi hơi', 'bình ắc quy xe điện'],
      burn: ['rác', 'cỏ khô', 'thực bì', 'rơm rạ'],
    },
  },
  'emergency': {
    templates: [
      'Có người {injury} tại {where}, cần xe cấp cứu gấp.',
      '{time} một cụ già {injury} ở {where}, gia đình cần hỗ trợ cấp cứu.',
      'Cần cấp cứu: công nhân {injury} trong {work} gần {where}.',
      'Một em nhỏ {child} ở {where} thuộc {place}, đề nghị hỗ trợ y tế khẩn.',
      'Người bị {poison} sau khi ăn cỗ ở {where}, nhiều người nôn ói, cần cấp cứu.',
    ],
    slots: {
      injury: ['bị ngất xỉu', 'bị té ngã chảy máu nhiều', 'bị đột quỵ', 'bị điện giật', 'khó thở', 'bị thương nặng', 'bất tỉnh'],
      work: ['công trình xây dựng', 'xưởng cơ khí', 'nhà máy', 'vườn cao su'],
      child: ['bị đuối nước', 'bị chó cắn', 'sốt cao co giật', 'bị ong đốt'],
      poison: ['ngộ độc thực phẩm', 'ngộ độc'],
    },
  },
  'traffic-accident': {
    templates: [
      'Tai nạn giao thông giữa {vehicle} và {vehicle2} trên {road}, {time}.',
      'Vừa xảy ra va chạm {vehicle} với {vehicle2} ở {where}, có người bị thương nằm trên đường.',
      '{time} xe {vehicle} tông {vehicle2} tại {road} đoạn qua {place}, ùn tắc kéo dài.',
      'Tai nạn liên hoàn trên {road}, nhiều xe hư hỏng, cần CSGT phân luồng.',
      '{vehicle} lật ở khúc cua {road} gần {where}, hàng hóa đổ ra đường.',
      'Xe {vehicle} chạy quá tốc độ gây tai nạn rồi bỏ chạy tại {where}.',
    ],
    slots: {
      vehicle: ['xe tải', 'xe container', 'xe máy', 'ô tô con', 'xe khách', 'xe ben', 'xe đầu kéo', 'xe ba gác'],
      vehicle2: ['xe máy', 'người đi bộ', 'xe đạp', 'ô tô', 'xe tải', 'học sinh đi xe đạp điện'],
      road: ['Quốc lộ 13', 'Quốc lộ 14', 'đường ĐT741', 'đường ĐT759', 'đường Phú Riềng Đỏ', 'đường Hùng Vương', 'ngã tư Đồng Xoài', 'đường ĐT753'],
    },
  },
  'urban-order': {
    templates: [
      'Hàng quán {encroach} tại {where}, người đi bộ phải đi xuống lòng đường.',
      'Công trình {build} tại {where} thuộc {place} {since} chưa thấy ai xử lý.',
      'Tình trạng {encroach} ở {where} diễn ra {since}, gây mất mỹ quan đô thị.',
      'Bảng quảng cáo {ads} dọc {where}, rất nguy hiểm khi có gió lớn.',
      'Có hộ dân {build} lấn ra đường tại {where}, đề nghị kiểm tra giấy phép.',
      'Xe {parking} ở {where}, {time} gây cản trở giao thông.',
      'Chợ tự phát họp ngay trên {where}, {encroach}.',
    ],
    slots: {
      encroach: ['lấn chiếm vỉa hè', 'bày bán lấn chiếm lòng đường', 'dựng mái che lấn chiếm vỉa hè', 'để xe chiếm hết vỉa hè', 'buôn bán lấn chiếm lòng lề đường'],
      build: ['xây dựng trái phép', 'xây dựng không phép', 'xây nhà sai giấy phép', 'cơi nới trái phép', 'san lấp đất trái phép'],
      ads: ['dựng sai quy định', 'treo chằng chịt', 'lắp trái phép', 'bị nghiêng sắp đổ'],
      parking: ['tải đậu đỗ trái phép', 'đậu đỗ tràn lan', 'container đậu dưới lòng đường', 'khách đón trả khách sai quy định'],
    },
  },
  'environment': {
    templates: [
      'Rác thải {trash} tại {where}, {since} không ai thu gom, bốc mùi hôi thối.',
      'Cơ sở {factory} gần {where} xả {waste}, người dân {suffer}.',
      'Có người đổ trộm {trash2} ven {where}, {time} lại đổ thêm.',
      'Mùi hôi từ {factory} ở {place} {since}, bà con {suffer}.',
      'Xác {animal} chết trôi ở {where}, đề nghị xử lý vệ sinh.',
      'Khói bụi từ {factory} gần {where} gây ô nhiễm không khí nghiêm trọng.',
      'Điểm tập kết rác ở {where} quá tải, nước rỉ rác chảy ra đường.',
    ],
    slots: {
      trash: ['sinh hoạt tồn đọng', 'chất đống', 'vứt bừa bãi', 'ùn ứ'],
      trash2: ['xà bần', 'rác thải công nghiệp', 'rác sinh hoạt', 'chất thải chăn nuôi', 'bao bì thuốc trừ sâu'],
      factory: ['trại heo', 'trại gà', 'nhà máy chế biến mủ cao su', 'lò than', 'cơ sở chế biến hạt điều', 'nhà máy mì', 'xưởng sản xuất'],
      waste: ['nước thải chưa xử lý ra suối', 'nước thải ra kênh', 'khí thải', 'nước thải đen ngòm'],
      suffer: ['phải đóng cửa suốt ngày', 'bị ảnh hưởng sức khỏe', 'không chịu nổi mùi hôi', 'rất khổ sở'],
      animal: ['heo', 'gà', 'chó', 'cá'],
    },
  },
  'public-lighting': {
    templates: [
      'Đèn đường {lampIssue} tại {where}, {since} tối om rất nguy hiểm.',
      'Đoạn {where} thuộc {place} {lampIssue}, ban đêm đi lại khó khăn.',
      'Hệ thống chiếu sáng ở {where} {lampIssue}, đề nghị sửa chữa.',
      'Cột đèn số {pole} trên {where} {lampIssue}.',
      'Đèn chiếu sáng công cộng {where} {lampIssue} {since}, trộm cắp lợi dụng.',
    ],
    slots: {
      lampIssue: ['bị hỏng không sáng', 'không sáng', 'chập chờn lúc sáng lúc tắt', 'sáng cả ban ngày', 'bị tắt hết', 'bóng đèn bị vỡ', 'cháy bóng'],
      pole: ['12', '25', '37', '48', '103', '7', '16'],
    },
  },
  'roads': {
    templates: [
      'Mặt đường {where} {roadIssue}, xe máy té ngã liên tục.',
      '{roadIssue2} trên {where} thuộc {place} {since} chưa được sửa chữa.',
      'Nắp hố ga ở {where} {drain}, rất nguy hiểm cho người đi đường.',
      'Đường {where} {roadIssue}, mưa xuống ngập sâu không đi được.',
      'Biển báo giao thông tại {where} {sign}.',
      'Cầu {bridge} ở {place} {bridgeIssue}, đề nghị kiểm tra gấp.',
      'Đoạn {where} {roadIssue}, {time} có xe bị sa lầy.',
    ],
    slots: {
      roadIssue: ['xuống cấp nghiêm trọng', 'có nhiều ổ gà', 'bị sụt lún', 'hư hỏng nặng', 'bong tróc nhựa', 'nứt toác'],
      roadIssue2: ['Ổ gà lớn', 'Hố sâu giữa đường', 'Sụt lún mặt đường', 'Mặt đường bị lún'],
      drain: ['bị mất', 'bị vỡ', 'bị hụt xuống', 'bị kênh lên'],
      sign: ['bị đổ', 'bị che khuất', 'bị mất', 'đèn tín hiệu không hoạt động'],
      bridge: ['tràn', 'gỗ', 'khỉ', 'bê tông'],
      bridgeIssue: ['bị nứt', 'bị sạt lở hai đầu', 'lan can bị gãy', 'bị lún'],
    },
  },
  'water-supply': {
    templates: [
      'Khu vực {where} bị {waterIssue} {since}, sinh hoạt rất khó khăn.',
      'Ống nước {pipe} tại {where}, nước chảy lênh láng ra đường.',
      'Nước máy ở {place} {dirty}, không dám dùng để nấu ăn.',
      '{time} mất nước toàn khu {where}, không thấy thông báo trước.',
      'Vỡ đường ống cấp nước trên {where}, lãng phí nước sạch.',
      'Đồng hồ nước nhà tôi ở {where} {meter}.',
    ],
    slots: {
      waterIssue: ['mất nước', 'nước yếu', 'cúp nước liên tục', 'nước chảy rất yếu'],
      pipe: ['bị vỡ', 'bị bể', 'bị rò rỉ', 'bị xì'],
      dirty: ['có màu vàng đục', 'có mùi hôi', 'nhiều cặn bẩn', 'có mùi clo nồng nặc'],
      meter: ['chạy bất thường', 'bị hỏng', 'ghi chỉ số sai, hóa đơn tiền nước tăng vọt'],
    },
  },
  'public-administration': {
    templates: [
      'Tôi nộp hồ sơ {dossier} tại {office} {place} {since} nhưng {delay}.',
      'Cán bộ {office} {attitude} khi tôi đến làm thủ tục {dossier}.',
      'Hồ sơ {dossier} của tôi {delay}, đề nghị kiểm tra.',
      'Phản ánh việc giải quyết thủ tục {dossier} ở {office} {place} chậm trễ, gây phiền hà.',
      'Đã nộp hồ sơ {dossier} trực tuyến trên cổng dịch vụ công nhưng {delay}.',
      'Cán bộ tiếp dân {attitude}, yêu cầu bổ sung giấy tờ nhiều lần khi làm {dossier}.',
    ],
    slots: {
      dossier: ['cấp giấy chứng nhận quyền sử dụng đất', 'đăng ký khai sinh', 'chứng thực', 'cấp phép xây dựng', 'đăng ký kinh doanh hộ cá thể', 'tách thửa đất', 'trợ cấp xã hội', 'chuyển mục đích sử dụng đất', 'đăng ký thường trú', 'cấp đổi giấy phép lái xe'],
      office: ['bộ phận một cửa', 'trung tâm phục vụ hành chính công', 'ủy ban', 'văn phòng đăng ký đất đai'],
      delay: ['đã quá hẹn mà chưa có kết quả', 'bị trả lại nhiều lần không rõ lý do', 'chưa được giải quyết', 'trễ hạn hơn 1 tháng', 'không ai trả lời'],
      attitude: ['có thái độ hách dịch', 'gây khó dễ', 'trả lời thiếu tôn trọng', 'vắng mặt trong giờ làm việc', 'gợi ý nộp tiền ngoài quy định'],
    },
  },
  'other': {
    templates: [
      'Góp ý {suggest} ở {place}.',
      'Xin hỏi {question}.',
      'Đề nghị {suggest} tại {where}.',
      'Cho tôi hỏi {question}, cảm ơn.',
      'Kiến nghị {suggest} cho bà con {place}.',
    ],
    slots: {
      suggest: ['xây thêm sân chơi cho trẻ em', 'lắp thêm camera an ninh', 'mở thêm tuyến xe buýt', 'trồng thêm cây xanh', 'tổ chức lớp học bơi cho trẻ', 'có thêm điểm tiêm chủng', 'làm thêm bãi giữ xe'],
      question: ['lịch tiêm vắc xin cho trẻ ở đâu', 'số điện thoại của phường', 'khi nào có lịch cúp điện', 'thủ tục xin hỗ trợ hộ nghèo thế nào', 'giờ làm việc của ủy ban'],
    },
  },
};

/** Category codes the generator writes texts for (every seeded category). */
export const reportTextCategories: readonly string[] = demoCategories.map((c) => c.code).filter((code) => code in byCategory);

const shortName = (unitName: string) => unitName.replace(/^(Phường|Xã|Thị trấn|Thành phố|Thị xã|Huyện) /, '');

function whereOf(random: Random, place: TextPlace): { where: string; address: string } {
  const landmarks = place.unitCode ? demoLandmarks[place.unitCode] : undefined;
  const n = 1 + Math.floor(random() * 12);
  const quarter = place.unitName.startsWith('Phường') ? `khu phố ${n}` : `ấp ${n}`;
  if (landmarks?.length && random() < 0.7) {
    const landmark = pick(random, landmarks);
    const where = random() < 0.4 ? `${landmark}, ${quarter}` : landmark;
    return { where, address: `${where}, ${place.unitName}` };
  }
  const where = random() < 0.3 ? `tổ ${1 + Math.floor(random() * 20)}, ${quarter}` : quarter;
  return { where, address: `${where}, ${place.unitName}` };
}

const withoutDiacritics = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A slipped key: two neighbouring letters of one word swapped. */
function withTypo(random: Random, s: string): string {
  const i = 1 + Math.floor(random() * Math.max(1, s.length - 3));
  if (!/\p{L}\p{L}/u.test(s.slice(i, i + 2))) return s;
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

/** One synthetic report text of a category, with an address, as a citizen would write it. */
export function generateReportText(random: Random, categoryCode: string, place: TextPlace): ReportText {
  const set = byCategory[categoryCode] ?? byCategory.other!;
  const { where, address } = whereOf(random, place);
  const placeName = random() < 0.5 ? place.unitName : shortName(place.unitName);
  const fill = (template: string): string => template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    if (slot === 'where') return where;
    if (slot === 'place') return placeName;
    if (slot === 'time') return pick(random, times);
    if (slot === 'since') return pick(random, sinces);
    const values = set.slots[slot];
    return values ? pick(random, values) : slot;
  });
  let text = pick(random, openers) + fill(pick(random, random() < 0.05 ? vagueTemplates : set.templates));
  const closer = pick(random, closers);
  if (closer) text += ` ${closer}`;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  const style = random();
  if (style < 0.18) text = withoutDiacritics(text).toLowerCase();          // typed on a phone without Vietnamese input
  else if (style < 0.24) text = text.toLowerCase().replace(/[.!]/g, '');
  if (random() < 0.08) text = withTypo(random, text);
  return { description: text, address };
}
