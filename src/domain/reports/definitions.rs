//! Every public figure's definition, in Vietnamese and English, published beside the figures so
//! that anyone can check them against the open data.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub figure: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

const fn define(figure: &'static str, vi: &'static str, en: &'static str) -> Definition {
    Definition { figure, vi, en }
}

/// What every figure counts. All of them count public petitions (neither denunciations nor
/// confidential petitions, nor those withdrawn before acceptance) received in the period, as
/// they stand now; a group is the agency handling the petition now, or its category.
pub const DEFINITIONS: &[Definition] = &[
    define(
        "scope",
        "Mọi số liệu chỉ tính các phản ánh, kiến nghị, khiếu nại công khai (không gồm tố cáo, đơn đề nghị giữ bí mật và đơn rút trước khi thụ lý) tiếp nhận trong kỳ (ngày nhận theo giờ Việt Nam), theo trạng thái hiện tại. Theo cơ quan: cơ quan đang giải quyết. Mỗi số liệu tính lại được từ dữ liệu mở.",
        "Every figure counts public petitions (neither denunciations, nor petitions whose petitioner asked for confidentiality, nor those withdrawn before acceptance) received in the period (by the date in Vietnam), as they stand now. Per agency: the agency handling it now. Every figure can be recomputed from the open data.",
    ),
    define("received", "Số đơn tiếp nhận trong kỳ.", "Petitions received in the period."),
    define("accepted", "Số đơn đã được thụ lý.", "Of those, petitions accepted for handling."),
    define(
        "refused",
        "Số đơn không thụ lý (trạng thái hiện tại), theo lý do.",
        "Of those, petitions refused (their status now), by reason.",
    ),
    define("resolved", "Số đơn đã có văn bản trả lời, giải quyết.", "Of those, petitions answered (with a decision)."),
    define(
        "resolved_on_time",
        "Số đơn được trả lời trong hạn giải quyết đang áp dụng khi trả lời (đã tính gia hạn và tạm đình chỉ); resolved_late: quá hạn.",
        "Of the answered, those answered by the resolution deadline in force when answered (extensions and suspensions included); resolved_late: after it.",
    ),
    define(
        "open",
        "Số đơn còn chờ cơ quan xử lý (chưa thụ lý hoặc đang giải quyết).",
        "Of those, petitions still waiting on their agency (to be accepted or resolved).",
    ),
    define(
        "overdue_now",
        "Số đơn còn chờ mà hạn đang chạy đã qua.",
        "Of the open, those whose running deadline has passed.",
    ),
    define(
        "open_by_age",
        "Đơn còn chờ theo thời gian từ khi nhận: dưới 30 ngày, 30–89, 90–179, từ 180 ngày.",
        "Open petitions by time since receipt: under 30 days, 30–89, 90–179, 180 days or more.",
    ),
    define(
        "days_to_resolve",
        "Số ngày (lịch) từ khi nhận đến khi trả lời: trung vị và phân vị 90, theo thứ hạng gần nhất (giá trị nhỏ nhất mà ít nhất 50% / 90% số đơn không vượt quá).",
        "Calendar days from receipt to answer: median and 90th percentile by nearest rank (the smallest value that at least 50% / 90% of answered petitions do not exceed).",
    ),
    define(
        "satisfaction",
        "Đánh giá của người gửi đơn về câu trả lời: hài lòng, chấp nhận được, không hài lòng.",
        "The petitioners' ratings of the answer: satisfied, acceptable, dissatisfied.",
    ),
    define(
        "reopened",
        "Số đơn đã từng bị mở lại sau khi trả lời.",
        "Petitions reopened at least once after an answer.",
    ),
    define(
        "closures_checked",
        "Số đơn đã trả lời được Mặt trận Tổ quốc chọn ngẫu nhiên để kiểm tra và đã có kết luận; closures_contested: trong đó, số đơn có kết luận câu trả lời không đúng thực tế (trong open data: cột closure_check).",
        "Answered petitions a monitor's closure check drew at random and gave a verdict on; closures_contested: of those, the ones found not to match the facts (in the open data: the closure_check column).",
    ),
    define(
        "rates",
        "Tỷ lệ (0–1, bốn chữ số thập phân): đúng hạn = resolved_on_time / (resolved_on_time + resolved_late); mở lại = reopened / số đơn đã từng được trả lời (đang có trả lời, hoặc đã bị mở lại); trả lời bị phản bác = closures_contested / closures_checked; hài lòng, không hài lòng = trên số đơn được đánh giá. Chỉ công bố cho cơ quan, lĩnh vực có từ minimum_received đơn trở lên trong kỳ.",
        "Shares (0–1, four decimal places): on time = resolved_on_time / (resolved_on_time + resolved_late); reopened = reopened / petitions answered at least once (answered now, or reopened since); contested closures = closures_contested / closures_checked; satisfied, dissatisfied = of the rated. Published for an agency or category only when it received at least minimum_received petitions in the period.",
    ),
];
