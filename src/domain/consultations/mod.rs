//! Public consultation (lấy ý kiến nhân dân): what an agency puts to comment, the window the
//! rules require for each kind, the status that follows from the dates, the comments citizens make
//! and the answers the agency gives before it publishes its synthesis.

pub mod comments;
pub mod consultation;
pub mod documents;
pub mod meetings;

pub use comments::{Answer, AnswerPosition, Comment, Hiding};
pub use consultation::{
    Consultation, ConsultationKind, ConsultationRule, ConsultationState, ConsultationStatus, Extension, Section,
    WindowProblem,
};
pub use documents::Document;
pub use meetings::{Meeting, Minutes};
