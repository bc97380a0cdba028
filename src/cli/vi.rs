//! `--help` in Vietnamese: the same commands and options, every text replaced before parsing.
//!
//! clap's derive attributes hold one language; this walks the built command tree and swaps in the
//! Vietnamese texts below (keyed by command path and argument id), plus clap's own headings and the
//! `--help`/`--version` flags. A text missing here keeps its English: a test lists any that are.

use clap::{Arg, ArgAction, Command};

/// Command path (`""` for hoclieu itself, `new lesson` for a subcommand) → (about, long about, after help).
const COMMANDS: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "",
        "Biến các bài học viết bằng Markdown, chia theo cấp học, thành một trang web dễ tiếp cận, dùng được cả khi không có mạng.",
        Some(
            "hoclieu (\"học liệu\") biến các bài học viết bằng Markdown, chia theo cấp học, thành một trang web có câu hỏi ôn tập, \
hướng dẫn cho thầy cô và tài liệu để in. Trang chạy trên mọi máy chủ web và mở thẳng từ ổ đĩa (file://), ví dụ từ USB.\n\n\
Một trang học liệu là một thư mục có hoclieu.yaml và content/. Hướng dẫn đi kèm chương trình: `hoclieu docs` liệt kê, \
`hoclieu docs authoring` in hướng dẫn soạn bài. Hướng dẫn cũng có trong thư mục docs/vi/ của mã nguồn hoclieu.",
        ),
        Some(
            "Ví dụ:\n  hoclieu init truong-em        Tạo trang mới trong thư mục truong-em\n  \
hoclieu serve                 Xem trước trang trong khi soạn\n  \
hoclieu check                 Báo mọi lỗi, không ghi gì\n  \
hoclieu build                 Dựng trang vào thư mục public/\n  \
hoclieu docs authoring        Đọc hướng dẫn soạn bài\n\n\
Phần trợ giúp bằng tiếng Việt khi trang dùng language: vi (hoặc thêm --lang vi); --lang en để xem tiếng Anh.\n\
Mã thoát: 0 thành công, 1 nội dung có lỗi, 2 gõ lệnh sai.",
        ),
    ),
    (
        "build",
        "Dựng trang vào public/ (thay cả thư mục; dựng lỗi thì public/ giữ nguyên như cũ).",
        None,
        Some(
            "Ví dụ:\n  hoclieu build\n  hoclieu build --root ../truong-em --out /tmp/site\n  hoclieu build --drafts --quiet\n  \
hoclieu build --zip hoc-lieu.zip    Đóng gói cả trang vào một tệp nén (xem `hoclieu docs deploy`)",
        ),
    ),
    (
        "check",
        "Kiểm tra mọi thứ như khi dựng trang, nhưng không ghi gì.",
        None,
        Some(
            "Ví dụ:\n  hoclieu check\n  hoclieu check --root trang-em --format json\n  hoclieu check --watch          Kiểm tra lại mỗi khi lưu tệp",
        ),
    ),
    (
        "init",
        "Tạo trang mới: cấu hình, một cấp học, một bài học có câu hỏi, một kịch bản buổi học và một phiếu học tập.",
        None,
        Some("Ví dụ:\n  hoclieu init truong-em\n  hoclieu init . --force      Chỉ thêm các tệp còn thiếu vào thư mục này"),
    ),
    ("new", "Thêm cấp học, bài học hoặc kịch bản buổi học; mỗi trường đều có chú thích.", None, None),
    (
        "new level",
        "Một cấp học: `hoclieu new level <tên>`, ví dụ `thcs`; tạo content/<tên>/_index.md.",
        None,
        Some(
            "Ví dụ:\n  hoclieu new level thcs\n  hoclieu new level mam-non\n  hoclieu new level \"Giáo dục thường xuyên\" --title \"GDTX\"",
        ),
    ),
    (
        "new lesson",
        "Một bài học: `hoclieu new lesson <cấp học>/<tên>`; số thứ tự là số kế tiếp của cấp học. Bài mới là bản nháp.",
        None,
        Some(
            "Ví dụ:\n  hoclieu new lesson tieu-hoc/mat-khau-manh --title \"Mật khẩu mạnh\"\n  hoclieu new lesson \"thcs/Tin giả\"",
        ),
    ),
    (
        "new session",
        "Kịch bản buổi ngoại khóa năm học này của một cấp học, liệt kê các bài và tài liệu của cấp.",
        None,
        Some("Ví dụ:\n  hoclieu new session thcs"),
    ),
    ("theme", "Đổi giao diện: chép một mẫu trang (template) của giao diện vào trang của em để sửa.", None, None),
    (
        "theme eject",
        "Chép một mẫu trang (ví dụ `lesson`) vào templates/; bản chép thay cho mẫu của giao diện.",
        None,
        Some("Ví dụ:\n  hoclieu theme eject lesson\n  hoclieu theme eject base.html --root truong-em"),
    ),
    ("theme list", "Liệt kê các mẫu trang của giao diện và mẫu nào trang của em đã thay.", None, None),
    (
        "schema",
        "Ghi các JSON Schema của hoclieu.yaml, phần đầu (front matter) các loại trang và khối quiz, để trình soạn thảo kiểm tra ngay khi gõ.",
        None,
        Some(
            "Ví dụ:\n  hoclieu schema                  Ghi vào .hoclieu/schemas/ của trang này\n  \
hoclieu schema --out schemas    Ghi vào thư mục schemas/\n\n\
Các tệp: hoclieu-config.schema.json, và page, level, lesson, session, material, quiz, frameworks.schema.json.\n\
`hoclieu docs editors` hướng dẫn dùng chúng trong VS Code.",
        ),
    ),
    (
        "docs",
        "Đọc các hướng dẫn đi kèm hoclieu (dạng Markdown, in ra màn hình).",
        None,
        Some(
            "Ví dụ:\n  hoclieu docs                  Liệt kê các hướng dẫn\n  hoclieu docs authoring        Hướng dẫn soạn bài\n  \
hoclieu docs diagnostics      Mọi mã lỗi, nguyên nhân và cách sửa\n  hoclieu docs deploy > deploy.md",
        ),
    ),
    (
        "serve",
        "Xem trước trang: dựng trang, mở trên máy này, tự dựng lại và tải lại trang mỗi khi lưu.",
        None,
        Some(
            "Ví dụ:\n  hoclieu serve\n  hoclieu serve --root truong-em --open\n  hoclieu serve --port 8080 --drafts\n\n\
Bản xem trước nằm trong .hoclieu/serve/ của thư mục trang (git bỏ qua). Nhấn Ctrl+C để dừng.",
        ),
    ),
];

/// (command path, argument id) → help.
const ARGS: &[(&str, &str, &str)] = &[
    ("", "lang", "Ngôn ngữ của phần trợ giúp: `vi` hoặc `en` [mặc định: `language` của trang]."),
    ("build", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("build", "out", "Nơi ghi trang [mặc định: public/ trong thư mục trang]."),
    ("build", "drafts", "Dựng cả các bài còn là bản nháp (`draft: true`)."),
    ("build", "quiet", "Chỉ in lỗi."),
    ("build", "audience", "`all` (mặc định) hoặc `student`: trang không có hướng dẫn cho thầy cô và đáp án, để đăng công khai."),
    (
        "build",
        "zip",
        "Đóng gói thêm trang vừa dựng vào tệp nén này: một thư mục dùng được ở mọi nơi sau khi giải nén (USB, Google Drive, máy chủ web).",
    ),
    ("check", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("check", "drafts", "Kiểm tra cả các bài còn là bản nháp (`draft: true`)."),
    ("check", "format", "`human` (mặc định) hoặc `json` (mỗi dòng một đối tượng, cho trình soạn thảo và CI)."),
    ("check", "watch", "Chạy tiếp và kiểm tra lại mỗi khi một tệp của trang được lưu (Ctrl+C để dừng)."),
    ("init", "dir", "Thư mục cho trang mới (chưa có thì tạo)."),
    ("init", "force", "Thêm các tệp còn thiếu vào một thư mục đã có tệp; tệp đã có không bao giờ bị sửa."),
    ("init", "title", "Tên trang [mặc định: Em an toàn trên mạng]."),
    ("new level", "name", "Tên thư mục của cấp học: `mam-non`, `tieu-hoc`, `thcs`, `thpt` hoặc tên riêng."),
    ("new level", "title", "Tên cấp học [mặc định: tên thường dùng của cấp học]."),
    ("new level", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("new lesson", "path", "Thư mục cấp học và tên tệp, ví dụ `tieu-hoc/mat-khau-manh`."),
    ("new lesson", "title", "Tên bài học."),
    ("new lesson", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("new session", "level", "Thư mục cấp học, ví dụ `thcs`."),
    ("new session", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("theme eject", "template", "Tên mẫu trang, ví dụ `lesson` hoặc `base.html` (`hoclieu theme list` liệt kê)."),
    ("theme eject", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("theme list", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("schema", "out", "Thư mục để ghi [mặc định: .hoclieu/schemas/ trong thư mục trang]."),
    ("schema", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("docs", "topic", "Tên hướng dẫn: authoring, diagnostics, deploy, editors hoặc theme."),
    ("serve", "root", "Thư mục trang (thư mục có hoclieu.yaml)."),
    ("serve", "port", "Cổng để mở (0: tự chọn cổng còn trống)."),
    ("serve", "bind", "Địa chỉ để mở; khác 127.0.0.1 hoặc ::1 thì các máy khác cũng xem được bản xem trước."),
    ("serve", "open", "Mở trang bằng trình duyệt mặc định."),
    ("serve", "drafts", "Hiện cả các bài còn là bản nháp (`draft: true`)."),
];

const TEMPLATE: &str = "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// `cmd` (hoclieu's whole command tree) with every text in Vietnamese.
pub fn localize(cmd: Command) -> Command {
    let cmd = cmd
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("In số phiên bản."));
    walk(cmd, "")
}

fn walk(mut cmd: Command, path: &str) -> Command {
    if let Some((_, about, long, after)) = COMMANDS.iter().find(|c| c.0 == path) {
        cmd = cmd.about(*about).long_about(*long).after_help(*after);
        if let Some(after) = after {
            cmd = cmd.after_long_help(*after);
        }
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let text = ARGS.iter().find(|a| a.0 == path && a.1 == id).map(|a| a.2);
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let heading = if a.is_positional() { "Tham số" } else { "Tùy chọn" };
            // clap writes "[default: …]" and "[possible values: …]" in English: write them here instead.
            let mut extra = String::new();
            let possible: Vec<String> =
                a.get_possible_values().iter().filter(|p| !p.is_hide_set()).map(|p| p.get_name().to_string()).collect();
            if a.get_action().takes_values() && !possible.is_empty() {
                extra.push_str(&format!(" [giá trị: {}]", possible.join(", ")));
            }
            let defaults: Vec<String> =
                a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            if a.get_action().takes_values() && !defaults.is_empty() {
                extra.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
            }
            let takes_values = a.get_action().takes_values();
            let a = a.help_heading(heading);
            let a = if takes_values { a.hide_default_value(true).hide_possible_values(true) } else { a };
            match text {
                Some(t) => a.help(format!("{t}{extra}")),
                None => a,
            }
        });
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In phần trợ giúp này.")
                .help_heading("Tùy chọn"),
        );
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(name.as_str(), |sc| walk(sc, &sub_path));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option of the English help has its Vietnamese text.
    #[test]
    fn every_text_is_translated() {
        fn visit(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if !COMMANDS.iter().any(|c| c.0 == path) {
                missing.push(format!("command `{path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                // `--lang` is global: its text is the root's.
                let inherited = id == "lang" && !path.is_empty();
                if !inherited && !ARGS.iter().any(|x| x.0 == path && x.1 == id) {
                    missing.push(format!("`{path}` --{id}"));
                }
            }
            for sc in cmd.get_subcommands() {
                let p = if path.is_empty() { sc.get_name().to_string() } else { format!("{path} {}", sc.get_name()) };
                visit(sc, &p, missing);
            }
        }
        let mut missing = Vec::new();
        visit(&crate::cli::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");
    }

    #[test]
    fn the_vietnamese_help_renders() {
        let mut cmd = localize(crate::cli::Cli::command());
        let help = cmd.render_long_help().to_string();
        assert!(help.contains("Cách dùng: hoclieu"), "{help}");
        assert!(help.contains("Lệnh:") && help.contains("Dựng trang vào public/"), "{help}");
        let build = cmd.find_subcommand_mut("build").unwrap().render_help().to_string();
        assert!(build.contains("Tùy chọn:") && build.contains("Chỉ in lỗi."), "{build}");
        assert!(build.contains("In phần trợ giúp này."), "{build}");
        assert!(build.contains("[giá trị: all, student] [mặc định: all]"), "{build}");
        assert!(!build.contains("default:") && !build.contains("possible values"), "{build}");
        cmd.debug_assert();
    }
}
