//! Deterministic synthetic-site generator for the build benchmark (see `docs/performance.md`).
//!
//! ```text
//! cargo run --release --example synth -- --lessons 10000 --levels 4 --out /tmp/synth10k [--seed 1]
//! ```
//!
//! It uses the standard library only, so its output cannot drift with a dependency update: the same
//! arguments always give byte-identical files, and benchmark figures stay comparable across commits.
//! Every lesson draws from its own PRNG streams keyed by (seed, lesson, purpose); a lesson that links to
//! another recomputes the target's title and headings from the target's stream instead of replaying the
//! whole generator, which is how every `#anchor` is known to exist.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Left in every generated site so a later run may replace it, and refuse to delete anything else.
const MARKER: &str = ".synth-site";

const USAGE: &str = "\
Generate a synthetic hoclieu site for benchmarking.

Usage: synth --out DIR [--lessons N] [--levels N] [--seed N] [--distinct-code]

  --out DIR      output folder (must be absent, empty, or an earlier synth site)
  --lessons N    number of lessons, spread evenly over the levels [default: 1000]
  --levels N     number of levels, 1 to 12 (they share grades 1-12) [default: 4]
  --seed N       PRNG seed; the same arguments give byte-identical output [default: 1]
  --distinct-code
                 end every line of highlighted code with a comment naming its lesson and line, so no
                 two lines of code in the site are the same (the worst case for the highlighter); the
                 rest of the site is unchanged

Example:
  cargo run --release --example synth -- --lessons 10000 --levels 4 --out /tmp/synth10k";

// ---------------------------------------------------------------------------------------------
// Vocabulary. All text is typed in NFC, as the engine normalises to.

/// Lesson titles use the first `TOPICS` entries; the rest only make sense as section headings.
const TOPICS: usize = 36;
const HEADINGS: &[&str] = &[
    "Mật khẩu mạnh",
    "Giữ bí mật thông tin cá nhân",
    "Người lạ trên mạng",
    "Khi em thấy sợ hãi",
    "Bắt nạt qua mạng là gì",
    "Cách chặn và báo cáo",
    "Tin giả và tin thật",
    "Kiểm tra nguồn tin",
    "Ảnh và video của em",
    "Quyền riêng tư trên mạng xã hội",
    "Trò chơi trực tuyến an toàn",
    "Thời gian dùng màn hình",
    "Ứng dụng và quyền truy cập",
    "Đường link lạ",
    "Lừa đảo trúng thưởng",
    "Xác thực hai bước",
    "Mã OTP là bí mật",
    "Người lớn tin cậy",
    "Gọi 111 khi cần giúp đỡ",
    "Ứng xử lịch sự trên mạng",
    "Bình luận tử tế",
    "Khi bạn em bị bắt nạt",
    "Chia sẻ vị trí",
    "Wi-Fi công cộng",
    "Cập nhật phần mềm",
    "Tệp đính kèm đáng ngờ",
    "Quảng cáo trá hình",
    "Bản quyền và sáng tạo",
    "Học trực tuyến hiệu quả",
    "Quy tắc dùng Internet trong gia đình",
    "Dấu chân số của em",
    "Em có quyền từ chối",
    "Camera và micro",
    "Tài khoản đầu tiên của em",
    "Nhận diện kẻ giả danh",
    "Mua sắm trong trò chơi",
    // Generic section headings from here on (index >= TOPICS).
    "Đăng xuất khi dùng máy chung",
    "Nghỉ ngơi cho mắt",
    "Hoạt động trên lớp",
    "Câu hỏi thảo luận",
    "Ghi nhớ",
    "Tình huống thử thách",
    "Em tự đánh giá",
    "Cùng tìm hiểu",
    "Em hãy thử",
];

const SENTENCES: &[&str] = &[
    "Mật khẩu giống như chìa khóa nhà, em không đưa cho người khác.",
    "Một mật khẩu mạnh có ít nhất mười hai ký tự, gồm chữ hoa, chữ thường, số và ký hiệu.",
    "Em không dùng chung một mật khẩu cho nhiều tài khoản.",
    "Khi có người lạ nhắn tin làm quen, em không cần trả lời ngay.",
    "Nếu thấy sợ hãi hoặc khó chịu khi dùng mạng, em hãy kể với người lớn tin cậy.",
    "Tổng đài quốc gia bảo vệ trẻ em 111 miễn phí và làm việc suốt ngày đêm.",
    "Thông tin cá nhân gồm họ tên, địa chỉ nhà, tên trường, số điện thoại và ảnh của em.",
    "Trước khi đăng một bức ảnh, em hãy tự hỏi ai sẽ nhìn thấy nó.",
    "Những gì đã đăng lên mạng rất khó xóa hoàn toàn.",
    "Tin nhắn báo em trúng thưởng thường là lừa đảo.",
    "Em không bấm vào đường link lạ, kể cả khi nó được gửi từ tài khoản của bạn bè.",
    "Bắt nạt qua mạng là khi ai đó cố ý làm người khác buồn, sợ hoặc xấu hổ bằng tin nhắn, ảnh hay bình luận.",
    "Nếu bị bắt nạt qua mạng, em không đáp trả mà lưu lại bằng chứng.",
    "Em có thể chặn và báo cáo tài khoản làm phiền mình.",
    "Người lớn tin cậy có thể là cha mẹ, ông bà, thầy cô hoặc anh chị lớn trong nhà.",
    "Không ai được phép bắt em giữ bí mật về những điều khiến em sợ.",
    "Em nên dùng thiết bị ở nơi chung trong nhà, nơi có người lớn ở gần.",
    "Thời gian dùng màn hình hợp lý giúp em ngủ ngon và học tốt hơn.",
    "Cứ sau khoảng hai mươi phút nhìn màn hình, em hãy nhìn ra xa để mắt được nghỉ.",
    "Không phải thông tin nào trên mạng cũng đúng.",
    "Em có thể kiểm tra một tin bằng cách so sánh với nhiều nguồn đáng tin cậy.",
    "Ảnh và video có thể bị chỉnh sửa để đánh lừa người xem.",
    "Khi trò chuyện trên mạng, em nói năng lịch sự như khi nói chuyện trực tiếp.",
    "Em không chia sẻ ảnh của bạn khi chưa được bạn đồng ý.",
    "Xác thực hai bước giúp tài khoản an toàn hơn ngay cả khi lộ mật khẩu.",
    "Em chỉ tải ứng dụng từ kho ứng dụng chính thức và hỏi ý kiến cha mẹ trước.",
    "Trò chơi trực tuyến có thể rất vui, nhưng em không mua vật phẩm khi chưa hỏi người lớn.",
    "Nếu một người quen trên mạng muốn gặp em ngoài đời, em phải báo ngay cho cha mẹ.",
    "Em không bật camera khi trò chuyện với người mình không quen biết.",
    "Cài đặt quyền riêng tư giúp em chọn ai được xem bài đăng của mình.",
    "Khi dùng máy tính chung ở trường, em nhớ đăng xuất sau khi dùng xong.",
    "Mạng Wi-Fi công cộng không an toàn để đăng nhập vào những tài khoản quan trọng.",
    "Em tôn trọng bản quyền khi dùng hình ảnh và bài hát của người khác.",
    "Một người bạn tốt trên mạng sẽ không bao giờ ép em làm điều em không muốn.",
    "Nếu thấy bạn bị bắt nạt, em có thể an ủi bạn và cùng bạn báo thầy cô.",
    "Tin giả thường có tiêu đề giật gân và thúc giục em chia sẻ ngay.",
    "Em dừng lại, suy nghĩ rồi mới bấm chia sẻ.",
    "Kẻ xấu có thể giả làm bạn cùng tuổi để lấy lòng tin của em.",
    "Em không gửi mã OTP cho bất kỳ ai, kể cả người tự xưng là nhân viên ngân hàng.",
    "Khi nhận được lời đe dọa, em chụp màn hình và kể ngay với người lớn.",
    "Em có quyền nói “không” với bất kỳ yêu cầu nào khiến em thấy không thoải mái.",
    "Cha mẹ và con có thể cùng nhau viết ra những quy tắc dùng Internet trong gia đình.",
    "Mỗi lần tạo tài khoản mới, em hỏi người lớn xem trang đó có phù hợp với tuổi của mình không.",
    "Em không để lộ vị trí của mình khi đăng ảnh hoặc video.",
    "Em tắt chia sẻ vị trí trong ứng dụng khi không cần thiết.",
    "Học trực tuyến hiệu quả hơn khi em tắt các thông báo không cần thiết.",
    "Em có thể nhờ thầy cô giúp khi không biết một trang web có đáng tin hay không.",
    "Những lời bình luận ác ý có thể làm người khác tổn thương rất lâu.",
    "Trước khi viết bình luận, em nghĩ xem mình có muốn nghe câu đó không.",
    "Em cập nhật phần mềm thường xuyên để vá các lỗ hổng bảo mật.",
    "Phần mềm diệt virus giúp phát hiện những tệp tin độc hại.",
    "Em không mở tệp đính kèm từ người gửi mà mình không biết.",
    "Trang web an toàn thường có biểu tượng ổ khóa và địa chỉ bắt đầu bằng https.",
    "Quảng cáo trên mạng đôi khi được làm giống như trò chơi để em bấm vào.",
    "Em có thể tắt tiếng hoặc rời khỏi nhóm trò chuyện khiến em khó chịu.",
    "Giữ bình tĩnh, không đáp trả, lưu bằng chứng, chặn và báo cáo là năm bước em cần nhớ.",
    "Nếu lỡ chia sẻ điều không nên, em hãy nói ngay với người lớn để được giúp đỡ, em sẽ không bị trách mắng.",
    "Mỗi gia đình có thể chọn một góc sạc để mọi người để điện thoại ở đó vào buổi tối.",
    "Em ghi nhớ số điện thoại của cha mẹ và số 111 để gọi khi cần.",
    "Khi chơi trò chơi trực tuyến, em dùng biệt danh thay vì tên thật.",
    "Em không nhận quà hay thẻ nạp từ người quen trên mạng.",
    "Một tài khoản có nhiều người theo dõi chưa chắc đã đáng tin.",
];

/// Phrases that get **bold** or *italic* when a sentence contains them.
const EMPHASIS: &[&str] = &[
    "mật khẩu",
    "người lớn tin cậy",
    "thông tin cá nhân",
    "111",
    "bằng chứng",
    "lừa đảo",
    "đường link lạ",
    "bắt nạt qua mạng",
    "quyền riêng tư",
    "mã OTP",
    "xác thực hai bước",
    "cha mẹ",
    "thầy cô",
    "không đáp trả",
    "báo cáo",
    "đăng xuất",
    "vị trí",
];

const ACTIONS: &[&str] = &[
    "Không trả lời tin nhắn của người lạ",
    "Chụp màn hình để làm bằng chứng",
    "Chặn tài khoản làm phiền em",
    "Báo cho người lớn tin cậy",
    "Gọi Tổng đài 111 khi cần giúp đỡ",
    "Đổi mật khẩu ngay khi nghi bị lộ",
    "Đăng xuất khỏi máy tính dùng chung",
    "Tắt chia sẻ vị trí",
    "Hỏi cha mẹ trước khi tải ứng dụng",
    "Kiểm tra tin ở nhiều nguồn",
    "Không gửi ảnh riêng tư cho ai",
    "Dùng biệt danh khi chơi trò chơi",
    "Nghỉ mắt sau mỗi hai mươi phút",
    "Bật xác thực hai bước",
    "Không bấm vào quảng cáo lạ",
    "Giữ bình tĩnh và không đáp trả",
    "Rời khỏi nhóm trò chuyện gây khó chịu",
    "Cập nhật phần mềm thường xuyên",
    "Không mở tệp đính kèm lạ",
    "Hỏi ý kiến bạn trước khi đăng ảnh có bạn",
];

const TABLE_ROWS: &[[&str; 3]] = &[
    ["Người lạ xin ảnh của em", "Không gửi, chặn và kể với người lớn", "Cha mẹ, thầy cô, 111"],
    ["Tin nhắn báo em trúng thưởng", "Không bấm link, xóa tin nhắn", "Cha mẹ"],
    ["Bạn bị chế ảnh trêu chọc", "Không chia sẻ tiếp, an ủi bạn", "Thầy cô chủ nhiệm"],
    ["Có người đòi mã OTP", "Không đưa mã cho bất kỳ ai", "Cha mẹ, ngân hàng"],
    ["Trò chơi đòi nạp tiền", "Dừng lại và hỏi người lớn", "Cha mẹ"],
    ["Em bị đe dọa qua tin nhắn", "Lưu bằng chứng, không trả lời", "Tổng đài 111"],
    ["Một trang web lạ xin mật khẩu", "Đóng trang, không nhập gì", "Thầy cô tin học"],
    ["Bạn rủ em gặp người quen trên mạng", "Từ chối và kể với cha mẹ", "Cha mẹ, 111"],
    ["Em thấy một tin giật gân", "Kiểm tra nguồn trước khi chia sẻ", "Thầy cô"],
    ["Có người bình luận ác ý về em", "Không đáp trả, chặn, báo cáo", "Người lớn tin cậy"],
    ["Em lỡ đăng địa chỉ nhà", "Xóa bài đăng và báo cha mẹ", "Cha mẹ"],
    ["Máy tính báo có virus", "Không bấm vào thông báo lạ", "Thầy cô tin học"],
    ["Em chơi điện thoại quá khuya", "Để điện thoại ở góc sạc", "Cả gia đình"],
    ["Nhóm lớp nói xấu một bạn", "Không hùa theo, báo thầy cô", "Thầy cô chủ nhiệm"],
    ["Ứng dụng xin quyền dùng micro", "Hỏi vì sao ứng dụng cần quyền đó", "Cha mẹ"],
];

const OBJECTIVES: &[&str] = &[
    "Nhận biết các loại thông tin cá nhân cần giữ kín",
    "Tạo được một mật khẩu mạnh và dễ nhớ",
    "Biết cách chặn và báo cáo một tài khoản làm phiền",
    "Kể tên ít nhất hai người lớn tin cậy có thể giúp em",
    "Nhớ số Tổng đài quốc gia bảo vệ trẻ em 111",
    "Phân biệt tin thật và tin giả bằng cách kiểm tra nguồn",
    "Nhận ra dấu hiệu của tin nhắn lừa đảo",
    "Biết cách ứng xử lịch sự khi bình luận trên mạng",
    "Biết việc cần làm khi bị bắt nạt qua mạng",
    "Đặt được giới hạn thời gian dùng màn hình cho bản thân",
    "Điều chỉnh cài đặt quyền riêng tư cùng cha mẹ",
    "Biết hỏi ý kiến người lớn trước khi tải ứng dụng",
    "Nhận ra khi một người lạ đang cố lấy lòng tin của em",
    "Giải thích vì sao không chia sẻ mã OTP",
    "Tôn trọng hình ảnh và quyền riêng tư của bạn bè",
];

/// Competence codes, all declared in `FRAMEWORKS` (the engine rejects undeclared ones).
const COMPETENCIES: &[&str] = &[
    "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "KH923.1", "KH923.2", "KH923.3",
];

/// `data/nang-luc.yaml` of the synthetic site: the part of the bundled site's frameworks
/// (Thông tư 02/2025 and Kế hoạch 923) that `COMPETENCIES` uses, so the coverage pages get built too.
const FRAMEWORKS: &str = r#"- id: tt02
  title: Khung năng lực số cho người học (Thông tư 02/2025/TT-BGDĐT)
  domains:
    - code: "1"
      title: Khai thác dữ liệu và thông tin
      competences:
        - { code: "1.1", title: "Duyệt, tìm kiếm và lọc dữ liệu, thông tin, nội dung số" }
        - { code: "1.2", title: "Đánh giá dữ liệu, thông tin, nội dung số" }
        - { code: "1.3", title: "Quản lý dữ liệu, thông tin, nội dung số" }
    - code: "2"
      title: Giao tiếp và hợp tác trong môi trường số
      competences:
        - { code: "2.1", title: "Tương tác thông qua công nghệ số" }
        - { code: "2.2", title: "Chia sẻ thông qua công nghệ số" }
        - { code: "2.3", title: "Thực hiện trách nhiệm công dân thông qua công nghệ số" }
        - { code: "2.4", title: "Hợp tác thông qua công nghệ số" }
        - { code: "2.5", title: "Quy tắc ứng xử trên mạng" }
        - { code: "2.6", title: "Quản lý danh tính số" }
    - code: "3"
      title: Sáng tạo nội dung số
      competences:
        - { code: "3.1", title: "Phát triển nội dung số" }
        - { code: "3.2", title: "Tích hợp và tạo lập lại nội dung số" }
        - { code: "3.3", title: "Thực thi bản quyền và giấy phép" }
    - code: "4"
      title: An toàn
      competences:
        - { code: "4.1", title: "Bảo vệ thiết bị" }
        - { code: "4.2", title: "Bảo vệ dữ liệu cá nhân và quyền riêng tư" }
        - { code: "4.3", title: "Bảo vệ sức khỏe và an sinh số" }
        - { code: "4.4", title: "Bảo vệ môi trường" }
    - code: "5"
      title: Giải quyết vấn đề
      competences:
        - { code: "5.1", title: "Giải quyết các vấn đề kỹ thuật" }
        - { code: "5.2", title: "Xác định nhu cầu và giải pháp công nghệ" }
- id: kh923
  title: Kỹ năng số cho trẻ em theo Kế hoạch 923/KH-UBND tỉnh Nghệ An
  domains:
    - code: KH923
      title: Kỹ năng số cho trẻ em theo độ tuổi
      competences:
        - { code: KH923.1, title: "Sử dụng mạng lành mạnh, an toàn" }
        - { code: KH923.2, title: "Tự bảo vệ khi tham gia tương tác trên môi trường mạng" }
        - { code: KH923.3, title: "Nhận diện, thông báo, tố giác hành vi, vụ việc xâm hại trẻ em trên môi trường mạng" }
"#;

const KEYWORDS: &[&str] = &[
    "mật khẩu",
    "quyền riêng tư",
    "người lạ",
    "bắt nạt qua mạng",
    "lừa đảo",
    "tin giả",
    "thông tin cá nhân",
    "Tổng đài 111",
    "người lớn tin cậy",
    "trò chơi trực tuyến",
    "mạng xã hội",
    "thời gian màn hình",
    "mã OTP",
    "bản quyền",
    "bình luận",
    "vị trí",
    "ứng dụng",
    "Wi-Fi",
    "camera",
    "xác thực hai bước",
];

const TIP_LEADS: &[&str] = &["Mẹo nhỏ:", "Em nhớ nhé:", "Bí quyết:", "Thử ngay:"];

const TEACHER_LINES: &[&str] = &[
    "Thầy cô chia lớp thành nhóm bốn em và giao cho mỗi nhóm một tình huống.",
    "Cho học sinh đóng vai người nhận tin nhắn lạ và cùng thảo luận cách trả lời.",
    "Nhắc học sinh rằng kể với người lớn không phải là mách lẻo.",
    "Dành năm phút cuối giờ để mỗi nhóm trình bày một quy tắc an toàn.",
    "Tránh hỏi học sinh kể trải nghiệm riêng trước cả lớp; mời các em gặp riêng nếu cần.",
    "Chuẩn bị sẵn số Tổng đài 111 trên bảng để học sinh ghi vào vở.",
    "Có thể dùng phiếu bài tập in sẵn nếu lớp không có máy tính.",
    "Khen ngợi những câu trả lời thể hiện sự tử tế với bạn bè.",
    "Liên hệ với phụ huynh nếu phát hiện học sinh đang gặp nguy hiểm trên mạng.",
    "Gợi ý học sinh vẽ sơ đồ năm bước xử lý khi bị bắt nạt qua mạng.",
];

const PARENT_LINES: &[&str] = &[
    "Cha mẹ hãy hỏi con về những trò chơi và ứng dụng con đang dùng, với thái độ tò mò thay vì trách mắng.",
    "Cùng con đặt giờ dùng thiết bị và để điện thoại ở góc sạc vào buổi tối.",
    "Hãy để con biết rằng con luôn có thể kể với cha mẹ mà không bị phạt.",
    "Cha mẹ nên cùng con xem lại cài đặt quyền riêng tư của các tài khoản.",
    "Ghi số Tổng đài 111 ở nơi cả nhà dễ nhìn thấy.",
    "Làm gương cho con bằng cách không dùng điện thoại trong bữa ăn.",
    "Hỏi ý kiến con trước khi đăng ảnh của con lên mạng xã hội.",
    "Nếu con bị bắt nạt qua mạng, hãy giữ bình tĩnh, lưu bằng chứng và liên hệ nhà trường.",
    "Cùng con chơi thử một trò chơi trực tuyến để hiểu con đang trải nghiệm điều gì.",
    "Nhắc con không chia sẻ mã OTP và mật khẩu, kể cả với bạn thân.",
];

const IMAGE_ALTS: &[&str] = &[
    "Hình minh họa một chiếc khiên có ổ khóa, tượng trưng cho sự an toàn trên mạng",
    "Chiếc khiên xanh có ổ khóa: thông tin của em được bảo vệ",
    "Biểu tượng khiên và ổ khóa nhắc em giữ kín mật khẩu",
];

// Quiz banks: each entry is distinct so options and questions never repeat inside one quiz.
struct Single {
    q: &'static str,
    correct: &'static str,
    wrong: [(&'static str, &'static str); 3],
    explain: &'static str,
}

const SINGLES: &[Single] = &[
    Single {
        q: "Một người lạ nhắn tin xin ảnh riêng tư của em. Em nên làm gì?",
        correct: "Không trả lời, chặn, và kể với người lớn em tin cậy hoặc gọi 111",
        wrong: [
            ("Gửi ảnh vì người đó nói là bạn của anh trai em", "Không gửi ảnh riêng tư cho bất kỳ ai xin qua mạng."),
            ("Gửi một ảnh cũ cho xong chuyện", "Ảnh cũ cũng là ảnh riêng tư của em."),
            ("Hẹn gặp người đó để hỏi cho rõ", "Không bao giờ hẹn gặp người lạ quen trên mạng."),
        ],
        explain: "Người lớn tin cậy và Tổng đài 111 luôn sẵn sàng giúp em.",
    },
    Single {
        q: "Mật khẩu nào mạnh nhất?",
        correct: "Meo-Vang!ngu8gio",
        wrong: [
            ("123456", "Dãy số liên tiếp rất dễ đoán."),
            ("ngaysinh2015", "Ngày sinh là thông tin người khác dễ biết."),
            ("matkhau", "Từ này nằm trong danh sách kẻ xấu thử đầu tiên."),
        ],
        explain: "Mật khẩu mạnh dài, có chữ hoa, chữ thường, số và ký hiệu.",
    },
    Single {
        q: "Em nhận được tin nhắn báo trúng thưởng một chiếc điện thoại. Em làm gì?",
        correct: "Không bấm vào đường link và hỏi người lớn",
        wrong: [
            ("Bấm ngay vào link để nhận quà", "Link lạ có thể đánh cắp tài khoản của em."),
            ("Gửi địa chỉ nhà để nhận quà", "Địa chỉ nhà là thông tin cá nhân cần giữ kín."),
            ("Chuyển tin nhắn cho cả lớp", "Chia sẻ tin lừa đảo khiến nhiều bạn gặp nguy hiểm hơn."),
        ],
        explain: "Tin nhắn trúng thưởng bất ngờ thường là lừa đảo.",
    },
    Single {
        q: "Ai là người lớn tin cậy em có thể kể khi gặp chuyện trên mạng?",
        correct: "Cha mẹ hoặc thầy cô chủ nhiệm",
        wrong: [
            ("Một người mới quen trong trò chơi", "Người quen trên mạng chưa chắc là người tốt."),
            ("Tài khoản có nhiều người theo dõi nhất", "Nhiều người theo dõi không có nghĩa là đáng tin."),
            ("Không ai cả, em tự giải quyết", "Em không phải một mình đối mặt với chuyện khó."),
        ],
        explain: "Hãy kể với người lớn em biết rõ ngoài đời.",
    },
    Single {
        q: "Bạn em bị chế ảnh và đăng lên nhóm lớp. Em nên làm gì?",
        correct: "Không chia sẻ tiếp, an ủi bạn và báo thầy cô",
        wrong: [
            ("Thả biểu tượng cười vào bức ảnh", "Hùa theo làm bạn buồn hơn."),
            ("Chia sẻ ảnh sang nhóm khác", "Chia sẻ tiếp cũng là bắt nạt."),
            ("Im lặng và rời nhóm", "Rời nhóm chưa giúp được bạn của em."),
        ],
        explain: "Người đứng ngoài có thể giúp chấm dứt bắt nạt.",
    },
    Single {
        q: "Khi dùng máy tính chung ở thư viện, việc nào quan trọng nhất?",
        correct: "Đăng xuất khỏi mọi tài khoản trước khi rời đi",
        wrong: [
            ("Lưu mật khẩu trên trình duyệt", "Người dùng sau có thể vào tài khoản của em."),
            ("Để máy mở cho bạn sau dùng tiếp", "Tài khoản của em vẫn đang mở."),
            ("Dán mật khẩu lên màn hình cho dễ nhớ", "Ai cũng đọc được mật khẩu đó."),
        ],
        explain: "Đăng xuất giúp người khác không dùng được tài khoản của em.",
    },
    Single {
        q: "Dấu hiệu nào cho thấy một tin có thể là tin giả?",
        correct: "Tiêu đề giật gân và giục em chia sẻ ngay",
        wrong: [
            ("Tin được nhiều báo chính thống đưa", "Nhiều nguồn uy tín là dấu hiệu tốt."),
            ("Tin ghi rõ tác giả và ngày đăng", "Thông tin rõ ràng giúp em kiểm tra."),
            ("Tin có đường dẫn tới nguồn gốc", "Nguồn gốc rõ ràng giúp kiểm chứng."),
        ],
        explain: "Hãy dừng lại, kiểm tra nguồn rồi mới chia sẻ.",
    },
    Single {
        q: "Một ứng dụng vẽ tranh xin quyền xem danh bạ. Em làm gì?",
        correct: "Từ chối và hỏi cha mẹ vì sao ứng dụng cần quyền đó",
        wrong: [
            ("Đồng ý cho nhanh", "Ứng dụng vẽ tranh không cần danh bạ của em."),
            ("Gửi danh bạ cho nhà sản xuất", "Danh bạ là thông tin riêng của nhiều người."),
            ("Cài thêm ứng dụng khác để thử", "Cài thêm ứng dụng lạ làm máy kém an toàn."),
        ],
        explain: "Chỉ cho ứng dụng những quyền nó thật sự cần.",
    },
];

const TRUE_FALSE: &[(&str, bool)] = &[
    ("Em có nên cho bạn thân biết mật khẩu của mình không?", false),
    ("Tổng đài 111 gọi miễn phí.", true),
    ("Ảnh đã đăng lên mạng luôn xóa được hoàn toàn.", false),
    ("Kể với người lớn khi bị bắt nạt qua mạng là mách lẻo.", false),
    ("Em có thể chặn một tài khoản làm phiền mình.", true),
    ("Mọi thông tin trên mạng đều đúng.", false),
    ("Xác thực hai bước giúp tài khoản an toàn hơn.", true),
    ("Nhân viên ngân hàng có thể hỏi mã OTP của em.", false),
    ("Em nên nghỉ mắt sau khoảng hai mươi phút nhìn màn hình.", true),
    ("Em được đăng ảnh của bạn mà không cần hỏi.", false),
    ("Người quen trên mạng có thể nói dối về tuổi của mình.", true),
    ("Dùng biệt danh khi chơi trò chơi trực tuyến an toàn hơn tên thật.", true),
];

const ORDERS: &[(&str, &[&str])] = &[
    (
        "Sắp xếp các bước khi em bị bắt nạt qua mạng.",
        &["Không đáp trả", "Lưu lại bằng chứng", "Chặn người đó", "Báo cho người lớn tin cậy"],
    ),
    (
        "Sắp xếp các bước tạo một mật khẩu mạnh.",
        &["Chọn một câu dễ nhớ", "Lấy chữ cái đầu của mỗi từ", "Thêm số và ký hiệu", "Giữ kín mật khẩu"],
    ),
    (
        "Sắp xếp các bước kiểm tra một tin trên mạng.",
        &["Đọc kỹ tiêu đề", "Xem ai đăng tin", "Tìm tin ở nguồn khác", "Quyết định có chia sẻ hay không"],
    ),
    (
        "Sắp xếp các việc khi dùng máy tính chung ở trường.",
        &["Đăng nhập tài khoản của em", "Làm bài tập", "Lưu bài", "Đăng xuất", "Tắt máy"],
    ),
    (
        "Sắp xếp việc cần làm khi người lạ muốn hẹn gặp em.",
        &["Không hẹn gặp", "Kể với cha mẹ", "Cùng cha mẹ báo cáo tài khoản"],
    ),
    (
        "Sắp xếp các bước khi em tải một ứng dụng mới.",
        &["Hỏi ý kiến cha mẹ", "Tìm trong kho ứng dụng chính thức", "Đọc các quyền ứng dụng xin", "Cài đặt"],
    ),
];

const TEXTS: &[(&str, &[&str])] = &[
    ("Số điện thoại của Tổng đài quốc gia bảo vệ trẻ em là gì?", &["111"]),
    ("Mã gồm sáu chữ số ngân hàng gửi qua tin nhắn gọi là mã gì?", &["OTP", "mã OTP"]),
    ("Khi bị bắt nạt qua mạng, em chụp màn hình để giữ lại điều gì?", &["bằng chứng"]),
    ("Địa chỉ của trang web an toàn thường bắt đầu bằng chữ gì?", &["https"]),
    ("Điền từ còn thiếu: Em không cho ai biết … của mình.", &["mật khẩu"]),
    ("Em dùng gì thay cho tên thật khi chơi trò chơi trực tuyến?", &["biệt danh", "nickname"]),
];

const QUIZ_TITLES: &[&str] = &["Kiểm tra nhanh", "Em đã hiểu bài chưa?", "Cùng ôn lại", "Thử sức"];

// Code-block material.
const STRANGER_LINES: &[&str] = &[
    "Chào em, anh là bạn của anh trai em.",
    "Em học trường nào thế? Anh cũng học gần đó.",
    "Em gửi anh mã số vừa nhận được nhé, anh nạp thẻ giúp em.",
    "Em trúng một phần quà, bấm vào link này để nhận.",
    "Đừng kể với bố mẹ nhé, đây là bí mật của hai đứa mình.",
    "Bật camera lên cho chị xem mặt em đi.",
    "Cho anh địa chỉ nhà để anh gửi quà sinh nhật.",
    "Tối nay mình gặp nhau ở công viên nhé.",
];
const CHILD_LINES: &[&str] = &[
    "Em không gửi mã cho ai cả.",
    "Em sẽ hỏi mẹ trước đã.",
    "Em không quen anh nên em không trả lời nữa.",
    "Em không bật camera với người lạ.",
    "Em sẽ kể chuyện này với cô giáo.",
];
const PASSWORDS: &[&str] = &[
    "123456",
    "matkhau",
    "Meo-Vang!ngu8gio",
    "hoa2015",
    "TrangSach#12Len",
    "abc",
    "B@nhMi-3-Trung",
    "qwerty",
    "ConMeoMap99!",
    "Sao-Bang#2027",
];
const SUSPICIOUS: &[&str] = &[
    "trúng thưởng",
    "miễn phí",
    "mã OTP",
    "bấm vào link",
    "chuyển khoản",
    "bí mật",
    "gấp",
    "quà tặng",
    "nạp thẻ",
    "khóa tài khoản",
];
const URLS: &[&str] = &[
    "https://thuvien.truong-em.edu.vn/sach",
    "http://qua-tang-mien-phi.example/nhan-qua",
    "https://hoc.truong-em.edu.vn/bai-tap",
    "https://dang-nhap-ngan-hang.example/otp",
    "https://tin-giat-gan.example/xem-ngay",
    "https://trochoi.truong-em.edu.vn/co-vua",
];
const DAYS: &[&str] = &["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="240" height="240" role="img" aria-labelledby="t">
<title id="t">Chiếc khiên có ổ khóa</title>
<path d="M60 8 L104 24 V58 C104 86 84 104 60 112 C36 104 16 86 16 58 V24 Z" fill="#1d5fa8"/>
<rect x="42" y="54" width="36" height="30" rx="4" fill="#ffffff"/>
<path d="M48 54 V44 a12 12 0 0 1 24 0 V54" fill="none" stroke="#ffffff" stroke-width="6"/>
<circle cx="60" cy="66" r="4" fill="#1d5fa8"/>
<rect x="58" y="68" width="4" height="9" fill="#1d5fa8"/>
</svg>
"##;

// ---------------------------------------------------------------------------------------------
// PRNG

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xorshift64*: tiny, fast and good enough to make pages differ; not for anything else.
struct Rng(u64);

/// Purposes of the independent streams of one lesson.
const IDENTITY: u64 = 1;
const BODY: u64 = 2;

impl Rng {
    fn stream(seed: u64, item: u64, purpose: u64) -> Rng {
        let s = splitmix(splitmix(seed) ^ splitmix(item.wrapping_mul(16).wrapping_add(purpose)));
        Rng(s.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Modulo bias is irrelevant for lists this short.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `k` distinct indexes of `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// The engine's heading-id rule (`hoclieu::text::slugify`): fold Vietnamese diacritics and case,
/// `đ` → `d`, collapse every run of other characters into one `-`. A table instead of Unicode
/// decomposition keeps this file std-only; it covers every letter of Vietnamese, which is all the
/// vocabulary uses (a test checks it against the engine's function).
fn slugify(s: &str) -> String {
    const FOLD: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = FOLD.iter().find(|(set, _)| set.contains(c)).map_or(c, |&(_, base)| base);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// A YAML scalar: plain when that is unambiguous (most Vietnamese prose), double-quoted otherwise,
/// e.g. "111" must stay a string and "Bài 3: …" holds a colon. Also safe inside flow sequences.
fn yq(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && !s.chars().any(|c| ":#,[]{}\"'\\|>&*!%@`“”".contains(c))
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Site layout

struct Config {
    lessons: usize,
    levels: usize,
    seed: u64,
    out: PathBuf,
    distinct_code: bool,
}

struct Level {
    grades: (usize, usize),
    first: usize,
    count: usize,
}

struct Site {
    seed: u64,
    /// `--distinct-code`.
    distinct_code: bool,
    levels: Vec<Level>,
    /// For each lesson (by global index): its level index and its 1-based order in that level.
    lessons: Vec<(usize, usize)>,
}

impl Site {
    fn new(lessons: usize, levels: usize, seed: u64) -> Site {
        let mut lv = Vec::with_capacity(levels);
        let mut map = Vec::with_capacity(lessons);
        let mut first = 0;
        for k in 0..levels {
            let count = lessons / levels + usize::from(k < lessons % levels);
            lv.push(Level { grades: (1 + k * 12 / levels, (k + 1) * 12 / levels), first, count });
            map.extend((1..=count).map(|order| (k, order)));
            first += count;
        }
        Site { seed, distinct_code: false, levels: lv, lessons: map }
    }
}

fn level_dir(k: usize) -> String {
    format!("level-{:02}", k + 1)
}

fn lesson_file(i: usize) -> String {
    format!("bai-{:05}.md", i + 1)
}

/// What other lessons need to know about a lesson to link to it: drawn from its own stream.
struct Identity {
    topic: usize,
    /// (depth 2 or 3, index into HEADINGS); distinct, so heading ids within a page are unique.
    headings: Vec<(u8, usize)>,
}

fn identity(seed: u64, i: usize) -> Identity {
    let mut rng = Rng::stream(seed, i as u64, IDENTITY);
    let topic = rng.below(TOPICS);
    let n = rng.range(4, 7);
    let headings = rng
        .sample(HEADINGS.len(), n)
        .into_iter()
        .enumerate()
        .map(|(k, h)| (if k > 0 && rng.chance(35) { 3 } else { 2 }, h))
        .collect();
    Identity { topic, headings }
}

fn lesson_title(site: &Site, i: usize, id: &Identity) -> String {
    format!("Bài {}: {}", site.lessons[i].1, HEADINGS[id.topic])
}

// ---------------------------------------------------------------------------------------------
// Markdown blocks

fn sentence(rng: &mut Rng, s: &str) -> String {
    let roll = rng.below(100);
    if roll >= 40 {
        return s.to_string();
    }
    let start = rng.below(EMPHASIS.len());
    let found = (0..EMPHASIS.len()).map(|k| EMPHASIS[(start + k) % EMPHASIS.len()]).find(|w| s.contains(w));
    match found {
        Some(w) if roll < 25 => s.replacen(w, &format!("**{w}**"), 1),
        Some(w) => s.replacen(w, &format!("*{w}*"), 1),
        None => s.to_string(),
    }
}

/// Deals sentences without replacement, so a lesson repeats one only after using them all.
struct Deck(Vec<usize>);

impl Deck {
    fn draw(&mut self, rng: &mut Rng) -> &'static str {
        if self.0.is_empty() {
            self.0 = rng.sample(SENTENCES.len(), SENTENCES.len());
        }
        SENTENCES[self.0.pop().unwrap_or(0)]
    }
}

fn paragraph(rng: &mut Rng, deck: &mut Deck) -> String {
    let n = rng.range(2, 4);
    let parts: Vec<String> = (0..n)
        .map(|_| {
            let s = deck.draw(rng);
            sentence(rng, s)
        })
        .collect();
    parts.join(" ")
}

fn bullets(rng: &mut Rng) -> String {
    let n = rng.range(3, 5);
    let mut s = String::from("Những việc em có thể làm:\n\n");
    for k in rng.sample(ACTIONS.len(), n) {
        let _ = writeln!(s, "- {}", ACTIONS[k]);
    }
    s.pop();
    s
}

fn table(rng: &mut Rng) -> String {
    let cols = rng.range(2, 3);
    let header = ["Tình huống", "Em nên làm gì", "Ai có thể giúp em"];
    let mut s = String::new();
    let _ = writeln!(s, "| {} |", header[..cols].join(" | "));
    let _ = writeln!(s, "|{}", " --- |".repeat(cols));
    let rows = rng.range(3, 5);
    for k in rng.sample(TABLE_ROWS.len(), rows) {
        let _ = writeln!(s, "| {} |", TABLE_ROWS[k][..cols].join(" | "));
    }
    s.pop();
    s
}

fn tip(rng: &mut Rng) -> String {
    let lead = rng.pick(TIP_LEADS);
    let s = rng_pick_sentence(rng);
    let body = sentence(rng, s);
    format!("::: tip\n**{lead}** {body}\n:::")
}

fn rng_pick_sentence(rng: &mut Rng) -> &'static str {
    SENTENCES[rng.below(SENTENCES.len())]
}

fn warning(rng: &mut Rng) -> String {
    format!("::: warning\n{}\n:::", rng_pick_sentence(rng))
}

fn teacher(rng: &mut Rng) -> String {
    let lines = rng.sample(TEACHER_LINES.len(), 4);
    format!(
        "::: teacher\n**Gợi ý cho thầy cô:** {} {}\n\n- {}\n- {}\n:::",
        TEACHER_LINES[lines[0]], TEACHER_LINES[lines[1]], TEACHER_LINES[lines[2]], TEACHER_LINES[lines[3]]
    )
}

fn parents(rng: &mut Rng) -> String {
    let n = rng.range(2, 3);
    let lines: Vec<&str> = rng.sample(PARENT_LINES.len(), n).into_iter().map(|k| PARENT_LINES[k]).collect();
    format!("::: parents\n{}\n:::", lines.join(" "))
}

fn image(rng: &mut Rng) -> String {
    format!("![{}](/images/hinh.svg)", rng.pick(IMAGE_ALTS))
}

/// A link paragraph to another lesson, written as a relative path to its source file.
fn link(site: &Site, from: usize, rng: &mut Rng) -> String {
    let n = site.lessons.len();
    let (from_level, _) = site.lessons[from];
    let same = rng.chance(60) && site.levels[from_level].count > 1;
    let to = loop {
        let t =
            if same { site.levels[from_level].first + rng.below(site.levels[from_level].count) } else { rng.below(n) };
        if t != from {
            break t;
        }
    };
    let (to_level, _) = site.lessons[to];
    let path = if to_level == from_level && rng.chance(50) {
        lesson_file(to)
    } else {
        format!("../{}/{}", level_dir(to_level), lesson_file(to))
    };
    let target = identity(site.seed, to);
    let title = lesson_title(site, to, &target);
    if rng.chance(80) {
        let &(_, h) = rng.pick(&target.headings);
        let heading = HEADINGS[h];
        let anchor = slugify(heading);
        match rng.below(3) {
            0 => format!("Em có thể ôn lại phần [{heading}]({path}#{anchor}) trong {title}."),
            1 => format!("Xem thêm mục [{}]({path}#{anchor}) để hiểu rõ hơn.", lowercase_first(heading)),
            _ => format!("Nếu em chưa nhớ, hãy đọc lại [{heading}]({path}#{anchor}) rồi quay lại đây."),
        }
    } else {
        format!("Bài liên quan: [{title}]({path}).")
    }
}

/// Appends generated lines until the block reaches `target` bytes, keeping blocks within the
/// 300–640 byte band the benchmark asks for (each item is well under 100 bytes).
fn fill(items: &mut Vec<String>, base: usize, target: usize, mut make: impl FnMut(usize) -> String) {
    let mut len = base;
    let mut k = 0;
    while len < target || items.is_empty() {
        let item = make(k);
        len += item.len() + 1;
        items.push(item);
        k += 1;
    }
}

fn code_block(rng: &mut Rng, lesson: usize) -> String {
    let target = rng.range(330, 520);
    let (lang, body) = match rng.below(5) {
        0 => ("text", code_text(rng, target)),
        1 => ("python", code_python(rng, target, lesson)),
        2 => ("html", code_html(rng, target)),
        3 => ("javascript", code_js(rng, target)),
        _ => ("json", code_json(rng, target, lesson)),
    };
    let lead = match lang {
        "text" => "Đọc đoạn tin nhắn dưới đây và tìm dấu hiệu nguy hiểm:",
        "python" => "Đoạn chương trình Python sau giúp em hiểu cách máy tính kiểm tra:",
        "html" => "Một trang web thân thiện có thể viết như sau:",
        "javascript" => "Thử đọc đoạn JavaScript này cùng thầy cô:",
        _ => "Các cài đặt an toàn có thể được lưu dưới dạng JSON như sau:",
    };
    format!("{lead}\n\n```{lang}\n{body}\n```")
}

/// `--distinct-code`: every line of a highlighted block gets a comment of its language naming the lesson
/// and the line (JSON's syntax takes `//` comments too). Draws nothing from the PRNG.
fn distinct_lines(block: &str, lesson: usize) -> String {
    let Some((lead, rest)) = block.split_once("```") else { return block.to_string() };
    let Some((lang, rest)) = rest.split_once('\n') else { return block.to_string() };
    let Some(code) = rest.strip_suffix("\n```") else { return block.to_string() };
    let mark = |k: usize| match lang {
        "python" => format!("  # L{lesson}.{k}"),
        "html" => format!(" <!-- L{lesson}.{k} -->"),
        "javascript" | "json" => format!("  // L{lesson}.{k}"),
        _ => String::new(),
    };
    let lines: Vec<String> = code.lines().enumerate().map(|(k, l)| format!("{l}{}", mark(k))).collect();
    format!("{lead}```{lang}\n{}\n```", lines.join("\n"))
}

fn code_text(rng: &mut Rng, target: usize) -> String {
    if rng.chance(50) {
        let header = format!("Tin nhắn lúc {}:{:02}", rng.range(18, 22), rng.range(0, 59));
        let mut lines = Vec::new();
        fill(&mut lines, header.len() + 60, target, |k| {
            if k % 2 == 0 {
                format!("Người lạ: {}", rng_pick(rng, STRANGER_LINES))
            } else {
                format!("Em: {}", rng_pick(rng, CHILD_LINES))
            }
        });
        format!("{header}\n{}\n→ Em đã làm đúng: không làm theo và kể với người lớn.", lines.join("\n"))
    } else {
        let header = "DANH SÁCH KIỂM TRA AN TOÀN";
        let mut lines = Vec::new();
        let picks = rng.sample(ACTIONS.len(), ACTIONS.len());
        fill(&mut lines, header.len() + 40, target, |k| {
            format!("[{}] {}", if k % 3 == 2 { " " } else { "x" }, ACTIONS[picks[k % picks.len()]])
        });
        format!("{header}\n{}\nChữ x: em đã làm được.", lines.join("\n"))
    }
}

fn rng_pick(rng: &mut Rng, xs: &[&'static str]) -> &'static str {
    xs[rng.below(xs.len())]
}

fn code_python(rng: &mut Rng, target: usize, lesson: usize) -> String {
    if rng.chance(50) {
        let min = rng.range(8, 12);
        let head = format!(
            "# Chấm điểm mật khẩu (bài {})\ndef cham_diem(mk):\n    diem = 0\n    if len(mk) >= {min}:\n        diem += 1\n    if any(c.isdigit() for c in mk):\n        diem += 1\n    if any(not c.isalnum() for c in mk):\n        diem += 1\n    return diem\n\nthu = [\n",
            lesson + 1
        );
        let tail = "]\nfor mk in thu:\n    print(mk, cham_diem(mk))";
        let mut items = Vec::new();
        let picks = rng.sample(PASSWORDS.len(), PASSWORDS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| {
            format!("    \"{}\",", PASSWORDS[picks[k % picks.len()]])
        });
        format!("{head}{}\n{tail}", items.join("\n"))
    } else {
        let head = "# Tìm từ đáng ngờ trong tin nhắn\nTU_NGHI_NGO = [\n";
        let msg = rng_pick(rng, STRANGER_LINES);
        let tail = format!(
            "]\n\ndef dang_ngo(tin):\n    tin = tin.lower()\n    return [t for t in TU_NGHI_NGO if t.lower() in tin]\n\nprint(dang_ngo(\"{msg}\"))"
        );
        let mut items = Vec::new();
        let picks = rng.sample(SUSPICIOUS.len(), SUSPICIOUS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| {
            format!("    \"{}\",", SUSPICIOUS[picks[k % picks.len()]])
        });
        format!("{head}{}\n{tail}", items.join("\n"))
    }
}

fn code_html(rng: &mut Rng, target: usize) -> String {
    if rng.chance(50) {
        let head = "<form class=\"bao-cao\">\n  <label for=\"ly-do\">Lý do em báo cáo</label>\n  <select id=\"ly-do\" name=\"ly-do\">\n";
        let tail = "  </select>\n  <button type=\"submit\">Gửi cho thầy cô</button>\n</form>";
        let mut items = Vec::new();
        let picks = rng.sample(TABLE_ROWS.len(), TABLE_ROWS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| {
            format!("    <option>{}</option>", TABLE_ROWS[picks[k % picks.len()]][0])
        });
        format!("{head}{}\n{tail}", items.join("\n"))
    } else {
        let head = "<section aria-labelledby=\"tro-giup\">\n  <h2 id=\"tro-giup\">Khi cần giúp đỡ</h2>\n  <ul>\n    <li><a href=\"tel:111\">111</a>: Tổng đài quốc gia bảo vệ trẻ em</li>\n";
        let tail = "  </ul>\n</section>";
        let mut items = Vec::new();
        let picks = rng.sample(ACTIONS.len(), ACTIONS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| {
            format!("    <li>{}</li>", ACTIONS[picks[k % picks.len()]])
        });
        format!("{head}{}\n{tail}", items.join("\n"))
    }
}

fn code_js(rng: &mut Rng, target: usize) -> String {
    if rng.chance(50) {
        let head = "// Kiểm tra một đường link trước khi bấm\nconst tinCay = [\"truong-em.edu.vn\"];\n\nfunction anToan(url) {\n  const host = new URL(url).hostname;\n  return tinCay.some((d) => host === d || host.endsWith(\".\" + d));\n}\n\nconst thu = [\n";
        let tail = "];\nthu.forEach((u) => console.log(u, anToan(u) ? \"tin cậy\" : \"hỏi người lớn\"));";
        let mut items = Vec::new();
        let picks = rng.sample(URLS.len(), URLS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| format!("  \"{}\",", URLS[picks[k % picks.len()]]));
        format!("{head}{}\n{tail}", items.join("\n"))
    } else {
        let limit = rng.range(4, 8) * 10;
        let head = "// Thời gian dùng màn hình trong tuần\nconst lich = [\n";
        let tail = format!(
            "];\nconst tong = lich.reduce((s, d) => s + d.phut, 0);\nconst qua = lich.filter((d) => d.phut > {limit});\nconsole.log(`Tổng: ${{tong}} phút`);\nconsole.log(`Ngày quá {limit} phút: ${{qua.length}}`);"
        );
        let mut items = Vec::new();
        fill(&mut items, head.len() + tail.len(), target, |k| {
            format!("  {{ ngay: \"{}\", phut: {} }},", DAYS[k % DAYS.len()], rng.range(2, 12) * 10)
        });
        format!("{head}{}\n{tail}", items.join("\n"))
    }
}

fn code_json(rng: &mut Rng, target: usize, lesson: usize) -> String {
    if rng.chance(50) {
        let head = format!(
            "{{\n  \"tai_khoan\": \"hoc-sinh-{}\",\n  \"che_do\": \"riêng tư\",\n  \"ai_xem_bai_dang\": \"{}\",\n  \"chia_se_vi_tri\": false,\n  \"quy_tac\": [\n",
            lesson + 1,
            rng_pick(rng, &["bạn bè", "chỉ mình em", "gia đình"])
        );
        let tail = "  ]\n}";
        let mut items = Vec::new();
        let picks = rng.sample(ACTIONS.len(), ACTIONS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| format!("    \"{}\"", ACTIONS[picks[k % picks.len()]]));
        format!("{head}{}\n{tail}", items.join(",\n"))
    } else {
        let head = "[\n  { \"ten\": \"Tổng đài quốc gia bảo vệ trẻ em\", \"so\": \"111\", \"mien_phi\": true }";
        let tail = "\n]";
        let mut items = Vec::new();
        let picks = rng.sample(TABLE_ROWS.len(), TABLE_ROWS.len());
        fill(&mut items, head.len() + tail.len(), target, |k| {
            let row = TABLE_ROWS[picks[k % picks.len()]];
            format!("  {{ \"tinh_huong\": \"{}\", \"ai_giup\": \"{}\" }}", row[0], row[2])
        });
        format!("{head},\n{}{tail}", items.join(",\n"))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum QType {
    Single,
    TrueFalse,
    Order,
    Text,
}

fn quiz(rng: &mut Rng) -> String {
    let n = rng.range(3, 5);
    let mut types = vec![QType::Single];
    let mut rest = [QType::TrueFalse, QType::Order, QType::Text, QType::Single, QType::TrueFalse];
    rng.shuffle(&mut rest);
    types.extend_from_slice(&rest[..n - 1]);
    rng.shuffle(&mut types);

    // Distinct questions of each type: walk a shuffled bank.
    let singles = rng.sample(SINGLES.len(), 2);
    let tfs = rng.sample(TRUE_FALSE.len(), 2);
    let (mut si, mut ti) = (0, 0);

    let mut s = String::from("```quiz\n");
    if rng.chance(60) {
        let _ = writeln!(s, "title: {}", yq(rng_pick(rng, QUIZ_TITLES)));
    }
    if rng.chance(30) {
        let _ = writeln!(s, "pass: {}", rng.pick(&[60, 70, 80]));
    }
    s.push_str("questions:\n");
    for t in types {
        match t {
            QType::Single => {
                let q = &SINGLES[singles[si]];
                si += 1;
                let _ = writeln!(s, "  - q: {}", yq(q.q));
                s.push_str("    options:\n");
                let wrong = rng.range(1, 3);
                let mut opts: Vec<Option<usize>> = rng.sample(3, wrong).into_iter().map(Some).collect();
                opts.push(None);
                rng.shuffle(&mut opts);
                for o in opts {
                    match o {
                        None => {
                            let _ = writeln!(s, "      - text: {}\n        correct: true", yq(q.correct));
                        }
                        Some(w) => {
                            let (text, feedback) = q.wrong[w];
                            let _ = writeln!(s, "      - text: {}", yq(text));
                            if rng.chance(70) {
                                let _ = writeln!(s, "        feedback: {}", yq(feedback));
                            }
                        }
                    }
                }
                if rng.chance(70) {
                    let _ = writeln!(s, "    explain: {}", yq(q.explain));
                }
            }
            QType::TrueFalse => {
                let (q, a) = TRUE_FALSE[tfs[ti]];
                ti += 1;
                let _ = writeln!(s, "  - q: {}\n    type: true-false\n    answer: {a}", yq(q));
            }
            QType::Order => {
                let (q, items) = *rng.pick(ORDERS);
                let list: Vec<String> = items.iter().map(|x| yq(x)).collect();
                let _ = writeln!(s, "  - q: {}\n    type: order\n    items: [{}]", yq(q), list.join(", "));
            }
            QType::Text => {
                let (q, accept) = *rng.pick(TEXTS);
                let list: Vec<String> = accept.iter().map(|x| format!("\"{x}\"")).collect();
                let _ = writeln!(s, "  - q: {}\n    type: text\n    accept: [{}]", yq(q), list.join(", "));
            }
        }
    }
    s.push_str("```");
    s
}

// ---------------------------------------------------------------------------------------------
// Pages

fn lesson(site: &Site, i: usize) -> String {
    let (k, order) = site.lessons[i];
    let level = &site.levels[k];
    let id = identity(site.seed, i);
    let mut rng = Rng::stream(site.seed, i as u64, BODY);
    let mut out = String::with_capacity(10_000);

    // Front matter.
    let lo = rng.range(level.grades.0, level.grades.1);
    let hi = rng.range(lo, level.grades.1);
    let summary = SENTENCES[rng.below(SENTENCES.len())];
    let _ = writeln!(out, "---\ntitle: {}", yq(&lesson_title(site, i, &id)));
    let _ = writeln!(out, "summary: {}", yq(summary));
    let _ = writeln!(out, "order: {order}");
    let _ = writeln!(out, "duration: {}", rng.pick(&[20, 25, 30, 35, 40, 45]));
    let _ = writeln!(out, "grades: [{lo}, {hi}]");
    out.push_str("objectives:\n");
    let n_obj = rng.range(2, 4);
    for o in rng.sample(OBJECTIVES.len(), n_obj) {
        let _ = writeln!(out, "  - {}", yq(OBJECTIVES[o]));
    }
    let n_comp = rng.range(1, 3);
    let mut comps = rng.sample(COMPETENCIES.len(), n_comp);
    comps.sort_unstable();
    let comps: Vec<String> = comps.iter().map(|&c| format!("\"{}\"", COMPETENCIES[c])).collect();
    let _ = writeln!(out, "competencies: [{}]", comps.join(", "));
    let n_kw = rng.range(2, 4);
    let kws: Vec<String> = rng.sample(KEYWORDS.len(), n_kw).into_iter().map(|w| yq(KEYWORDS[w])).collect();
    let _ = writeln!(out, "keywords: [{}]\n---\n", kws.join(", "));

    // Intro, then the required blocks spread over the sections, then filler paragraphs.
    let deck = &mut Deck(Vec::new());
    out.push_str(&paragraph(&mut rng, deck));
    out.push_str("\n\n");
    if rng.chance(10) {
        out.push_str(&image(&mut rng));
        out.push_str("\n\n");
    }
    let n = id.headings.len();
    let mut sections: Vec<Vec<String>> = (0..n).map(|_| vec![paragraph(&mut rng, deck)]).collect();
    let mut blocks = vec![bullets(&mut rng), table(&mut rng), tip(&mut rng), teacher(&mut rng), parents(&mut rng)];
    let code = code_block(&mut rng, i);
    // What `--distinct-code` adds is left out of the lesson's length, so the rest of it stays the same.
    let added = if site.distinct_code {
        let distinct = distinct_lines(&code, i);
        let added = distinct.len() - code.len();
        blocks.push(distinct);
        added
    } else {
        blocks.push(code);
        0
    };
    if rng.chance(30) {
        blocks.push(warning(&mut rng));
    }
    if site.lessons.len() > 1 {
        for _ in 0..rng.range(1, 3) {
            blocks.push(link(site, i, &mut rng));
        }
    }
    for b in blocks {
        sections[rng.below(n)].push(b);
    }
    let quiz_block = (i % 2 == 1).then(|| quiz(&mut rng));

    let target = rng.range(6900, 8900);
    let mut len = out.len() + quiz_block.as_ref().map_or(0, String::len);
    len += sections.iter().flatten().map(|b| b.len() + 2).sum::<usize>() - added;
    len += id.headings.iter().map(|&(d, h)| HEADINGS[h].len() + d as usize + 3).sum::<usize>();
    while len < target {
        let p = paragraph(&mut rng, deck);
        len += p.len() + 2;
        let sec = &mut sections[rng.below(n)];
        let at = rng.range(1, sec.len());
        sec.insert(at, p);
    }

    for (&(depth, h), blocks) in id.headings.iter().zip(&sections) {
        let _ = writeln!(out, "{} {}\n", "#".repeat(depth as usize), HEADINGS[h]);
        for b in blocks {
            out.push_str(b);
            out.push_str("\n\n");
        }
    }
    if let Some(q) = quiz_block {
        out.push_str(&q);
        out.push('\n');
    } else {
        out.pop();
    }
    out
}

fn level_index(site: &Site, k: usize) -> String {
    let level = &site.levels[k];
    let (a, b) = level.grades;
    let mut rng = Rng::stream(site.seed, u64::MAX - k as u64, BODY);
    let mut s = String::new();
    let grades = if a == b { format!("Lớp {a}") } else { format!("Lớp {a}–{b}") };
    let _ = writeln!(s, "---\ntitle: {}", yq(&format!("Cấp độ {}: {grades}", k + 1)));
    let _ = writeln!(s, "order: {}", k + 1);
    let _ = writeln!(s, "grades: [{a}, {b}]\nages: [{}, {}]", a + 5, b + 6);
    let _ = writeln!(
        s,
        "summary: {}\n---\n",
        yq(&format!("{} bài học về an toàn trên mạng dành cho học sinh {}", level.count, lowercase_first(&grades)))
    );
    let deck = &mut Deck(Vec::new());
    let (p1, p2) = (paragraph(&mut rng, deck), paragraph(&mut rng, deck));
    let _ = writeln!(s, "{p1}\n\n{p2}\n\n{}", bullets(&mut rng));
    s
}

fn site_config(lessons: usize) -> String {
    format!(
        "title: {}\n\
         description: Bộ bài học tổng hợp để đo tốc độ dựng trang, viết theo mẫu học liệu an toàn trên mạng cho trẻ em.\n\
         language: vi\n\
         school_year: 2026-2027\n\
         help:\n  \
         - name: Tổng đài quốc gia bảo vệ trẻ em\n    phone: \"111\"\n    note: Miễn phí, 24/7\n  \
         - name: Trung tâm Công tác xã hội tỉnh Nghệ An\n    phone: \"1800.599.963\"\n    note: Gọi thử để xác nhận trước khi in.\n\
         frameworks: data/nang-luc.yaml\n",
        yq(&format!("Em an toàn trên mạng (bộ thử {lessons} bài)"))
    )
}

/// The session plan every level needs for the school year (`hoclieu check` requires one per level):
/// a 70-minute extracurricular session built on the level's first lessons.
fn session(site: &Site, k: usize) -> String {
    let level = &site.levels[k];
    let (a, b) = level.grades;
    let mut rng = Rng::stream(site.seed, u64::MAX - 50 - k as u64, BODY);
    let picks: Vec<usize> = (level.first..level.first + level.count.min(3)).collect();
    let slug = |i: usize| lesson_file(i).trim_end_matches(".md").to_string();
    let with_quiz = (level.first..level.first + level.count).find(|i| i % 2 == 1);
    let mut s = String::new();
    let _ = writeln!(s, "---\nkind: session");
    let _ = writeln!(s, "title: {}", yq(&format!("Buổi ngoại khóa an toàn trên mạng, cấp độ {}", k + 1)));
    let _ = writeln!(s, "school_year: 2026-2027\nduration: 70\ngrades: [{a}, {b}]\ngroup_size: 35");
    let names: Vec<String> = picks.iter().map(|&i| slug(i)).collect();
    let _ = writeln!(s, "lessons: [{}]\nagenda:", names.join(", "));
    let steps = [
        (5, "Khởi động: Internet giống như đường phố"),
        (15, "Truyện tình huống"),
        (20, "Thảo luận nhóm"),
        (15, "Đóng vai"),
        (10, "Lời hứa của lớp và phát thẻ 111"),
    ];
    for (n, (minutes, title)) in steps.iter().enumerate() {
        let _ = writeln!(s, "  - minutes: {minutes}\n    title: {}", yq(title));
        if n > 0 {
            let _ = writeln!(s, "    lesson: {}", names[n % names.len()]);
        }
    }
    match with_quiz {
        Some(i) => {
            let _ =
                writeln!(s, "  - minutes: 5\n    title: Phiếu kiểm tra nhanh\n    lesson: {}\n    quiz: true", slug(i));
        }
        None => {
            let _ = writeln!(s, "  - minutes: 5\n    title: Tổng kết");
        }
    }
    s.push_str("preparation:\n  - In phiếu học tập cho mỗi học sinh\n  - In thẻ 111 cỡ danh thiếp\n---\n\n");
    let deck = &mut Deck(Vec::new());
    let _ = writeln!(s, "## Mục tiêu của buổi\n\n{}\n\n{}\n", paragraph(&mut rng, deck), bullets(&mut rng));
    let _ = writeln!(s, "## Các hoạt động\n");
    for &i in &picks {
        let title = lesson_title(site, i, &identity(site.seed, i));
        let _ = writeln!(s, "- Theo bài [{title}]({}): {}", lesson_file(i), lowercase_first(deck.draw(&mut rng)));
    }
    let _ = writeln!(s, "\n::: teacher\n{}\n:::", teacher_line(&mut rng));
    s
}

fn teacher_line(rng: &mut Rng) -> &'static str {
    TEACHER_LINES[rng.below(TEACHER_LINES.len())]
}

fn home(site: &Site) -> String {
    let mut rng = Rng::stream(site.seed, u64::MAX - 100, BODY);
    format!(
        "---\ntitle: Em an toàn trên mạng\n---\n\n\
         Chào mừng em đến với học liệu **Em an toàn trên mạng**. Bộ bài này có {} bài học chia thành {} cấp độ.\n\n{}\n\n\
         ::: tip\nKhi cần giúp đỡ, em gọi **111**: miễn phí, suốt ngày đêm.\n:::\n",
        site.lessons.len(),
        site.levels.len(),
        paragraph(&mut rng, &mut Deck(Vec::new()))
    )
}

/// Every file of the site, in a fixed order, handed to `emit` one at a time so a 10,000-lesson
/// site never sits in memory.
fn generate(site: &Site, lessons: usize, mut emit: impl FnMut(&str, &[u8]) -> io::Result<()>) -> io::Result<()> {
    emit(MARKER, b"Generated by `cargo run --example synth`; safe to delete.\n")?;
    emit("hoclieu.yaml", site_config(lessons).as_bytes())?;
    emit("static/images/hinh.svg", SVG.as_bytes())?;
    emit("data/nang-luc.yaml", FRAMEWORKS.as_bytes())?;
    emit("content/_index.md", home(site).as_bytes())?;
    for k in 0..site.levels.len() {
        emit(&format!("content/{}/_index.md", level_dir(k)), level_index(site, k).as_bytes())?;
        emit(&format!("content/{}/buoi-ngoai-khoa-2026-2027.md", level_dir(k)), session(site, k).as_bytes())?;
    }
    for i in 0..site.lessons.len() {
        let path = format!("content/{}/{}", level_dir(site.lessons[i].0), lesson_file(i));
        emit(&path, lesson(site, i).as_bytes())?;
    }
    Ok(())
}

fn prepare_out(out: &Path) -> Result<(), String> {
    if out.exists() {
        let empty = fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?.next().is_none();
        if out.join(MARKER).is_file() {
            fs::remove_dir_all(out).map_err(|e| format!("cannot replace {}: {e}", out.display()))?;
        } else if !empty {
            return Err(format!(
                "{} exists and was not made by synth; choose another --out or delete it yourself",
                out.display()
            ));
        }
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))
}

fn parse_args() -> Result<Config, String> {
    let mut cfg = Config { lessons: 1000, levels: 4, seed: 1, out: PathBuf::new(), distinct_code: false };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "-h" || a == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        if a == "--distinct-code" {
            cfg.distinct_code = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{a} needs a value"))?;
        let num = || value.parse::<u64>().map_err(|_| format!("{a}: not a number: {value}"));
        match a.as_str() {
            "--lessons" => cfg.lessons = num()? as usize,
            "--levels" => cfg.levels = num()? as usize,
            "--seed" => cfg.seed = num()?,
            "--out" => cfg.out = PathBuf::from(&value),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if cfg.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if !(1..=12).contains(&cfg.levels) {
        return Err("--levels must be between 1 and 12".into());
    }
    if cfg.lessons < cfg.levels {
        return Err("--lessons must be at least --levels".into());
    }
    Ok(cfg)
}

fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("synth: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = prepare_out(&cfg.out) {
        eprintln!("synth: {e}");
        return ExitCode::FAILURE;
    }
    let mut site = Site::new(cfg.lessons, cfg.levels, cfg.seed);
    site.distinct_code = cfg.distinct_code;
    let mut bytes = 0u64;
    let result = generate(&site, cfg.lessons, |rel, data| {
        let path = cfg.out.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        bytes += data.len() as u64;
        fs::write(&path, data)
    });
    if let Err(e) = result {
        eprintln!("synth: writing {}: {e}", cfg.out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "synth: {} lessons in {} levels, {:.1} MiB → {}",
        cfg.lessons,
        cfg.levels,
        bytes as f64 / (1024.0 * 1024.0),
        cfg.out.display()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn files(lessons: usize, levels: usize, seed: u64) -> BTreeMap<String, String> {
        files_with(lessons, levels, seed, false)
    }

    fn files_with(lessons: usize, levels: usize, seed: u64, distinct_code: bool) -> BTreeMap<String, String> {
        let mut site = Site::new(lessons, levels, seed);
        site.distinct_code = distinct_code;
        let mut map = BTreeMap::new();
        generate(&site, lessons, |p, d| {
            map.insert(p.to_string(), String::from_utf8(d.to_vec()).unwrap());
            Ok(())
        })
        .unwrap();
        map
    }

    #[test]
    fn deterministic_and_varied() {
        let a = files(60, 4, 1);
        assert_eq!(a, files(60, 4, 1));
        assert_ne!(a, files(60, 4, 2));
        let bodies: BTreeSet<&String> = a.values().collect();
        assert_eq!(bodies.len(), a.len(), "two generated files are identical");
    }

    #[test]
    fn distinct_code_changes_only_the_code_and_repeats_no_line() {
        let plain = files(80, 4, 1);
        let distinct = files_with(80, 4, 1, true);
        assert_eq!(plain.keys().collect::<Vec<_>>(), distinct.keys().collect::<Vec<_>>());
        let mut code_lines = BTreeSet::new();
        let mut n = 0;
        for (path, body) in &distinct {
            let before = &plain[path];
            assert_eq!(before.lines().count(), body.lines().count(), "{path}");
            let mut lang = None;
            for (a, b) in before.lines().zip(body.lines()) {
                if let Some(l) = a.strip_prefix("```") {
                    lang = if lang.is_none() && !l.is_empty() { Some(l.to_string()) } else { None };
                    assert_eq!(a, b, "{path}");
                    continue;
                }
                match lang.as_deref() {
                    Some("python" | "html" | "javascript" | "json") => {
                        assert!(b.starts_with(a) && b.len() > a.len(), "{path}: {b}");
                        assert!(code_lines.insert(b.to_string()), "{path}: `{b}` repeats");
                        n += 1;
                    }
                    _ => assert_eq!(a, b, "{path}"),
                }
            }
        }
        assert!(n > 300, "only {n} lines of highlighted code");
    }

    #[test]
    fn slugs_follow_the_engine_rule() {
        assert_eq!(slugify("Bắt nạt qua mạng"), "bat-nat-qua-mang");
        assert_eq!(slugify("Đường link lạ"), "duong-link-la");
        assert_eq!(slugify("Gọi 111 khi cần giúp đỡ"), "goi-111-khi-can-giup-do");
        assert_eq!(slugify("  Wi-Fi công cộng!  "), "wi-fi-cong-cong");
        let ids: BTreeSet<String> = HEADINGS.iter().map(|h| slugify(h)).collect();
        assert_eq!(ids.len(), HEADINGS.len(), "two headings share an id");
        for h in HEADINGS {
            assert_eq!(slugify(h), hoclieu::text::slugify(h), "{h}");
        }
    }

    #[test]
    fn nfc_only() {
        // Vietnamese in NFC never needs a combining diacritic (U+0300..U+036F).
        for (p, body) in files(40, 4, 3) {
            assert!(!body.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "{p}");
        }
    }

    #[test]
    fn orders_unique_links_resolve_code_sized() {
        let f = files(200, 4, 7);
        let mut orders = BTreeSet::new();
        let ids = |body: &str| -> BTreeSet<String> {
            body.lines().filter(|l| l.starts_with("## ") || l.starts_with("### ")).map(slugify).collect()
        };
        for (path, body) in &f {
            let Some(rest) = path.strip_prefix("content/level-") else {
                continue;
            };
            if path.ends_with("_index.md") {
                continue;
            }
            let level = &rest[..2];
            let session = body.starts_with("---\nkind: session\n");
            if !session {
                let order = body.lines().find_map(|l| l.strip_prefix("order: "));
                let order = order.unwrap_or_else(|| panic!("{path}: no order"));
                assert!(orders.insert((level.to_string(), order.to_string())), "{path}: duplicate order");
            }
            // Links: every "](target)" that names a .md file.
            for part in body.split("](").skip(1) {
                let target = &part[..part.find(')').unwrap()];
                if target.starts_with('/') {
                    assert_eq!(target, "/images/hinh.svg");
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                let resolved = if let Some(f) = file.strip_prefix("../") {
                    format!("content/{f}")
                } else {
                    format!("content/level-{level}/{file}")
                };
                let tbody = f.get(&resolved).unwrap_or_else(|| panic!("{path}: missing {resolved}"));
                assert!(anchor.is_empty() || ids(tbody).contains(anchor), "{path}: no #{anchor} in {resolved}");
            }
            if session {
                continue;
            }
            // Exactly one fenced code block besides the quiz, within the size band.
            let fences: Vec<&str> = body.split("\n```").skip(1).collect();
            let code = fences.iter().find(|s| !s.starts_with("quiz") && s.contains('\n') && !s.starts_with('\n'));
            let code = code.unwrap_or_else(|| panic!("{path}: no code block"));
            let inner = &code[code.find('\n').unwrap() + 1..];
            assert!((300..=640).contains(&inner.len()), "{path}: code block of {} bytes", inner.len());
        }
        assert_eq!(orders.len(), 200);
    }
}
