# Needscope interface strings, Vietnamese (Tiếng Việt). Draft translation: to be reviewed by the City's
# translators. Survey questions are not here: each survey carries its own text.
# Register: polite, addressing the reader as "quý vị", as City notices do.

nav-surveys = Khảo sát
skip-to-content = Chuyển đến nội dung chính
brand-tagline = Thành phố San José · Nhu cầu của cư dân
language-picker = Ngôn ngữ
footer-privacy = Câu trả lời được giữ ẩn danh. Chúng tôi không lưu tên, địa chỉ IP hay bất kỳ thông tin nào về thiết bị của quý vị.
loading = Đang tải…

home-title = Hãy cho Thành phố biết quý vị cần gì
home-intro = Câu trả lời của quý vị giúp Thành phố San José quyết định cách cải thiện các dịch vụ. Xin chọn một cuộc khảo sát bên dưới.
home-none-open = Hiện không có cuộc khảo sát nào đang mở. Xin vui lòng quay lại sau.
home-question-count = { $count } câu hỏi
back-to-surveys = Quay lại danh sách khảo sát

survey-question-count = { $count } câu hỏi. Những câu có ghi “bắt buộc” cần được trả lời; các câu khác quý vị có thể bỏ qua.
survey-submit = Gửi câu trả lời của tôi
survey-sending = Đang gửi…
survey-closed = Cuộc khảo sát này đã kết thúc và không còn nhận câu trả lời. Cảm ơn quý vị đã quan tâm.
survey-preview = Bản xem trước dành cho quản trị viên: cuộc khảo sát này là bản nháp, cư dân chưa thể thấy. Câu trả lời gửi từ trang này sẽ không được lưu.
survey-partly-english = Một số câu hỏi chưa được dịch và đang hiển thị bằng tiếng Anh.
question-required = bắt buộc
why-we-ask = Lý do chúng tôi hỏi:
text-limit = Tối đa { $max } ký tự.
question-condition = Chỉ trả lời câu này nếu quý vị đã chọn “{ $answers }” ở câu hỏi { $number }.
honeypot-label = Để trống ô này
district-label = Địa hạt { $number }
district-not-sure = Tôi không chắc

error-summary-title = Câu trả lời của quý vị có vấn đề
error-required = Câu hỏi này cần được trả lời.
error-too-long = Xin dùng không quá { $max } ký tự (quý vị đã dùng { $actual }).
error-not-a-number = Xin nhập một số nguyên, ví dụ 3.
error-out-of-range = Xin nhập một số từ { $min } đến { $max }.
error-invalid-zip = Xin nhập mã ZIP gồm 5 chữ số, ví dụ 95112.
error-unknown-option = Xin chọn một trong các lựa chọn được liệt kê.
error-one-option = Xin chỉ chọn một lựa chọn.
error-invalid-rating = Xin chọn mức đánh giá từ 1 đến 5.
error-unavailable = Dịch vụ tạm thời không hoạt động. Xin vui lòng thử lại sau vài phút.

form-error-rate-limited = Quý vị đã gửi câu trả lời nhiều lần trong thời gian ngắn. Xin đợi một phút rồi gửi lại. Câu trả lời của quý vị vẫn còn ở đây.
form-error-honeypot = Câu trả lời của quý vị không được chấp nhận vì một ô ẩn đã bị điền. Nếu quý vị dùng công cụ tự động điền biểu mẫu, xin tắt công cụ đó cho trang này rồi gửi lại.
form-error-closed = Cuộc khảo sát đã kết thúc trước khi câu trả lời của quý vị đến nơi, nên câu trả lời chưa được lưu.
form-error-malformed = Một phần của biểu mẫu bị thiếu. Xin tải lại trang và gửi lại câu trả lời.
form-error-unavailable = Hiện chưa thể lưu câu trả lời của quý vị. Xin thử lại sau một phút; câu trả lời của quý vị vẫn còn ở đây.

request-too-large-title = Câu trả lời quá dài để gửi
request-too-large-body = Câu trả lời quý vị gửi dài hơn mức biểu mẫu này cho phép. Xin quay lại, rút ngắn những câu trả lời dài nhất rồi gửi lại.
cross-site-title = Câu trả lời này được gửi từ một trang web khác
cross-site-body = Để bảo vệ quý vị, Thành phố chỉ nhận câu trả lời khảo sát gửi từ trang web của Thành phố, vì vậy không có gì được lưu. Xin mở cuộc khảo sát trên trang web của Thành phố và trả lời tại đó.
cross-site-link = Mở cuộc khảo sát trên trang web của Thành phố
too-many-requests-title = Xin vui lòng đợi một chút

thanks-title = Xin cảm ơn quý vị!
thanks-body = Câu trả lời của quý vị đã được lưu. Những câu trả lời này sẽ giúp Thành phố hiểu cư dân cần gì.

not-found-title = Không tìm thấy trang
not-found-body = Chúng tôi không tìm thấy trang đó. Trang có thể đã được chuyển đi, hoặc cuộc khảo sát không còn nữa.

invite-for = Quý vị đang trả lời thay mặt cho { $organization }. Câu trả lời sẽ được tính cho tổ chức của quý vị.
invite-unknown = Đường dẫn mời này không dùng được: có thể đường dẫn bị gõ sai hoặc dành cho một cuộc khảo sát khác. Xin hỏi người đã gửi để nhận đường dẫn mới.
invite-revoked = Thành phố đã thu hồi đường dẫn mời này. Xin hỏi người đã gửi để nhận đường dẫn mới.
invite-expired = Đường dẫn mời này đã hết hạn. Xin hỏi người đã gửi để nhận đường dẫn mới.
invite-used-up = Đường dẫn mời này đã được dùng hết số lần cho phép. Xin hỏi người đã gửi để nhận đường dẫn mới.
form-error-invite-gone = Đường dẫn mời quý vị đã mở không còn dùng được (đã hết hạn, đã dùng hết hoặc đã bị thu hồi), nên câu trả lời của quý vị chưa được lưu. Câu trả lời vẫn còn ở đây: quý vị có thể gửi ngay bây giờ mà không cần đường dẫn, và câu trả lời sẽ được tính nhưng không kèm tên tổ chức của quý vị.

## Những gì chúng tôi đã nghe: kết quả công khai, dữ liệu mở và nguồn tin (bản dịch nháp).
results-title = Những gì chúng tôi đã nghe
results-title-survey = Những gì chúng tôi đã nghe: { $survey }
results-lead = Đây là những gì cư dân đã nói với Thành phố, và những gì Thành phố đang làm.
results-published = Công bố ngày { $date }.
results-none = Chưa có kết quả nào được công bố. Xin quý vị quay lại sau.
results-respondents = { $count ->
   *[other] { $count } cư dân đã trả lời khảo sát.
}
results-needs-heading = Những điều cư dân cần nhất
results-share = Tỷ lệ cư dân: { $share } (có thể trong khoảng { $lower } đến { $upper })
results-share-plain = Tỷ lệ cư dân: { $share }
results-share-weighted-note = Tỷ lệ được gia trọng để những nhóm ít trả lời hơn vẫn được tính đúng theo tỷ phần của họ trong thành phố.
results-need-respondents = { $count ->
   *[other] { $count } cư dân đã nêu điều này.
}
results-withheld = Số liệu của nhu cầu này không được hiển thị, để bảo vệ quyền riêng tư của số ít cư dân đã nêu, hoặc vì không thể ước tính một cách đáng tin cậy.
results-actions-heading = Thành phố đang làm gì
results-no-actions = Thành phố chưa công bố hành động nào cho nhu cầu này.
results-action-due = Dự kiến trước ngày { $date }
results-action-department = Do { $department } phụ trách
results-action-status = Tình trạng: { $status }
results-status-proposed = Đề xuất
results-status-planned = Đã lên kế hoạch
results-status-in-progress = Đang thực hiện
results-status-done = Đã hoàn thành
results-status-wont-do = Sẽ không thực hiện
results-quotes-heading = Theo lời cư dân
results-districts-heading = Theo địa hạt hội đồng thành phố
results-districts-caption = Tỷ lệ cư dân của mỗi địa hạt đã nêu từng nhu cầu
results-district-respondents = Cư dân đã trả lời
results-district-need = Nhu cầu
results-not-shown = không hiển thị
results-suppressed-note = — nghĩa là số liệu không được hiển thị: có quá ít cư dân đứng sau số liệu đó để hiển thị mà không ảnh hưởng đến quyền riêng tư của họ, hoặc việc hiển thị sẽ giúp người khác suy ra một số liệu bị ẩn.
results-about-heading = Về các kết quả này
results-period = Câu trả lời từ ngày { $from } đến ngày { $to }
results-period-label = Thời gian
results-sources-label = Những gì đã được phân tích
results-source-resident = Câu trả lời khảo sát
results-source-department = Câu trả lời của lãnh đạo các sở
results-source-community-org = Câu trả lời của các tổ chức cộng đồng
results-source-notes = Ghi chép phỏng vấn của các đối tác cộng đồng
results-source-reports = Yêu cầu dịch vụ 311
results-how-heading = Cách đọc các kết quả này
results-how-ranking = Các nhu cầu được xếp theo tỷ lệ cư dân đã nêu, có gia trọng để những cộng đồng ít được lắng nghe được tính đầy đủ.
results-how-interval = Mỗi tỷ lệ đi kèm một khoảng: chúng tôi chắc chắn 90% rằng tỷ lệ thật nằm trong khoảng đó, vì không phải cư dân nào cũng trả lời.
results-how-quotes = Trích dẫn chỉ được hiển thị khi Thành phố chấp thuận, đã bỏ tên, số điện thoại và địa chỉ.
results-how-status = Tình trạng của mỗi hành động được cập nhật theo tiến độ công việc của Thành phố.
results-data-heading = Dữ liệu mở và tin cập nhật
results-data-intro = Mọi thứ trên trang này, được tự do sử dụng lại:
results-data-needs = Nhu cầu (CSV)
results-data-districts = Địa hạt (CSV)
results-data-actions = Hành động (CSV)
results-data-json = Toàn bộ kết quả (JSON)
results-data-package = Từ điển dữ liệu và giấy phép (Data Package)
results-data-index = Tất cả dữ liệu mở
results-feed = Theo dõi kết quả mới và tiến độ (nguồn tin Atom)
results-earlier-heading = Các kết quả khác đã công bố
results-survey-link = Kết quả của “{ $survey }”
results-all-link = Kết quả của tất cả các cuộc khảo sát
results-publication-link = Công bố ngày { $date }: { $scope }
results-scope-all = tất cả các cuộc khảo sát
results-thanks-link = Xem những gì cư dân đã nói với Thành phố cho đến nay, và những gì Thành phố đang làm
results-not-found-body = Chúng tôi không tìm thấy các kết quả này. Có thể chúng đã được thay bằng kết quả mới hơn.
results-back = Xem kết quả mới nhất
open-data-title = Dữ liệu mở
open-data-intro = Mỗi lần công bố kết quả đều có các tệp CSV và JSON, kèm từ điển dữ liệu. Dữ liệu được công bố theo giấy phép { $license }.
open-data-none = Chưa có gì được công bố.
open-data-publication = Kết quả công bố ngày { $date }: { $scope }
feed-title = Những gì chúng tôi đã nghe: kết quả và tiến độ
feed-publication = Kết quả mới được công bố: { $scope }
feed-action = { $need }: “{ $action }”, tình trạng: { $status }

## Paper forms: the printable survey (print-…). Draft translation, to be reviewed.
print-page-title = { $survey } (mẫu để in)
print-link = In khảo sát này
print-how = Để in mẫu này, hãy dùng lệnh In của trình duyệt. Đánh dấu câu trả lời bằng bút.
print-answer-online = Trả lời trực tuyến
print-respondent-code = Mã người trả lời
print-respondent-code-help = Dành cho văn phòng: để trống ô này.
print-instructions = Tô một vòng tròn (○) khi câu hỏi chỉ cần một câu trả lời, và mọi ô (□) phù hợp khi có thể chọn nhiều. Viết câu trả lời trên các dòng kẻ. Quý vị có thể bỏ qua câu hỏi nào không ghi là bắt buộc.
print-choose-one = Chọn một.
print-choose-any = Chọn tất cả những gì phù hợp.
print-write-in = Viết câu trả lời trên các dòng kẻ.
print-number = Viết một số nguyên từ { $min } đến { $max }.
print-zip = Viết mã ZIP gồm 5 chữ số của quý vị.
print-thanks = Xin cảm ơn. Vui lòng trả lại mẫu này cho người hoặc nơi đã đưa cho quý vị.
print-online = Quý vị cũng có thể trả lời trực tuyến: { $url }
print-version = Phiên bản mẫu { $version }

## Partner notes: the interview-notes upload pages (/notes, /notes/{id}) and their server messages. Draft translation, to be reviewed.
notes-title = Ghi chép phỏng vấn
notes-lead = Tải lên ghi chép từ các cuộc phỏng vấn cư dân. Thông tin cá nhân (địa chỉ email và địa chỉ nhà, số điện thoại và các dãy số dài, đường link web) được xóa trước khi lưu, và quý vị thấy chính xác những gì sẽ được phân tích trước khi xác nhận. Tập tin gốc không được giữ lại.
notes-upload-heading = Tải lên ghi chép
notes-file = Tập tin
notes-file-help = Nhận các tập tin: .txt, .md, .docx hoặc .pdf, tối đa { $megabytes } MB; mỗi tài khoản tối đa { $documents } tài liệu.
notes-organization = Tổ chức
notes-organization-fixed = Tổ chức:
notes-community = Cộng đồng
notes-community-served = Cộng đồng được phục vụ
notes-community-help = Ví dụ: người cao niên nói tiếng Việt ở Quận 7.
notes-interview = Phỏng vấn
notes-interview-date = Ngày phỏng vấn
notes-role = Vai trò của người được phỏng vấn
notes-role-help = Ví dụ: cư dân, phụ huynh, nhân viên xã hội, chủ doanh nghiệp nhỏ.
notes-language = Ngôn ngữ của ghi chép
notes-language-short = Ngôn ngữ
notes-choose = Chọn…
notes-upload-button = Tải lên và xem trước
notes-yours = Các tập tin quý vị đã tải lên
notes-none = Chưa tải lên tập tin nào.
notes-passages = Đoạn văn
notes-status = Tình trạng
notes-status-pending = đang chờ quý vị xác nhận
notes-status-confirmed = đang được phân tích
notes-redacted = Đã xóa
notes-uploaded = Ngày tải lên
notes-uploaded-by = Người tải lên
notes-removed = Đã xóa: thông tin cá nhân
notes-back = ← Các tập tin quý vị đã tải lên
notes-check-title = Kiểm tra trước khi phân tích
notes-check-lead = Các đoạn văn này chính là những gì sẽ được lưu và phân tích. Các mục được đánh dấu đã bị xóa vì là thông tin cá nhân. Nếu vẫn còn thấy thông tin cá nhân, hãy hủy tập tin này, sửa tập tin rồi tải lên lại.
notes-confirm = Xác nhận: đưa vào phân tích
notes-discard = Hủy
notes-delete = Xóa tài liệu này
notes-delete-hint = Khi xóa, nội dung của tài liệu sẽ không còn trong các lần phân tích sau.
notes-will-analyse = Những gì sẽ được phân tích
notes-field-organization = tên tổ chức
notes-field-community = cộng đồng được phục vụ
notes-field-role = vai trò của người được phỏng vấn
notes-error-missing = Vui lòng điền { $field }.
notes-error-too-long = Vui lòng rút ngắn { $field } còn tối đa { $max } ký tự.
notes-error-date-missing = Vui lòng điền ngày phỏng vấn.
notes-error-date-invalid = “{ $value }” không phải là ngày: hãy viết theo dạng YYYY-MM-DD, ví dụ 2026-03-14.
notes-error-date-future = Ngày phỏng vấn là một ngày trong tương lai.
notes-error-language = Vui lòng chọn ngôn ngữ của ghi chép.
notes-choose-file-again = Vui lòng chọn lại tập tin: trình duyệt không giữ tập tin sau khi có lỗi.
notes-error-no-file = Vui lòng chọn một tập tin để tải lên: .txt, .md, .docx hoặc .pdf.
notes-error-format = “{ $file }” không phải là tập tin .txt, .md, .docx hoặc .pdf. Hãy lưu tập tin theo một trong các định dạng đó.
notes-error-too-many = Quý vị đã có { $count } tài liệu, là số tối đa một tài khoản được giữ ({ $max }). Hãy xóa bớt những tài liệu không còn cần trước.
notes-error-unreadable = Không đọc được “{ $file }”: { $problem }.
notes-error-too-large = Tập tin lớn hơn { $megabytes } MB, là mức tối đa cho mỗi lần tải lên. Hãy chia thành nhiều tập tin.
notes-error-interrupted = Việc tải lên bị gián đoạn: vui lòng thử lại.
notes-error-not-upload = Vui lòng gửi mẫu đơn dưới dạng tải tập tin lên.
notes-read = Đã đọc { $count } đoạn văn từ “{ $file }”. Hãy kiểm tra những gì sẽ được phân tích ở dưới, rồi xác nhận hoặc hủy.
notes-error-no-such = Không có tài liệu này trong các tập tin quý vị đã tải lên.
notes-confirmed = Đã xác nhận: { $count } đoạn văn của “{ $file }” sẽ có trong lần phân tích tới.
notes-error-already-confirmed = Tài liệu này đã được xác nhận rồi.
notes-deleted = Đã xóa “{ $file }”: nội dung của tài liệu không còn và sẽ không có trong các lần phân tích sau.
notes-discarded = Đã hủy “{ $file }”: không giữ lại phần nào.
