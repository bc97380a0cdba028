# Thông báo lỗi của hoclieu bằng tiếng Việt. Mỗi mã ở đây có bản tương ứng trong ../en/diagnostics.ftl,
# cùng các tham số; phép thử `catalogue_matches_the_source` (src/diagnostics/catalogue.rs) đối chiếu
# cả hai tệp với mã nguồn. Cách thêm một thông báo: docs/architecture.md, "A new diagnostic".

## Nhãn của bản báo cáo

label-error = lỗi:
label-hint = gợi ý:
label-in-file = trong tệp { $file }
summary-counts = { $errors } lỗi, { $warnings } cảnh báo

## Thư mục nội dung (E0xx)

e012-level-folder = tên thư mục cấp học `{ $dir }` chưa đúng dạng: chỉ được dùng chữ thường không dấu, số và dấu `-`
    .hint = đổi tên thư mục thành `{ $slug }`

## YAML (phần đầu bài, khối câu hỏi, hoclieu.yaml): nằm ở đâu, và lỗi của serde_yaml nói bằng lời dễ hiểu

where-front-matter = Ở phần đầu bài (front matter)
where-level-front-matter = Ở phần đầu của cấp học (front matter)
where-lesson-front-matter = Ở phần đầu bài học (front matter)
where-session-front-matter = Ở phần đầu kịch bản buổi học (front matter)
where-material-front-matter = Ở phần đầu tài liệu (front matter)
where-quiz = Trong khối câu hỏi này
where-config = Trong tệp cấu hình hoclieu.yaml
where-frameworks = Trong tệp khung năng lực

yaml-unknown-field = { $place }: không có mục nào tên là `{ $field }`
    .suggest = có phải định viết `{ $field }`?
    .known = các mục được dùng: { $fields }
yaml-unknown-value = { $place }: `{ $key }: { $value }` không phải một giá trị hoclieu biết
    .suggest = có phải định viết `{ $key }: { $value }`?
    .known = hãy viết một trong các giá trị: { $values }
yaml-missing-field = { $place }: còn thiếu mục `{ $field }`
    .hint = thêm một dòng `{ $field }: …`
yaml-duplicate-key = { $place }: mục `{ $key }` được viết hai lần
    .hint = giữ một dòng `{ $key }: …`, xóa dòng kia
yaml-tab = { $place }: dòng này bắt đầu bằng một dấu tab; YAML chỉ được thụt lề bằng dấu cách
    .hint = thay dấu tab bằng dấu cách (mỗi bậc hai dấu cách, thẳng hàng với các dòng bên cạnh); trình soạn thảo thường có lệnh đổi cả tệp sang thụt lề bằng dấu cách ("Convert indentation to spaces")
yaml-expected-minutes = { $place }: `{ $key }` cần một số phút, ví dụ 45, chứ không phải `{ $value }`
    .hint = chỉ viết con số, không có ngoặc kép hay chữ "phút": `{ $key }: 45`
yaml-expected-number = { $place }: `{ $key }` cần một số nguyên, chứ không phải `{ $value }`
    .hint = viết một số nguyên, không có ngoặc kép, ví dụ `{ $key }: 35`
yaml-expected-list = { $place }: `{ $key }` cần một danh sách, chứ không phải `{ $value }`
    .hint = viết danh sách trong ngoặc vuông, ví dụ `{ $key }: [a, b]`, hoặc mỗi mục một dòng `- …` bên dưới `{ $key }:`
yaml-expected-yes-no = { $place }: `{ $key }` chỉ nhận `true` (có) hoặc `false` (không), chứ không phải `{ $value }`
    .hint = viết `{ $key }: true` hoặc `{ $key }: false`, không có ngoặc kép
yaml-expected-text = { $place }: `{ $key }` cần một đoạn chữ, chứ không phải `{ $value }`
    .hint = nếu chữ trông giống một con số hay một danh sách, hãy đặt nó trong ngoặc kép: `{ $key }: "…"`
yaml-expected-fields = { $place }: bên dưới `{ $key }` cần có các mục, mỗi mục một dòng
    .hint = viết các mục ở dòng dưới, lùi vào hai dấu cách: `tên: …`
yaml-colon-in-value = { $place }: trong giá trị có dấu `: `, mà YAML hiểu là bắt đầu một mục mới
    .hint = đặt cả đoạn chữ trong ngoặc kép, ví dụ `{ $key }: "Mật khẩu: bí mật của em"`
yaml-indentation = { $place }: các dòng thụt lề chưa thẳng hàng như YAML cần
    .hint = kiểm tra thụt lề: các mục của cùng một thứ phải bắt đầu ở cùng một cột, mỗi dòng `- ` của một danh sách cũng vậy; đoạn chữ có `: ` hoặc bắt đầu bằng `[`, `{"{"}`, `*`, `#` thì đặt trong ngoặc kép
yaml-unclosed-quote = { $place }: có dấu ngoặc kép `"` mở ra mà chưa đóng lại
    .hint = thêm dấu `"` ở cuối đoạn chữ, hoặc bỏ ngoặc kép đi
yaml-other = { $place }: YAML viết chưa đúng ({ $problem })
    .hint = xem dòng được chỉ ra và dòng ngay trên nó: thụt lề bằng dấu cách, đặt trong ngoặc kép đoạn chữ có `: ` hoặc `#`

## Content folders and front matter (content/)

e004-no-content = không có thư mục content/ trong { $folder }
    .hint = các bài học nằm trong content/<cấp học>/<bài>.md; lệnh `hoclieu init` tạo sẵn một trang mẫu để bắt đầu
e005-cannot-read = không đọc được { $file }: { $error }
e006-no-home = thiếu tệp content/_index.md: trang cần có trang chủ
    .hint = tạo tệp content/_index.md gồm một dòng `---`, dòng `title: …`, một dòng `---` nữa và vài câu giới thiệu
e007-not-utf8 = tệp { $file } không được lưu theo bảng mã UTF-8
    .hint = lưu lại tệp theo UTF-8 (trình soạn thảo nào cũng có, trong "Save as" hoặc "Encoding")
e008-changed = tệp { $file } đã thay đổi trong lúc hoclieu đang dựng trang
    .hint = lưu bài, đợi trình soạn thảo hoặc việc sao chép xong, rồi dựng lại
e009-link-nowhere = { $file } là một lối tắt (link) trỏ tới tệp không còn tồn tại: { $error }
    .hint = xóa lối tắt đó, hoặc đặt chính tệp thật vào chỗ của nó
e009-link-outside = { $file } là một lối tắt (link) trỏ tới { $target }, nằm ngoài thư mục trang
    .hint = chép hẳn tệp vào thư mục trang: trang chỉ được dựng từ các tệp của chính nó
e009-link-folder = { $file } là một lối tắt (link) tới một thư mục; hoclieu không đi theo lối tắt tới thư mục
    .hint = chuyển hoặc chép các tệp trong thư mục đó vào chính các thư mục của trang
e012-file-name = tên tệp `{ $name }` chưa đúng dạng: chỉ được dùng chữ thường không dấu, số và dấu `-`
    .hint = đổi tên tệp thành `{ $slug }.md`: tên tệp trở thành địa chỉ của trang
e013-no-level = `{ $file }` nằm trong một thư mục không có tệp `_index.md`
    .hint = mỗi bài học thuộc về một cấp học: thêm tệp content/{ $dir }/_index.md có `title:` và `order:`, hoặc chuyển tệp vào thư mục của một cấp học
e014-too-deep = { $file } nằm sâu quá nhiều lớp thư mục
    .hint = bài học đặt thẳng trong thư mục cấp học: content/<cấp học>/<bài>.md
e015-empty-title = tiêu đề (`title`) đang để trống
    .hint = ghi tên của trang, ví dụ `title: Mật khẩu là bí mật`
e016-grades-range = `grades` phải là một khoảng lớp `[lớp đầu, lớp cuối]`
    .hint = ví dụ `grades: { $example }`
e016-ages-range = `ages` phải là một khoảng tuổi `[nhỏ nhất, lớn nhất]`
    .hint = ví dụ `ages: [11, 15]`
e017-zero-minutes = `duration` đang là 0 phút
    .hint = ghi thời lượng bài học bằng số phút, ví dụ `duration: 35`
e018-not-a-date = `updated: { $value }` không phải một ngày hợp lệ
    .hint = viết theo thứ tự năm-tháng-ngày: `updated: { $date }`
e019-reserved = `{ $slug }` là tên trang đã dùng sẵn cho việc khác
    .hint = đổi sang tên khác; các tên đã dành sẵn: { $names }
e040-same-order = hai { $what ->
        [level] cấp học
       *[other] bài học
    } cùng có `order: { $order }`
    .hint = { $other } cũng có số thứ tự này; mỗi { $what ->
        [level] cấp học
       *[other] bài học
    } cần một số riêng
e041-same-address = hai trang trong `{ $level }` có cùng địa chỉ `{ $slug }`
    .hint = { $other } cũng tạo ra địa chỉ này; đổi tên một trong hai tệp
e042-grades-outside = các lớp của bài học { $grades } nằm ngoài các lớp của cấp học [{ $low }, { $high }]
    .hint = bài học chỉ dành cho một số lớp trong cấp học của nó
e043-unknown-kind = hoclieu không biết loại trang `{ $kind }`
    .suggest = có phải định viết `kind: { $kind }`?
    .known = các loại trang: { $kinds }
e044-unknown-competence = không có năng lực nào mã là `{ $code }`
    .suggest = có phải định viết `{ $code }`?
    .known = mã năng lực được khai báo trong các khung năng lực ghi ở mục `frameworks:` của hoclieu.yaml
w001-no-objectives = bài `{ $title }` chưa có mục tiêu
    .hint = thêm `objectives:` vào phần đầu bài: học xong bài, các em làm được gì
w002-no-quiz = bài `{ $title }` chưa có câu hỏi ôn tập
    .hint = một khối ```quiz ngắn giúp các em tự kiểm tra điều đã học, cả khi in ra giấy
w003-no-session = chưa có kịch bản buổi học nào dùng bài `{ $lesson }`
    .hint = ghi tên bài vào mục `lessons:` của một kịch bản buổi học trong content/{ $level }/, hoặc bỏ qua nếu bài dành cho các em tự học
w004-large-image = ảnh { $file } nặng { $kb } KB
    .hint = ảnh trên 500 KB tải chậm trên mạng của trường và trên điện thoại: thu nhỏ ảnh (ví dụ rộng 1200 điểm ảnh) hoặc lưu dạng JPEG/WebP
w007-not-an-image = không đọc được ảnh { $file }: { $reason }
    .hint = mở tệp bằng phần mềm sửa ảnh rồi lưu lại (PNG, JPEG, WebP hoặc SVG); chừng nào chưa sửa, trang không biết ảnh rộng và cao bao nhiêu
    .unknown-format = nội dung tệp không phải ảnh PNG, JPEG, GIF, WebP hay AVIF
    .damaged = phần đầu tệp bị hỏng
    .cut-short = tệp bị cắt dở, thiếu phần cuối
    .no-svg = tệp không có thẻ <svg>
    .not-xml = tệp không phải XML hợp lệ ({ $error })
    .svg-root = thẻ ngoài cùng của tệp là <{ $element }>, không phải <svg>

## Session plans (S0xx)

s001-no-agenda = kịch bản buổi học này chưa có chương trình (`agenda`)
    .hint = thêm `agenda:` với từng bước `- minutes: 10` / `title: …`
s002-not-a-lesson = `{ $lesson }` không phải một bài học của cấp `{ $level }`
    .suggest = có phải định viết `{ $lesson }`?
    .no-lessons = cấp học này chưa có bài nào: tạo một bài bằng lệnh `hoclieu new lesson`
    .known = các bài của cấp học này: { $lessons }
    .draft = bài `{ $lesson }` đang là bản nháp (`draft: true`): bỏ dòng nháp để đăng bài, hoặc bỏ bài khỏi kịch bản buổi học này
s003-agenda-minutes = các bước trong chương trình cộng lại được { $total } phút, nhưng `duration` là { $duration } phút
    .hint = sửa số phút (`minutes`) của các bước cho cộng lại bằng `duration`, hoặc sửa `duration`
s004-step-without-quiz = bước `{ $step }` có `quiz: true`, nhưng bài `{ $lesson }` chưa có câu hỏi ôn tập
    .hint = thêm một khối ```quiz vào bài học, hoặc bỏ dòng `quiz: true`
s004-steps-without-quiz = bước `{ $step }` có `quiz: true`, nhưng các bài của buổi học chưa có câu hỏi ôn tập
s005-no-material = không có tài liệu `{ $material }`
    .suggest = có phải định viết `{ $material }`?
    .known = tài liệu là tệp Markdown có `kind: handout|letter|poster`, hoặc tệp (PDF, ảnh) đặt cạnh kịch bản buổi học, ghi đường dẫn tính từ thư mục của kịch bản
s006-school-year = `{ $value }` không phải một năm học
    .hint = ví dụ `school_year: 2026-2027`
s010-no-session = cấp học `{ $level }` chưa có kịch bản buổi ngoại khóa nào cho năm học { $year }
    .hint = mỗi năm học, mỗi cấp học có ít nhất một buổi ngoại khóa: thêm tệp content/{ $level }/buoi-ngoai-khoa-{ $year }.md có `kind: session` (lệnh `hoclieu new session { $level }`)

## Quizzes (Q0xx)

q001-question-fields = mỗi câu hỏi có `q` và, tùy loại câu: `options` (mỗi lựa chọn có `text`, `correct`, `feedback`), `answer` (đúng/sai), `items` (sắp xếp), `pairs` (nối cặp), `accept` (điền chữ); có thể thêm `type`, `explain`, `image`, `alt`
q002-no-questions = khối câu hỏi này chưa có câu hỏi nào
    .hint = thêm `questions:` với ít nhất một câu `- q: …`
q003-unknown-type = hoclieu không biết loại câu hỏi `{ $kind }`
    .suggest = có phải định viết `type: { $kind }`?
    .known = các loại câu hỏi: { $kinds }
q004-no-correct = chưa có lựa chọn nào được đánh dấu là đúng
    .hint = thêm `correct: true` vào lựa chọn đúng
q005-one-correct = câu hỏi `single` (chọn một) chỉ có đúng một lựa chọn đúng, câu này có { $count }
    .hint = chỉ giữ một dòng `correct: true`, hoặc ghi `type: multiple` nếu câu hỏi có nhiều đáp án đúng
q006-two-options = câu hỏi `{ $kind }` cần ít nhất hai lựa chọn, câu này có { $count }
    .hint = thêm lựa chọn dạng `- text: …`, và đánh dấu lựa chọn đúng bằng `correct: true`
q007-two-items = câu hỏi sắp xếp (`order`) cần ít nhất hai bước, câu này có { $count }
    .hint = liệt kê các bước theo đúng thứ tự: `items: [bước một, bước hai, bước ba]`
q008-same-option = lựa chọn `{ $option }` xuất hiện hai lần
    .hint = mỗi lựa chọn phải khác nhau
q008-same-item = bước `{ $item }` xuất hiện hai lần
    .hint = mỗi bước phải khác nhau
q008-same-pair = `{ $side }` xuất hiện hai lần trong các cặp
    .hint = mỗi vế của các cặp phải khác nhau
q009-no-accepted = câu hỏi điền chữ (`text`) cần ít nhất một đáp án được chấp nhận
    .hint = thêm `accept: ["…"]` với mọi câu trả lời được tính là đúng
q010-true-false-answer = câu hỏi đúng/sai (`true-false`) cần có `answer`
    .hint = thêm `answer: true` (đúng) hoặc `answer: false` (sai)
q010-two-pairs = câu hỏi nối cặp (`match`) cần ít nhất hai cặp, câu này có { $count }
    .hint = viết `pairs:` với các dòng như `- [tình huống, việc nên làm]`
q011-stray-field = `{ $fields }` không dùng cho câu hỏi loại `{ $kind }`
    .hint = xóa mục đó, hoặc đổi `type:` sang loại câu hỏi dùng mục đó
q012-pass = `pass: { $value }` không phải một tỉ lệ phần trăm
    .hint = ghi một số từ 0 đến 100, ví dụ `pass: 70`
q013-image-alt = ảnh của câu hỏi này chưa có lời mô tả (`alt`)
    .hint = thêm `alt: …` tả những gì có trong ảnh, cho các em không nhìn thấy ảnh
q014-too-many = câu hỏi này có { $count } { $what ->
        [pairs] cặp
       *[other] lựa chọn
    }; phiếu học tập chỉ đánh chữ được tối đa { $max } (A–Z)
    .hint = tách thành vài câu hỏi: danh sách ngắn cũng dễ đọc hơn với các em

## Links and images (E020–E025)

e020-missing-page = liên kết tới một trang không có: `{ $dest }`
    .draft = bài đó đang là bản nháp (`draft: true`): bỏ dòng nháp để đăng bài, hoặc dựng trang với --drafts
    .suggest = có phải định viết `{ $page }`?
    .hint = liên kết tới bài học là đường dẫn tới tệp .md của bài, tính từ tệp đang viết
e021-outside = `{ $dest }` trỏ ra ngoài thư mục content/
    .hint = chỉ liên kết tới các tệp nằm trong trang
e022-no-static-file = không có tệp nào tên `{ $dest }` trong thư mục static/
    .page = muốn liên kết tới một trang thì ghi đường dẫn tới tệp .md của trang, tính từ tệp đang viết: có phải định viết `{ $page }`?
    .suggest = có phải định viết `/{ $file }`? hoặc đặt tệp vào static/{ $path } (đường dẫn bắt đầu bằng `/` là tệp trong static/)
    .hint = đặt tệp vào static/{ $path }, hoặc sửa lại đường dẫn (đường dẫn bắt đầu bằng `/` là tính từ thư mục static/)
e022-no-file = không có tệp `{ $dest }` (đã tìm content/{ $target })
    .email = muốn ghi địa chỉ thư điện tử thì viết `mailto:{ $address }`, hoặc đặt trong ngoặc nhọn: `<{ $address }>`
    .page = muốn liên kết tới một trang thì ghi đường dẫn tới tệp .md của trang: có phải định viết `{ $page }`?
    .in-static = tệp này nằm trong static/: hãy viết `/{ $path }` (đường dẫn bắt đầu bằng `/` là tệp trong static/)
    .suggest = có phải định viết `{ $file }`?
    .suggest-static = có phải định viết `/{ $file }`? (đường dẫn bắt đầu bằng `/` là tệp trong static/)
    .hint = đường dẫn được tính từ tệp Markdown đang viết; đường dẫn bắt đầu bằng `/` là tệp trong static/
e025-backslash = tên tệp `{ $file }` có dấu gạch chéo ngược `\`
    .hint = đổi tên tệp, bỏ dấu `\`, ví dụ `{ $file }`

## Markdown (E024, E030, W020–W022)

e024-no-alt = ảnh này chưa có lời mô tả (alt)
    .hint = tả ảnh trong cặp ngoặc vuông: `![Bàn tay với năm ngón](x.svg)`; ảnh chỉ để trang trí thì viết `![](x.svg "decorative")`
e030-closes-nothing = dòng `:::` này không đóng khối nào
    .hint = xóa dòng đó, hoặc mở một khối ở phía trên, ví dụ `::: tip`
e030-unknown-block = hoclieu không biết khối `::: { $name }`
    .suggest = có phải định viết `::: { $name }`?
    .known = các khối: { $names }
e030-never-closed = khối `::: { $name }` chưa được đóng
    .hint = thêm một dòng `:::` ở chỗ khối kết thúc
e030-in-open-code = `{ $line }` nằm trong một khối mã (code) chưa được đóng, nên trang hiện nó như mã
    .hint = đóng khối mã phía trên bằng một dòng ba dấu ``` ở chỗ đoạn mã kết thúc
q001-unreadable = không đọc được khối câu hỏi này
w020-private-use = trang này có ký tự riêng U+F8FE hoặc U+F8FF; ký tự đó sẽ hiện thành �
    .hint = các ký tự này không có nghĩa trong chữ Việt hay chữ Anh; hãy xóa chúng
w021-second-h1 = trang này có tiêu đề `#` (h1) thứ hai
    .hint = mỗi trang chỉ có một tiêu đề chính (tiêu đề thứ nhất ở dòng { $line }): đổi tiêu đề này thành `##`, các tiêu đề bên dưới nó cũng thêm một dấu `#`
w022-skipped-level = tiêu đề này nhảy cấp: ngay sau h{ $had } là h{ $level }
    .hint = đổi thành `{ $hashes }` (h{ $want }), hoặc thêm tiêu đề h{ $want } còn thiếu ở phía trên: trình đọc màn hình đọc các tiêu đề theo cấp

## Links refused and HTML cleaned (E026, W010, W011)

e026-refused-address = không được dùng địa chỉ dạng `{ $scheme }:`: `{ $address }`
    .hint = liên kết và ảnh chỉ được trỏ tới bài học, tệp của trang, hoặc trang web (https://…); địa chỉ chạy mã (script) hay chứa dữ liệu có thể gây hại cho người đọc
w010-heading-attribute = đã bỏ thuộc tính `{ $attribute }` của đề mục
    .hint = đề mục chỉ được có id, class và các thuộc tính `aria-`/`data-`: `## Tên đề mục {"{"}#id .class{"}"}`
w010-removed =
    .hint = mã HTML viết trong bài được làm sạch để không trang nào chạy được mã lạ hay đưa các em sang trang web khác: hãy viết bằng Markdown, hoặc xem mục `trusted_html` trong hướng dẫn soạn bài
w010-removed-with-content = đã bỏ thẻ `<{ $tag }>` cùng nội dung bên trong khỏi mã HTML
w010-removed-tag = đã bỏ thẻ `<{ $tag }>` khỏi mã HTML
w010-removed-tag-kept-text = đã bỏ thẻ `<{ $tag }>` khỏi mã HTML (chữ bên trong vẫn giữ)
w010-removed-attribute = đã bỏ thuộc tính `{ $attribute }` của thẻ `<{ $tag }>` khỏi mã HTML
w010-removed-address = đã bỏ `{ $attribute }="{ $value }"` của thẻ `<{ $tag }>` khỏi mã HTML: chỉ giữ địa chỉ tương đối, http(s), mailto và tel
w011-html-in-field = mã HTML trong mục `{ $key }` sẽ hiện nguyên như chữ: `{ $html }`
    .hint = các mục viết trong YAML là chữ thường kèm Markdown (**đậm**, *nghiêng*, [liên kết](…)); hãy định dạng bằng Markdown

## Configuration and front-matter fences (E001–E003, E010, E011, W012)

e001-no-config = không đọc được { $file }: { $error }
    .hint = chạy hoclieu trong thư mục có tệp { $file }, thêm --root THƯ-MỤC, hoặc tạo trang mới bằng `hoclieu init`
e003-no-title = trang cần có tên (`title`)
e003-language = `language` chỉ có thể là `vi` hoặc `en`
    .hint = giao diện có chữ cho hai ngôn ngữ này (themes/default/i18n/)
e003-school-year = `{ $value }` không phải một năm học
    .hint = ghi hai năm liền nhau, ví dụ `school_year: 2026-2027`
e003-phone = số điện thoại của đường dây hỗ trợ `{ $name }` không có chữ số nào
    .hint = ghi số như khi bấm gọi, ví dụ `phone: "111"`
e003-help-page = `{ $page }` không phải một trang của trang học liệu này
    .hint = ghi đường dẫn của trang tính từ thư mục gốc, ví dụ `help_page: tro-giup/index.html`
e003-frameworks-file = không đọc được tệp khung năng lực `{ $file }`: { $error }
    .hint = `frameworks:` ghi tên một tệp YAML, tính từ thư mục trang, ví dụ `frameworks: data/nang-luc.yaml`
e003-competence-twice = mã năng lực `{ $code }` được khai báo hai lần
    .hint = mỗi mã chỉ được dùng một lần trong tất cả các khung năng lực
e010-no-front-matter = tệp này chưa có phần đầu bài (front matter)
    .hint = bắt đầu tệp bằng một dòng `---`, rồi dòng `title: …`, rồi thêm một dòng `---` nữa
e011-not-closed = phần đầu bài (front matter) chưa được đóng lại
    .hint = thêm một dòng `---` ngay sau mục cuối cùng của phần đầu bài
w012-trusted-html = `trusted_html: true`: mã HTML trong bài được đăng nguyên văn, không được làm sạch
    .hint = khi đó, bất kỳ ai soạn bài cũng có thể đưa mã chạy (script) hay liên kết dẫn các em sang trang khác lên trang: hãy xóa dòng này, trừ khi mọi người soạn bài của trang đều đáng tin cậy

## Anchors, templates, sample text, images from elsewhere (E023, E09x, W005, W006, W013)

e023-no-heading = trang `{ $page }` không có đề mục `#{ $anchor }`
    .suggest = có phải định viết `#{ $anchor }`?
    .no-headings = trang đó không có đề mục nào để liên kết tới
    .known = các đề mục của trang: { $anchors }
e090-strings = chữ giao diện của ngôn ngữ `{ $language }` bị hỏng: { $error }
e092-template-error = một mẫu trang (template) bị lỗi: { $error }
    .hint = mẫu trang viết bằng Tera 2 (giống Jinja); sửa mẫu trang có tên ở trên, hoặc xóa nó để dùng mẫu của giao diện
e093-no-quiz = { $file } không có khối câu hỏi thứ { $number }
e093-template-failed = mẫu trang `{ $name }` bị lỗi khi dựng trang: { $error }
    .hint = nếu trang có mẫu riêng trong templates/, hãy so nó với mẫu của giao diện (docs/theme.md liệt kê những gì mẫu trang nhận được)
e092-in-template = mẫu trang `{ $file }` bị lỗi: { $error }
    .hint = mẫu trang viết bằng Tera 2 (giống Jinja); sửa mẫu trang ở dòng này, hoặc xóa tệp để dùng mẫu của giao diện (lệnh `hoclieu theme eject <tên>` chép mẫu của giao diện ra để bắt đầu sửa)
    .suggest = có phải định viết `{ $name }`? mẫu trang viết bằng Tera 2 (giống Jinja); sửa mẫu trang ở dòng này, hoặc xóa tệp để dùng mẫu của giao diện (lệnh `hoclieu theme eject <tên>` chép mẫu của giao diện ra để bắt đầu sửa)
e092-never-closed = khối `{ $tag }` trong `{ $file }` chưa được đóng
    .hint = thêm `{"{"}% end{ $keyword } %{"}"}` ở chỗ khối kết thúc: { $stopped }
    .stopped-by = tới dòng { $line } thì gặp `{ $tag }` trong khi khối vẫn còn mở
    .file-ends = tệp đã hết mà khối vẫn còn mở
e093-in-template = mẫu trang `{ $file }` bị lỗi khi dựng trang: { $error }
    .hint = mẫu trang viết bằng Tera 2 (giống Jinja); sửa mẫu trang ở dòng này, hoặc xóa tệp để dùng mẫu của giao diện (lệnh `hoclieu theme eject <tên>` chép mẫu của giao diện ra để bắt đầu sửa)
e093-no-context = không chuẩn bị được dữ liệu cho mẫu trang `{ $template }`: { $error }
w005-sample-text = trang này vẫn còn chữ mẫu do `hoclieu new` tạo: "{ $text }"{ $more ->
        [0] {""}
       *[other] {" "}(và { $more } chỗ khác)
    }
    .hint = thay chữ mẫu bằng nội dung của bài, hoặc giữ `draft: true` cho tới khi trang soạn xong
w006-unused-template = `templates/{ $name }` không thay mẫu trang nào của giao diện, và cũng không mẫu nào dùng tới nó
    .suggest = có phải định đặt tên `templates/{ $template }`? tệp ở đây thay cho mẫu trang cùng tên của giao diện
    .known = tệp ở đây thay cho mẫu trang cùng tên của giao diện: { $templates }; lệnh `hoclieu theme eject <tên>` chép một mẫu ra để bắt đầu sửa
w013-image-elsewhere = ảnh này được tải từ một trang web khác: `{ $url }`
    .hint = chính sách an toàn của trang sẽ chặn ảnh, và khi tải ảnh, trang kia biết có em vừa mở bài: hãy lưu ảnh vào trang (ví dụ static/images/) rồi dùng đường dẫn đó

## Writing the site, init and new (E050–E055, commands)

e050-not-ours = { $folder } đã có sẵn và không do hoclieu tạo ra: hoclieu không thay thư mục này
    .hint = chọn thư mục khác để ghi trang bằng --out THƯ-MỤC, hoặc chuyển thư mục kia đi chỗ khác; hoclieu không bao giờ xóa thư mục mà nó không tạo ra
e051-work-not-ours = { $folder } đã có sẵn và không do hoclieu tạo ra
    .hint = hoclieu dựng trang vào thư mục đó trước khi thay cho bản cũ; hãy chuyển nó đi chỗ khác
e052-same-path = hai trang cùng được ghi vào `{ $path }`
    .hint = một tệp trong static/ hoặc content/ trùng đường dẫn với một trang; đổi tên một trong hai
e052-clash = `{ $file }` sẽ được ghi vào đúng chỗ của { $taken ->
        [theme] tệp `{ $path }` thuộc giao diện
       *[other] trang `{ $path }`
    }
    .hint = khi dựng, tệp này và tệp kia sẽ đè lên nhau: đổi tên tệp này hoặc chuyển nó đi chỗ khác (ví dụ vào một thư mục riêng)
    .theme = khi dựng, tệp này sẽ đè lên tệp của giao diện: đổi tên hoặc chuyển tệp này đi chỗ khác. Muốn đổi giao diện (màu, cỡ chữ…), hãy viết các quy tắc CSS vào static/custom.css: trang nào cũng nạp tệp đó sau tệp CSS của giao diện
e053-cannot-write = không ghi được { $path }: { $error }
    .hint = kiểm tra xem ổ đĩa còn chỗ trống không và có quyền ghi vào thư mục đích không
e055-out-inside = thư mục ghi trang { $folder } lại nằm trong thư mục { $dir }/ của trang
    .hint = mỗi lần dựng trang đều đọc { $dir }/, nên trang sẽ bị chép vào chính nó: chọn thư mục ghi trang nằm ngoài content/, static/, data/ và templates/, ví dụ thư mục mặc định `public`
e056-unreadable-body = không đọc lại được nội dung của { $file } từ tệp tạm của lần dựng trang: { $error }
    .hint = với trang rất lớn, nội dung các bài được giữ trong một tệp tạm từ lúc đọc đến lúc ghi; ổ đĩa chứa tệp tạm (thư mục tạm của hệ thống) có thể đã đầy hoặc bị lỗi. Chưa có tệp nào được ghi ra: hãy giải phóng chỗ trống hoặc đặt TMPDIR sang ổ đĩa khác, rồi dựng lại
problem-cannot-write = không ghi được { $path }: { $error }
    .hint = kiểm tra xem thư mục có tồn tại không và có quyền ghi vào đó không
problem-cannot-read-folder = kiểm tra tên thư mục và quyền truy cập
problem-no-config = không có tệp { $file } trong { $folder }
    .hint = chạy lệnh trong thư mục của trang, thêm --root THƯ-MỤC, hoặc tạo trang mới bằng `hoclieu init`
problem-exists = { $path } đã có rồi
    .hint = chọn tên khác; hoclieu không bao giờ ghi đè lên một tệp
init-is-a-file = { $path } là một tệp, không phải thư mục
    .hint = chọn tên thư mục cho trang mới, ví dụ `hoclieu init truong-em`
init-not-empty = thư mục { $path } không trống
    .hint = chọn một thư mục mới (`hoclieu init truong-em`), hoặc chỉ thêm các tệp còn thiếu bằng `hoclieu init { $path } --force` (lệnh này không sửa hay xóa tệp nào)
new-no-level = không có cấp học `{ $level }` trong content/
    .no-levels = trang này chưa có cấp học nào: tạo một cấp học bằng { $command }
    .suggest = có phải định viết `{ $level }`? các cấp học hiện có: { $levels }; hoặc tạo cấp học mới bằng { $command }
    .known = các cấp học hiện có: { $levels }; muốn thêm cấp học này thì tạo bằng { $command }
new-lesson-spec = `{ $spec }` chưa ghi rõ cấp học và tên bài
    .hint = ghi thư mục cấp học, dấu gạch chéo, rồi tên tệp của bài: `hoclieu new lesson tieu-hoc/mat-khau-manh`
new-bad-file-name = `{ $name }` không dùng làm tên tệp được
    .hint = dùng chữ cái, chữ số và dấu `-`, ví dụ `tieu-hoc/mat-khau-manh`
new-bad-folder-name = `{ $name }` không dùng làm tên thư mục được
    .hint = dùng chữ cái, chữ số và dấu `-`, ví dụ `hoclieu new level thcs`
new-level-exists = cấp học `{ $level }` đã có rồi
    .hint = thêm bài học cho cấp này bằng `hoclieu new lesson { $level }/<tên>`
new-session-exists = cấp học này đã có kịch bản buổi ngoại khóa cho năm học này: hãy sửa tệp đó, hoặc đổi `school_year` trong hoclieu.yaml trước

## theme eject, serve, build --zip, schema

eject-no-template = giao diện không có mẫu trang `{ $template }`
    .suggest = có phải định viết `{ $template }`? các mẫu trang: { $templates }
    .known = các mẫu trang: { $templates }
eject-exists = tệp này đã thay cho mẫu trang của giao diện: hãy sửa nó, hoặc xóa nó để dùng lại mẫu của giao diện
serve-cannot-open = không mở được thư mục trang { $folder }: { $error }
    .hint = ghi thư mục có tệp hoclieu.yaml sau --root THƯ-MỤC
serve-cannot-start = không khởi động được máy chủ xem trước: { $error }
serve-cannot-watch = không theo dõi được các thay đổi: { $error }
serve-cannot-listen = không mở được địa chỉ { $address }: { $error }
    .bind = kiểm tra địa chỉ ghi sau --bind
    .port = có thể một chương trình khác đang dùng cổng { $port }: thử `hoclieu serve --port { $next }`
watch-cannot = không theo dõi được thay đổi trong { $folder }: { $error }
    .hint = trên Linux, tăng fs.inotify.max_user_watches, hoặc đóng các chương trình khác đang theo dõi nhiều tệp
zip-no-site = { $folder } chưa có trang nào được dựng
    .hint = dựng trang trước: `hoclieu build --zip trang.zip` vừa dựng vừa đóng gói một lần
zip-inside = { $zip } lại nằm trong thư mục trang { $folder }
    .hint = ghi tệp nén ra chỗ khác, ví dụ `--zip hoc-lieu.zip` cạnh thư mục trang
schema-no-site = chạy lệnh trong thư mục của trang, thêm --root THƯ-MỤC, hoặc ghi nơi lưu các lược đồ bằng --out THƯ-MỤC
schema-cannot-create = không tạo được thư mục { $folder }: { $error }
    .hint = chọn thư mục khác bằng --out THƯ-MỤC
schema-cannot-make = không viết được lược đồ { $name }: { $error }

## The command line: what build and check say at the end

cli-built = Đã dựng { $pages } trang, { $lessons } bài học trong { $seconds } giây → { $out } ({ $changed } tệp thay đổi)
cli-open = Mở { $index } bằng trình duyệt, hoặc đưa thư mục lên một máy chủ web bất kỳ.
cli-build-failed = Dựng trang không thành công: { $summary }. { $out } vẫn giữ nguyên như cũ.
cli-checked = Đã kiểm tra { $pages } trang, { $lessons } bài học: { $summary }.
cli-check-failed = Kiểm tra không thành công: { $summary }.
cli-sessions-this-year = Buổi ngoại khóa năm học này:
cli-ready = đã có
cli-missing = còn thiếu
cli-session-size = { $minutes } phút, { $lessons } bài học
cli-no-session = chưa có kịch bản buổi học

## What commands print (serve, init, new, theme eject, docs)

serve-serving = Đang chạy trang tại { $url } (Ctrl+C để dừng). Mỗi khi lưu tệp, trang tự tải lại.
serve-on-network = cảnh báo: đang mở trang trên { $address }: các máy khác trong mạng cũng xem được bản xem trước này. Dùng --bind 127.0.0.1 để chỉ máy này xem được.
serve-built = Đã dựng { $pages } trang trong { $ms } ms ({ $files } tệp thay đổi)
serve-rebuilt =
    .saved = Đã dựng lại trong { $ms } ms ({ $files } tệp thay đổi) sau khi lưu { $file }{ $more ->
        [0] {""}
       *[other] {" "}và { $more } tệp khác
    }
    .removed = Đã dựng lại trong { $ms } ms ({ $files } tệp thay đổi) sau khi xóa { $file }{ $more ->
        [0] {""}
       *[other] {" "}và { $more } tệp khác
    }
serve-build-failed =
    .last-good = Dựng trang không thành công: { $summary }; vẫn đang hiện bản dựng tốt gần nhất, các trang đang mở sẽ hiện lỗi. Sửa rồi lưu để dựng lại.
    .no-build = Dựng trang không thành công: { $summary }; các trang đang mở sẽ liệt kê lỗi. Sửa rồi lưu để dựng lại.
serve-no-browser = cảnh báo: không mở được trình duyệt ({ $error }); hãy tự mở { $url }.
check-external-links = Liên kết tới trang web khác ({ $count }), để thầy cô xem lại (mỗi trang có hợp với các em không?):
init-created = đã tạo   { $file }
init-kept = giữ nguyên { $file } (đã có sẵn, không đổi)
init-ready = Trang mới đã sẵn sàng trong { $folder }. Tiếp theo:
init-next =
    {"  "}hoclieu serve          xem trước trang tại http://127.0.0.1:1111/ trong khi soạn
    {"  "}hoclieu new lesson tieu-hoc/<tên>   thêm một bài học
    {"  "}hoclieu check          kiểm tra mọi trang trước khi đăng
    {"  "}hoclieu build --zip hoc-lieu.zip      đóng gói cả trang vào một tệp để đăng hoặc chép (`hoclieu docs deploy`)
init-base-url =
    Khi đăng trang lên một địa chỉ web, hãy ghi base_url trong hoclieu.yaml: chỉ khi đó mới có sitemap.xml
    (danh sách trang cho máy tìm kiếm). Không có base_url, trang vẫn chạy ở mọi nơi, cả từ USB.
new-created = Đã tạo { $file }
    .comments = Mỗi mục đều có chú thích; `hoclieu serve` cho xem trước trang trong khi soạn.
eject-created =
    {"  "}Tệp này giờ thay cho mẫu của giao diện: hãy sửa nó, `hoclieu serve` hiện thay đổi mỗi khi lưu.
    {"  "}Xóa tệp để dùng lại mẫu của giao diện. Các mẫu trang được mô tả trong `hoclieu docs theme`.
docs-no-guide = không có hướng dẫn nào tên `{ $guide }`
    .suggest = có phải định viết `{ $guide }`? các hướng dẫn: { $guides }
    .known = các hướng dẫn: { $guides }
schema-written = Đã ghi { $count } lược đồ JSON (JSON Schema) vào { $folder }. `hoclieu docs editors` hướng dẫn cách dùng chúng trong VS Code.
zip-packed = Đã đóng gói { $files } tệp ({ $mb } MB) vào { $zip }: giải nén ra là thư mục { $folder }/ — mở { $folder }/index.html bằng trình duyệt, hoặc đưa các tệp trong thư mục lên một máy chủ web bất kỳ.

## What new says after writing a file

new-note-file-name = Tệp được đặt tên { $slug }.md: địa chỉ trang dùng chữ thường không dấu, các từ nối bằng `-`.
new-note-folder-name = Thư mục được đặt tên { $slug }: địa chỉ trang dùng chữ thường không dấu, các từ nối bằng `-`.
new-note-lesson-title = Ghi tên bài ở dòng `title:` (hoặc lần sau thêm --title).
new-note-level-title = Ghi tên cấp học ở dòng `title:` (hoặc lần sau thêm --title).
new-note-draft = Bài đang là bản nháp (`draft: true`): xem trước bằng `hoclieu serve --drafts`; khi bài xong, đổi thành `draft: false` để đăng.
new-note-lesson-number =
    .session = Đây là bài thứ { $order } của `{ $level }`. Khi bài đã đăng, thêm `{ $slug }` vào `lessons:` trong { $session } để dạy bài trong buổi học.
    .no-session = Đây là bài thứ { $order } của `{ $level }`. Lập kịch bản buổi học dạy bài này bằng `hoclieu new session { $level }`.
new-note-level-next = Tiếp theo: viết bài đầu tiên bằng `hoclieu new lesson { $slug }/<tên>`, rồi lập kịch bản buổi ngoại khóa năm học này bằng `hoclieu new session { $slug }`.
new-note-agenda = Chương trình mẫu cộng lại được { $duration } phút; giữ `duration` bằng tổng số phút của các bước.
new-note-no-lessons = `{ $level }` chưa có bài nào: thêm bài bằng `hoclieu new lesson { $level }/<tên>`.

## Waiting for the output folder; theme list

output-waiting = Đang chờ một lần dựng trang khác vào { $folder } làm xong…
theme-list-replaced = (đã được thay bằng templates/{ $name })
