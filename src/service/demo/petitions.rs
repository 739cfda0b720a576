//! `pakn seed --demo`, second half: a few petitions of every kind at different steps, filed and
//! handled through the same use cases as the API, so that each demo account has work to see.
//! Added once: nothing is filed when the demo citizen already has petitions.

use serde_json::json;

use crate::db::petitions::{self, PetitionFilter, PetitionScope};
use crate::db::{DbConnection, agencies, users};
use crate::domain::authorization::Actor;
use crate::domain::petition::Channel;
use crate::service::handling::{self, Step};
use crate::service::petitions::filing::{self, Filer, FilingRequest};
use crate::service::{Context, ServiceError, ServiceResult};

fn actor(connection: &mut DbConnection, email: &str) -> ServiceResult<(users::UserRow, Actor)> {
    let user = users::find_by_email(connection, email)?
        .ok_or_else(|| ServiceError::NotFound(format!("the demo account {email} is missing")))?;
    let role = user.role.parse().map_err(|_| ServiceError::Internal(anyhow::anyhow!("role {}", user.role)))?;
    let actor = Actor {
        user_id: user.id.clone(),
        role,
        agency_id: user.agency_id.clone(),
        scope_admin_unit: user.scope_admin_unit_code.clone(),
    };
    Ok((user, actor))
}

fn agency(connection: &mut DbConnection, code: &str) -> ServiceResult<String> {
    Ok(agencies::find_by_code(connection, code)?
        .ok_or_else(|| ServiceError::NotFound(format!("the sample agency {code} is missing")))?
        .id)
}

/// Files the demo petitions and takes them some way; returns how many were filed.
pub fn seed(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let (citizen, _) = actor(connection, "congdan@demo.pakn.invalid")?;
    let (_, ward_officer) = actor(connection, "canbo.phuxuan@demo.pakn.invalid")?;
    let (_, ward_head) = actor(connection, "chutich.phuxuan@demo.pakn.invalid")?;
    let (_, reception_officer) = actor(connection, "tiepdan@demo.pakn.invalid")?;
    let theirs = PetitionFilter::new(PetitionScope::Petitioner(citizen.id.clone()));
    if !petitions::page(connection, &theirs, None, 1)?.0.is_empty() {
        return Ok(0);
    }
    let ward = agency(connection, "ubnd-phuong-phu-xuan")?;
    let filings = [
        json!({
            "kind": "complaint",
            "category": "compensation_resettlement",
            "title": "Khiếu nại mức bồi thường đất ở thửa 123",
            "description": "Mức bồi thường đất ở tại thửa 123 thấp hơn giá thị trường và không đúng bảng giá đất.",
            "location": { "admin_unit_code": "19753", "address": "12 Lê Lợi" },
            "decision_reference": { "number": "Quyết định 1234/QĐ-UBND", "date": "2026-10-01" },
            "respondent_agency_id": ward
        }),
        json!({
            "kind": "denunciation",
            "category": "land",
            "title": "Tố cáo việc hợp thức hóa đất lấn chiếm",
            "description": "Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
            "location": { "admin_unit_code": "19753" },
            "denounced_agency_id": ward
        }),
        json!({
            "kind": "feedback",
            "category": "environmental_pollution",
            "title": "Bãi rác tự phát ven sông Hương",
            "description": "Rác thải đổ trộm ven sông Hương gây mùi hôi nhiều tuần, ảnh hưởng sức khỏe người dân.",
            "location": { "admin_unit_code": "19753" }
        }),
        json!({
            "kind": "proposal",
            "category": "infrastructure_urban_order",
            "title": "Đề nghị lắp đèn chiếu sáng kiệt 12 Lê Lợi",
            "description": "Kiệt 12 Lê Lợi không có đèn chiếu sáng, buổi tối rất tối và nguy hiểm cho người đi bộ.",
            "location": { "admin_unit_code": "19753" }
        }),
    ];
    let mut filed = Vec::new();
    for body in filings {
        let request: FilingRequest =
            serde_json::from_value(body).map_err(|e| ServiceError::Internal(anyhow::anyhow!("demo filing: {e}")))?;
        let filer = Filer::Citizen { user: citizen.clone(), channel: Channel::Web };
        filed.push(filing::file(connection, context, &filer, request, None)?.petition_id);
    }
    // The complaint is in the ward's hands: accepted, and its verification assigned.
    let accept = || Step::Accept { complexity: "normal".into(), remote_area: false };
    handling::take(connection, context, &filed[0], &ward_officer, accept(), None)?;
    let assign = Step::Assign { assignee_id: ward_officer.user_id.clone() };
    handling::take(connection, context, &filed[0], &ward_head, assign, None)?;
    // The feedback waits in the coordinating office's queue, accepted; the rest are as filed.
    handling::take(connection, context, &filed[2], &reception_officer, accept(), None)?;
    Ok(filed.len())
}
