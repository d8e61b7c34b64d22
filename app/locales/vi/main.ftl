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
