//! The steps of the verification an accepted petition goes through: assigning it to a staff
//! member, asking the petitioner for information, recording a dialogue, extending the time.

use chrono::NaiveDate;
use serde_json::json;

use super::{Lookup, Plan, Recipient, StepContext, StepError, checked, day, parsed, text, written_reason};
use crate::domain::FieldError;
use crate::domain::account::{Role, User};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::notice::Notice;
use crate::domain::petition::message::MessagePurpose;
use crate::domain::petition::{Attendance, Petition};
use crate::domain::time::vietnam_date;

pub(super) fn assign(petition: &Petition, assignee: Lookup<User>) -> Result<Plan, StepError> {
    let assignee = match assignee {
        Lookup::Found(user)
            if user.is_active()
                && matches!(user.role, Role::Officer | Role::Head)
                && user.agency_id == petition.assigned_agency_id =>
        {
            user
        }
        _ => {
            return Err(StepError::Invalid(vec![FieldError::new(
                "assignee_id",
                "is not an active officer or head of the handling agency",
            )]));
        }
    };
    let mut plan =
        Plan::new(EventKind::PetitionAssigned, Notice::new("được giao xác minh", "assigned to you for verification"))
            .telling(Recipient::User(assignee.id.clone()));
    // The public timeline says it is being verified, not by whom.
    plan.visibility = Visibility::Internal;
    plan.change.assignee_id = Some(Some(assignee.id.clone()));
    plan.data = json!({ "assignee_id": assignee.id });
    Ok(plan)
}

pub(super) fn request_information(question: &str) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let question = text(&mut errors, "question", question, 10..=5000);
    let question = checked(errors, Some(question))?;
    let mut plan = Plan::new(
        EventKind::PetitionInformationRequested,
        Notice::new("cơ quan cần bạn bổ sung thông tin", "the agency asks you for information"),
    )
    .telling(Recipient::Petitioners(Some(question.clone())));
    plan.message = Some((MessagePurpose::InformationRequest, question));
    Ok(plan)
}

/// The record of a dialogue, and whether the petitioner came. One invited who stays away without
/// a valid reason does not stop the resolution (Law on Complaints Art. 30(6), added by Law
/// 136/2025/QH15); with a valid reason, the head may suspend it instead (Art. 11a(1)(a)).
pub(super) fn record_dialogue(
    petition: &Petition,
    at: &StepContext,
    held_on: NaiveDate,
    (participants, summary): (&str, &str),
    attendance: Option<&str>,
) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let participants = text(&mut errors, "participants", participants, 3..=2000);
    let summary = text(&mut errors, "summary", summary, 10..=20_000);
    if held_on > at.today || held_on < vietnam_date(petition.received_at) {
        errors.push(FieldError::new("held_on", "must be between the day the petition was received and today"));
    }
    let attendance = match attendance {
        Some(text) => parsed::<Attendance>(&mut errors, "attendance", text),
        None => Some(Attendance::Attended),
    };
    let attendance = checked(errors, attendance)?;
    let held = day(held_on);
    // Whether the petitioner came is theirs to hear, not the public timeline's.
    let words = match attendance {
        Attendance::Attended => None,
        Attendance::AbsentWithoutValidReason => Some(
            "Bạn đã được mời nhưng vắng mặt không có lý do chính đáng; việc giải quyết vẫn tiếp tục \
             (Luật Khiếu nại, Điều 30 khoản 6). / You were invited but did not attend without a valid \
             reason; resolution goes on (Law on Complaints, Art. 30(6)).",
        ),
        Attendance::AbsentWithValidReason => Some(
            "Bạn vắng mặt có lý do chính đáng; người giải quyết có thể tạm đình chỉ việc giải quyết \
             (Điều 11a). / You could not attend for a valid reason; the resolver may suspend resolution \
             (Art. 11a).",
        ),
    };
    let mut plan = Plan::new(
        EventKind::PetitionDialogueRecorded,
        Notice::new(format!("đã tổ chức đối thoại ngày {held}"), format!("a dialogue was held on {held}")),
    )
    .telling(Recipient::Petitioners(words.map(String::from)));
    // The record goes to the petitioner, who took part; the public timeline only says it was held.
    plan.message = Some((
        MessagePurpose::DialogueRecord,
        format!("Đối thoại ngày {held} / Dialogue of {held}\n\n{participants}\n\n{summary}"),
    ));
    plan.data = json!({ "held_on": held_on, "attendance": attendance.as_str() });
    Ok(plan)
}

/// The head extends the time to resolve by the rule's extension, as often as the complexity allows.
pub(super) fn extend(petition: &Petition, at: &StepContext, reason: &str) -> Result<Plan, StepError> {
    let reason = written_reason(reason)?;
    let complexity = petition.complexity_or_normal();
    let allowed = i32::from(at.rule.extensions_allowed(complexity));
    let (Some(period), Some(due)) = (at.rule.extension, petition.resolution_due) else {
        return Err(StepError::Conflict(format!("the deadline rule for a {} allows no extension", petition.kind)));
    };
    if petition.extensions_used >= allowed {
        return Err(StepError::Conflict(format!(
            "a {complexity} {} allows {allowed} extension(s), and {} were used",
            petition.kind, petition.extensions_used
        )));
    }
    // Counted on from the period's own last day, not from the working day a day off moved it to.
    let end = period.end(at.calendar, petition.resolution_period_end.unwrap_or(due));
    let extended = at.calendar.working_day_on_or_after(end);
    let mut plan = Plan::new(
        EventKind::PetitionExtended,
        Notice::new(
            format!("thời hạn giải quyết được gia hạn đến {}", day(extended)),
            format!("the time to resolve was extended to {}", day(extended)),
        ),
    )
    .telling(Recipient::Petitioners(Some(reason.clone())));
    plan.resolution_runs_to(at, end);
    plan.change.extensions_used = Some(petition.extensions_used + 1);
    plan.data = json!({ "from": due, "to": extended, "reason": reason });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{accepted_feedback, context, officer_of};
    use super::super::{Lookup, Recipient, Step, StepError, plan};
    use crate::domain::account::Role;
    use crate::domain::events::Visibility;
    use crate::domain::petition::PetitionStatus;
    use crate::domain::petition::message::MessagePurpose;

    #[test]
    fn assigning_tells_the_assignee_but_not_the_public_who_verifies() {
        let (petition, rules) = (accepted_feedback(), context());
        let officer = officer_of(&petition, Role::Officer);
        let plan = plan(
            &petition,
            Step::Assign { assignee: Lookup::Found(officer.clone()) },
            &rules.at(&petition, "2026-03-03"),
        )
        .unwrap();
        assert_eq!(plan.change.assignee_id, Some(Some(officer.id.clone())));
        assert_eq!(plan.change.status, Some(PetitionStatus::InProgress), "the first step of work");
        assert_eq!(plan.visibility, Visibility::Internal);
        assert_eq!(plan.recipients, [Recipient::User(officer.id)]);
    }

    #[test]
    fn only_an_active_officer_or_head_of_the_handling_agency_is_assigned() {
        let (petition, rules) = (accepted_feedback(), context());
        let at = rules.at(&petition, "2026-03-03");
        let mut outsider = officer_of(&petition, Role::Officer);
        outsider.agency_id = None;
        let monitor = officer_of(&petition, Role::Monitor);
        let mut disabled = officer_of(&petition, Role::Head);
        disabled.disabled_at = Some(petition.received_at);
        for user in [outsider, monitor, disabled] {
            let refused = plan(&petition, Step::Assign { assignee: Lookup::Found(user) }, &at);
            assert!(matches!(refused, Err(StepError::Invalid(_))));
        }
    }

    #[test]
    fn a_question_to_the_petitioner_is_left_as_a_message_and_e_mailed() {
        let (petition, rules) = (accepted_feedback(), context());
        let question = "Xin cho biết số thửa đất và ngày bắt đầu đổ rác.".to_string();
        let plan = plan(
            &petition,
            Step::RequestInformation { question: question.clone() },
            &rules.at(&petition, "2026-03-03"),
        )
        .unwrap();
        assert_eq!(plan.message, Some((MessagePurpose::InformationRequest, question.clone())));
        assert_eq!(plan.recipients, [Recipient::Petitioners(Some(question))]);
    }

    #[test]
    fn a_dialogue_is_dated_between_receipt_and_today() {
        let (petition, rules) = (accepted_feedback(), context());
        let at = rules.at(&petition, "2026-03-05");
        let dialogue = |held_on: &str| Step::RecordDialogue {
            held_on: held_on.parse().unwrap(),
            participants: "Ông Dân, cán bộ địa chính".into(),
            summary: "Hai bên thống nhất đo đạc lại ranh giới.".into(),
            attendance: None,
        };
        let recorded = plan(&petition, dialogue("2026-03-04"), &at).unwrap();
        assert!(
            matches!(&recorded.message, Some((MessagePurpose::DialogueRecord, record)) if record.starts_with("Đối thoại ngày 04/03/2026"))
        );
        for day in ["2026-03-06", "2026-02-27"] {
            let Err(StepError::Invalid(errors)) = plan(&petition, dialogue(day), &at) else { panic!("{day}") };
            assert_eq!(errors[0].field, "held_on");
        }
    }

    #[test]
    fn a_complainant_absent_without_a_valid_reason_is_told_privately_that_resolution_goes_on() {
        let (petition, rules) = (accepted_feedback(), context());
        let at = rules.at(&petition, "2026-03-05");
        let dialogue = |attendance: &str| Step::RecordDialogue {
            held_on: "2026-03-04".parse().unwrap(),
            participants: "Cán bộ địa chính; người khiếu nại vắng mặt".into(),
            summary: "Người khiếu nại đã được mời hợp lệ nhưng không đến.".into(),
            attendance: Some(attendance.into()),
        };
        let absent = plan(&petition, dialogue("absent_without_valid_reason"), &at).unwrap();
        let english = absent.notice.in_language(crate::domain::account::Language::English);
        assert_eq!(english, "a dialogue was held on 04/03/2026", "the public timeline says nothing of the absence");
        let Recipient::Petitioners(Some(words)) = &absent.recipients[0] else { panic!() };
        assert!(words.contains("resolution goes on (Law on Complaints, Art. 30(6))"), "{words}");
        assert_eq!(absent.data["attendance"], "absent_without_valid_reason");
        assert_eq!(absent.change.status, Some(PetitionStatus::InProgress), "the resolution goes on");
        let Err(StepError::Invalid(errors)) = plan(&petition, dialogue("late"), &at) else { panic!() };
        assert_eq!(errors[0].field, "attendance");
    }

    #[test]
    fn feedback_is_extended_once_by_ten_working_days_from_its_deadline() {
        let (mut petition, rules) = (accepted_feedback(), context());
        let at = rules.at(&petition, "2026-03-12");
        let reason = || Step::Extend { reason: "Cần khảo sát hiện trường thêm.".into() };
        let extended = plan(&petition, reason(), &at).unwrap();
        // Due Mon 16 Mar + 10 working days = Mon 30 Mar.
        assert_eq!(extended.change.resolution_due, Some(Some("2026-03-30".parse().unwrap())));
        assert_eq!(extended.change.extensions_used, Some(1));
        assert_eq!(extended.change.status, None, "extending keeps the status");
        petition.extensions_used = 1;
        assert!(matches!(plan(&petition, reason(), &at), Err(StepError::Conflict(_))), "only once");
    }

    #[test]
    fn an_extension_needs_a_written_reason() {
        let (petition, rules) = (accepted_feedback(), context());
        let Err(StepError::Invalid(errors)) =
            plan(&petition, Step::Extend { reason: "vì".into() }, &rules.at(&petition, "2026-03-12"))
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "reason");
    }
}
