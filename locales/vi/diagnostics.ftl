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
