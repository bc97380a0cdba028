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
