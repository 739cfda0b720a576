//! `pakn seed --demo`, second half: a few petitions of every kind at different steps, filed and
//! handled through the same use cases as the API, so that each demo account has work to see.
//! Added once: nothing is filed when the demo citizen already has petitions.

use chrono::NaiveDate;

use crate::db::petitions::{self, PetitionFilter, PetitionScope};
use crate::db::{DbConnection, agencies, users};
use crate::domain::account::User;
use crate::domain::ids::AgencyId;
use crate::domain::petition::Channel;
use crate::service::handling::{self, StepRequest};
use crate::service::petitions::filing::{self, Filer, FilingForm, LocationForm};
use crate::service::{Context, ServiceError, ServiceResult};

fn user(connection: &mut DbConnection, email: &str) -> ServiceResult<User> {
    users::find_by_email(connection, email)?
        .ok_or_else(|| ServiceError::NotFound(format!("the demo account {email} is missing")))
}

fn agency(connection: &mut DbConnection, code: &str) -> ServiceResult<AgencyId> {
    Ok(agencies::find_by_code(connection, code)?
        .ok_or_else(|| ServiceError::NotFound(format!("the sample agency {code} is missing")))?
        .id)
}

/// A petition in Phường Phú Xuân.
fn in_phu_xuan(kind: &str, category: &str, title: &str, description: &str) -> FilingForm {
    FilingForm {
        kind: kind.into(),
        category: category.into(),
        title: title.into(),
        description: description.into(),
        location: LocationForm { admin_unit_code: "19753".into(), ..LocationForm::default() },
        ..FilingForm::default()
    }
}

/// Files the demo petitions and takes them some way; returns how many were filed.
pub fn seed(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let citizen = user(connection, "congdan@demo.pakn.invalid")?;
    let ward_officer = user(connection, "canbo.phuxuan@demo.pakn.invalid")?.actor();
    let ward_head = user(connection, "chutich.phuxuan@demo.pakn.invalid")?.actor();
    let reception_officer = user(connection, "tiepdan@demo.pakn.invalid")?.actor();
    let theirs = PetitionFilter::new(PetitionScope::Petitioner(citizen.id.clone()));
    if !petitions::page_rows(connection, &theirs, None, 1)?.is_empty() {
        return Ok(0);
    }
    let ward = agency(connection, "ubnd-phuong-phu-xuan")?;
    let mut complaint = in_phu_xuan(
        "complaint",
        "compensation_resettlement",
        "Khiếu nại mức bồi thường đất ở thửa 123",
        "Mức bồi thường đất ở tại thửa 123 thấp hơn giá thị trường và không đúng bảng giá đất.",
    );
    complaint.location.address = Some("12 Lê Lợi".into());
    let decided_on = NaiveDate::from_ymd_opt(2026, 10, 1).ok_or_else(|| anyhow::anyhow!("a demo date"))?;
    complaint.decision_reference = Some(("Quyết định 1234/QĐ-UBND".into(), decided_on));
    complaint.respondent_agency_id = Some(ward.to_string());
    let mut denunciation = in_phu_xuan(
        "denunciation",
        "land",
        "Tố cáo việc hợp thức hóa đất lấn chiếm",
        "Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
    );
    denunciation.denounced_agency_id = Some(ward.to_string());
    // An official of the ward: its chairman resolves it (Law on Denunciations 2018, Art. 12(1)).
    denunciation.denounced_position = Some("staff".into());
    let forms = [
        complaint,
        denunciation,
        in_phu_xuan(
            "feedback",
            "environmental_pollution",
            "Bãi rác tự phát ven sông Hương",
            "Rác thải đổ trộm ven sông Hương gây mùi hôi nhiều tuần, ảnh hưởng sức khỏe người dân.",
        ),
        in_phu_xuan(
            "proposal",
            "infrastructure_urban_order",
            "Đề nghị lắp đèn chiếu sáng kiệt 12 Lê Lợi",
            "Kiệt 12 Lê Lợi không có đèn chiếu sáng, buổi tối rất tối và nguy hiểm cho người đi bộ.",
        ),
    ];
    let mut filed = Vec::new();
    for form in forms {
        let filer = Filer::Citizen { user: citizen.clone(), channel: Channel::Web };
        filed.push(filing::file(connection, context, &filer, form, None)?.view.petition().petition.id.clone());
    }
    // The complaint is in the ward's hands: accepted, and its verification assigned.
    let accept = || StepRequest::Accept { complexity: "normal".into(), remote_area: false };
    handling::take(connection, context, &filed[0], &ward_officer, accept(), None)?;
    let assign = StepRequest::Assign { assignee_id: ward_officer.user_id.to_string() };
    handling::take(connection, context, &filed[0], &ward_head, assign, None)?;
    // The feedback waits in the coordinating office's queue, accepted; the rest are as filed.
    handling::take(connection, context, &filed[2], &reception_officer, accept(), None)?;
    Ok(filed.len())
}
