# Needscope interface strings, Chinese in Traditional characters (繁體中文). Draft translation: to be
# reviewed by the City's translators. Survey questions are not here: each survey carries its own text.
# Register: polite (您), plain words a resident reading a City notice would expect.

nav-surveys = 問卷調查
skip-to-content = 跳至主要內容
brand-tagline = 聖荷西市 · 居民需求
language-picker = 語言
footer-privacy = 回答均為匿名。我們不會儲存您的姓名、IP 位址或任何關於您裝置的資訊。
loading = 載入中…

home-title = 告訴市政府您需要什麼
home-intro = 您的回答將幫助聖荷西市決定如何改善各項服務。請在下方選擇一份問卷。
home-none-open = 目前沒有開放中的問卷。請稍後再回來查看。
home-question-count = { $count } 個問題
back-to-surveys = 返回問卷清單

survey-question-count = 共 { $count } 個問題。標示「必填」的問題需要回答；其他問題可自由選擇是否回答。
survey-submit = 送出我的回答
survey-sending = 傳送中…
survey-closed = 本問卷已結束，不再接受回答。感謝您的關注。
survey-preview = 管理員預覽：本問卷仍是草稿，居民無法看到。從此頁面送出的回答不會被儲存。
survey-partly-english = 部分問題尚未翻譯，暫以英文顯示。
question-required = 必填
why-we-ask = 我們詢問的原因：
text-limit = 最多 { $max } 個字。
question-condition = 只有當您在第 { $number } 題回答「{ $answers }」時，才需要回答此題。
honeypot-label = 請勿填寫此欄
district-label = 第 { $number } 區
district-not-sure = 我不確定

error-summary-title = 您的回答有問題
error-required = 此問題必須回答。
error-too-long = 請使用不超過 { $max } 個字（您使用了 { $actual } 個）。
error-not-a-number = 請輸入整數，例如 3。
error-out-of-range = 請輸入 { $min } 到 { $max } 之間的數字。
error-invalid-zip = 請輸入 5 位數的郵遞區號，例如 95112。
error-unknown-option = 請從列出的選項中選擇一項。
error-one-option = 請只選擇一個選項。
error-invalid-rating = 請選擇 1 到 5 的評分。
error-unavailable = 服務目前暫時無法使用。請在幾分鐘後再試一次。

form-error-rate-limited = 您在短時間內送出了多次回答。請等候一分鐘後再送出。您的回答仍保留在此。
form-error-honeypot = 由於一個隱藏欄位被填寫，您的回答無法被接受。如果您使用自動填表工具，請在此頁面關閉該工具後再送出。
form-error-closed = 本問卷在您的回答送達前已經結束，因此您的回答沒有被儲存。
form-error-malformed = 表單有部分內容遺失。請重新載入頁面，再送出一次您的回答。
form-error-unavailable = 目前無法儲存您的回答。請在一分鐘後再試；您的回答仍保留在此。

request-too-large-title = 您的回答太長，無法送出
request-too-large-body = 您送出的回答超過此表單可接受的長度。請返回上一頁，縮短最長的回答後再送出。
cross-site-title = 這些回答來自其他網站
cross-site-body = 為了保障您的安全，市政府只接受從市政府網站送出的問卷回答，因此沒有儲存任何內容。請在市政府網站上開啟問卷並在那裡作答。
cross-site-link = 在市政府網站上開啟問卷
too-many-requests-title = 請稍候

thanks-title = 謝謝您！
thanks-body = 您的回答已經儲存。這些回答將幫助市政府了解居民的需要。

not-found-title = 找不到網頁
not-found-body = 我們找不到該網頁。網頁可能已經移動，或者該問卷已不存在。

invite-for = 您正代表 { $organization } 回答。您的回答將計入您的機構。
invite-unknown = 此邀請連結無法使用：可能輸入有誤，或屬於其他問卷。請向寄給您連結的人索取新的連結。
invite-revoked = 此邀請連結已被市政府撤回。請向寄給您連結的人索取新的連結。
invite-expired = 此邀請連結已過期。請向寄給您連結的人索取新的連結。
invite-used-up = 此邀請連結的使用次數已達上限。請向寄給您連結的人索取新的連結。
form-error-invite-gone = 您開啟的邀請連結已失效（已過期、已用完或已被撤回），因此您的回答尚未儲存。您的回答仍保留在此：您可以現在不使用連結直接送出，回答仍會被計算，但不會附上您機構的名稱。
