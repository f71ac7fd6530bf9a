// DEMO knowledge base of the chatbot, written for this project (stored with is_demo = true): general guidance
// a provincial hotline gives, without legal citations. The national numbers (111, 112, 113, 114, 115), the
// National Public Service Portal (dichvucong.gov.vn) and VNeID are real; deadlines are this system's
// configurable defaults. A province replaces or edits these entries before going live.

export interface FaqSeed { question: string; answer: string; alternatives: string[]; tags: string[] }

export const demoFaqEntries: FaqSeed[] = [
  {
    question: 'Đường dây nóng 1022 tiếp nhận những phản ánh gì?',
    answer: 'Tổng đài 1022 tiếp nhận phản ánh, kiến nghị của người dân và doanh nghiệp về an ninh trật tự, trật tự đô thị, môi trường, hạ tầng (đường sá, chiếu sáng, cấp nước), giao thông và thủ tục hành chính, rồi chuyển đến cơ quan có trách nhiệm xử lý và trả lời.',
    alternatives: ['1022 là gì', 'tổng đài 1022 làm gì', 'phản ánh những việc gì qua 1022'], tags: ['1022', 'giới thiệu'],
  },
  {
    question: 'Tổng đài 1022 làm việc vào giờ nào?',
    answer: 'Tổng đài 1022 tiếp nhận phản ánh 24 giờ mỗi ngày, kể cả thứ Bảy, Chủ nhật và ngày lễ. Thời hạn xử lý của cơ quan chức năng được tính theo giờ hành chính của ngày làm việc.',
    alternatives: ['giờ làm việc của 1022', '1022 có làm ban đêm không', 'tổng đài hoạt động mấy giờ', 'ngày lễ có gọi 1022 được không'], tags: ['1022', 'giờ làm việc'],
  },
  {
    question: 'Khi khẩn cấp thì gọi số nào?',
    answer: 'Khi có nguy hiểm đến tính mạng, tài sản, hãy gọi ngay: 113 – Công an (an ninh, trật tự, tội phạm); 114 – Cứu nạn, cứu hộ, chữa cháy; 115 – Cấp cứu y tế; 112 – Tìm kiếm cứu nạn. Các cuộc gọi khẩn cấp này không thay thế được bằng phản ánh trực tuyến.',
    alternatives: ['số điện thoại khẩn cấp', 'số cấp cứu là số mấy', 'gọi công an số nào', 'số cứu hỏa', '113 114 115 là gì'], tags: ['khẩn cấp', '113', '114', '115'],
  },
  {
    question: 'Nhà tôi đang bị cháy thì phải làm gì?',
    answer: 'Gọi ngay 114 (Cứu nạn, cứu hộ, chữa cháy), nói rõ địa chỉ và tình hình. Ngắt điện nếu an toàn, đưa người ra khỏi khu vực cháy, không quay lại lấy tài sản. Không dùng nước dập đám cháy do điện hoặc xăng dầu.',
    alternatives: ['cháy nhà gọi ai', 'báo cháy như thế nào', 'phát hiện cháy'], tags: ['khẩn cấp', '114', 'cháy'],
  },
  {
    question: 'Gặp tai nạn giao thông thì báo cho ai?',
    answer: 'Nếu có người bị thương, gọi ngay 115 (cấp cứu). Gọi 113 để báo công an. Giữ nguyên hiện trường nếu an toàn, đặt cảnh báo cho xe phía sau. Sau đó có thể gửi phản ánh qua 1022 về điểm đen giao thông hoặc hư hỏng đường.',
    alternatives: ['tai nạn xe báo ở đâu', 'va chạm giao thông gọi số nào', 'có người bị tông xe'], tags: ['khẩn cấp', '113', '115', 'giao thông'],
  },
  {
    question: 'Cần xe cấp cứu thì gọi số nào?',
    answer: 'Gọi 115 để được cấp cứu y tế. Nói rõ địa chỉ, tình trạng người bệnh và số điện thoại liên lạc; giữ máy để nhân viên hướng dẫn sơ cứu.',
    alternatives: ['gọi cấp cứu', 'người bị ngất xỉu', 'xe cứu thương'], tags: ['khẩn cấp', '115', 'y tế'],
  },
  {
    question: 'Trẻ em bị bạo hành, xâm hại thì báo ở đâu?',
    answer: 'Gọi Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí, 24/7). Nếu trẻ đang gặp nguy hiểm, gọi ngay 113.',
    alternatives: ['bạo hành trẻ em', 'tổng đài bảo vệ trẻ em', 'báo xâm hại trẻ em'], tags: ['khẩn cấp', '111', 'trẻ em'],
  },
  {
    question: 'Làm sao gửi phản ánh trực tuyến?',
    answer: 'Bạn có thể gửi phản ánh trên trang phản ánh của tỉnh (không cần đăng nhập), qua ứng dụng của tỉnh, Zalo OA, Facebook fanpage, thư điện tử hoặc gọi 1022. Chọn lĩnh vực, mô tả sự việc, chọn vị trí trên bản đồ hoặc ghi địa chỉ, có thể đính kèm ảnh. Sau khi gửi, bạn nhận được mã theo dõi.',
    alternatives: ['cách gửi phản ánh', 'phản ánh qua mạng', 'gửi phản ánh qua zalo', 'gửi kiến nghị online'], tags: ['hướng dẫn', 'phản ánh'],
  },
  {
    question: 'Tra cứu kết quả xử lý phản ánh như thế nào?',
    answer: 'Nhập mã theo dõi (bắt đầu bằng PA, ví dụ PA7K2M9QXT) vào mục tra cứu trên trang phản ánh. Bạn sẽ thấy trạng thái, hạn xử lý, cơ quan xử lý và câu trả lời của cơ quan. Nếu gửi qua Zalo, Facebook hoặc thư điện tử, bạn cũng được báo qua đúng kênh đó khi trạng thái thay đổi.',
    alternatives: ['xem phản ánh đã xử lý chưa', 'mã theo dõi phản ánh', 'kiểm tra tình trạng phản ánh', 'tra cứu phản ánh'], tags: ['hướng dẫn', 'tra cứu'],
  },
  {
    question: 'Bao lâu thì phản ánh được xử lý?',
    answer: 'Mỗi phản ánh có hạn tiếp nhận và hạn xử lý tính theo giờ làm việc, tùy lĩnh vực và mức độ: việc khẩn thường trong một ngày làm việc, việc thông thường trong khoảng năm ngày làm việc, việc phức tạp lâu hơn. Hạn cụ thể hiển thị khi bạn tra cứu bằng mã theo dõi.',
    alternatives: ['thời gian xử lý phản ánh', 'mấy ngày thì có kết quả', 'hạn giải quyết phản ánh'], tags: ['hướng dẫn', 'thời hạn'],
  },
  {
    question: 'Thông tin cá nhân của người phản ánh có được bảo mật không?',
    answer: 'Có. Họ tên, số điện thoại, thư điện tử của người phản ánh chỉ cán bộ có nhiệm vụ xử lý mới xem được; bản đồ công khai và dữ liệu mở không hiển thị thông tin này. Bạn cũng có thể phản ánh mà không để lại thông tin liên hệ, nhưng khi đó cơ quan không liên lạc lại được.',
    alternatives: ['phản ánh ẩn danh được không', 'có lộ tên người phản ánh không', 'không muốn để lại tên'], tags: ['bảo mật', 'phản ánh'],
  },
  {
    question: 'Phản ánh đã xử lý nhưng chưa khắc phục thì làm sao?',
    answer: 'Sau khi phản ánh được xử lý, bạn có thể đánh giá mức độ hài lòng từ 1 đến 5 sao và yêu cầu mở lại nếu sự việc chưa được khắc phục, kèm lý do. Phản ánh mở lại được chuyển về cơ quan xử lý.',
    alternatives: ['mở lại phản ánh', 'chưa hài lòng với kết quả', 'đánh giá phản ánh'], tags: ['hài lòng', 'phản ánh'],
  },
  {
    question: 'Vì sao phản ánh của tôi bị chuyển sang cơ quan khác?',
    answer: 'Mỗi phản ánh được chuyển theo lĩnh vực và địa bàn đến cơ quan có trách nhiệm. Nếu cơ quan nhận thấy việc không thuộc thẩm quyền, phản ánh được chuyển tiếp cho cơ quan phù hợp; bạn theo dõi được việc này bằng mã theo dõi.',
    alternatives: ['phản ánh bị chuyển đi', 'không thuộc thẩm quyền', 'cơ quan nào xử lý phản ánh'], tags: ['phản ánh'],
  },
  {
    question: 'Tôi có thể gửi ảnh kèm phản ánh không?',
    answer: 'Có. Trên trang phản ánh, ứng dụng, Zalo hoặc Facebook, bạn có thể gửi kèm ảnh hiện trường. Ảnh giúp cơ quan xác định đúng vị trí và mức độ. Ảnh có thể được che mờ khuôn mặt, biển số trước khi công khai.',
    alternatives: ['đính kèm hình ảnh', 'gửi hình hiện trường'], tags: ['hướng dẫn', 'ảnh'],
  },
  {
    question: 'Tra cứu hồ sơ thủ tục hành chính đã nộp ở đâu?',
    answer: 'Dùng mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả để tra cứu trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc cổng dịch vụ công của tỉnh. Bạn cũng có thể hỏi tại bộ phận một cửa nơi đã nộp hồ sơ.',
    alternatives: ['tra cứu hồ sơ', 'xem hồ sơ đã giải quyết chưa', 'mã hồ sơ', 'kiểm tra tiến độ hồ sơ', 'hồ sơ dịch vụ công'], tags: ['dịch vụ công', 'tra cứu'],
  },
  {
    question: 'Nộp hồ sơ dịch vụ công trực tuyến như thế nào?',
    answer: 'Đăng nhập Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) bằng tài khoản định danh điện tử VNeID, chọn thủ tục, khai thông tin, đính kèm giấy tờ và nộp. Kết quả và thông báo được gửi qua cổng và số điện thoại đã đăng ký.',
    alternatives: ['nộp hồ sơ online', 'làm thủ tục trực tuyến', 'dịch vụ công trực tuyến'], tags: ['dịch vụ công', 'hướng dẫn'],
  },
  {
    question: 'Hồ sơ thủ tục hành chính bị trễ hẹn thì phản ánh ở đâu?',
    answer: 'Bạn có thể phản ánh qua 1022 hoặc trang phản ánh, chọn lĩnh vực "Thủ tục hành chính, thái độ phục vụ", ghi mã hồ sơ và nơi nộp. Phản ánh được chuyển đến cơ quan quản lý để kiểm tra và trả lời.',
    alternatives: ['hồ sơ trễ hạn', 'quá hẹn trả kết quả', 'giải quyết hồ sơ chậm'], tags: ['dịch vụ công', 'phản ánh'],
  },
  {
    question: 'Phản ánh thái độ của cán bộ, công chức ở đâu?',
    answer: 'Gửi phản ánh qua 1022 hoặc trang phản ánh, chọn lĩnh vực "Thủ tục hành chính, thái độ phục vụ", nêu thời gian, nơi làm việc và sự việc cụ thể. Thông tin người phản ánh được bảo mật.',
    alternatives: ['cán bộ hách dịch', 'cán bộ gây khó dễ', 'thái độ phục vụ không tốt'], tags: ['dịch vụ công', 'phản ánh'],
  },
  {
    question: 'Bộ phận một cửa làm việc giờ nào?',
    answer: 'Bộ phận một cửa thường làm việc từ thứ Hai đến thứ Sáu, sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ; một số nơi làm thêm sáng thứ Bảy. Nên kiểm tra thông báo của nơi bạn định đến.',
    alternatives: ['giờ làm việc ủy ban', 'ủy ban làm việc thứ bảy không', 'trung tâm hành chính công mở cửa mấy giờ'], tags: ['dịch vụ công', 'giờ làm việc'],
  },
  {
    question: 'Làm căn cước, đăng ký cư trú ở đâu?',
    answer: 'Liên hệ công an cấp xã nơi cư trú, hoặc nộp trực tuyến qua ứng dụng VNeID hay Cổng Dịch vụ công quốc gia với các thủ tục được hỗ trợ.',
    alternatives: ['làm căn cước công dân', 'đăng ký thường trú', 'đăng ký tạm trú', 'cấp đổi căn cước'], tags: ['dịch vụ công', 'cư trú'],
  },
  {
    question: 'Đăng ký khai sinh cho con ở đâu?',
    answer: 'Đăng ký tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ, hoặc nộp trực tuyến trên Cổng Dịch vụ công. Mang theo giấy chứng sinh và giấy tờ tùy thân của cha mẹ.',
    alternatives: ['làm giấy khai sinh', 'khai sinh cho trẻ', 'thủ tục khai sinh'], tags: ['dịch vụ công', 'hộ tịch'],
  },
  {
    question: 'Đèn đường bị hỏng thì báo ở đâu?',
    answer: 'Gửi phản ánh qua 1022 hoặc trang phản ánh, chọn lĩnh vực "Chiếu sáng công cộng", ghi vị trí (số cột đèn nếu có). Phản ánh được chuyển cho đơn vị quản lý chiếu sáng của địa bàn.',
    alternatives: ['đèn đường không sáng', 'báo hỏng đèn đường', 'đường tối không có đèn'], tags: ['hạ tầng', 'chiếu sáng'],
  },
  {
    question: 'Đường hư hỏng, có ổ gà thì phản ánh thế nào?',
    answer: 'Gửi phản ánh chọn lĩnh vực "Đường sá, cầu cống", đánh dấu vị trí trên bản đồ và gửi kèm ảnh. Nếu hư hỏng gây nguy hiểm ngay (sụt lún lớn, mất nắp hố ga), hãy nói rõ để được xử lý khẩn.',
    alternatives: ['ổ gà giữa đường', 'đường sụt lún', 'mất nắp hố ga', 'đường xuống cấp'], tags: ['hạ tầng', 'giao thông'],
  },
  {
    question: 'Bị mất nước, nước bẩn thì báo cho ai?',
    answer: 'Liên hệ đơn vị cấp nước theo số điện thoại trên hóa đơn tiền nước, hoặc phản ánh qua 1022 với lĩnh vực "Cấp nước", ghi rõ địa chỉ và thời gian mất nước.',
    alternatives: ['cúp nước', 'nước máy bị đục', 'vỡ ống nước', 'mất nước sinh hoạt'], tags: ['hạ tầng', 'cấp nước'],
  },
  {
    question: 'Bị mất điện thì báo ở đâu?',
    answer: 'Liên hệ tổng đài chăm sóc khách hàng của ngành điện (số in trên hóa đơn tiền điện) để báo mất điện hoặc sự cố lưới điện. Nếu dây điện đứt rơi xuống đường, tránh xa và gọi 114 khi có nguy cơ cháy.',
    alternatives: ['cúp điện', 'mất điện cả khu', 'dây điện bị đứt'], tags: ['hạ tầng', 'điện'],
  },
  {
    question: 'Rác không được thu gom thì phản ánh thế nào?',
    answer: 'Gửi phản ánh chọn lĩnh vực "Môi trường, vệ sinh", ghi địa điểm, thời gian rác tồn đọng, kèm ảnh nếu có. Việc đổ trộm rác, xả thải gây ô nhiễm cũng phản ánh theo lĩnh vực này.',
    alternatives: ['rác tồn đọng', 'đổ rác trộm', 'ô nhiễm mùi hôi', 'xả nước thải'], tags: ['môi trường'],
  },
  {
    question: 'Lấn chiếm vỉa hè, xây dựng trái phép thì báo ở đâu?',
    answer: 'Gửi phản ánh chọn lĩnh vực "Trật tự đô thị", ghi địa chỉ cụ thể và mô tả vi phạm. Phản ánh được chuyển cho Ủy ban nhân dân cấp xã hoặc cơ quan quản lý xây dựng của địa bàn.',
    alternatives: ['lấn chiếm lòng đường', 'xây nhà không phép', 'buôn bán trên vỉa hè'], tags: ['trật tự đô thị'],
  },
  {
    question: 'Hàng xóm hát karaoke ồn ào ban đêm thì báo ai?',
    answer: 'Bạn có thể báo công an cấp xã nơi xảy ra hoặc phản ánh qua 1022 với lĩnh vực "An ninh, trật tự", nêu địa chỉ và khung giờ gây ồn. Nếu có gây rối, đánh nhau, hãy gọi 113.',
    alternatives: ['tiếng ồn ban đêm', 'karaoke ồn ào', 'hát karaoke khuya'], tags: ['an ninh trật tự'],
  },
  {
    question: 'Tiêm chủng cho trẻ ở đâu?',
    answer: 'Liên hệ trạm y tế xã, phường nơi cư trú để biết lịch tiêm chủng mở rộng hằng tháng; mang theo sổ tiêm chủng của trẻ.',
    alternatives: ['lịch tiêm vắc xin', 'tiêm phòng cho trẻ em', 'tiêm chủng mở rộng'], tags: ['y tế'],
  },
  {
    question: 'Phản ánh qua 1022 có mất phí không?',
    answer: 'Gửi phản ánh trên trang phản ánh, ứng dụng, Zalo, Facebook hay thư điện tử không mất phí. Cước cuộc gọi đến 1022 tùy nhà mạng; xem thông báo của tỉnh.',
    alternatives: ['gọi 1022 có tốn tiền không', 'phí phản ánh'], tags: ['1022'],
  },
];
