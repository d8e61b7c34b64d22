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

## 我們聽到的聲音：公開結果、開放資料與訂閱（翻譯草稿）。
results-title = 我們聽到的聲音
results-title-survey = 我們聽到的聲音：{ $survey }
results-lead = 這是居民告訴市政府的事，以及市政府正在採取的行動。
results-published = 發布日期：{ $date }。
results-none = 目前尚未發布任何結果。請稍後再來查看。
results-respondents = { $count ->
   *[other] 共有 { $count } 位居民回答了問卷。
}
results-needs-heading = 居民最需要的事
results-share = 居民比例：{ $share }（很可能介於 { $lower } 至 { $upper } 之間）
results-share-plain = 居民比例：{ $share }
results-share-weighted-note = 比例經過加權，讓回答較少的群體也能按其在全市人口中的比例計算。
results-need-respondents = { $count ->
   *[other] 有 { $count } 位居民提到這一點。
}
results-withheld = 為保護少數提到此需求的居民的隱私，或因無法可靠估計，此需求的數字不予顯示。
results-actions-heading = 市政府正在做什麼
results-no-actions = 市政府尚未就此需求宣布任何行動。
results-action-due = 預計於 { $date } 前完成
results-action-department = 由 { $department } 負責
results-action-status = 狀態：{ $status }
results-status-proposed = 已提議
results-status-planned = 已規劃
results-status-in-progress = 進行中
results-status-done = 已完成
results-status-wont-do = 不會進行
results-quotes-heading = 居民的原話
results-districts-heading = 按市議會選區
results-districts-caption = 各選區中提到每項需求的居民比例
results-district-respondents = 回答的居民人數
results-district-need = 需求
results-not-shown = 不予顯示
results-suppressed-note = — 表示該數字不予顯示：其背後的居民人數太少，顯示會危及他們的隱私，或顯示後可推算出另一個隱藏的數字。
results-about-heading = 關於這些結果
results-period = 回答期間：{ $from } 至 { $to }
results-period-label = 期間
results-sources-label = 分析的資料
results-source-resident = 問卷回答
results-source-department = 各部門主管的回答
results-source-community-org = 社區組織的回答
results-source-notes = 社區夥伴的訪談記錄
results-source-reports = 311 服務請求
results-how-heading = 如何解讀這些結果
results-how-ranking = 需求依提到它的居民比例排序，並經過加權，讓較少被聽見的社區能被充分計算。
results-how-interval = 每個比例都附有一個範圍：由於並非每位居民都回答了問卷，我們有 90% 的把握真實比例落在此範圍內。
results-how-quotes = 引述只在市政府核准後顯示，並已刪除姓名、電話號碼和地址。
results-how-status = 每項行動的狀態會隨市政府工作的進展而更新。
results-data-heading = 開放資料與最新消息
results-data-intro = 本頁所有內容，均可自由再利用：
results-data-needs = 需求（CSV）
results-data-districts = 選區（CSV）
results-data-actions = 行動（CSV）
results-data-json = 全部結果（JSON）
results-data-package = 資料字典與授權（Data Package）
results-data-index = 所有開放資料
results-feed = 追蹤新結果與進展（Atom 訂閱）
results-earlier-heading = 其他已發布的結果
results-survey-link = 「{ $survey }」的結果
results-all-link = 所有問卷的結果
results-publication-link = 發布日期 { $date }：{ $scope }
results-scope-all = 所有問卷
results-thanks-link = 查看居民至今告訴市政府的事，以及市政府正在採取的行動
results-not-found-body = 我們找不到這些結果。它們可能已被較新的結果取代。
results-back = 查看最新結果
open-data-title = 開放資料
open-data-intro = 每次發布的結果都提供 CSV 和 JSON 檔案，並附資料字典。這些資料依 { $license } 授權發布。
open-data-none = 目前尚未發布任何內容。
open-data-publication = 發布日期 { $date } 的結果：{ $scope }
feed-title = 我們聽到的聲音：結果與進展
feed-publication = 新結果已發布：{ $scope }
feed-action = { $need }：「{ $action }」，狀態：{ $status }

## Paper forms: the printable survey (print-…). Draft translation, to be reviewed.
print-page-title = { $survey }（列印用表格）
print-link = 列印此問卷
print-how = 如要列印此表格，請使用瀏覽器的「列印」功能。請用筆填寫答案。
print-answer-online = 改為線上作答
print-respondent-code = 受訪者編號
print-respondent-code-help = 辦公室專用：請留空。
print-instructions = 只需一個答案的題目，請塗滿一個圓圈（○）；可選多項的題目，請勾選所有適用的方格（□）。請把答案寫在橫線上。未標明必答的題目可以不答。
print-choose-one = 請選一項。
print-choose-any = 請選所有適用項目。
print-write-in = 請把答案寫在橫線上。
print-number = 請寫 { $min } 至 { $max } 之間的整數。
print-zip = 請寫您的 5 位數郵遞區號。
print-thanks = 謝謝您。請將此表格交回給您表格的人或地點。
print-online = 您也可以線上作答：{ $url }
print-version = 表格版本 { $version }

## Partner notes: the interview-notes upload pages (/notes, /notes/{id}) and their server messages. Draft translation, to be reviewed.
notes-title = 訪談紀錄
notes-lead = 請上傳與居民訪談的紀錄。個人資料（電子郵件和住址、電話號碼和長串數字、網址）會在儲存前移除，您在確認前可以看到將被分析的完整內容。原始檔案不會保留。
notes-upload-heading = 上傳紀錄
notes-file = 檔案
notes-file-help = 接受的格式：.txt、.md、.docx 或 .pdf，最大 { $megabytes } MB；每個帳戶最多 { $documents } 份文件。
notes-organization = 機構
notes-organization-fixed = 機構：
notes-community = 社區
notes-community-served = 服務的社區
notes-community-help = 例如：第 7 區講越南語的長者。
notes-interview = 訪談
notes-interview-date = 訪談日期
notes-role = 受訪者的身分
notes-role-help = 例如：居民、家長、個案社工、小商家店主。
notes-language = 紀錄的語言
notes-language-short = 語言
notes-choose = 請選擇…
notes-upload-button = 上傳並預覽
notes-yours = 您上傳的檔案
notes-none = 尚未上傳任何檔案。
notes-passages = 段落
notes-status = 狀態
notes-status-pending = 等待您確認
notes-status-confirmed = 分析中
notes-redacted = 已移除
notes-uploaded = 上傳時間
notes-uploaded-by = 上傳者
notes-removed = 已移除：個人資料
notes-back = ← 您上傳的檔案
notes-check-title = 分析前請先檢查
notes-check-lead = 以下段落就是將被儲存和分析的完整內容。標記的項目是已移除的個人資料。如果仍看得到個人資料，請捨棄這次上傳，修改檔案後再重新上傳。
notes-confirm = 確認：加入分析
notes-discard = 捨棄
notes-delete = 刪除這份文件
notes-delete-hint = 刪除後，文件內容不會再用於之後的分析。
notes-will-analyse = 將被分析的內容
notes-field-organization = 機構名稱
notes-field-community = 服務的社區
notes-field-role = 受訪者的身分
notes-error-missing = 請填寫{ $field }。
notes-error-too-long = 請將{ $field }縮短到最多 { $max } 個字元。
notes-error-date-missing = 請填寫訪談日期。
notes-error-date-invalid = 「{ $value }」不是日期：請使用 YYYY-MM-DD 格式，例如 2026-03-14。
notes-error-date-future = 訪談日期是未來的日期。
notes-error-language = 請選擇紀錄所用的語言。
notes-choose-file-again = 請重新選擇檔案：發生問題後瀏覽器不會保留已選的檔案。
notes-error-no-file = 請選擇要上傳的檔案：.txt、.md、.docx 或 .pdf。
notes-error-format = 「{ $file }」不是 .txt、.md、.docx 或 .pdf 檔案。請另存為其中一種格式。
notes-error-too-many = 您已有 { $count } 份文件，已達每個帳戶的上限（{ $max }）。請先刪除不再需要的文件。
notes-error-unreadable = 無法讀取「{ $file }」：{ $problem }。
notes-error-too-large = 檔案超過 { $megabytes } MB，即每次上傳的上限。請分成幾個檔案。
notes-error-interrupted = 上傳中斷了：請再試一次。
notes-error-not-upload = 請以檔案上傳的方式送出表單。
notes-read = 已從「{ $file }」讀取 { $count } 個段落。請檢查下方將被分析的內容，然後確認或捨棄。
notes-error-no-such = 您上傳的檔案中沒有這份文件。
notes-confirmed = 已確認：「{ $file }」的 { $count } 個段落將納入下一次分析。
notes-error-already-confirmed = 這份文件已經確認過了。
notes-deleted = 已刪除「{ $file }」：其內容已不存在，也不會用於之後的分析。
notes-discarded = 已捨棄「{ $file }」：沒有保留任何內容。
