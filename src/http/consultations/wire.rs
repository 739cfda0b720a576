//! The wire shapes of consultations: the page of one (with its counts, visible comments and their
//! answers), a listing's summary, a comment as the public and as the staff see it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::consultations::comments::pseudonym;
use crate::domain::consultations::{
    Answer, AnswerPosition, Comment, Consultation, ConsultationKind, ConsultationStatus, Document, Meeting,
};
use crate::domain::evidence::MediaType;
use crate::domain::ids::{
    AgencyId, ConsultationAnswerId, ConsultationCommentId, ConsultationDocumentId, ConsultationId,
    ConsultationMeetingId, UserId,
};
use crate::http::wire::vietnam_time;
use crate::service::consultations::ConsultationView;

#[derive(Debug, Serialize)]
pub struct SectionBody {
    number: i32,
    heading: String,
    text: String,
}

#[derive(Debug, Serialize)]
pub struct ExtensionBody {
    previous_closes_on: NaiveDate,
    closes_on: NaiveDate,
    notice: String,
    extended_at: DateTime<FixedOffset>,
}

/// A document of the consultation; its bytes at `…/documents/{id}` (public once published).
#[derive(Debug, Serialize)]
pub struct DocumentBody {
    id: ConsultationDocumentId,
    file_name: String,
    media_type: MediaType,
    byte_size: i64,
    /// The file's SHA-256, as the audit chain's event of its addition names it.
    content_hash: String,
    created_at: DateTime<FixedOffset>,
}

impl DocumentBody {
    pub fn of(d: Document) -> Self {
        DocumentBody {
            id: d.id,
            file_name: d.file_name,
            media_type: d.media_type,
            byte_size: d.byte_size,
            content_hash: d.content_hash,
            created_at: vietnam_time(d.created_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct MinutesBody {
    attendance: i32,
    text: String,
    recorded_at: DateTime<FixedOffset>,
}

/// A dialogue meeting, public with its minutes once recorded.
#[derive(Debug, Serialize)]
pub struct MeetingBody {
    id: ConsultationMeetingId,
    held_at: DateTime<FixedOffset>,
    place: String,
    agenda: String,
    minutes: Option<MinutesBody>,
}

impl MeetingBody {
    pub fn of(m: Meeting) -> Self {
        MeetingBody {
            id: m.id,
            held_at: vietnam_time(m.held_at),
            place: m.place,
            agenda: m.agenda,
            minutes: m.minutes.map(|x| MinutesBody {
                attendance: x.attendance,
                text: x.text,
                recorded_at: vietnam_time(x.recorded_at),
            }),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SynthesisBody {
    summary: String,
    published_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize, Default)]
pub struct Counts {
    comments: i64,
    visible: i64,
    hidden: i64,
    supported: i64,
    answered: i64,
    accepted: i64,
    partly_accepted: i64,
    not_accepted: i64,
}

impl Counts {
    fn of(comments: &[Comment], answers: &[Answer]) -> Self {
        let mut counts = Counts::default();
        for c in comments {
            counts.comments += 1;
            if !c.is_visible() {
                counts.hidden += 1;
                continue;
            }
            counts.visible += 1;
            counts.supported += i64::from(c.supports > 0);
            let position = c.answer_id.as_ref().and_then(|id| answers.iter().find(|a| a.id == *id)).map(|a| a.position);
            match position {
                Some(AnswerPosition::Accepted) => counts.accepted += 1,
                Some(AnswerPosition::PartlyAccepted) => counts.partly_accepted += 1,
                Some(AnswerPosition::NotAccepted) => counts.not_accepted += 1,
                None => continue,
            }
            counts.answered += 1;
        }
        counts
    }
}

#[derive(Debug, Serialize)]
pub struct AnswerBody {
    id: ConsultationAnswerId,
    position: AnswerPosition,
    explanation: String,
    answered_at: DateTime<FixedOffset>,
}

fn answer_of(comment: &Comment, answers: &[Answer]) -> Option<AnswerBody> {
    let id = comment.answer_id.as_ref()?;
    answers.iter().find(|a| a.id == *id).map(|a| AnswerBody {
        id: a.id.clone(),
        position: a.position,
        explanation: a.explanation.clone(),
        answered_at: vietnam_time(a.answered_at),
    })
}

/// A visible comment as anyone reads it: its author is a pseudonym.
#[derive(Debug, Serialize)]
pub struct PublicComment {
    id: ConsultationCommentId,
    author: String,
    section: Option<i32>,
    text: String,
    supports: i64,
    created_at: DateTime<FixedOffset>,
    answer: Option<AnswerBody>,
}

impl PublicComment {
    pub fn of(c: Comment, answers: &[Answer]) -> Self {
        PublicComment {
            author: pseudonym(&c.consultation_id, &c.author_id),
            answer: answer_of(&c, answers),
            id: c.id,
            section: c.section,
            text: c.text,
            supports: c.supports,
            created_at: vietnam_time(c.created_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HidingBody {
    reason: String,
    hidden_by: UserId,
    hidden_at: DateTime<FixedOffset>,
}

/// Any comment as its agency and overseers read it: the author's account and name, and why a
/// hidden one was hidden.
#[derive(Debug, Serialize)]
pub struct StaffComment {
    #[serde(flatten)]
    public: PublicComment,
    author_id: UserId,
    author_name: String,
    hidden: Option<HidingBody>,
}

impl StaffComment {
    pub fn of(c: Comment, answers: &[Answer], names: &[(UserId, String)]) -> Self {
        let author_name = names.iter().find(|(id, _)| *id == c.author_id).map(|(_, n)| n.clone()).unwrap_or_default();
        let hidden = c.hidden.clone().map(|h| HidingBody {
            reason: h.reason,
            hidden_by: h.hidden_by,
            hidden_at: vietnam_time(h.hidden_at),
        });
        let author_id = c.author_id.clone();
        StaffComment { public: PublicComment::of(c, answers), author_id, author_name, hidden }
    }
}

#[derive(Debug, Serialize)]
pub struct ConsultationSummary {
    id: ConsultationId,
    agency_id: AgencyId,
    kind: ConsultationKind,
    title: String,
    summary: String,
    admin_unit_codes: Vec<AdminUnitCode>,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    status: ConsultationStatus,
    published_at: Option<DateTime<FixedOffset>>,
}

impl ConsultationSummary {
    pub fn of(x: &Consultation, today: NaiveDate) -> Self {
        ConsultationSummary {
            id: x.id.clone(),
            agency_id: x.agency_id.clone(),
            kind: x.kind,
            title: x.title.clone(),
            summary: x.summary.clone(),
            admin_unit_codes: x.unit_codes.clone(),
            opens_on: x.opens_on,
            closes_on: x.closes_on,
            status: x.status(today),
            published_at: x.published_at.map(vietnam_time),
        }
    }
}

/// One consultation's page: the document, its extensions and meetings, the counts, the synthesis once
/// published, and every visible comment with its answer. Hidden comments are only counted.
#[derive(Debug, Serialize)]
pub struct ConsultationResponse {
    #[serde(flatten)]
    summary: ConsultationSummary,
    sections: Vec<SectionBody>,
    extensions: Vec<ExtensionBody>,
    documents: Vec<DocumentBody>,
    meetings: Vec<MeetingBody>,
    synthesis: Option<SynthesisBody>,
    counts: Counts,
    comments: Vec<PublicComment>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    version: i32,
}

impl ConsultationResponse {
    pub fn of(view: ConsultationView, today: NaiveDate) -> Self {
        let ConsultationView { consultation: x, comments, answers, meetings, documents } = view;
        let counts = Counts::of(&comments, &answers);
        let synthesis = match (&x.synthesis, x.concluded_at) {
            (Some(summary), Some(at)) => {
                Some(SynthesisBody { summary: summary.clone(), published_at: vietnam_time(at) })
            }
            _ => None,
        };
        ConsultationResponse {
            summary: ConsultationSummary::of(&x, today),
            sections: x
                .sections
                .into_iter()
                .map(|s| SectionBody { number: s.number, heading: s.heading, text: s.text })
                .collect(),
            extensions: x
                .extensions
                .into_iter()
                .map(|e| ExtensionBody {
                    previous_closes_on: e.previous_closes_on,
                    closes_on: e.closes_on,
                    notice: e.notice,
                    extended_at: vietnam_time(e.extended_at),
                })
                .collect(),
            documents: documents.into_iter().map(DocumentBody::of).collect(),
            meetings: meetings.into_iter().map(MeetingBody::of).collect(),
            synthesis,
            counts,
            comments: comments
                .into_iter()
                .filter(Comment::is_visible)
                .map(|c| PublicComment::of(c, &answers))
                .collect(),
            created_at: vietnam_time(x.created_at),
            updated_at: vietnam_time(x.updated_at),
            version: x.version,
        }
    }

    /// A consultation just written, before anyone commented.
    pub fn bare(x: Consultation, today: NaiveDate) -> Self {
        let view = ConsultationView {
            consultation: x,
            comments: Vec::new(),
            answers: Vec::new(),
            meetings: Vec::new(),
            documents: Vec::new(),
        };
        Self::of(view, today)
    }
}
